"""The website's pages, one module per area; `web/urls.py` is their one table of addresses.

Views only translate: they check permission (or are marked `public`), find what the address
names through `common` (a page not found otherwise), call selectors and services, and
render. They query no model themselves and hold no rule: tests/test_architecture.py fails
on a manager, a queryset method or `get_object_or_404` in a module here.

    home          the list of plans, accessibility, health
    plans         a plan's dashboard, items, indicators, one item, one indicator, risks
    reports       choosing, making and downloading reports; reports made in the background
    imports       upload → report and preview → columns → confirm or cancel
    public        the published pages (no sign-in)
    updates       an owner's updates: what they owe, the update form
    update_round  the performance officer's round: open, review, approve, publish
    edit_plan     a plan's settings, status words, archive, next year's plan
    edit_items    items and the people in their roles
    edit_measures measures and their targets
    edit_risks    the risk register's entries
    accounts      sign in and out
    tokens        personal API tokens
"""

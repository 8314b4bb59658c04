"""The website's one table of addresses: readable and stable, because the browser tests and
people's bookmarks rely on them. Each namespace keeps the name its pages always had
(accounts:sign-in, cycle:round, web:plan-dashboard)."""

from django.urls import include, path

from councilplan.web.views import (
    accounts,
    edit_items,
    edit_measures,
    edit_plan,
    edit_risks,
    home,
    imports,
    plans,
    public,
    reports,
    tokens,
    update_round,
    updates,
)

# Signing in and out.
ACCOUNT_PAGES = [
    path("sign-in/", accounts.sign_in, name="sign-in"),
    path("sign-out/", accounts.sign_out, name="sign-out"),
    path("sign-in/provider/", accounts.SignInWithProvider.as_view(), name="oidc-sign-in"),
    path("sign-in/provider/callback/", accounts.ProviderCallback.as_view(), name="oidc-callback"),
]

# The update round: an owner's updates, the performance officer's round.
ROUND_PAGES = [
    path("my-updates/", updates.my_updates, name="my-updates"),
    path("plans/<slug:plan>/periods/", update_round.period_index, name="period-index"),
    path("plans/<slug:plan>/periods/<str:period>/round/", update_round.round_page, name="round"),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/open/",
        update_round.period_open,
        name="period-open",
    ),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/close/",
        update_round.period_close,
        name="period-close",
    ),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/publish/",
        update_round.period_publish,
        name="period-publish",
    ),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/approve/",
        update_round.updates_approve,
        name="updates-approve",
    ),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/reopen/",
        update_round.period_reopen,
        name="period-reopen",
    ),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/remind/",
        update_round.reminders_send,
        name="reminders-send",
    ),
    path(
        "plans/<slug:plan>/items/<path:key>/update/<str:period>/review/",
        update_round.update_review,
        name="update-review",
    ),
    path(
        "plans/<slug:plan>/items/<path:key>/update/<str:period>/",
        updates.update_edit,
        name="update-edit",
    ),
]

# Everything else: plans, reports, editing, importing, tokens, the published pages.
SITE_PAGES = [
    path("", home.plan_index, name="plan-index"),
    path("accessibility/", home.accessibility, name="accessibility"),
    path("health/", home.health, name="health"),
    path("plans/<slug:slug>/", plans.plan_dashboard, name="plan-dashboard"),
    path("plans/<slug:slug>/items/", plans.plan_tree, name="plan-tree"),
    path("plans/<slug:slug>/indicators/", plans.plan_indicators, name="plan-indicators"),
    path(
        "plans/<slug:slug>/indicators/<int:measure_id>/",
        plans.indicator_detail,
        name="indicator-detail",
    ),
    path(
        "plans/<slug:slug>/indicators/<int:measure_id>/targets/",
        edit_measures.measure_targets,
        name="measure-targets",
    ),
    path("plans/<slug:slug>/items/<int:item_id>/", plans.item_detail, name="item-detail"),
    path("plans/<slug:slug>/reports/", reports.report_list, name="report-list"),
    path("plans/<slug:slug>/risks/", plans.risk_register, name="risk-register"),
    path("plans/<slug:slug>/risks/new/", edit_risks.risk_create, name="risk-create"),
    path("plans/<slug:slug>/risks/<int:risk_id>/edit/", edit_risks.risk_edit, name="risk-edit"),
    path(
        "plans/<slug:slug>/risks/<int:risk_id>/archive/",
        edit_risks.risk_archive,
        name="risk-archive",
    ),
    path(
        "plans/<slug:slug>/risks/<int:risk_id>/restore/",
        edit_risks.risk_restore,
        name="risk-restore",
    ),
    path(
        "plans/<slug:slug>/reports/<str:period_key>/make/",
        reports.report_make,
        name="report-make",
    ),
    path(
        "plans/<slug:slug>/reports/<str:period_key>.<str:fmt>/prepare/",
        reports.report_prepare,
        name="report-prepare",
    ),
    path(
        "plans/<slug:slug>/reports/prepared/<int:prepared_id>/",
        reports.report_prepared,
        name="report-prepared",
    ),
    path(
        "plans/<slug:slug>/reports/<str:period_key>.<str:fmt>",
        reports.report_download,
        name="report-download",
    ),
    # Keeping the plan up to date (performance officers and administrators)
    path("plans/<slug:slug>/settings/", edit_plan.plan_settings, name="plan-settings"),
    path("plans/<slug:slug>/archived/", edit_plan.plan_archived, name="plan-archived"),
    path("plans/<slug:slug>/archive/", edit_plan.plan_archive, name="plan-archive"),
    path("plans/<slug:slug>/statuses/", edit_plan.plan_statuses, name="plan-statuses"),
    path(
        "plans/<slug:slug>/next-year/",
        edit_plan.plan_carry_forward,
        name="plan-carry-forward",
    ),
    path("plans/<slug:slug>/restore/", edit_plan.plan_restore, name="plan-restore"),
    path("plans/<slug:slug>/items/new/", edit_items.item_create, name="item-create"),
    path("plans/<slug:slug>/items/<int:item_id>/edit/", edit_items.item_edit, name="item-edit"),
    path("plans/<slug:slug>/items/<int:item_id>/move/", edit_items.item_move, name="item-move"),
    path(
        "plans/<slug:slug>/items/<int:item_id>/reorder/",
        edit_items.item_reorder,
        name="item-reorder",
    ),
    path(
        "plans/<slug:slug>/items/<int:item_id>/archive/",
        edit_items.item_archive,
        name="item-archive",
    ),
    path(
        "plans/<slug:slug>/items/<int:item_id>/restore/",
        edit_items.item_restore,
        name="item-restore",
    ),
    path("plans/<slug:slug>/items/<int:item_id>/people/", edit_items.item_roles, name="item-roles"),
    path(
        "plans/<slug:slug>/roles/<int:role_id>/remove/",
        edit_items.item_role_remove,
        name="item-role-remove",
    ),
    path(
        "plans/<slug:slug>/items/<int:item_id>/measures/new/",
        edit_measures.measure_create,
        name="measure-create",
    ),
    path(
        "plans/<slug:slug>/measures/<int:measure_id>/edit/",
        edit_measures.measure_edit,
        name="measure-edit",
    ),
    path(
        "plans/<slug:slug>/measures/<int:measure_id>/archive/",
        edit_measures.measure_archive,
        name="measure-archive",
    ),
    path(
        "plans/<slug:slug>/measures/<int:measure_id>/restore/",
        edit_measures.measure_restore,
        name="measure-restore",
    ),
    path("import/", imports.import_upload, name="import-upload"),
    path("import/<uuid:pending_id>/", imports.import_review, name="import-review"),
    path("import/<uuid:pending_id>/columns/", imports.import_columns, name="import-columns"),
    path("import/<uuid:pending_id>/confirm/", imports.import_confirm, name="import-confirm"),
    path("import/<uuid:pending_id>/cancel/", imports.import_cancel, name="import-cancel"),
    path("account/api-tokens/", tokens.api_tokens, name="api-tokens"),
    path(
        "account/api-tokens/<int:token_id>/revoke/",
        tokens.api_token_revoke,
        name="api-token-revoke",
    ),
    path("published/", public.public_plan_list, name="public-plan-list"),
    path("published/<slug:slug>/", public.public_plan, name="public-plan"),
    path("published/<slug:slug>/<str:period_key>/", public.public_plan, name="public-plan-period"),
    path(
        "published/<slug:slug>/<str:period_key>/data.<str:fmt>",
        public.public_plan_data,
        name="public-plan-data",
    ),
    path(
        "published/<slug:slug>/<str:period_key>/items/<path:key>/",
        public.public_item,
        name="public-item",
    ),
]

urlpatterns = [
    path("", include((ACCOUNT_PAGES, "accounts"))),
    path("", include((ROUND_PAGES, "cycle"))),
    path("", include((SITE_PAGES, "web"))),
]

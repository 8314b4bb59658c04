"""The pages work under their Content-Security-Policy in a real browser: the nonce'd inline
script runs, GOV.UK Frontend's modules start, and the browser reports no violation."""

import pytest
from django.urls import reverse

from councilplan.interchange.load import plan_import_document
from tests.browser.conftest import Visitor, sign_in_as
from tests.interchange.full_plan import full_plan_document
from tests.web.conftest import publish, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_keep_to_their_policy_in_the_browser(chromium, live_server):
    plan = plan_import_document(document=full_plan_document(), file="plan.json").plan
    publish(plan, "2024-Q2")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    sign_in_as(Visitor(page, live_server.url), user_with_role(plan, "performance_officer"))
    try:
        for url in [
            reverse("web:plan-index"),
            reverse("web:public-plan", args=[plan.slug]),
            reverse("web:plan-dashboard", args=[plan.slug]),
            reverse("web:plan-tree", args=[plan.slug]),
            reverse("web:import-upload"),
        ]:
            response = page.goto(live_server.url + url)
            assert response is not None
            assert response.status == 200, url
            assert "Content-Security-Policy" in {k.title() for k in response.headers}
            page.wait_for_load_state("load")
            body_class = page.evaluate("document.body.className")
            assert "js-enabled" in body_class, url  # the nonce'd inline script ran
        assert violations == []
    finally:
        context.close()

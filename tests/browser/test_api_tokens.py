"""The API tokens page in a real browser (axe-core at desktop and phone width), and a token
made there used against the API by a real HTTP client."""

import json
import urllib.request

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in_as
from tests.cycle.world import PLAN_ID, cycle_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _api_get(base_url: str, path: str, token: str) -> tuple[int, dict]:
    headers = {"Authorization": f"Bearer {token}"}
    request = urllib.request.Request(base_url + path, headers=headers)  # noqa: S310 - test server
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - test server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def test_a_reader_makes_a_token_uses_it_and_revokes_it(visitor):
    world = cycle_world()
    page = visitor.page
    sign_in_as(visitor, world.reader)
    visitor.goto(reverse("web:plan-index"))
    page.get_by_role("link", name="API tokens").click()
    visitor.audit(screenshot="api-tokens-empty")
    page.get_by_role("button", name="Make the token").click()
    visitor.audit(screenshot="api-tokens-error")
    assert "Enter what the token is for" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("What is the token for?").fill("Power BI dashboard")
    page.get_by_label("Read only").check()
    page.get_by_role("button", name="Make the token").click()
    visitor.audit(screenshot="api-tokens-made")
    secret = page.locator("#new-token").inner_text().strip()
    assert secret.startswith("cpk_")

    status, plans = _api_get(visitor.base_url, "/api/v1/plans", secret)
    assert status == 200
    assert [plan["slug"] for plan in plans] == [PLAN_ID]

    page.set_viewport_size({"width": 320, "height": 800})
    visitor.goto(reverse("web:api-tokens"), screenshot="api-tokens-phone")
    assert secret not in page.content()  # shown once only
    row = page.get_by_role("row").filter(has_text="Power BI dashboard")
    assert "Active" in row.inner_text()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, scroll_width  # the page itself never scrolls sideways
    row.get_by_role("button", name="Revoke").click()
    visitor.audit()
    assert "Revoked" in page.get_by_role("row").filter(has_text="Power BI dashboard").inner_text()
    status, problem = _api_get(visitor.base_url, "/api/v1/plans", secret)
    assert status == 401
    assert problem["status"] == 401


def test_the_api_docs_page_works_under_the_sites_content_security_policy(chromium, live_server):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if message.type == "error" else None
    )
    page.goto(live_server.url + "/api/v1/docs")
    page.get_by_text("councilplan API").first.wait_for(timeout=15_000)
    page.get_by_text("/api/v1/plans/{slug}/position").first.wait_for()
    context.close()
    assert not [text for text in refused if "Content Security Policy" in text], refused

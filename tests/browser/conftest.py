"""Browser tests: Debian's chromium driven by Playwright against Django's live server.

One browser for the whole session. Every page a test loads is checked with axe-core (WCAG 2.0,
2.1 and 2.2, A and AA) and must have no violations: `Visitor.goto`/`Visitor.audit` run it,
and the fixture fails the test if any page was loaded and not audited."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (./go test installs it as root)")
    if not AXE_SCRIPT.exists():
        pytest.fail("node_modules/axe-core is missing: run ./go setup")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _axe_run(page: Any) -> dict[str, Any]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )


class Visitor:
    """A browser tab that checks accessibility on every page it loads."""

    def __init__(self, page: Any, base_url: str, *, javascript: bool = True) -> None:
        self.page = page
        self.base_url = base_url
        self.javascript = javascript
        self._checker: Any = None
        self.loaded: list[str] = []
        self.audited: set[str] = set()
        page.on("load", lambda _page: self.loaded.append(self.page.url))

    def goto(self, path: str, *, screenshot: str = "", expect_status: int = 200) -> Any:
        response = self.page.goto(self.base_url + path)
        assert response is not None, f"{path} did not answer"
        assert response.status == expect_status, f"{path} answered {response.status}"
        self.audit(screenshot=screenshot)
        return response

    def audit(self, *, screenshot: str = "") -> None:
        """Run axe-core on the page now shown; fail on any WCAG A/AA violation."""
        self.page.wait_for_load_state("load")
        result = _axe_run(self.page if self.javascript else self._copy_with_javascript())
        violations = [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "nodes": [node["target"] for node in violation["nodes"][:5]],
            }
            for violation in result["violations"]
        ]
        assert violations == [], f"{self.page.url}: {json.dumps(violations, indent=2)}"
        self.audited.add(self.page.url)
        if screenshot:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SCREENSHOTS / f"{screenshot}.png"), full_page=True)

    def _copy_with_javascript(self) -> Any:
        """axe needs JavaScript: check a page shown without it as a copy of the same markup,
        with the same styles, in a tab that runs scripts."""
        html = self.page.content().replace("<head>", f'<head><base href="{self.page.url}">', 1)
        browser = self.page.context.browser
        if self._checker is None:
            self._checker = browser.new_context(
                viewport={"width": 1280, "height": 900}, bypass_csp=True
            )
        copy = self._checker.new_page()
        copy.set_content(html, wait_until="load")
        return copy

    def close(self) -> None:
        if self._checker is not None:
            self._checker.close()

    def unaudited(self) -> list[str]:
        return [url for url in self.loaded if url not in self.audited]


@pytest.fixture
def visitor(chromium: Any, live_server: Any) -> Iterator[Visitor]:
    # axe is injected as an inline script, which the site's Content-Security-Policy refuses;
    # test_content_security_policy.py checks the pages under the policy, without axe.
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    visitor = Visitor(context.new_page(), live_server.url)
    yield visitor
    unaudited = visitor.unaudited()
    visitor.close()
    context.close()
    assert not unaudited, f"pages loaded without an accessibility check: {unaudited}"


def sign_in_as(visitor: Visitor, user: User) -> None:
    """Give the browser a signed-in session for `user` (the sign-in form has its own test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    visitor.page.context.add_cookies(
        [{"name": "sessionid", "value": cookie.value, "url": visitor.base_url}]
    )

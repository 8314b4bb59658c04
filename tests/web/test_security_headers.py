"""Every page carries a Content-Security-Policy it satisfies; pages for signed-in people are
never cached."""

import re

import pytest
from django.urls import reverse

from councilplan.web.reports import REPORT_HTML_CSP
from tests.web.conftest import publish, signed_in

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)


def _pages(plan):
    return [
        reverse("web:plan-index"),
        reverse("web:accessibility"),
        reverse("accounts:sign-in"),
        reverse("web:public-plan-list"),
        reverse("web:public-plan", args=[plan.slug]),
        reverse("web:plan-dashboard", args=[plan.slug]),
        reverse("web:plan-tree", args=[plan.slug]),
        reverse("web:report-list", args=[plan.slug]),
        reverse("web:import-upload"),
        reverse("cycle:my-updates"),
        reverse("cycle:period-index", args=[plan.slug]),
    ]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (directive.split() for directive in header.split(";") if directive)
    }


def test_every_page_has_a_policy_that_its_markup_satisfies(client, plan, officer):
    publish(plan, "2024-Q1")
    signed_in(client, officer)
    for url in _pages(plan):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = _policy(response)
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
        nonces = [v.strip("'")[len("nonce-") :] for v in policy["script-src"] if "nonce-" in v]
        page = response.text
        for attributes in INLINE_SCRIPT.findall(page):
            assert f'nonce="{nonces[0]}"' in attributes, (url, attributes)
        assert "<style" not in page, url
        assert not re.search(r"\sstyle=", page), url
        assert not re.search(r"\son[a-z]+=", page), url


def test_the_html_report_has_its_own_policy_without_scripts(client, plan, officer):
    publish(plan, "2024-Q1")
    signed_in(client, officer)
    url = reverse("web:report-download", args=[plan.slug, "2024-Q1", "html"])
    response = client.get(url)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'none'"]
    assert "script-src" not in policy
    assert set(policy) == set(REPORT_HTML_CSP)
    assert "<script" not in response.text
    # WSGI servers refuse header names that are not plain str (a 500 under gunicorn).
    assert all(type(name) is str for name, _ in response.items())


def test_pages_for_signed_in_people_are_not_stored(client, plan, officer):
    signed_in(client, officer)
    for url in [reverse("web:plan-dashboard", args=[plan.slug]), reverse("web:plan-index")]:
        cache_control = {d.strip() for d in client.get(url)["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control


def test_public_pages_for_visitors_are_not_marked_private(client, plan):
    publish(plan, "2024-Q1")
    response = client.get(reverse("web:public-plan", args=[plan.slug]))
    assert "no-store" not in response.get("Cache-Control", "")

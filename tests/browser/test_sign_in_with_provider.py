"""Signing in with the council's identity provider, against a real OpenID Connect provider
(node-oidc-provider, started here on a loopback port) in a real browser."""

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from councilplan.accounts.models import Membership, Role
from councilplan.accounts.oidc import NO_ROLE_MESSAGE, provider_configuration
from councilplan.history.models import ChangeRecord
from tests.cycle.world import cycle_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID, CLIENT_SECRET = "councilplan", "a secret shared with the provider"
STARTUP_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def provider(live_server, settings) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        ["node", str(ROOT / "tests" / "support" / "oidc_provider.mjs")],
        env={
            **os.environ,
            "PORT": str(port),
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "REDIRECT_URI": live_server.url + reverse("accounts:oidc-callback"),
            "GROUPS_FOR": "pat.performance@example.gov.uk:performance-team|all-staff",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line.startswith("ready "), f"the OIDC provider did not start: {line!r}"
        issuer = line.split()[1]
        provider_configuration.cache_clear()
        settings.COUNCILPLAN_OIDC_ISSUER = issuer
        settings.COUNCILPLAN_OIDC_NAME = "your Testborough account"
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)
        provider_configuration.cache_clear()


def _sign_in_at_provider(visitor, email: str, issuer: str) -> None:
    page = visitor.page
    visitor.goto(reverse("accounts:sign-in"), screenshot="sign-in-with-provider")
    page.get_by_role("button", name="Sign in with your Testborough account").click()
    # node-oidc-provider's development pages: a login form, then a consent page.
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("anything")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{visitor.base_url}/**")
    visitor.audit()
    # The provider's pages are its own (a council's would be Microsoft's), not ours to check.
    visitor.audited.update(url for url in visitor.loaded if url.startswith(issuer))


def test_a_known_person_signs_in_with_the_councils_account(visitor, provider):
    world = cycle_world()
    _sign_in_at_provider(visitor, "OLIVIA@example.gov.uk", provider)  # matched whatever the case
    page = visitor.page
    assert page.get_by_role("heading", level=1).inner_text() == "Your updates"
    assert page.get_by_role("button", name="Sign out olivia").count() == 1
    assert (
        not User.objects.filter(email__iexact="olivia@example.gov.uk")
        .exclude(pk=world.owner.pk)
        .exists()
    )  # no second account


def test_someone_new_gets_an_account_without_a_role_and_is_told(visitor, provider):
    cycle_world()
    _sign_in_at_provider(visitor, "new.starter@example.gov.uk", provider)
    assert NO_ROLE_MESSAGE in visitor.page.content()
    person = User.objects.get(email="new.starter@example.gov.uk")
    assert not person.has_usable_password()
    assert not Membership.objects.filter(user=person).exists()
    made = ChangeRecord.objects.get(content_type__model="user", object_id=str(person.pk))
    assert made.changes["event"] == "account made at first sign-in"
    visitor.goto(reverse("web:plan-index"))
    assert "Testborough corporate plan" not in visitor.page.content()  # no role, no plans


def test_passwords_can_be_switched_off_when_the_provider_is_the_way_in(visitor, provider, settings):
    world = cycle_world()
    settings.COUNCILPLAN_PASSWORD_SIGN_IN = False
    visitor.goto(reverse("accounts:sign-in"))
    page = visitor.page
    assert page.get_by_label("Password").count() == 0
    from django.test import Client

    refused = Client().post(reverse("accounts:sign-in"), {"username": "olivia", "password": "x"})
    assert refused.status_code == 400
    assert "_auth_user_id" not in refused.wsgi_request.session
    assert world.owner.pk  # the person exists; only the way in is closed


def test_a_group_claim_can_give_a_role_in_the_council(visitor, provider, settings):
    world = cycle_world()
    settings.COUNCILPLAN_OIDC_ORGANISATION = world.organisation.slug
    settings.COUNCILPLAN_OIDC_ROLE_GROUPS = "performance-team=performance_officer"
    _sign_in_at_provider(visitor, "pat.performance@example.gov.uk", provider)  # in performance-team
    person = User.objects.get(email="pat.performance@example.gov.uk")
    membership = Membership.objects.get(user=person)
    assert (membership.organisation, membership.role) == (
        world.organisation,
        Role.PERFORMANCE_OFFICER,
    )

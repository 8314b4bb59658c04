from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from councilplan.accounts.models import SignInAttempt
from councilplan.accounts.services import LOCKOUT_FAILURES, LOCKOUT_WINDOW, SIGN_IN_FAILED_ERROR
from councilplan.config.settings import base
from councilplan.history.models import ChangeRecord
from councilplan.web.sign_in_form import PASSWORD_REQUIRED_ERROR, USERNAME_REQUIRED_ERROR

pytestmark = pytest.mark.django_db
PASSWORD = "a long and proper passphrase"
SIGN_IN = "/sign-in/"


@pytest.fixture
def person():
    return User.objects.create_user("percy", password=PASSWORD)


def sign_in(client, password, username="percy", address="192.0.2.10", **extra):
    return client.post(
        SIGN_IN, {"username": username, "password": password, **extra}, REMOTE_ADDR=address
    )


def test_the_right_password_signs_in_and_goes_to_the_persons_updates(client, person):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("cycle:my-updates")
    assert client.session["_auth_user_id"] == str(person.pk)
    assert SignInAttempt.objects.get().outcome == SignInAttempt.Outcome.SUCCEEDED


def test_a_wrong_password_says_so_plainly_and_is_recorded(client, person):
    response = sign_in(client, "wrong")
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert SIGN_IN_FAILED_ERROR.format(limit=5, minutes=15) in page
    assert "_auth_user_id" not in client.session
    assert SignInAttempt.objects.get().outcome == SignInAttempt.Outcome.FAILED


def test_blank_fields_are_shown_in_the_error_summary(client):
    response = client.post(SIGN_IN, {"username": "", "password": ""})
    page = response.content.decode()
    assert 'href="#id_username">' + USERNAME_REQUIRED_ERROR in page
    assert 'href="#id_password">' + PASSWORD_REQUIRED_ERROR in page


def test_repeated_failures_lock_the_user_name_from_that_address_and_are_audited(client, person):
    for _ in range(LOCKOUT_FAILURES):
        response = sign_in(client, "wrong")
    assert response.status_code == 429
    assert "locked until" in response.content.decode()
    # Even the right password is refused while locked, and the refusal is recorded.
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert SignInAttempt.objects.filter(outcome=SignInAttempt.Outcome.REFUSED).count() == 1
    event = ChangeRecord.objects.get(action="event")
    assert event.changes["event"] == "sign_in_locked"
    assert event.changes["username"] == "percy"


def test_the_lock_ends_after_the_lockout_window(client, person):
    start = timezone.now()
    with freeze_time(start):
        for _ in range(LOCKOUT_FAILURES):
            sign_in(client, "wrong")
        assert sign_in(client, PASSWORD).status_code == 429
    with freeze_time(start + LOCKOUT_WINDOW + timedelta(seconds=1)):
        assert sign_in(client, PASSWORD).status_code == 302


def test_the_lock_is_per_address_so_others_cannot_lock_a_person_out_everywhere(client, person):
    for _ in range(LOCKOUT_FAILURES):
        sign_in(client, "wrong", address="198.51.100.7")
    assert sign_in(client, PASSWORD, address="192.0.2.10").status_code == 302


def test_a_success_starts_the_count_again(client, person):
    for _ in range(LOCKOUT_FAILURES - 1):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(LOCKOUT_FAILURES - 1):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302


def test_sign_in_goes_back_to_the_page_asked_for_but_never_to_another_site(client, person):
    response = sign_in(client, PASSWORD, next="/plans/x/periods/")
    assert response["Location"] == "/plans/x/periods/"
    client.logout()
    response = sign_in(client, PASSWORD, next="https://evil.example/")
    assert response["Location"] == reverse("cycle:my-updates")


def test_sign_out_needs_a_post_and_ends_the_session(client, person):
    client.force_login(person)
    assert client.get("/sign-out/").status_code == 405
    response = client.post("/sign-out/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_page_that_needs_signing_in_sends_the_person_to_sign_in(client):
    response = client.get("/my-updates/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/my-updates/"


def test_sessions_expire_at_browser_close_and_after_eight_hours(client, person):
    response = sign_in(client, PASSWORD)
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"]
    assert not cookie["max-age"]
    assert base.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert base.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert cookie["httponly"]


def test_passwords_are_hashed_with_scrypt_outside_the_tests():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.ScryptPasswordHasher"


@pytest.mark.slow
def test_parallel_wrong_passwords_get_no_more_checks_than_the_limit(tmp_path):
    import json
    import os
    import subprocess
    import sys

    # A real SQLite file and the site's settings: the test database lives in memory.
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.accounts.sign_in_race", str(tmp_path), "30"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=True,
    )
    counts = json.loads(result.stdout)
    assert counts["errors"] == []
    assert counts["checked"] == LOCKOUT_FAILURES
    assert counts["refused"] == 30 - LOCKOUT_FAILURES

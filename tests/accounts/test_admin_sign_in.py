"""The admin signs in through /sign-in/ (and its lockout) and is for superusers only."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from councilplan.accounts.services import LOCKOUT_FAILURES

pytestmark = pytest.mark.django_db
PASSWORD = "a long and proper passphrase"
ADDRESS = "192.0.2.20"


@pytest.fixture
def superuser():
    return User.objects.create_superuser("sue", password=PASSWORD)


def test_the_admin_login_page_sends_people_to_the_sites_sign_in(client):
    response = client.get("/admin/login/?next=/admin/accounts/membership/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/admin/accounts/membership/"
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_password_posted_to_the_admin_login_is_never_checked(client, superuser):
    response = client.post("/admin/login/", {"username": "sue", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert "_auth_user_id" not in client.session


def test_the_lock_set_at_sign_in_also_keeps_people_out_of_the_admin(client, superuser):
    for _ in range(LOCKOUT_FAILURES):
        client.post(
            reverse("accounts:sign-in"), {"username": "sue", "password": "x"}, REMOTE_ADDR=ADDRESS
        )
    for url in ("/admin/login/", reverse("accounts:sign-in")):
        response = client.post(
            url, {"username": "sue", "password": PASSWORD, "next": "/admin/"}, REMOTE_ADDR=ADDRESS
        )
        assert "_auth_user_id" not in client.session
    assert response.status_code == 429


def test_a_superuser_signed_in_at_the_site_reaches_the_admin(client, superuser):
    client.post(
        reverse("accounts:sign-in"), {"username": "sue", "password": PASSWORD, "next": "/admin/"}
    )
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/admin/"


def test_staff_who_are_not_superusers_are_refused_the_admin(client):
    staff = User.objects.create_user("stan", password=PASSWORD, is_staff=True)
    client.force_login(staff)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "You cannot see this page" in response.text
    assert client.get("/admin/accounts/membership/", follow=True).status_code == 403

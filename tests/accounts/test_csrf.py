"""Every form that posts must carry Django's CSRF token, and every POST without it is refused.

Two ways: each POST policy in the permission matrix is sent without a token; and every page
the matrix lets the administrator (or the public) see is read for <form method="post">,
whose target is then sent a POST without a token.
"""

import re
from urllib.parse import urljoin

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.accounts.matrix_world import matrix_world
from tests.accounts.test_permissions_matrix import (
    POLICIES,
    _request,
    _resolve,
    form_data,
    policies_of,
)

FORM = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
POST = re.compile(r"method\s*=\s*[\"']?post", re.IGNORECASE)
ACTION = re.compile(r"action\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
TOKEN = 'name="csrfmiddlewaretoken"'


def _url(policy, name, world) -> str:
    kwargs = policy.kwargs(world) if callable(policy.kwargs) else policy.kwargs
    return reverse(name, kwargs={key: _resolve(value) for key, value in kwargs.items()})


def _client(world, role: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def _who(policy) -> str:
    """Someone the policy lets through, so the request reaches the view's CSRF check."""
    for role in ("administrator", "officer", "owner", "reader"):
        if role in policy.allowed:
            return role
    return "anonymous"


@pytest.mark.django_db
def test_every_post_action_refuses_a_request_without_its_csrf_token():
    world = matrix_world()
    checked = 0
    for name in sorted(POLICIES):
        for policy in policies_of(name):
            if policy.method != "POST" or name.startswith("api:"):  # the API's: tests/api
                continue
            savepoint = transaction.savepoint_create()
            if policy.setup is not None:
                policy.setup(world)
            response = _client(world, _who(policy)).post(
                _url(policy, name, world), form_data(policy)
            )
            transaction.savepoint_rollback(savepoint)
            assert response.status_code == 403, f"POST {name} without a CSRF token was accepted"
            assert "Your form could not be sent" in response.content.decode()
            checked += 1
    assert checked >= 8


@pytest.mark.django_db
def test_every_form_on_every_page_carries_a_token_and_its_target_refuses_a_post_without():
    world = matrix_world()
    forms_seen = 0
    for name in sorted(POLICIES):
        for policy in policies_of(name):
            if policy.method != "GET":
                continue
            role = _who(policy)
            page_savepoint = transaction.savepoint_create()
            if policy.setup is not None:
                policy.setup(world)
            page_url = _url(policy, name, world)
            page = _client(world, role).get(page_url)
            if page.status_code != 200:
                transaction.savepoint_rollback(page_savepoint)
                continue
            html = page.content.decode()
            for match in FORM.finditer(html):
                tag = match.group(0)
                if not POST.search(tag):
                    continue
                forms_seen += 1
                body = html[match.end() : html.find("</form>", match.end())]
                assert TOKEN in body, f"a POST form on {page_url} has no CSRF token"
                action = ACTION.search(tag)
                target = urljoin(page_url, action.group(1)) if action else page_url
                savepoint = transaction.savepoint_create()
                response = _client(world, role).post(target, {})
                transaction.savepoint_rollback(savepoint)
                assert response.status_code == 403, f"{target} accepted a POST without a token"
            transaction.savepoint_rollback(page_savepoint)
    assert forms_seen >= 5


@pytest.mark.django_db
def test_every_api_write_with_the_sign_in_cookie_needs_its_csrf_token():
    """A token in a header cannot be forged by another site; the cookie can, so the API's
    writes made with it need the CSRF token like a form (django-ninja's SessionAuth)."""
    world = matrix_world()
    checked = 0
    for name in sorted(POLICIES):
        for policy in policies_of(name):
            if not name.startswith("api:") or policy.method == "GET":
                continue
            savepoint = transaction.savepoint_create()
            if policy.setup is not None:
                policy.setup(world)
            response = _request(_client(world, _who(policy)), world, policy, name)
            transaction.savepoint_rollback(savepoint)
            assert response.status_code in (401, 403), f"{policy.method} {name} without CSRF"
            checked += 1
    assert checked >= 5

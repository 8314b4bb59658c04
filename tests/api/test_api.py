"""The API through real HTTP requests (Django's test client): tokens, permission, the same
numbers as the pages, writes with If-Match, problem details."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from councilplan.accounts.models import ApiToken
from councilplan.accounts.tokens import (
    TOKEN_NOT_YOURS_ERROR,
    TokenError,
    token_authenticate,
    token_create,
    token_revoke,
)
from councilplan.api.auth import READ_ONLY_TOKEN_ERROR
from councilplan.cycle import services as cycle
from councilplan.history.models import ChangeRecord
from councilplan.web.selectors import dashboard_position
from tests.api.conftest import bearer

BASE = "/api/v1"


def _get(path: str, headers: dict[str, str] | None = None):
    return Client().get(BASE + path, headers=headers or {})


def _put(path: str, body: dict, headers: dict[str, str]):
    return Client().put(BASE + path, body, content_type="application/json", headers=headers)


def test_the_openapi_description_is_3_1_and_names_every_read_and_write(db):
    description = _get("/openapi.json").json()
    assert description["openapi"].startswith("3.1")
    paths = description["paths"]
    for path in (
        "/api/v1/plans",
        "/api/v1/plans/{slug}/position",
        "/api/v1/plans/{slug}/items",
        "/api/v1/plans/{slug}/items/{key}/updates/{period}",
        "/api/v1/published/{slug}/{period}",
    ):
        assert path in paths, path
    assert "put" in paths["/api/v1/plans/{slug}/items/{key}/updates/{period}"]
    schemes = description["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} >= {"http", "apiKey"}
    docs = _get("/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()  # served from the site: nothing downloads


def test_without_a_token_the_api_answers_401_as_problem_details(world):
    response = _get(f"/plans/{world.plan.slug}")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    problem = response.json()
    assert problem["status"] == 401
    assert problem["title"]
    assert "token" in problem["detail"]


def test_a_wrong_revoked_or_expired_token_is_refused(world):
    assert _get("/plans", {"Authorization": "Bearer cpk_not-a-real-one"}).status_code == 401
    made = token_create(user=world.reader, name="Power BI")
    headers = {"Authorization": f"Bearer {made.secret}"}
    assert _get("/plans", headers).status_code == 200
    token_revoke(user=world.reader, token=made.token)
    assert _get("/plans", headers).status_code == 401
    later = token_create(
        user=world.reader, name="short", expires_on=timezone.localdate() + timedelta(days=1)
    )
    ApiToken.objects.filter(pk=later.token.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    assert token_authenticate(later.secret) is None


def test_a_token_is_kept_only_as_a_digest_and_its_making_and_revoking_are_audited(world):
    made = token_create(user=world.reader, name="Open data portal")
    stored = ApiToken.objects.get(pk=made.token.pk)
    assert made.secret not in (stored.digest, stored.prefix)
    assert made.secret.startswith(stored.prefix)
    with pytest.raises(TokenError, match=TOKEN_NOT_YOURS_ERROR):
        token_revoke(user=world.officer, token=stored)
    token_revoke(user=world.reader, token=stored)
    events = ChangeRecord.objects.filter(object_id=str(stored.pk), content_type__model="apitoken")
    assert [record.changes["event"] for record in events.order_by("at", "pk")] == [
        "API token created",
        "API token revoked",
    ]
    assert {record.actor for record in events} == {world.reader}


def test_another_councils_plan_is_not_found_for_its_officer(world):
    response = _get(f"/plans/{world.plan.slug}/items", bearer(world.outsider))
    assert response.status_code == 404  # as if it did not exist: no hint that it does
    assert response["Content-Type"] == "application/problem+json"
    listed = _get("/plans", bearer(world.outsider)).json()
    assert world.plan.slug not in [plan["slug"] for plan in listed]


def test_the_position_is_the_dashboards_own_reading(world):
    period = world.period("2024-Q1")
    body = _get(f"/plans/{world.plan.slug}/position?period=2024-Q1", bearer(world.reader)).json()
    reading = dashboard_position(plan=world.plan, period=period)
    assert body["period"] == "2024-Q1"
    assert [(c["rag"], c["count"]) for c in body["status_mix"]] == [
        (c.rag, c.count) for c in reading.status_mix
    ]
    assert body["exceptions"] == [row.key for row in reading.exceptions]


def test_items_are_paged_filtered_and_carry_their_measures(world):
    headers = bearer(world.reader)
    slug = world.plan.slug
    everything = _get(f"/plans/{slug}/items?period=2024-Q1", headers).json()
    assert everything["count"] == len(everything["items"]) >= 5
    page = _get(f"/plans/{slug}/items?period=2024-Q1&limit=2&offset=1", headers).json()
    assert [item["key"] for item in page["items"]] == [
        item["key"] for item in everything["items"][1:3]
    ]
    amber = _get(f"/plans/{slug}/items?period=2024-Q1&status=amber", headers).json()
    assert "A2" in [item["key"] for item in amber["items"]]
    assert {item["status"]["rag"] for item in amber["items"]} == {"amber"}
    assert amber["count"] < everything["count"]
    olivia = _get(f"/plans/{slug}/items?period=2024-Q1&owner=olivia", headers).json()
    assert {item["key"] for item in olivia["items"]} >= {"P1"}
    assert "B1" not in {item["key"] for item in olivia["items"]}
    # words are matched at their start: "tree" finds "trees", "ree" finds nothing
    assert [
        i["key"] for i in _get(f"/plans/{slug}/items?search=tree", headers).json()["items"]
    ] == ["B1"]
    assert _get(f"/plans/{slug}/items?search=ree", headers).json()["count"] == 0
    a1 = _get(f"/plans/{slug}/items/A1?period=2024-Q1", headers).json()
    assert a1["measures"][0]["key"] == "A1-M1"
    assert a1["measures"][0]["actual_value"] == 8


def test_an_unknown_period_is_named_with_the_plans_periods(world):
    response = _get(f"/plans/{world.plan.slug}/position?period=2030-Q9", bearer(world.reader))
    assert response.status_code == 404
    assert "2024-Q1" in response.json()["detail"]


def _open_q2(world):
    cycle.period_open(user=world.officer, period=world.period("2024-Q2"))


def test_an_owner_writes_an_update_with_if_match_and_a_stale_write_is_refused_412(world):
    _open_q2(world)
    path = f"/plans/{world.plan.slug}/items/A1/updates/2024-Q2"
    headers = bearer(world.owner, ApiToken.Scope.WRITE)
    read = _get(path, headers)
    assert read.status_code == 200
    assert read["ETag"] == '"0"'
    body = {"status": "Green", "percent_complete": 40, "commentary": "Half the benches ordered",
            "measure_values": {"A1-M1": "£3.3m"}}  # fmt: skip
    assert _put(path, body, headers).status_code == 428  # no If-Match: refused, not guessed
    saved = _put(path, body, {**headers, "If-Match": '"0"'})
    assert saved.status_code == 200, saved.json()
    assert saved["ETag"] == '"1"'
    assert saved.json()["commentary"] == "Half the benches ordered"
    assert saved.json()["measure_values"][0]["text"] == "£3.3m"

    stale = _put(
        path, {**body, "commentary": "Someone else's words"}, {**headers, "If-Match": '"0"'}
    )
    assert stale.status_code == 412
    problem = stale.json()
    assert problem["current_version"] == 1
    assert any(d["field"] == "Commentary" for d in problem["differences"])
    assert _get(path, headers).json()["commentary"] == "Half the benches ordered"


def test_red_needs_next_steps_through_the_api_too(world):
    _open_q2(world)
    path = f"/plans/{world.plan.slug}/items/A1/updates/2024-Q2"
    headers = {**bearer(world.owner, ApiToken.Scope.WRITE), "If-Match": '"0"'}
    refused = _put(path, {"status": "Red", "commentary": "Late", "submit": True}, headers)
    assert refused.status_code == 409
    assert "next steps" in refused.json()["detail"].lower()


def test_writes_need_a_write_token_and_the_right_to_update_the_item(world):
    _open_q2(world)
    path = f"/plans/{world.plan.slug}/items/A1/updates/2024-Q2"
    body = {"status": "Green"}
    read_only = _put(path, body, {**bearer(world.owner), "If-Match": '"0"'})
    assert read_only.status_code == 403
    assert read_only.json()["detail"] == READ_ONLY_TOKEN_ERROR
    not_theirs = _put(path, body, {**bearer(world.other_owner, "write"), "If-Match": '"0"'})
    assert not_theirs.status_code == 403
    misspelt = _put(path, {"comentary": "x"}, {**bearer(world.owner, "write"), "If-Match": '"0"'})
    assert misspelt.status_code == 422
    assert "comentary" in misspelt.json()["detail"]
    unknown = _put(path, {"status": "Purple"}, {**bearer(world.owner, "write"), "If-Match": '"0"'})
    assert unknown.status_code == 422
    assert "Green" in unknown.json()["detail"]


def test_the_sign_in_cookie_reads_and_its_writes_need_the_csrf_token(world):
    _open_q2(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    assert client.get(f"{BASE}/plans/{world.plan.slug}").status_code == 200
    refused = client.put(
        f"{BASE}/plans/{world.plan.slug}/items/A1/updates/2024-Q2",
        {"status": "Green"},
        content_type="application/json",
        headers={"If-Match": '"0"'},
    )
    assert refused.status_code in (401, 403)


def test_published_periods_need_no_token_and_stay_as_published(world):
    q1 = world.period("2024-Q1")
    cycle.period_open(user=world.officer, period=q1)
    cycle.period_publish(user=world.officer, period=q1)
    listed = _get("/published").json()
    assert {"slug": world.plan.slug, "periods": ["2024-Q1"]}.items() <= listed[0].items()
    content = _get(f"/published/{world.plan.slug}/2024-Q1").json()
    assert "A2" not in str(content)  # a private item is never published
    assert _get(f"/published/{world.plan.slug}/2024-Q2").status_code == 404

"""Measures through the API: the same lines as the command line, a figure written with
If-Match, a batch all or nothing with every refusal's place."""

from django.test import Client

from councilplan.accounts.models import ApiToken
from councilplan.api.auth import READ_ONLY_TOKEN_ERROR
from councilplan.cycle import services as cycle
from councilplan.plans.models import MeasureValue
from councilplan.reports.measures import measure_list
from tests.api.conftest import bearer

BASE = "/api/v1/plans/cycle-plan"


def _put(path: str, body: dict, headers: dict[str, str]):
    return Client().put(BASE + path, body, content_type="application/json", headers=headers)


def _post(path: str, body: dict, headers: dict[str, str]):
    return Client().post(BASE + path, body, content_type="application/json", headers=headers)


def test_the_measures_list_is_the_command_lines_list(world):
    response = Client().get(BASE + "/measures?period=2024-Q1", headers=bearer(world.reader))
    assert response.status_code == 200
    expected = [
        line.as_json() for line in measure_list(plan=world.plan, period=world.period("2024-Q1"))
    ]
    assert response.json()["items"] == expected
    assert response.json()["count"] == len(expected) == 1
    red = Client().get(BASE + "/measures?period=2024-Q1&status=green", headers=bearer(world.reader))
    assert red.json()["count"] == (1 if expected[0]["status"] == "green" else 0)


def test_a_figure_is_written_with_the_version_read_and_a_stale_one_is_refused(world):
    cycle.period_open(user=world.officer, period=world.period("2024-Q2"))
    headers = bearer(world.owner, ApiToken.Scope.WRITE)
    read = Client().get(BASE + "/measures/A1-M1/values/2024-Q2", headers=headers)
    assert (read.status_code, read["ETag"], read.json()["version"]) == (200, '"0"', 0)
    written = _put(
        "/measures/A1-M1/values/2024-Q2", {"text": "15 benches"}, headers | {"If-Match": '"0"'}
    )
    assert written.status_code == 200, written.content
    assert (written.json()["value"], written["ETag"]) == ("15.0000", '"1"')
    stale = _put("/measures/A1-M1/values/2024-Q2", {"text": "16"}, headers | {"If-Match": '"0"'})
    assert stale.status_code == 412
    assert stale.json()["errors"][0]["where"] == "the request.version"
    assert (
        MeasureValue.objects.get(measure__key="A1-M1", period__key="2024-Q2").text == "15 benches"
    )
    missing = _put("/measures/A1-M1/values/2024-Q2", {"text": "16"}, headers)
    assert missing.status_code == 428


def test_a_read_only_token_and_another_council_write_nothing(world):
    cycle.period_open(user=world.officer, period=world.period("2024-Q2"))
    body = {"figures": [{"measure": "A1-M1", "period": "2024-Q2", "text": "3"}]}
    read_only = _post("/figures", body, bearer(world.officer))
    assert (read_only.status_code, read_only.json()["detail"]) == (403, READ_ONLY_TOKEN_ERROR)
    outsider = _post("/figures", body, bearer(world.outsider, ApiToken.Scope.WRITE))
    assert outsider.status_code == 404
    assert not MeasureValue.objects.filter(period__key="2024-Q2").exists()


def test_a_batch_is_all_or_nothing_and_names_each_refusal(world):
    headers = bearer(world.officer, ApiToken.Scope.WRITE)
    refused = _post(
        "/figures",
        {
            "figures": [
                {"measure": "A1-M1", "period": "2024-Q2", "text": "TBC"},
                {"measure": "nope", "period": "2024-Q2", "text": "4"},
            ]
        },
        headers,
    )
    assert refused.status_code == 422
    assert refused["Content-Type"] == "application/problem+json"
    assert [e["where"] for e in refused.json()["errors"]] == ["figures[1].measure"]
    assert not MeasureValue.objects.filter(period__key="2024-Q2").exists()
    unknown_field = _post(
        "/figures", {"figures": [{"measure": "A1-M1", "period": "2024-Q2", "txt": "4"}]}, headers
    )
    assert unknown_field.status_code == 422
    recorded = _post(
        "/figures", {"figures": [{"measure": "A1-M1", "period": "2024-Q2", "text": "TBC"}]}, headers
    )
    assert recorded.json() == {
        "recorded": 1,
        "unchanged": 0,
        "warnings": ["figures[0]: “TBC” is not a number; it is kept as written, not read as 0"],
    }

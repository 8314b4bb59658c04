"""The health endpoint and the JSON log lines."""

import json
import logging

from django.db import connection
from django.test import Client
from django.urls import reverse

from councilplan.operations.logs import JsonLineFormatter


def test_health_says_ok_when_the_database_answers(db):
    response = Client().get(reverse("web:health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_says_503_when_the_database_does_not(db, monkeypatch):
    def unreachable(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patched:  # undone before the test's own teardown
        patched.setattr(connection, "cursor", unreachable)
        response = Client().get(reverse("web:health"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_a_log_line_is_one_json_object_with_the_request(rf):
    request = rf.get("/plans/x/")
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/plans/x/",), None
    )
    record.request = request
    record.status_code = 404
    line = json.loads(JsonLineFormatter().format(record))
    assert line["message"] == "Not Found: /plans/x/"
    assert (line["level"], line["method"], line["path"], line["status_code"]) == (
        "warning",
        "GET",
        "/plans/x/",
        404,
    )
    assert line["time"].endswith("+00:00")

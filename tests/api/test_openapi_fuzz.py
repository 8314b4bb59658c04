"""Schemathesis against the live API (in-process WSGI): for every operation the description
names, generated requests — valid and not — never make the server fail, and every success
matches the description. Bounded: a handful of examples an operation."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from councilplan.accounts.models import ApiToken
from councilplan.accounts.tokens import token_create
from councilplan.cycle import services as cycle
from tests.cycle.world import cycle_world

EXAMPLES_PER_OPERATION = 15


@pytest.fixture
def officer_token(transactional_db) -> str:
    # Committed, not in a test transaction: the WSGI handler closes the database connection
    # after each request, as a server does, which would end a test transaction on PostgreSQL.
    world = cycle_world()
    cycle.period_open(user=world.officer, period=world.period("2024-Q2"))
    return token_create(user=world.officer, name="fuzz", scope=ApiToken.Scope.WRITE).secret


def _server_did_not_fail(ctx, response, case) -> None:  # noqa: ANN001 - schemathesis' check
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text}"


@pytest.mark.slow
def test_the_api_never_fails_and_says_what_it_describes(officer_token):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {officer_token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def operation_holds(case) -> None:  # noqa: ANN001
            response = case.call(headers=headers)
            case.validate_response(
                response, checks=[_server_did_not_fail, response_schema_conformance]
            )

        operation_holds()

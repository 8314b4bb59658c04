"""Shared fixtures for the website's tests: a plan with updates in two periods, and a user
for each role in its organisation."""

from typing import Any

import pytest
from django.contrib.auth.models import User

from councilplan.accounts.models import Membership, Role
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Plan, ReportingPeriod
from tests.interchange.full_plan import full_plan_document


@pytest.fixture
def plan(db) -> Plan:
    """The every-field plan with nothing published yet: Q1 (2024-Q1) closed, Q2 open."""
    plan = plan_import_document(document=full_plan_document(), file="plan.json").plan
    plan.periods.filter(state=ReportingPeriod.State.PUBLISHED).update(
        state=ReportingPeriod.State.CLOSED, published_on=None
    )
    return plan


def user_with_role(plan: Plan, role: str, name: str = "") -> User:
    user = User.objects.create_user(name or role.replace("_", "."), password="not-a-real-pass-1")
    Membership.objects.create(user=user, organisation=plan.organisation, role=role)
    return user


@pytest.fixture
def reader(plan: Plan) -> User:
    return user_with_role(plan, Role.READER)


@pytest.fixture
def officer(plan: Plan) -> User:
    return user_with_role(plan, Role.PERFORMANCE_OFFICER)


@pytest.fixture
def outsider(db) -> User:
    """Signed in, but with no role in the plan's organisation."""
    return User.objects.create_user("outsider", password="not-a-real-pass-1")


def publish(plan: Plan, key: str) -> ReportingPeriod:
    """Publish a period the way the performance officer does: it writes the public snapshot."""
    from councilplan.cycle.services import period_publish

    period = plan.periods.get(key=key)
    if period.state == ReportingPeriod.State.PLANNED:
        period.state = ReportingPeriod.State.CLOSED
        period.save()
    publisher = User.objects.filter(username="publisher").first() or User.objects.create_user(
        "publisher", is_superuser=True
    )
    period_publish(user=publisher, period=period)
    period.refresh_from_db()
    return period


def signed_in(client: Any, user: User) -> Any:
    client.force_login(user)
    return client

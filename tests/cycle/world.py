"""A small plan with a person for every role: the world the cycle's tests run in.

Olivia Owner leads priority P1, so she may update P1 and the actions below it (A1, A2);
Oscar Other leads P2 and its action B1. Q1 was imported with approved updates; Q2 is planned.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from councilplan.accounts.models import Membership, Role
from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import Organisation, Party, Plan, PlanItem, ReportingPeriod

PASSWORD = "correct horse battery staple"
PLAN_ID = "cycle-plan"


def cycle_document() -> dict[str, Any]:
    return {
        "format": "councilplan-open-plan",
        "version": 1,
        "organisation": {"name": "Testborough Council", "kind": "district"},
        "plan": {
            "id": PLAN_ID,
            "title": "Testborough corporate plan 2024/25",
            "starts_on": "2024-04-01",
            "ends_on": "2025-03-31",
            "levels": ["Priority", "Action"],
            "current_period": "2024-Q1",
        },
        "periods": [{"id": "2024-Q1"}, {"id": "2024-Q2"}, {"id": "2024-Q3"}],
        "parties": [
            {"name": "Olivia Owner", "kind": "person", "email": "olivia@example.gov.uk"},
            {"name": "Oscar Other", "kind": "person", "email": ""},
            {"name": "Councillor Cole", "kind": "person", "email": "cole@example.gov.uk"},
        ],
        "items": [
            {
                "id": "P1",
                "ref": "1",
                "parent": None,
                "title": "Thriving neighbourhoods",
                "roles": {
                    "lead_officer": ["Olivia Owner"],
                    "portfolio_holder": ["Councillor Cole"],
                },
            },
            {
                "id": "A1",
                "ref": "1.1",
                "parent": "P1",
                "title": "Renew street furniture",
                "status": "green",
                "progress": 20,
                "commentary": "Survey done",
                "measures": [
                    {
                        "id": "A1-M1",
                        "name": "Benches replaced",
                        "unit": "count",
                        "target": {"text": "40 a year", "value": 40, "comparator": ">="},
                        "actual": {"text": "8", "value": 8, "comparator": ""},
                    }
                ],
            },
            {
                "id": "A2",
                "ref": "1.2",
                "parent": "P1",
                "title": "Confidential estate renewal talks",
                "is_public": False,
                "status": "amber",
                "progress": 5,
                "commentary": "Talks with the landowner",
            },
            {
                "id": "P2",
                "ref": "2",
                "parent": None,
                "title": "Clean green spaces",
                "roles": {"lead_officer": ["Oscar Other"]},
            },
            {
                "id": "B1",
                "ref": "2.1",
                "parent": "P2",
                "title": "Plant 500 trees",
                "status": "not-started",
                "progress": 0,
            },
        ],
    }


@dataclass
class World:
    plan: Plan
    organisation: Organisation
    administrator: User
    officer: User
    owner: User
    other_owner: User
    reader: User
    outsider: User  # a performance officer of another council

    def item(self, key: str) -> PlanItem:
        return self.plan.items.get(key=key)

    def period(self, key: str) -> ReportingPeriod:
        return self.plan.periods.get(key=key)


def _user(username: str, organisation: Organisation, role: str, **extra: Any) -> User:
    user = User.objects.create_user(username, password=PASSWORD, **extra)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def cycle_world() -> World:
    plan = plan_import_document(document=cycle_document()).plan
    organisation = plan.organisation
    owner = _user("olivia", organisation, Role.OWNER, email="olivia@example.gov.uk")
    other_owner = _user("oscar", organisation, Role.OWNER, email="oscar@example.gov.uk")
    Party.objects.filter(name="Olivia Owner").update(user=owner)
    Party.objects.filter(name="Oscar Other").update(user=other_owner)
    elsewhere = Organisation.objects.create(name="Elsewhere Council", slug="elsewhere")
    return World(
        plan=plan,
        organisation=organisation,
        administrator=_user("ada", organisation, Role.ADMINISTRATOR),
        officer=_user("percy", organisation, Role.PERFORMANCE_OFFICER, first_name="Percy"),
        owner=owner,
        other_owner=other_owner,
        reader=_user("rita", organisation, Role.READER),
        outsider=_user("olaf", elsewhere, Role.PERFORMANCE_OFFICER),
    )

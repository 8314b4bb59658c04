"""No one can replace (and so delete) another council's plan: not through the import pages,
whatever their role, and not on the command line.

The hole this closes: an officer uploaded a document naming their own council but carrying
another council's plan id, confirmed "Replace the existing plan", and the loader deleted the
other council's plan.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from councilplan.cli.main import main
from councilplan.domain.problems import PlanInputError
from councilplan.interchange.load import OTHER_COUNCILS_PLAN_ERROR, plan_import_document
from councilplan.interchange.models import PendingImport
from councilplan.plans.models import Plan
from tests.accounts.test_permissions_matrix import ROLES
from tests.cycle.world import PLAN_ID, World, cycle_document, cycle_world

pytestmark = pytest.mark.django_db

ELSEWHERE_PLAN = "elsewhere-plan"


def _document(*, organisation: str, plan_id: str) -> dict:
    document = cycle_document()
    document["organisation"] = {"name": organisation}
    document["plan"]["id"] = plan_id
    document["plan"]["title"] = f"A plan of {organisation}"
    return document


@pytest.fixture
def world() -> World:
    world = cycle_world()
    plan_import_document(
        document=_document(organisation="Elsewhere Council", plan_id=ELSEWHERE_PLAN)
    )
    return world


def _user_of(world: World, role: str):
    if role == "anonymous":
        return None
    if role == "other_owner":
        return world.other_owner
    return getattr(world, role)


def _fingerprint(slug: str) -> tuple:
    plan = Plan.objects.get(slug=slug)
    return (plan.pk, plan.organisation.name, plan.archived_on, plan.items.count())


@pytest.mark.parametrize("role", ROLES)
def test_no_role_can_replace_another_councils_plan_through_the_import_pages(world, role):
    user = _user_of(world, role)
    client = Client()
    if user is not None:
        client.force_login(user)
    # Each user's own council names the document; the id is the other council's plan.
    own, target = (
        ("Elsewhere Council", PLAN_ID)
        if role == "outsider"
        else (
            world.organisation.name,
            ELSEWHERE_PLAN,
        )
    )
    before = _fingerprint(target)
    data = json.dumps(_document(organisation=own, plan_id=target)).encode()
    client.post(reverse("web:import-upload"), {"document": SimpleUploadedFile("plan.json", data)})
    for pending in PendingImport.objects.all():
        response = client.post(reverse("web:import-confirm", args=[pending.pk]), {"replace": "yes"})
        assert response.status_code in {400, 403, 404}
    assert _fingerprint(target) == before


def test_the_import_page_does_not_offer_to_replace_another_councils_plan(world):
    client = Client()
    client.force_login(world.officer)
    data = json.dumps(_document(organisation=world.organisation.name, plan_id=ELSEWHERE_PLAN))
    upload = client.post(
        reverse("web:import-upload"),
        {"document": SimpleUploadedFile("plan.json", data.encode())},
    )
    review = client.get(upload["Location"])
    assert "Replace the existing plan" not in review.text
    assert "used by another council" in review.text
    # Confirming without replace imports it under an id of its own, beside the other plan.
    pending = PendingImport.objects.get()
    confirmed = client.post(reverse("web:import-confirm", args=[pending.pk]))
    assert confirmed.status_code == 302
    own = Plan.objects.exclude(slug__in=[PLAN_ID, ELSEWHERE_PLAN]).get()
    assert own.organisation == world.organisation
    assert Plan.objects.get(slug=ELSEWHERE_PLAN).organisation.name == "Elsewhere Council"


def test_the_loader_refuses_to_replace_another_councils_plan(world):
    before = _fingerprint(ELSEWHERE_PLAN)
    document = _document(organisation=world.organisation.name, plan_id=ELSEWHERE_PLAN)
    with pytest.raises(PlanInputError) as raised:
        plan_import_document(document=document, replace=True)
    assert raised.value.problems[0].message == OTHER_COUNCILS_PLAN_ERROR.format(
        id=ELSEWHERE_PLAN, owner="Elsewhere Council", organisation=world.organisation.name
    )
    assert _fingerprint(ELSEWHERE_PLAN) == before


def test_the_command_line_refuses_to_replace_another_councils_plan(world, tmp_path, capsys):
    before = _fingerprint(ELSEWHERE_PLAN)
    path = tmp_path / "plan.json"
    path.write_text(
        json.dumps(_document(organisation=world.organisation.name, plan_id=ELSEWHERE_PLAN))
    )
    assert main(["import", str(path), "--replace"]) == 1
    assert "belongs to another council's plan" in capsys.readouterr().err
    assert _fingerprint(ELSEWHERE_PLAN) == before


def test_a_replaced_plan_with_a_published_period_is_updated_in_place_never_dropped(world):
    from councilplan.accounts.permissions import SYSTEM_USER
    from councilplan.cycle import services

    period = services.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    services.period_publish(user=SYSTEM_USER, period=period)
    old = Plan.objects.get(slug=PLAN_ID)
    items = old.items.count()
    result = plan_import_document(document=cycle_document(), replace=True)
    old.refresh_from_db()
    assert result.plan.pk == old.pk
    assert old.slug == PLAN_ID
    assert old.archived_on is None
    assert old.items.count() == items
    assert old.snapshots.exists()
    assert result.comparison.differences == []  # the same document: nothing to change

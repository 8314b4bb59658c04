import pytest
from django.contrib.auth import authenticate

from councilplan.accounts.models import Membership, Role
from councilplan.accounts.permissions import Action, permission_has
from councilplan.accounts.services import PERSON_NOT_FOUND_ERROR, person_give_access
from councilplan.plans.models import Party
from tests.cycle.world import cycle_world

pytestmark = pytest.mark.django_db


def test_giving_an_owner_access_links_them_to_their_name_in_the_plans():
    world = cycle_world()
    user = person_give_access(
        username="oscar.new",
        organisation=world.organisation,
        role=Role.OWNER,
        email="oscar.new@example.gov.uk",
        password="a long enough passphrase",
        party_name="Oscar Other",
    )
    assert authenticate(username="oscar.new", password="a long enough passphrase") == user
    assert Party.objects.get(name="Oscar Other").user == user
    assert permission_has(user, Action.UPDATE_ITEM, plan=world.plan, item=world.item("B1"))
    assert not permission_has(user, Action.UPDATE_ITEM, plan=world.plan, item=world.item("A1"))


def test_a_new_role_replaces_the_old_one_in_that_organisation():
    world = cycle_world()
    person_give_access(username="rita", organisation=world.organisation, role=Role.ADMINISTRATOR)
    assert Membership.objects.get(user=world.reader).role == Role.ADMINISTRATOR


def test_an_unknown_person_is_named_in_the_error_and_nothing_changes():
    world = cycle_world()
    with pytest.raises(LookupError) as raised:
        person_give_access(
            username="nobody",
            organisation=world.organisation,
            role=Role.OWNER,
            party_name="Nobody Here",
        )
    assert str(raised.value) == PERSON_NOT_FOUND_ERROR.format(
        name="Nobody Here", organisation="Testborough Council"
    )
    assert not Membership.objects.filter(user__username="nobody").exists()

from councilplan.editing.selectors import party_of
from councilplan.plans.models import Organisation, Party
from tests.cycle.world import World


def test_a_person_is_found_only_among_the_plans_council(world: World) -> None:
    own = Party.objects.get(name="Olivia Owner")
    elsewhere = Organisation.objects.get(slug="elsewhere")
    stranger = Party.objects.create(organisation=elsewhere, name="Sam Stranger")
    assert party_of(plan=world.plan, party_id=str(own.pk)) == own
    assert party_of(plan=world.plan, party_id=str(stranger.pk)) is None
    assert party_of(plan=world.plan, party_id="not a number") is None

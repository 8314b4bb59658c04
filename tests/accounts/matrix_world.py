"""The world the permission matrix runs in: the cycle's test plan part-way through a round.

Q1 is published, Q2 is open with Olivia's update for A1 submitted, Q3 is planned.
"""

from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services
from councilplan.cycle.services import UpdateDraft
from tests.cycle.world import PLAN_ID, World, cycle_world

# Strings a policy's URL arguments may use; the web helper adds its own as it needs them.
PLACEHOLDERS = {
    "{plan}": PLAN_ID,
    "{published_period}": "2024-Q1",
    "{open_period}": "2024-Q2",
    "{planned_period}": "2024-Q3",
    "{owned_item}": "A1",  # led (through P1) by the "owner" role; other_owner leads P2
    "{private_item}": "A2",  # is_public False
    "{other_item}": "B1",
}


def matrix_world() -> World:
    world = cycle_world()
    q1 = services.period_open(user=SYSTEM_USER, period=world.period("2024-Q1"))
    services.period_publish(user=SYSTEM_USER, period=q1)
    q2 = services.period_open(user=SYSTEM_USER, period=world.period("2024-Q2"))
    update = services.update_save(
        user=world.owner,
        item=world.item("A1"),
        period=q2,
        based_on_version=0,
        draft=UpdateDraft(
            status=world.plan.status_scheme.statuses.get(code="green"), commentary="On track"
        ),
    )
    services.update_submit(user=world.owner, update=update)
    return world

import pytest

from tests.cycle.world import World, cycle_world


@pytest.fixture
def world(db) -> World:
    return cycle_world()

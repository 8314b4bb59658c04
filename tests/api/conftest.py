import pytest

from councilplan.accounts.models import ApiToken
from councilplan.accounts.tokens import token_create
from tests.cycle.world import World, cycle_world


@pytest.fixture
def world(db) -> World:
    return cycle_world()


def bearer(user, scope: str = ApiToken.Scope.READ) -> dict[str, str]:
    """Headers for a request with a new token of `user`'s."""
    secret = token_create(user=user, name="test", scope=scope).secret
    return {"Authorization": f"Bearer {secret}"}

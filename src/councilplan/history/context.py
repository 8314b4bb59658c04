"""Who is acting right now, so every change record can say who made it.

Web requests set it from the signed-in user (ActingUserMiddleware); the CLI and
services set it with `acting_as`. It is a context variable, so threads and
async tasks never see each other's actor.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    user: Any = None  # a django.contrib.auth user, or None for the system
    name: str = "system"
    reason: str = ""


SYSTEM = Actor()
_current: ContextVar[Actor] = ContextVar("councilplan_actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


@contextmanager
def acting_as(user: Any = None, *, name: str = "", reason: str = "") -> Iterator[Actor]:
    """Attribute every change made inside the block to `user` (or to `name`)."""
    label = name or (user.get_username() if user is not None else "system")
    actor = Actor(user=user, name=label, reason=reason)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


@contextmanager
def acting_for(user: Any, *, reason: str = "") -> Iterator[None]:
    """Attribute the changes a service makes to `user`, unless the system acts (a user with
    no primary key, such as SYSTEM_USER) or the request already names them and no reason
    is to be added."""
    actor = current_actor()
    if getattr(user, "pk", None) is None or (actor.user is user and not reason):
        yield
        return
    with acting_as(user, reason=reason):
        yield

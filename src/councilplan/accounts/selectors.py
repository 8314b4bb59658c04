"""Reads about people: what to call them. Pages, e-mails and history name people as their
colleagues know them, never by their user names where a name is known."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model

from councilplan.plans.models import Party


def people_names(*, user_ids: Iterable[int]) -> dict[int, str]:
    """Each user's name as people know them: their full name, else the name in the plans
    (a Party linked to the user). Users with neither are left out: the caller falls back
    to the user name it has."""
    ids = {user_id for user_id in user_ids if user_id}
    names: dict[int, str] = {}
    for party_user, party_name in (
        Party.objects.filter(user_id__in=ids).order_by("pk").values_list("user_id", "name")
    ):
        names.setdefault(party_user, party_name)
    for user in get_user_model().objects.filter(pk__in=ids):
        if full := user.get_full_name().strip():
            names[user.pk] = full
    return names


def person_name(user: Any) -> str:
    """One user's name as people know them, else their user name."""
    if user is None or getattr(user, "pk", None) is None:
        return "the system"
    return people_names(user_ids=[user.pk]).get(user.pk) or user.get_username()


def user_has_a_role(*, user: Any) -> bool:
    """Whether the person holds a role in any council (one who signed in through the
    identity provider may have none yet)."""
    return user.memberships.filter(disabled_on=None).exists()

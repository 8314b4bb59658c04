"""A plan's status words: what owners choose from, each with its colour and meaning.

Schemes may be shared (the standard RAG scheme, or one council's scheme used by several of
its plans). Changing the words of one plan must not change another's, so the first change
gives the plan a scheme of its own, copied from the shared one, and moves the plan's
updates onto the copies of the words they used. A word is never deleted, because updates
name it: it is withdrawn (no longer offered) and can be offered again.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from councilplan.accounts.permissions import Action, permission_check
from councilplan.domain.engine import Rag
from councilplan.editing.errors import EditError
from councilplan.history.context import acting_for
from councilplan.plans.models import Plan, ProgressUpdate, Status, StatusScheme
from councilplan.plans.text_keys import key_unique

STATUS_LABEL_REQUIRED_ERROR = "Enter the word for status {number}, or withdraw it"
STATUS_LABEL_REPEATED_ERROR = "‘{label}’ is used twice: each status needs its own word"
STATUS_RAG_INVALID_ERROR = "Choose the colour of ‘{label}’"
STATUS_NONE_OFFERED_ERROR = "Keep at least one status word that owners can choose"
STATUS_BOTH_MEANINGS_ERROR = "‘{label}’ cannot mean both complete and not yet active"


@dataclass
class StatusWord:
    """One row of the status words page: an existing status (`status_id`) or a new one."""

    label: str
    rag: str
    is_complete: bool = False
    is_inactive: bool = False
    offered: bool = True
    status_id: int | None = None

    @classmethod
    def of(cls, status: Status) -> "StatusWord":
        return cls(
            label=status.label,
            rag=status.rag,
            is_complete=status.is_complete,
            is_inactive=status.is_inactive,
            offered=status.disabled_on is None,
            status_id=status.pk,
        )


def status_words_of(plan: Plan) -> list[StatusWord]:
    return [StatusWord.of(status) for status in plan.status_scheme.statuses.order_by("position")]


def status_words_change(*, user: Any, plan: Plan, words: list[StatusWord]) -> None:
    """Save the plan's status words in the order given (blank new rows are ignored)."""
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    words = [w for w in words if w.status_id is not None or w.label.strip()]
    _validate(words)
    with acting_for(user), transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
        copies = _scheme_of_its_own(locked)
        now = timezone.now()
        taken = set(locked.status_scheme.statuses.values_list("code", flat=True))
        for position, word in enumerate(words):
            status = (
                Status.objects.get(pk=copies.get(word.status_id, word.status_id))
                if word.status_id is not None
                else Status(scheme=locked.status_scheme, code=key_unique(word.label, taken=taken))
            )
            if status.scheme_id != locked.status_scheme_id:
                raise EditError(STATUS_RAG_INVALID_ERROR.format(label=word.label))
            taken.add(status.code)
            status.label = word.label.strip()
            status.rag = word.rag
            status.is_complete = word.is_complete
            status.is_inactive = word.is_inactive
            status.position = position
            if word.offered:
                status.disabled_on = None
            elif status.disabled_on is None:
                status.disabled_on = now
            status.full_clean()
            status.save()
    plan.refresh_from_db()


def _validate(words: list[StatusWord]) -> None:
    seen: set[str] = set()
    for number, word in enumerate(words, start=1):
        label = word.label.strip()
        if not label:
            raise EditError(STATUS_LABEL_REQUIRED_ERROR.format(number=number), field="label")
        if label.lower() in seen:
            raise EditError(STATUS_LABEL_REPEATED_ERROR.format(label=label), field="label")
        seen.add(label.lower())
        if word.rag not in {rag.value for rag in Rag}:
            raise EditError(STATUS_RAG_INVALID_ERROR.format(label=label), field="rag")
        if word.is_complete and word.is_inactive:
            raise EditError(STATUS_BOTH_MEANINGS_ERROR.format(label=label), field="is_complete")
    if not any(word.offered for word in words):
        raise EditError(STATUS_NONE_OFFERED_ERROR, field="offered")


def _scheme_of_its_own(plan: Plan) -> dict[int, int]:
    """Give the plan its own copy of a shared scheme; returns {old status id: copy's id}
    (empty when the scheme was already the plan's alone)."""
    scheme = plan.status_scheme
    shared = scheme.organisation_id is None or scheme.plans.exclude(pk=plan.pk).exists()
    if not shared:
        return {}
    copy = StatusScheme(
        name=_scheme_name(plan),
        organisation=plan.organisation,
    )
    copy.full_clean()
    copy.save()
    copies: dict[int, int] = {}
    for status in scheme.statuses.order_by("position"):
        old_id = status.pk
        status.pk = None
        status.id = None
        status._state.adding = True
        status.scheme = copy
        status.save()
        copies[old_id] = status.pk
    plan.status_scheme = copy
    plan.save()
    # The same word in the plan's own copy: moved without a history line, as nothing an
    # owner wrote has changed.
    updates = ProgressUpdate.objects.filter(item__plan=plan)
    for old_id, copy_id in copies.items():
        updates.filter(status_id=old_id).update(status_id=copy_id)
        updates.filter(forecast_status_id=old_id).update(forecast_status_id=copy_id)
    return copies


def _scheme_name(plan: Plan) -> str:
    base = f"{plan.title[:80]} statuses"
    name, number = base, 2
    while StatusScheme.objects.filter(organisation=plan.organisation, name=name).exists():
        name, number = f"{base} ({number})", number + 1
    return name

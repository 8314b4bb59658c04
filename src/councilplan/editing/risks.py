"""A plan's risk register, kept in the browser: risks added, changed and archived.

Likelihood and impact are scored 1 to 5, as councils' registers score them; the RAG is what
the register says, never worked out here. Linked items are named by their printed reference
or identifier, the way officers write them ("1.1, 2.3").
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from councilplan.accounts.permissions import Action, permission_check
from councilplan.domain.wording import cut_at_word
from councilplan.editing.errors import (
    ALREADY_ARCHIVED_ERROR,
    NOT_ARCHIVED_ERROR,
    EditError,
)
from councilplan.editing.services import reason_required, stale_refusal
from councilplan.history.context import acting_for
from councilplan.plans.models import Plan, PlanItem, Risk, RiskMitigation
from councilplan.plans.services import plan_revision_bump
from councilplan.plans.text_keys import key_unique

RISK_DESCRIPTION_REQUIRED_ERROR = "Enter a description of the risk"
RISK_SCORE_RANGE_ERROR = "The {name} must be a whole number from 1 to 5, or left blank"
RISK_ITEM_UNKNOWN_ERROR = "The plan has no item with the reference {ref}"
RISK_ITEM_AMBIGUOUS_ERROR = (
    "More than one item has the reference {ref}: use its identifier ({keys}) instead"
)
RISK_SCORE_MAX = 5


@dataclass
class RiskFields:
    description: str
    cause: str = ""
    consequence: str = ""
    owner: str = ""
    likelihood: int | None = None
    impact: int | None = None
    rag: str = ""
    mitigations: list[str] = field(default_factory=list)
    item_refs: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, risk: Risk) -> "RiskFields":
        return cls(
            description=risk.description,
            cause=risk.cause,
            consequence=risk.consequence,
            owner=risk.owner,
            likelihood=risk.likelihood,
            impact=risk.impact,
            rag=risk.rag,
            mitigations=list(risk.mitigations.order_by("position").values_list("text", flat=True)),
            item_refs=[item.ref or item.key for item in risk.items.order_by("position")],
        )


def risk_create(*, user: Any, plan: Plan, values: RiskFields) -> Risk:
    permission_check(user, Action.EDIT_PLAN, plan=plan)
    items = _validated(plan, values)
    with acting_for(user), transaction.atomic():
        taken = set(Risk.objects.filter(plan=plan).values_list("key", flat=True))
        last = Risk.objects.filter(plan=plan).aggregate(Max("position"))["position__max"]
        risk = Risk(
            plan=plan,
            key=key_unique(f"R {values.description[:40]}", taken=taken),
            position=0 if last is None else last + 1,
        )
        _apply(risk, values, items)
    return risk


def risk_change(*, user: Any, risk: Risk, based_on_version: int, values: RiskFields) -> Risk:
    permission_check(user, Action.EDIT_PLAN, plan=risk.plan)
    items = _validated(risk.plan, values)
    with acting_for(user), transaction.atomic():
        locked = (
            Risk.objects.select_for_update(of=("self",))
            .select_related("modified_by", "plan")
            .get(pk=risk.pk)
        )
        if locked.version != based_on_version:
            saved = RiskFields.of(locked)
            raise stale_refusal(
                locked,
                "risk",
                [(label, getattr(saved, name), getattr(values, name)) for name, label in LABELS],
            )
        locked.version += 1
        _apply(locked, values, items)
    return locked


LABELS = (
    ("description", "Description"),
    ("cause", "Cause"),
    ("consequence", "Consequence"),
    ("owner", "Owner"),
    ("likelihood", "Likelihood"),
    ("impact", "Impact"),
    ("rag", "RAG"),
    ("mitigations", "Mitigations"),
    ("item_refs", "Linked items"),
)


def risk_archive(*, user: Any, risk: Risk, reason: str) -> Risk:
    permission_check(user, Action.EDIT_PLAN, plan=risk.plan)
    reason = reason_required(reason)
    with acting_for(user, reason=reason), transaction.atomic():
        locked = Risk.objects.select_for_update(of=("self",)).get(pk=risk.pk)
        if locked.archived_on is not None:
            thing = cut_at_word(locked.description, 80)
            raise EditError(ALREADY_ARCHIVED_ERROR.format(thing=thing))
        locked.archived_on, locked.archived_reason = timezone.now(), reason
        locked.save()
    return locked


def risk_restore(*, user: Any, risk: Risk) -> Risk:
    permission_check(user, Action.EDIT_PLAN, plan=risk.plan)
    with acting_for(user), transaction.atomic():
        locked = Risk.objects.select_for_update(of=("self",)).get(pk=risk.pk)
        if locked.archived_on is None:
            raise EditError(NOT_ARCHIVED_ERROR.format(thing=cut_at_word(locked.description, 80)))
        locked.archived_on, locked.archived_reason = None, ""
        locked.save()
    return locked


def _validated(plan: Plan, values: RiskFields) -> list[PlanItem]:
    values.description = values.description.strip()
    if not values.description:
        raise EditError(RISK_DESCRIPTION_REQUIRED_ERROR, field="description")
    for name in ("likelihood", "impact"):
        score = getattr(values, name)
        if score is not None and not 1 <= score <= RISK_SCORE_MAX:
            raise EditError(RISK_SCORE_RANGE_ERROR.format(name=name), field=name)
    values.mitigations = [text.strip() for text in values.mitigations if text.strip()]
    return _items_named(plan, values.item_refs)


def _items_named(plan: Plan, refs: list[str]) -> list[PlanItem]:
    """The live items named by printed reference or identifier, in the order given."""
    live = list(PlanItem.objects.filter(plan=plan, archived_on=None).only("id", "ref", "key"))
    found: list[PlanItem] = []
    for ref in (ref.strip() for ref in refs):
        if not ref:
            continue
        by_key = [item for item in live if item.key == ref]
        by_ref = [item for item in live if item.ref == ref]
        matches = by_key or by_ref
        if not matches:
            raise EditError(RISK_ITEM_UNKNOWN_ERROR.format(ref=ref), field="item_refs")
        if len(matches) > 1:
            keys = ", ".join(item.key for item in matches)
            raise EditError(RISK_ITEM_AMBIGUOUS_ERROR.format(ref=ref, keys=keys), field="item_refs")
        if matches[0] not in found:
            found.append(matches[0])
    return found


def _apply(risk: Risk, values: RiskFields, items: list[PlanItem]) -> None:
    if values.rag != risk.rag:
        risk.rag_text = ""  # the register's own words give way to the colour chosen here
    for name in ("description", "cause", "consequence", "owner", "likelihood", "impact", "rag"):
        setattr(risk, name, getattr(values, name))
    risk.full_clean()
    risk.save()
    risk.mitigations.all().delete()
    RiskMitigation.objects.bulk_create(
        RiskMitigation(risk=risk, text=text, position=position)
        for position, text in enumerate(values.mitigations)
    )
    risk.items.set(items)
    # Mitigations and links keep no history of their own: the risk's save may have written
    # none (only they changed), so the plan's revision is bumped here.
    plan_revision_bump(plan_ids={risk.plan_id})

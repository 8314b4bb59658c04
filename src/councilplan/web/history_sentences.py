"""A record's history told in sentences, as a councillor would say it: "Jane Greer changed
the due date from 30 Sep 2025 to 31 Dec 2025". People by their names, values as people write
them, and no false changes ("30.00 → 30" is the same number)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from councilplan.accounts.selectors import people_names
from councilplan.domain.wording import change_sentence, value_text, values_differ
from councilplan.history.models import ChangeRecord

# Text longer than this is not repeated inside the sentence: the sentence says what changed
# and the old and new text are shown in full beside it (cut, they looked the same).
LONG_TEXT = 80
# Fields that say nothing a reader needs: they change with the fields that do.
QUIET_FIELDS = frozenset(
    {"status_text", "submitted_on", "reviewed_on", "author_name", "position", "path", "depth"}
)
STATE_VERBS = {
    "submitted": "submitted",
    "approved": "approved",
    "returned": "returned to its owner",
    "draft": "reopened as a draft",
}


@dataclass
class HistoryLine:
    """One act in the history: when, who, what it did in sentences, and any long texts."""

    at: datetime
    who: str
    sentences: list[str]
    reason: str = ""
    texts: list[tuple[str, str, str]] = field(default_factory=list)  # (field, before, after)


def history_lines(
    records: Iterable[ChangeRecord],
    *,
    labels: dict[str, str],
    subjects: dict[tuple[str, str], str],
) -> list[HistoryLine]:
    """`records` as sentences. `labels` names fields ("due_date" → "Due date"; else the
    model's verbose name); `subjects` names records by (model name, object id) where "this
    item" will not do: {("progressupdate", "12"): "the Q2 2024/25 update"}."""
    records = list(records)
    names = people_names(user_ids=(record.actor_id for record in records))
    related = _related_names(records)
    lines = []
    for record in records:
        who = names.get(record.actor_id) or record.actor_name or "the system"
        who = who[:1].upper() + who[1:]
        subject = subjects.get((_model_of(record).__name__.lower(), record.object_id), "")
        line = HistoryLine(at=record.at, who=who, sentences=[], reason=record.reason)
        if record.action == ChangeRecord.Action.UPDATED:
            _updated(record, line, labels, related, subject)
        else:
            line.sentences.append(_act(record, who, subject))
        if line.sentences:
            lines.append(line)
    return lines


def _updated(
    record: ChangeRecord,
    line: HistoryLine,
    labels: dict[str, str],
    related: dict[tuple[str, str], str],
    subject: str,
) -> None:
    model = _model_of(record)
    suffix = f" in {subject}" if subject else ""
    for name, pair in (record.changes or {}).items():
        if name in QUIET_FIELDS or not isinstance(pair, list) or len(pair) != 2:
            continue
        old, new = (related.get((name, str(value)), value) for value in pair)
        if not values_differ(old, new):
            continue
        if name == "state" and subject:
            verb = STATE_VERBS.get(str(new), f"set to {value_text(new)}")
            line.sentences.append(f"{line.who} {verb} {subject}")
            continue
        label = labels.get(name) or _verbose_name(model, name)
        if max(len(str(old or "")), len(str(new or ""))) > LONG_TEXT:
            line.sentences.append(f"{line.who} changed the {label.lower()}{suffix}")
            line.texts.append((label, str(old or ""), str(new or "")))
        else:
            line.sentences.append(change_sentence(line.who, label, old, new) + suffix)


def _act(record: ChangeRecord, who: str, subject: str) -> str:
    thing = subject or "this item"
    if record.action == ChangeRecord.Action.CREATED:
        return f"{who} added {thing}"
    if record.action == ChangeRecord.Action.ARCHIVED:
        return f"{who} archived {thing}"
    if record.action == ChangeRecord.Action.DELETED:
        return f"{who} deleted {thing}"
    event = str((record.changes or {}).get("event", "")).replace("_", " ")
    return f"{who}: {event or 'an event'} ({thing})"


def _model_of(record: ChangeRecord) -> Any:
    # get_for_id is cached: a page of history costs no query per line for its model.
    return ContentType.objects.get_for_id(record.content_type_id).model_class()


def _verbose_name(model: type[models.Model] | None, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name) if model else name
    except Exception:  # noqa: BLE001 - a field removed since the record was written
        return name.replace("_", " ")


def _related_names(records: list[ChangeRecord]) -> dict[tuple[str, str], str]:
    """(field, stored id) → the related record's name, for foreign keys such as status."""
    wanted: dict[tuple[type[models.Model], str], set[str]] = {}
    for record in records:
        model = _model_of(record)
        if model is None or record.action != ChangeRecord.Action.UPDATED:
            continue
        for name, pair in (record.changes or {}).items():
            try:
                model_field = model._meta.get_field(name)
            except Exception:  # noqa: BLE001, S112 - a field removed since
                continue
            if model_field.many_to_one and isinstance(pair, list):
                target: Any = model_field.related_model
                wanted.setdefault((target, name), set()).update(
                    str(value) for value in pair if value not in (None, "")
                )
    names: dict[tuple[str, str], str] = {}
    for (target, name), ids in wanted.items():
        for pk, obj in target.objects.in_bulk([int(i) for i in ids if i.isdigit()]).items():
            names[(name, str(pk))] = getattr(obj, "label", None) or str(obj)
    return names

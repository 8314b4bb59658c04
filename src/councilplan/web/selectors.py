"""Reads behind the website's pages. Each page's data comes from a bounded number of queries,
whatever the size of the plan (see tests/web/test_query_counts.py)."""

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet

from councilplan.accounts.permissions import ROLE_ACTIONS, Action, permission_has
from councilplan.cycle.models import PublishedSnapshot
from councilplan.cycle.services import FORECAST_FIELD_LABEL
from councilplan.domain.engine import Rag
from councilplan.domain.trees import tree_depth_first
from councilplan.domain.wording import words_match
from councilplan.editing.services import ITEM_FIELD_LABELS
from councilplan.history.models import ChangeRecord
from councilplan.history.selectors import (
    change_record_list_for,
    change_record_list_for_updates,
)
from councilplan.plans.models import (
    Anomaly,
    ItemRole,
    Measure,
    MeasureValue,
    Organisation,
    Plan,
    PlanItem,
    ProgressUpdate,
    ReportingPeriod,
)
from councilplan.plans.selectors import item_ancestors
from councilplan.plans.services import plan_revision
from councilplan.reports.collector import collector_paused
from councilplan.reports.data import StatusCount, StatusShown
from councilplan.reports.source import MeasureSource
from councilplan.web.history_sentences import HistoryLine, history_lines
from councilplan.web.scorecard import Scorecard, scorecard_build, scorecard_of
from councilplan.web.shared_positions import (
    shared_position_get,
    shared_position_put,
    shared_positions_clear,
)

# How the item page's history names the fields of an item and of its updates.
HISTORY_FIELD_LABELS = {
    **ITEM_FIELD_LABELS,
    "status": "Status",
    "forecast_status": FORECAST_FIELD_LABEL,
    "percent_complete": "Percent complete",
    "commentary": "Commentary",
    "next_steps": "Next steps",
    "parent": "Item above",
}
OWNER_ROLES = ("lead_officer", "owner", "deputy_lead_officer")
PORTFOLIO_ROLES = ("portfolio", "portfolio_holder")
NO_UPDATE_LABEL = "No update"
# Published with progress or commentary but no status: not the same news as no update.
NO_STATUS_LABEL = "No status reported"


@dataclass
class Row:
    """One item of the plan as the tree and the dashboard show it for one period."""

    id: int
    key: str
    ref: str
    title: str
    depth: int
    level: str
    parent_id: int | None
    top_id: int
    due_date: date | None
    timescale_text: str
    is_public: bool
    # From the plan position the reports and the dashboard use: one reading of the plan.
    status: StatusShown | None = None
    status_key: str = ""  # the status mix's group (reports.position.status_key)
    percent: float | None = None
    owners: list[str] = field(default_factory=list)
    owner_ids: set[int] = field(default_factory=set)
    # The owners are the nearest item's above (milestones are updated by their action's
    # lead officer), not the item's own.
    owners_inherited: bool = False
    portfolios: list[str] = field(default_factory=list)
    portfolio_ids: set[int] = field(default_factory=set)
    findings: list[str] = field(default_factory=list)
    is_leaf: bool = True
    overdue: bool = False


@dataclass
class PlanRows:
    plan: Plan
    period: ReportingPeriod | None
    previous: ReportingPeriod | None
    rows: list[Row]


def plans_for_home(*, user: Any) -> list[dict[str, Any]]:
    """Plans the user may open, and whether each has published progress.

    Anyone sees the plans that have a published snapshot; members also see their
    organisation's working plans."""
    published = set(PublishedSnapshot.objects.values_list("plan_id", flat=True).distinct())
    entries = []
    plans = (
        Plan.objects.working()
        .select_related("organisation")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("organisation__name", "title")
    )
    for plan in plans:
        can_view = permission_has(user, Action.VIEW_PLAN, plan=plan)
        if can_view or plan.pk in published:
            entries.append({"plan": plan, "can_view": can_view, "published": plan.pk in published})
    return entries


def organisations_for_import(*, user: Any) -> list[tuple[str, str]]:
    """(name, name) of each organisation the user may import a plan for."""
    organisations = Organisation.objects.filter(archived_on=None).order_by("name")
    if not user.is_superuser:
        roles = [role for role, actions in ROLE_ACTIONS.items() if Action.IMPORT_PLAN in actions]
        organisations = organisations.filter(
            memberships__user=user, memberships__disabled_on=None, memberships__role__in=roles
        )
    return [(name, name) for name in organisations.values_list("name", flat=True)]


def plan_rows(
    *, plan: Plan, period: ReportingPeriod | None, previous: ReportingPeriod | None
) -> PlanRows:
    """Every item of the plan depth-first with its owners (inherited from above where it has
    none), portfolios and import findings, and its status, progress and overdue as the plan
    position of `period` has them (`dashboard_position`): the tree, its filters, the
    dashboard and the reports read the plan once, so their counts agree."""
    levels = dict(plan.levels.values_list("depth", "name"))
    items = list(
        plan.items.filter(archived_on=None)
        .order_by("position")
        .values(
            "id",
            "key",
            "ref",
            "title",
            "depth",
            "parent_id",
            "due_date",
            "timescale_text",
            "is_public",
        )
    )
    rows_by_id: dict[int, Row] = {}
    children: dict[int | None, list[int]] = {}
    for item in items:
        row = Row(
            id=item["id"],
            key=item["key"],
            ref=item["ref"],
            title=item["title"],
            depth=item["depth"],
            level=levels.get(item["depth"], ""),
            parent_id=item["parent_id"],
            top_id=item["id"],
            due_date=item["due_date"],
            timescale_text=item["timescale_text"],
            is_public=item["is_public"],
        )
        rows_by_id[row.id] = row
        children.setdefault(row.parent_id, []).append(row.id)
    _rows_add_roles(plan, rows_by_id)
    _rows_add_findings(plan, rows_by_id)
    ordered = _depth_first(list(rows_by_id.values()))
    for row in ordered:
        row.is_leaf = not children.get(row.id)
        parent = rows_by_id.get(row.parent_id) if row.parent_id is not None else None
        if not row.owner_ids and parent is not None and parent.owner_ids:
            row.owners, row.owner_ids = list(parent.owners), set(parent.owner_ids)
            row.owners_inherited = True
    if period is not None:
        _rows_set_position(ordered, dashboard_position(plan=plan, period=period))
    return PlanRows(plan=plan, period=period, previous=previous, rows=ordered)


def _rows_set_position(rows: list[Row], position: Any) -> None:
    """Each row's status, progress and overdue from the plan position."""
    from councilplan.reports.position import status_key

    shown = {item.key: item for item in position.rows}
    for row in rows:
        item = shown.get(row.key)
        if item is None:
            continue
        row.status = item.status
        row.status_key = status_key(item.status)
        row.percent = (
            item.reported_percent if item.reported_percent is not None else item.computed_percent
        )
        row.overdue = item.overdue
        row.is_leaf = item.is_leaf


def _rows_add_roles(plan: Plan, rows_by_id: dict[int, Row]) -> None:
    roles = (
        ItemRole.objects.filter(item__plan=plan, role__in=OWNER_ROLES + PORTFOLIO_ROLES)
        .order_by("item_id", "role", "position")
        .values_list("item_id", "role", "party_id", "party__name")
    )
    for item_id, role, party_id, name in roles:
        row = rows_by_id.get(item_id)
        if row is None:
            continue
        if role in OWNER_ROLES:
            if party_id not in row.owner_ids:
                row.owners.append(name)
                row.owner_ids.add(party_id)
        elif party_id not in row.portfolio_ids:
            row.portfolios.append(name)
            row.portfolio_ids.add(party_id)


def _rows_add_findings(plan: Plan, rows_by_id: dict[int, Row]) -> None:
    anomalies = Anomaly.objects.filter(plan=plan, resolved_on=None, item__isnull=False)
    for item_id, message in anomalies.values_list("item_id", "message"):
        row = rows_by_id.get(item_id)
        if row is not None:
            row.findings.append(message)


def _depth_first(rows: list[Row]) -> list[Row]:
    ordered = []
    for row, top in tree_depth_first(
        rows, key=lambda row: row.id, parent=lambda row: row.parent_id
    ):
        row.top_id = top.id
        ordered.append(row)
    return ordered


def status_mix(rows: Sequence[Any]) -> list[StatusCount]:
    """Counts by status word among the lowest-level items, in RAG order, with no-update last."""
    order = {"red": 0, "amber": 1, "green": 2, "blue": 3, "grey": 4, "": 5}
    counter: Counter[tuple[str, str]] = Counter(
        (row.status_label or NO_UPDATE_LABEL, row.rag) for row in rows if row.is_leaf
    )
    total = sum(counter.values()) or 1
    return [
        StatusCount(
            rag=Rag(rag or Rag.GREY), word=label, count=count, share=round(100 * count / total, 1)
        )
        for (label, rag), count in sorted(
            counter.items(), key=lambda entry: (order.get(entry[0][1], 5), entry[0][0])
        )
    ]


# --- the tree's filters -------------------------------------------------------------------


@dataclass
class TreeFilters:
    owner: int | None = None
    portfolio: int | None = None
    status: str = ""
    overdue: bool = False
    has_findings: bool = False
    search: str = ""

    def active(self) -> bool:
        return bool(
            self.owner
            or self.portfolio
            or self.status
            or self.overdue
            or self.has_findings
            or self.search
        )


def findings_by_key(position: Any) -> dict[str, list[str]]:
    """The engine's data-quality findings (the dashboard's), by item key."""
    found: dict[str, list[str]] = {}
    for finding in position.findings:
        found.setdefault(finding.key, []).append(finding.title)
    return found


def rows_with_findings(rows: list[Row], found: dict[str, list[str]]) -> list[Row]:
    """Copies of `rows` whose findings are the import's anomalies and the engine's findings."""
    return [replace(row, findings=[*row.findings, *found.get(row.key, [])]) for row in rows]


def rows_filtered(
    rows: list[Row], filters: TreeFilters, found: dict[str, list[str]] | None = None
) -> list[Row]:
    """The rows that pass every filter; `found` adds the engine's findings to each row's."""
    found = found or {}

    def keep(row: Row) -> bool:
        if filters.owner and filters.owner not in row.owner_ids:
            return False
        if filters.portfolio and filters.portfolio not in row.portfolio_ids:
            return False
        if filters.status and row.status_key != filters.status:
            return False
        if filters.overdue and not row.overdue:
            return False
        if filters.has_findings and not (row.findings or found.get(row.key)):
            return False
        if filters.search:
            text = f"{row.ref} {row.key} {row.title} {' '.join(row.owners)}"
            return words_match(filters.search, text)
        return True

    return [row for row in rows if keep(row)]


def filter_choices(*, plan: Plan, rows: Sequence[Row] = ()) -> dict[str, list[tuple[str, str]]]:
    """The owners, portfolios and statuses the tree can be filtered by. The statuses are the
    status mix's groups found among `rows` ("Red", "Suggested: Red", "Not rated"…), in the
    order the mix prints them, so choosing one shows the items the dashboard counted."""

    def parties(roles: tuple[str, ...]) -> list[tuple[str, str]]:
        pairs = (
            ItemRole.objects.filter(item__plan=plan, role__in=roles)
            .values_list("party_id", "party__name")
            .distinct()
            .order_by("party__name")
        )
        return [(str(party_id), name) for party_id, name in pairs]

    groups: dict[str, str] = {}
    for row in rows:
        if row.status is not None and row.status_key not in groups:
            groups[row.status_key] = (
                row.status.rag.word if row.status_key in STATUS_KEY_ORDER else row.status.word
            )
    ordered = sorted(groups.items(), key=lambda group: _status_key_rank(group[0]))
    return {
        "owner": parties(OWNER_ROLES),
        "portfolio": parties(PORTFOLIO_ROLES),
        "status": ordered,
    }


# The status mix's order: reported colours, then suggestions, then grey words, not rated last.
STATUS_KEY_ORDER = ["red", "amber", "green", "blue"]


def _status_key_rank(key: str) -> tuple[int, int, str]:
    if key in STATUS_KEY_ORDER:
        return (0, STATUS_KEY_ORDER.index(key), "")
    if key.startswith("suggested-"):
        colour = key.removeprefix("suggested-")
        return (1, STATUS_KEY_ORDER.index(colour) if colour in STATUS_KEY_ORDER else 9, "")
    if key == "not-rated":
        return (3, 0, "")
    return (2, 0, key)


# --- one item -------------------------------------------------------------------------------


@dataclass
class MeasureTrend:
    measure: Measure
    values: list[dict[str, Any]]


@dataclass
class ItemDetail:
    item: PlanItem
    level: str
    ancestors: list[PlanItem]
    children: list[PlanItem]
    roles: list[ItemRole]
    measures: list[MeasureTrend]
    updates: list[ProgressUpdate]
    changes: list[ChangeRecord]
    anomalies: list[Anomaly]
    # The same changes told in sentences, newest first (see web/history_sentences.py).
    history: list[HistoryLine] = field(default_factory=list)


def item_detail(*, plan: Plan, item_id: int, approved_only: bool = False) -> ItemDetail:
    """One item: its details, roles, measures with values by period, its updates across
    periods and the history of edits to it and to its updates (newest first)."""
    item = plan.items.get(pk=item_id)  # an archived item's page stays readable
    ancestors = item_ancestors(item=item)
    updates_qs = item.updates.select_related("period", "status", "forecast_status").order_by(
        "period__starts_on"
    )
    if approved_only:
        updates_qs = updates_qs.filter(state=ProgressUpdate.State.APPROVED)
    updates = list(updates_qs)
    # An archived item shows the measures archived with it; a live one, its live measures.
    measures = list(
        item.measures.filter(archived_on=item.archived_on).order_by("position")
        if item.archived_on
        else item.measures.filter(archived_on=None).order_by("position")
    )
    values = MeasureValue.objects.filter(measure__in=measures).select_related("period")
    if approved_only:
        values = values.filter(period__state=ReportingPeriod.State.PUBLISHED)
    values_by_measure: dict[int, list[dict[str, Any]]] = {}
    for value in values.order_by("period__starts_on"):
        values_by_measure.setdefault(value.measure_id, []).append(
            {"period": value.period, "value": value.value, "text": value.text, "note": value.note}
        )
    trends = [
        MeasureTrend(
            measure=measure, values=_with_direction(measure, values_by_measure.get(measure.pk, []))
        )
        for measure in measures
    ]
    changes: list[ChangeRecord] = []
    if not approved_only:
        changes = list(change_record_list_for(instance=item)[:50])
        update_changes = change_record_list_for_updates(
            update_ids=[update.pk for update in updates]
        )
        changes = sorted(
            [*changes, *update_changes[:100]], key=lambda record: record.at, reverse=True
        )
    return ItemDetail(
        item=item,
        level=plan.levels.filter(depth=item.depth).values_list("name", flat=True).first() or "",
        ancestors=ancestors,
        children=list(item.children.filter(archived_on=None).order_by("position")),
        roles=list(item.roles.select_related("party").order_by("role", "position")),
        measures=trends,
        updates=updates,
        changes=changes,
        anomalies=list(item.anomalies.filter(resolved_on=None)),
        history=history_lines(
            changes,
            labels=HISTORY_FIELD_LABELS,
            subjects={
                ("progressupdate", str(update.pk)): f"the {update.period.label} update"
                for update in updates
            },
        ),
    )


def _with_direction(measure: Measure, values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each value with the direction of travel against the value before it, in words."""
    previous: Decimal | None = None
    for entry in values:
        entry["direction"] = ""
        value = entry["value"]
        if value is not None and previous is not None:
            if value == previous:
                entry["direction"] = "Same"
            elif measure.polarity == Measure.Polarity.NONE:
                entry["direction"] = "Up" if value > previous else "Down"
            else:
                better = (value > previous) == (measure.polarity == Measure.Polarity.HIGHER)
                entry["direction"] = "Improved" if better else "Worse"
        if value is not None:
            previous = value
    return values


# --- published plans: from the published snapshots only ---------------------------------------


def published_plans() -> QuerySet[Plan]:
    """Plans with at least one published snapshot."""
    return (
        Plan.objects.published()
        .select_related("organisation")
        .order_by("organisation__name", "title")
    )


def published_snapshots(*, plan: Plan) -> list[PublishedSnapshot]:
    """The latest snapshot of each published period, in period order (no content loaded)."""
    latest: dict[int, PublishedSnapshot] = {}
    snapshots = (
        PublishedSnapshot.objects.filter(plan=plan)
        .select_related("period")
        .defer("content", "report")
        .order_by("published_on", "id")
    )
    for snapshot in snapshots:
        latest[snapshot.period_id] = snapshot
    return sorted(latest.values(), key=lambda snapshot: snapshot.period.starts_on)


def published_contents_up_to(
    *, snapshots: Sequence[PublishedSnapshot], shown: PublishedSnapshot
) -> list[tuple[str, str, dict[str, Any]]]:
    """(period key, period label, content) of each published period up to the one `shown`
    (whose content is loaded already), in period order; the earlier ones read in one query.
    The public charts compare published periods, never live data."""
    earlier = [s for s in snapshots if s.period.starts_on < shown.period.starts_on]
    contents = dict(
        PublishedSnapshot.objects.filter(pk__in=[s.pk for s in earlier]).values_list(
            "pk", "content"
        )
    )
    found = [(s.period.key, s.period.label, contents.get(s.pk) or {}) for s in earlier]
    return [*found, (shown.period.key, shown.period.label, shown.content)]


def published_snapshot_public(*, snapshot: PublishedSnapshot) -> PublishedSnapshot:
    """The snapshot with its content for the public pages; the signed-in readers' report
    kept with it is not the public's, and is large."""
    return (
        PublishedSnapshot.objects.select_related("plan__organisation", "period")
        .defer("report")
        .get(pk=snapshot.pk)
    )


@dataclass
class PublicRow:
    key: str
    ref: str
    title: str
    depth: int
    level: str
    is_leaf: bool
    status_label: str
    rag: str
    percent: float | None
    commentary: str
    next_steps: str
    # The year-end forecast (snapshots published before it was kept have none).
    forecast_label: str = ""
    forecast_rag: str = ""


@dataclass(frozen=True)
class PublicItem:
    """One published item on its own page: the row, where it sits, what is below it."""

    row: PublicRow
    description: str
    timescale: str
    ancestors: list[PublicRow]  # from the top of the plan down to its parent
    children: list[PublicRow]
    measures: list[dict[str, Any]]


def snapshot_item(*, content: dict[str, Any], key: str) -> PublicItem | None:
    """A published item by its key, as it was published; None when it was not."""
    items = {item["key"]: item for item in content.get("items", [])}
    if key not in items:
        return None
    rows = {row.key: row for row in snapshot_rows(content=content)}
    ancestors = []
    parent = items[key].get("parent")
    while parent in items and len(ancestors) < len(items):
        ancestors.insert(0, rows[parent])
        parent = items[parent].get("parent")
    return PublicItem(
        row=rows[key],
        description=items[key].get("description", ""),
        timescale=items[key].get("timescale", ""),
        ancestors=ancestors,
        children=[rows[k] for k, item in items.items() if item.get("parent") == key],
        measures=list(items[key].get("measures") or []),
    )


def public_rows_matching(rows: list[PublicRow], words: str) -> list[PublicRow]:
    """The rows whose reference, title or commentary has the words (at word starts)."""
    if not words.strip():
        return rows
    return [row for row in rows if words_match(words, f"{row.ref} {row.title} {row.commentary}")]


def snapshot_rows(*, content: dict[str, Any]) -> list[PublicRow]:
    """The items of a published snapshot, as the public page shows them."""
    items = content.get("items", [])
    parents = {item.get("parent") for item in items}
    rows = []
    for item in items:
        update = item.get("update") or {}
        rows.append(
            PublicRow(
                key=item["key"],
                ref=item.get("ref", ""),
                title=item.get("title", ""),
                depth=item.get("depth", 0),
                level=item.get("level", ""),
                is_leaf=item["key"] not in parents,
                status_label=update.get("status", "") or (NO_STATUS_LABEL if update else ""),
                rag=update.get("rag", ""),
                percent=update.get("percent_complete"),
                commentary=update.get("commentary", ""),
                next_steps=update.get("next_steps", ""),
                forecast_label=update.get("forecast", ""),
                forecast_rag=update.get("forecast_rag", ""),
            )
        )
    return rows


# --- the dashboard, from the reports engine --------------------------------------------------


class _Memo:
    """A small in-process cache of computed pages' data. Unlike Django's cache it does not
    pickle: unpickling a 2,000-item position costs as much as a page's whole budget. Entries
    are keyed by the plan's version, so a stale entry is never returned, only evicted."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key: str, value: Any) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_memo = _Memo(size=16)
# The last position worked out for each plan and period, with what it was worked out from:
# apart from the pages' entries, which every revision adds, so they do not push it out.
_kept_memo = _Memo(size=8)


def page_cache_clear(*, shared: bool = True) -> None:
    """Forget every computed page (benchmarks and tests use it to measure a cold page); with
    `shared=False`, only this process's, as a worker that has not yet read the plan."""
    _memo.clear()
    _kept_memo.clear()
    if shared:
        shared_positions_clear()


def _plan_version_key(
    name: str, plan: Plan, period: ReportingPeriod | None, *, revision: int | None = None
) -> str:
    """A cache key that changes whenever anything in the plan changes: the plan's revision
    (every act bumps it, plans/receivers.py) read as saved now, one row by its key whatever
    the plan's size or age (or `revision` when the caller has just read it); the plan's
    creation (a deleted plan's id may be reused), the period, and today's date (overdue
    depends on it)."""
    parts = [
        plan.pk,
        plan.created_on.timestamp(),
        plan_revision(plan_id=plan.pk) if revision is None else revision,
        date.today().isoformat(),
    ]
    if period is not None:
        parts.append(period.pk)
    return f"councilplan:{name}:" + ":".join(str(part) for part in parts)


def dashboard_position(*, plan: Plan, period: ReportingPeriod) -> Any:
    """The engine's `plan_position` for the dashboard at the plan's revision now: as this
    process keeps it, else as kept for every worker (web/shared_positions.py), else brought
    up to date from the last one this process kept (only the items changed since, those
    below and those above them read and worked out again:
    `reports.selectors.plan_position_kept`), else worked out whole and kept for all."""
    return _position_at(plan, period, plan_revision(plan_id=plan.pk) or 0)


def _position_at(plan: Plan, period: ReportingPeriod, revision: int) -> Any:
    from councilplan.reports.selectors import plan_position_kept

    latest = _kept_key(plan, period)

    def brought_up_to_date() -> Any:
        return plan_position_kept(
            plan=plan, period=period, revision=revision, kept=_kept_memo.get(latest)
        )

    # Kept for all with what it was worked out from, so that a worker which read it from
    # another brings it up to date at the next change rather than working it out whole.
    kept = _kept_for_every_worker(
        _plan_version_key("kept", plan, period, revision=revision), brought_up_to_date
    )
    mine = _kept_memo.get(latest)
    if mine is None or mine.revision < kept.revision:
        _kept_memo.put(latest, kept)
    return kept.position


def _kept_for_every_worker(key: str, build: Callable[[], Any]) -> Any:
    """The value under `key`: as this process keeps it, else as another worker kept it for
    all (web/shared_positions.py), else built here and kept for all. Built without the cycle
    collector's passes over the plan's objects (reports/collector.py): for a big plan kept in
    memory they cost more than the work itself."""
    value = _memo.get(key)
    if value is None:
        value = shared_position_get(key)
        if value is None:
            with collector_paused():
                value = build()
            shared_position_put(key, value)
        _memo.put(key, value)
    return value


def _kept_key(plan: Plan, period: ReportingPeriod) -> str:
    """Where this process keeps the last position it worked out for the plan and period,
    whatever its revision, with what it was worked out from."""
    return f"councilplan:kept:{plan.pk}:{plan.created_on.timestamp()}:{period.pk}"


def scorecard_cached(*, plan: Plan, period: ReportingPeriod) -> Scorecard:
    """The plan's scorecard of indicators at the period (web/scorecard.py), cached until
    anything in the plan changes; read from the kept plan position when this process has it
    at this revision (its measures' results are the engine's own). Callers must not modify
    it."""
    revision = plan_revision(plan_id=plan.pk) or 0

    def built() -> Scorecard:
        _position_at(plan, period, revision)
        kept = _kept_memo.get(_kept_key(plan, period))
        if kept is not None and kept.revision == revision and kept.source is not None:
            source = kept.source
            return scorecard_of(
                MeasureSource(
                    engine_input=source.engine_input, items=source.items, measures=source.measures
                ),
                kept.result,
            )
        return scorecard_build(plan=plan, period=period)

    return _kept_for_every_worker(
        _plan_version_key("scorecard", plan, period, revision=revision), built
    )


def plan_rows_cached(
    *, plan: Plan, period: ReportingPeriod | None, previous: ReportingPeriod | None
) -> PlanRows:
    """`plan_rows`, cached until anything in the plan changes. Callers must not modify it."""
    return _kept_for_every_worker(
        _plan_version_key(f"rows:{previous.pk if previous else ''}", plan, period),
        lambda: plan_rows(plan=plan, period=period, previous=previous),
    )


def item_ids_by_key(*, plan: Plan, keys: Collection[str]) -> dict[str, int]:
    """The ids of the items of `keys` (those a page links), by key: never every item's, or
    the page would grow with the plan."""
    return dict(plan.items.filter(key__in=list(keys)).values_list("key", "id"))

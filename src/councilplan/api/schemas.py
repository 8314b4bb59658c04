"""What the API sends and accepts. The OpenAPI description is generated from these classes
(django-ninja and pydantic); nothing of the schema is written by hand."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from councilplan.reports.measures import MeasureLine


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    gss_code: str = Field(description="the ONS code of the council, where known")


class PeriodOut(Schema):
    key: str = Field(description="e.g. 2024-Q1, the first quarter of 2024/25")
    label: str
    starts_on: date
    ends_on: date
    state: str = Field(description="planned, open, closed or published")
    updates_due_on: date | None
    published_on: datetime | None


class PlanOut(Schema):
    slug: str
    title: str
    kind: str
    organisation: str = Field(description="the organisation's slug")
    description: str
    starts_on: date | None
    ends_on: date | None
    levels: list[str] = Field(description="the names of the plan's levels, top first")
    published: bool = Field(description="whether any period has been published")


class PlanDetailOut(PlanOut):
    periods: list[PeriodOut]


class StatusOut(Schema):
    word: str = Field(
        description="the status as the council words it; a suggestion says so ('Suggested: Red')"
    )
    rag: str = Field(description="red, amber, green, blue (complete), grey (not started)")
    source: str = Field(
        description="'reported' (by the owner), 'computed from the statuses reported below', "
        "or a suggestion: 'from the evidence; no status reported', 'rolled up from "
        "suggestions below; no status reported', 'the figure against its target' (a measure)"
    )


class MeasureInPositionOut(Schema):
    key: str
    name: str
    unit: str
    baseline: str
    target: str
    actual: str
    actual_value: float | None
    target_value: float | None
    suggested: StatusOut | None
    direction_previous: str
    direction_last_year: str


class ItemInPositionOut(Schema):
    key: str
    ref: str
    title: str
    level: str
    depth: int
    parent_key: str | None
    is_leaf: bool
    lead_officer: str
    portfolio: str
    service_area: str
    start_date: date | None
    due_date: date | None
    effective_start: date | None = Field(
        None, description="the start the plan is judged by: the item's own, else inherited"
    )
    effective_due: date | None = Field(
        None, description="the due date the plan is judged by: the item's own, else inherited"
    )
    start_from: str = Field("", description="whence effective_start is inherited, if it is")
    dates_from: str = Field("", description="whence effective_due is inherited, if it is")
    status: StatusOut
    suggested: StatusOut | None
    reported_percent: float | None
    computed_percent: float | None
    direction: str
    overdue: bool
    slipped: bool
    is_complete: bool
    commentary: str
    next_steps: str
    measures: list[MeasureInPositionOut]


class StatusCountOut(Schema):
    rag: str
    word: str
    count: int
    share: float = Field(description="per cent of the items counted, 0 to 100")
    suggested: bool = False


class ProgressOut(Schema):
    key: str
    heading: str
    level: str
    depth: int
    reported_percent: float | None
    computed_percent: float | None
    status: StatusOut


class ChangeOut(Schema):
    kind: str
    key: str
    title: str
    before: str
    after: str


class FindingOut(Schema):
    kind: str
    key: str
    title: str
    message: str


class PositionOut(Schema):
    """Where the plan stands at a period: the same reading as the dashboard and the reports."""

    plan: str
    period: str
    period_label: str
    generated_on: date
    status_mix: list[StatusCountOut]
    progress: list[ProgressOut]
    exceptions: list[str] = Field(description="the keys of the items that need attention")
    changes: list[ChangeOut]
    findings: list[FindingOut]


class RiskOut(Schema):
    key: str
    description: str
    cause: str
    consequence: str
    owner: str
    likelihood: int | None
    impact: int | None
    mitigations: list[str]
    status: StatusOut | None
    items: list[str] = Field(description="the keys of the items the risk is linked to")


class MeasureValueOut(Schema):
    measure: str = Field(description="the measure's key")
    text: str = Field(description="the figure as written")
    value: Decimal | None = Field(description="the figure as a number, where it reads as one")


class UpdateOut(Schema):
    item: str
    period: str
    state: str = Field(description="draft, submitted, returned or approved")
    status: str | None
    status_rag: str | None
    percent_complete: Decimal | None
    commentary: str
    next_steps: str
    forecast_status: str | None
    author_name: str
    submitted_on: datetime | None
    review_comment: str
    version: int = Field(description="also sent as the ETag; send it back in If-Match to write")
    measure_values: list[MeasureValueOut]


class UpdateIn(Schema):
    """An owner's update, as the update form takes it. Send `If-Match` with the version you
    read (or `If-Match: "0"` for an item with no update yet). A field it does not know is
    refused, not ignored: a misspelt `comentary` must not save an empty commentary."""

    model_config = ConfigDict(extra="forbid")

    status: str | None = Field(None, description="a status word of the plan, or its code")
    percent_complete: Decimal | None = Field(None, ge=0, le=100)
    commentary: str = ""
    next_steps: str = ""
    forecast_status: str | None = None
    measure_values: dict[str, str] = Field(
        default_factory=dict, description="measure key → this period's figure as written"
    )
    submit: bool = Field(False, description="send for review after saving")


class HistoryOut(Schema):
    at: datetime
    who: str
    action: str
    changes: dict[str, Any]
    reason: str


class MeasureFilters(Schema):
    period: str | None = Field(None, description="a period key such as 2024-Q1 (default: current)")
    status: str | None = Field(None, description="green, amber, red or none: the computed status")


# One line of `councilplan measures --json`, described from the same dataclass.
MeasureLineOut = MeasureLine


class FigureIn(Schema):
    """A measure's figure for one period. A field it does not know is refused."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field("", description="the figure as written: 77%, £3.3m, 4,007 t CO2e, TBC")
    state: Literal["available", "not_yet_available", "not_applicable"] = Field(
        "available", description="not_yet_available or not_applicable are not a zero"
    )
    expected_on: date | None = Field(None, description="when a figure not yet available is due")
    note: str = ""


class FigureItemIn(FigureIn):
    measure: str = Field(description="the measure's reference (as printed) or key")
    period: str = Field(description="a period key such as 2024-Q1")


class FiguresIn(Schema):
    model_config = ConfigDict(extra="forbid")

    figures: list[FigureItemIn] = Field(min_length=1, max_length=5000)


class FigureOut(Schema):
    measure: str
    period: str
    text: str
    value: Decimal | None = Field(description="the figure as a number, where it reads as one")
    state: str
    expected_on: date | None
    note: str
    version: int = Field(description="also sent as the ETag; send it back in If-Match to write")


class FiguresOut(Schema):
    recorded: int = Field(description="figures saved (new or changed)")
    unchanged: int = Field(description="figures sent that were already so")
    warnings: list[str] = Field(description="figures kept as written, being no number")


class ImportOptionsIn(Schema):
    """What a council document does not say of itself (an open-format file names its own)."""

    organisation: str = Field("", description="the council's name, as its organisation is named")
    period: str = Field("", description="the period the document reports on, such as 2024-Q1")
    plan_id: str = Field("", description="the plan's id (its slug), to update a plan you have")
    title: str = Field("", description="the plan's title, where the document has none")


class LevelCountOut(Schema):
    level: str
    count: int


class ChangeCountOut(Schema):
    what: str
    count: int


class ImportOut(Schema):
    """An upload: while it is read (a PDF or a large file, in the background) its progress;
    once read, its import report; if it could not be read, why."""

    id: str = Field(description="the upload's id: confirm it at /imports/{id}/confirm")
    state: str = Field(description="reading, ready (to confirm) or failed")
    stage: str = Field(description="while reading: what is being done, in words")
    percent: int = Field(description="while reading: how far it has gone")
    problems: list[str] = Field(description="when failed: why, each with its place")
    file_name: str
    file_type: str
    organisation: str = ""
    plan_id: str = ""
    title: str = ""
    levels: list[LevelCountOut] = Field([], description="items found at each level")
    item_count: int = 0
    measure_count: int = 0
    risk_count: int = 0
    coverage_percent: float = Field(100, description="the share of the document's text read")
    coverage_low: bool = Field(False, description="too little read: confirm needs accept_partial")
    unplaced: list[dict[str, Any]] = Field([], description="text not read, with its place")
    anomalies: list[dict[str, Any]] = Field(
        [], description="everything the importer doubted or did not understand, with its place"
    )
    existing_plan: str | None = Field(None, description="the plan this would update, if any")
    may_update_existing: bool = False
    changes: list[ChangeCountOut] = Field([], description="what updating that plan would change")


class ImportConfirmIn(Schema):
    model_config = ConfigDict(extra="forbid")

    replace: bool = Field(False, description="update the council's plan with the changes")
    separate: bool = Field(False, description="import beside the council's plan, as a new one")
    accept_partial: bool = Field(False, description="import although little was read")


class ImportDoneOut(Schema):
    plan: str = Field(description="the plan's slug")
    title: str
    items: int

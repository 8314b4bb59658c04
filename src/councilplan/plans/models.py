"""The plan model: organisations, plans, their items as a tree, people and roles,
measures, reporting periods, progress updates, measure values and risks.

Every fact in a council's plan documents has a home here; what an importer
cannot place is kept verbatim as a SourceField on its item.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q

from councilplan.domain.engine import RAG_CHOICES, RISK_RAG_CHOICES
from councilplan.history.models import TrackedModel

MEASURE_PLAN_ERROR = "A measure belongs to an item of its own plan, not of another plan."
PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
KEY_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._\-/ ]*$",
    "An identifier may use letters, digits, spaces, dots, dashes, slashes and underscores.",
)


class Archivable(models.Model):
    """Records are archived with a reason, never deleted."""

    archived_on = models.DateTimeField(null=True, blank=True)
    archived_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        abstract = True


class Organisation(TrackedModel, Archivable):
    class Kind(models.TextChoices):
        DISTRICT = "district", "District council"
        BOROUGH = "borough", "Borough council"
        LONDON_BOROUGH = "london_borough", "London borough"
        METROPOLITAN = "metropolitan", "Metropolitan borough"
        COUNTY = "county", "County council"
        UNITARY = "unitary", "Unitary authority"
        TOWN_PARISH = "town_parish", "Town or parish council"
        COMBINED = "combined", "Combined authority"
        PARTNERSHIP = "partnership", "Partnership"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    gss_code = models.CharField(
        "ONS GSS code",
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^[EWSN]\d{8}$", "A GSS code is a letter and eight digits.")],
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def history_changed_plan_ids(self) -> set[int]:
        return set(self.plans.values_list("pk", flat=True))


class StatusScheme(TrackedModel):
    """The words a plan uses for status, each mapped onto a RAG colour."""

    name = models.CharField(max_length=100)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="status_schemes"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="status_scheme_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def history_changed_plan_ids(self) -> set[int]:
        return set(self.plans.values_list("pk", flat=True))


class Status(TrackedModel):
    scheme = models.ForeignKey(StatusScheme, on_delete=models.CASCADE, related_name="statuses")
    code = models.SlugField(max_length=50)
    label = models.CharField(max_length=100)
    rag = models.CharField(max_length=10, choices=RAG_CHOICES)
    is_complete = models.BooleanField(default=False)
    # Not due, not started, deferred: excluded from "off track" counts.
    is_inactive = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    disabled_on = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scheme", "position"]
        verbose_name_plural = "statuses"
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="status_unique_code")
        ]

    def __str__(self) -> str:
        return self.label

    def history_changed_plan_ids(self) -> set[int]:
        plans = Plan.objects.filter(status_scheme_id=self.scheme_id)
        return set(plans.values_list("pk", flat=True))


class PlanQuerySet(models.QuerySet["Plan"]):
    def working(self) -> "PlanQuerySet":
        """Plans not archived: the ones councils work on."""
        return self.filter(archived_on=None)

    def published(self) -> "PlanQuerySet":
        """Working plans with at least one published snapshot: the ones the public may see."""
        return self.working().filter(snapshots__isnull=False).distinct()


class Plan(TrackedModel, Archivable):
    class Kind(models.TextChoices):
        CORPORATE = "corporate", "Corporate plan"
        RECOVERY = "recovery", "Recovery plan"
        BOROUGH = "borough", "Borough or partnership plan"
        SERVICE = "service", "Service plan"
        OTHER = "other", "Other"

    class ProgressRollup(models.TextChoices):
        MEAN_OF_LEAVES = "mean_of_leaves", "Mean of the lowest-level items"
        WEIGHTED = "weighted", "Weighted mean of the lowest-level items"
        MEAN_OF_CHILDREN = "mean_of_children", "Mean of the items directly below"

    class RagRollup(models.TextChoices):
        WORST = "worst", "Worst status below"
        PROPORTION = "proportion", "By proportions"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="plans")
    slug = models.SlugField(
        "identifier",
        max_length=100,
        unique=True,
        help_text="Used on the command line and in links.",
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORPORATE)
    description = models.TextField(blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    status_scheme = models.ForeignKey(StatusScheme, on_delete=models.PROTECT, related_name="plans")
    # The month the financial year starts (April in the UK) and months per period.
    year_start_month = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    period_months = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    progress_rollup = models.CharField(
        max_length=20, choices=ProgressRollup.choices, default=ProgressRollup.MEAN_OF_LEAVES
    )
    rag_rollup = models.CharField(max_length=20, choices=RagRollup.choices, default=RagRollup.WORST)
    # Tolerance bands for measures: Green on target or within `green_within_percent` of it
    # (0: only on or better), Amber within `amber_within_percent`, Red beyond. Percent of the
    # target when `tolerance_relative`, else in the measure's own units (percentage points).
    # A milestone is Green within the amber band's points of its elapsed time, Amber within
    # twice that.
    green_within_percent = models.DecimalField(
        max_digits=12, decimal_places=4, default=0, validators=[MinValueValidator(0)]
    )
    amber_within_percent = models.DecimalField(
        max_digits=12, decimal_places=4, default=10, validators=[MinValueValidator(0)]
    )
    tolerance_relative = models.BooleanField(
        "bands are a percentage of the target",
        default=True,
        help_text="Otherwise the bands are in the measure's own units.",
    )
    # Facts about the source document that have no field of their own (report metadata).
    metadata = models.JSONField(default=dict, blank=True)
    # The plan this one was started from ("Start next year's plan"), read both ways.
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="followed_by"
    )
    # Bumped by the settings form only, to refuse an edit of settings saved meanwhile.
    version = models.PositiveIntegerField(default=1)
    # Bumped by every act that changes anything the plan shows, in the act's transaction
    # (plans/receivers.py, on the history's `plans_changed`): caches key on it.
    revision = models.PositiveBigIntegerField(default=0, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(starts_on__lte=F("ends_on")),
                name="plan_starts_before_it_ends",
            ),
            models.CheckConstraint(
                condition=Q(green_within_percent__gte=0)
                & Q(amber_within_percent__gte=F("green_within_percent")),
                name="plan_green_band_within_amber_band",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The revision is only ever bumped in the database (F() + 1): an instance read before
        # an act must not write its older count back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "revision"
            ]
        super().save(*args, **kwargs)

    def history_plan_id(self) -> int | None:
        return self.pk

    # How the plan's periods and statuses are worked out: what a plan that follows it copies
    # and what its settings page edits beside title, dates and level names.
    RULE_FIELDS = (
        "year_start_month",
        "period_months",
        "progress_rollup",
        "rag_rollup",
        "green_within_percent",
        "amber_within_percent",
        "tolerance_relative",
    )

    def rules(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.RULE_FIELDS}

    @property
    def tolerance_percent(self) -> Decimal:
        """The one tolerance of earlier versions: the amber band (with green at 0)."""
        return self.amber_within_percent

    @tolerance_percent.setter
    def tolerance_percent(self, value: Decimal) -> None:
        self.green_within_percent = Decimal(0)
        self.amber_within_percent = value


class PlanRevisionItem(models.Model):
    """The item that one bump of a plan's revision was about, when it was about one item and
    nothing else (a field of its own, an update, a role, a measure's figure): a kept position
    of an earlier revision then needs only that item and those above it worked out again. A
    revision with no row here changed something else: it is worked out whole."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    revision = models.PositiveBigIntegerField()
    item_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["plan", "revision"])]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.revision}: item {self.item_id}"


class PlanLevel(TrackedModel):
    """A plan's own name for one level of its hierarchy (Mission, Priority, Action…)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="levels")
    depth = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["plan", "depth"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "depth"], name="plan_level_unique_depth")
        ]

    def __str__(self) -> str:
        return self.name


class PlanItem(TrackedModel, Archivable):
    """One node of a plan's tree: a mission, priority, objective, action, milestone…"""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    # Unique within the plan; the printed reference may repeat (Harlow prints BE6 twice).
    key = models.CharField("identifier", max_length=100, validators=[KEY_VALIDATOR])
    ref = models.CharField("printed reference", max_length=100, blank=True)
    depth = models.PositiveSmallIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    title = models.TextField()
    description = models.TextField(blank=True)
    outcome = models.TextField("desired outcome", blank=True)
    resources = models.TextField("resources and constraints", blank=True)
    timescale_text = models.CharField("timescale as printed", max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    open_ended = models.BooleanField(default=False)
    weight = models.DecimalField(max_digits=8, decimal_places=3, default=1)
    is_public = models.BooleanField(default=True)
    source_file = models.CharField(max_length=300, blank=True)
    source_location = models.CharField(max_length=200, blank=True)
    # The item of last year's plan this one was copied from, and whether that one was
    # unfinished then (so this is work carried forward, not a fresh start).
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    carried_unfinished = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="plan_item_unique_key"),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(start_date__lte=F("due_date")),
                name="plan_item_starts_before_due",
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0), name="plan_item_weight_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["plan", "parent", "position"])]

    def __str__(self) -> str:
        return f"{self.ref} {self.title[:80]}".strip()


class SourceField(models.Model):
    """A source cell kept verbatim on its item: nothing from a document is lost."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="source_fields")
    header = models.CharField(max_length=300)
    text = models.TextField()
    location = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["item", "position"]

    def __str__(self) -> str:
        return f"{self.header}: {self.text[:60]}"


class Party(TrackedModel, Archivable):
    """A person or body that can hold a role: an officer, a councillor, a team, a partner."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        POST = "post", "Post or job title"
        PORTFOLIO = "portfolio", "Portfolio"
        TEAM = "team", "Team or service area"
        BODY = "body", "Organisation or partnership"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="parties"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="party_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def history_changed_plan_ids(self) -> set[int]:
        """The plans that name this party in a role."""
        items = PlanItem.objects.filter(roles__party_id=self.pk)
        return set(items.values_list("plan_id", flat=True).distinct())


ROLE_LABELS = {
    "lead_officer": "Lead officer",
    "deputy_lead_officer": "Deputy lead officer",
    "cmt_lead": "CMT lead",
    "portfolio": "Portfolio",
    "portfolio_holder": "Portfolio holder",
    "service_area": "Service area",
    "partner": "Partner",
    "owner": "Owner",
}


class ItemRole(TrackedModel):
    """A party attached to an item in a named role (lead officer, portfolio, partner…)."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="roles")
    role = models.SlugField(max_length=50, help_text="lead_officer, cmt_lead, portfolio, partner…")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="roles")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["item", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "role", "party"], name="item_role_unique")
        ]

    def __str__(self) -> str:
        return f"{ROLE_LABELS.get(self.role, self.role)}: {self.party}"

    def history_plan_id(self) -> int | None:
        return self.item.plan_id if self.item_id else None


class Comparator(models.TextChoices):
    EQ = "=", "equal to"
    GE = ">=", "equal to or more than"
    GT = ">", "more than"
    LE = "<=", "equal to or less than"
    LT = "<", "less than"


class Measure(TrackedModel, Archivable):
    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        RANGE = "range", "Within a range"
        NONE = "none", "Information only"

    class Kind(models.TextChoices):
        PERCENTAGE = "percentage", "Percentage"
        COUNT = "count", "Count"
        MONEY = "money", "Money"
        DAYS = "days", "Days"
        RATE = "rate", "Rate per number of people or things"
        OTHER = "other", "Other"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        HALF_YEARLY = "half_yearly", "Six-monthly"
        ANNUAL = "annual", "Annual"
        BIENNIAL = "biennial", "Every two years"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="measures")
    key = models.CharField("identifier", max_length=100, validators=[KEY_VALIDATOR])
    # The indicator's reference as the council prints it in its KPI table (CS01, PI 4.2).
    ref = models.CharField("printed reference", max_length=100, blank=True)
    name = models.TextField()
    unit = models.CharField(max_length=50, blank=True, help_text="%, £, t CO2e, count…")
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    cumulative = models.BooleanField(default=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)
    # What a rate is built from ("Households prevented from homelessness" over "Households
    # approaching the council"); roll-ups sum the parts, never average the rates.
    numerator = models.TextField(blank=True)
    denominator = models.TextField(blank=True)
    # Reported this many periods behind (a figure for Q1 first appears in the Q2 report).
    lag_periods = models.PositiveSmallIntegerField(default=0)
    # This measure's own tolerance bands; the plan's when `tolerance_amber_within_percent` is
    # empty.
    tolerance_green_within_percent = models.DecimalField(
        max_digits=12, decimal_places=4, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    tolerance_amber_within_percent = models.DecimalField(
        max_digits=12, decimal_places=4, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    tolerance_relative = models.BooleanField(null=True, blank=True)
    source = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    baseline_text = models.TextField(blank=True)
    baseline_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    baseline_comparator = models.CharField(max_length=2, choices=Comparator.choices, blank=True)
    target_text = models.TextField(blank=True)
    target_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    target_comparator = models.CharField(max_length=2, choices=Comparator.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="measure_unique_key"),
            models.CheckConstraint(
                condition=Q(tolerance_green_within_percent__isnull=True)
                | Q(tolerance_amber_within_percent__isnull=True)
                | Q(tolerance_amber_within_percent__gte=F("tolerance_green_within_percent")),
                name="measure_green_band_within_amber_band",
            ),
        ]

    def __str__(self) -> str:
        return self.name[:100]

    # `plan` repeats the item's plan (measure keys are unique per plan). A database constraint
    # cannot span the join, so every save checks that the two agree.
    def save(self, *args: Any, **kwargs: Any) -> None:
        self.plan_check()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.plan_check()

    def plan_check(self) -> None:
        """Refuse a measure whose item is in another plan (MEASURE_PLAN_ERROR)."""
        if self.item_id is None or self.plan_id is None:
            return  # the missing key is refused on its own
        if Measure.item.is_cached(self):
            agrees = self.item.plan_id == self.plan_id
        else:
            agrees = PlanItem.objects.filter(pk=self.item_id, plan_id=self.plan_id).exists()
        if not agrees:
            raise ValidationError({"item": MEASURE_PLAN_ERROR})

    @property
    def has_own_tolerance(self) -> bool:
        return self.tolerance_amber_within_percent is not None


class PeriodQuerySet(models.QuerySet["ReportingPeriod"]):
    def open(self) -> "PeriodQuerySet":
        """Periods open for updates."""
        return self.filter(state=ReportingPeriod.State.OPEN)


class ReportingPeriod(TrackedModel):
    class State(models.TextChoices):
        PLANNED = "planned", "Not yet open"
        OPEN = "open", "Open for updates"
        CLOSED = "closed", "Closed for review"
        PUBLISHED = "published", "Published"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    key = models.CharField(max_length=20, help_text="2024-Q1 is the first quarter of 2024/25.")
    label = models.CharField(max_length=50)
    starts_on = models.DateField()
    ends_on = models.DateField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.PLANNED)
    updates_due_on = models.DateField(null=True, blank=True)
    published_on = models.DateTimeField(null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="period_unique_key"),
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="period_starts_before_it_ends"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ProgressUpdate(TrackedModel):
    """What an item's owner reported for one period."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for changes"
        APPROVED = "approved", "Approved"

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="updates")
    status = models.ForeignKey(Status, null=True, blank=True, on_delete=models.PROTECT)
    status_text = models.CharField("status as written", max_length=300, blank=True)
    percent_complete = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT_VALIDATORS
    )
    commentary = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    forecast_status = models.ForeignKey(
        Status, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    submitted_on = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    reviewed_on = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["period__starts_on", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "period"], name="update_unique_item_period"),
            models.CheckConstraint(
                condition=Q(percent_complete__isnull=True)
                | (Q(percent_complete__gte=0) & Q(percent_complete__lte=100)),
                name="update_percent_between_0_and_100",
            ),
        ]
        # A report reads a period's approved updates and each item's latest approved one
        # from this index alone (the rows hold long commentary): 22 ms to 6 ms at 2,000
        # actions of 8 quarters.
        indexes = [
            models.Index(fields=["period", "state", "item"], name="update_period_state_item")
        ]

    def __str__(self) -> str:
        return f"{self.item} — {self.period}"

    def history_plan_id(self) -> int | None:
        return self.period.plan_id if self.period_id else None


class MeasureValue(TrackedModel):
    """A measure's actual for one period, as a number, a comparator and the text printed,
    with the status and trend the council's own report printed beside it, kept apart from
    what councilplan works out."""

    class State(models.TextChoices):
        AVAILABLE = "available", "Available"
        NOT_YET_AVAILABLE = "not_yet_available", "Not yet available"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    class ReportedStatus(models.TextChoices):
        GREEN = "green", "Green"
        AMBER = "amber", "Amber"
        RED = "red", "Red"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="measure_values"
    )
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    comparator = models.CharField(max_length=2, choices=Comparator.choices, blank=True)
    text = models.TextField(blank=True)
    note = models.TextField(blank=True)
    # "Not yet available" or "not applicable" is not a zero: no value, no status.
    state = models.CharField(max_length=20, choices=State.choices, default=State.AVAILABLE)
    expected_on = models.DateField("expected on", null=True, blank=True)
    # The parts of a rate, summed by roll-ups.
    numerator = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    # What the council's report printed: its RAG (as a colour, and in its words) and its trend.
    reported_status = models.CharField(max_length=10, choices=ReportedStatus.choices, blank=True)
    reported_status_text = models.CharField("status as printed", max_length=100, blank=True)
    reported_trend = models.CharField("trend as printed", max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["measure", "period__starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"], name="measure_value_unique_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} — {self.period}: {self.text or self.value}"

    def history_plan_id(self) -> int | None:
        return self.period.plan_id if self.period_id else None


class MeasureTarget(TrackedModel):
    """A measure's target for one period: a profile for the year, or an annual target
    repeated. A changed target keeps who changed it and why (`reason`, and the history)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="measure_targets"
    )
    text = models.TextField("target as printed", blank=True)
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    comparator = models.CharField(max_length=2, choices=Comparator.choices, blank=True)
    # The top of the range, for a measure that should stay within a range (value is the bottom).
    upper_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    reason = models.CharField("why it was set or changed", max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["measure", "period__starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"], name="measure_target_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(upper_value__isnull=True)
                | Q(value__isnull=True)
                | Q(value__lte=F("upper_value")),
                name="measure_target_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} — {self.period}: target {self.text or self.value}"

    def history_plan_id(self) -> int | None:
        return self.period.plan_id if self.period_id else None


class Risk(TrackedModel, Archivable):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="risks")
    key = models.CharField("identifier", max_length=100, validators=[KEY_VALIDATOR])
    description = models.TextField()
    cause = models.TextField(blank=True)
    consequence = models.TextField(blank=True)
    owner = models.CharField(max_length=300, blank=True)
    likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    impact = models.PositiveSmallIntegerField(null=True, blank=True)
    rag = models.CharField(max_length=10, choices=RISK_RAG_CHOICES, blank=True)
    rag_text = models.CharField("RAG as written", max_length=100, blank=True)
    items = models.ManyToManyField(PlanItem, blank=True, related_name="risks")
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="risk_unique_key")]

    def __str__(self) -> str:
        return self.description[:100]


class RiskMitigation(models.Model):
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="mitigations")
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["risk", "position"]

    def __str__(self) -> str:
        return self.text[:100]


class ReportedFigure(models.Model):
    """A figure that narrative text reports (`£67m`, `70,000 call outs`), kept with its sentence."""

    class Kind(models.TextChoices):
        MONEY = "money", "Money"
        COUNT = "count", "Count"
        PERCENT = "percent", "Percentage"
        QUANTITY = "quantity", "Quantity with a unit"

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.DecimalField(max_digits=20, decimal_places=4)
    unit = models.CharField(max_length=50, blank=True)
    qualifier = models.CharField(max_length=50, blank=True, help_text="over, around, up to…")
    text = models.CharField("figure as written", max_length=100)
    sentence = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["item", "position"]

    def __str__(self) -> str:
        return self.text


class Anomaly(models.Model):
    """Something doubtful found when a plan came in, kept for the officer to resolve."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="anomalies")
    item = models.ForeignKey(
        PlanItem, null=True, blank=True, on_delete=models.CASCADE, related_name="anomalies"
    )
    kind = models.SlugField(max_length=60)
    message = models.TextField()
    location = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    resolved_on = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name_plural = "anomalies"

    def __str__(self) -> str:
        return f"{self.kind}: {self.message[:80]}"

"""Forms of the plan-editing pages. They check what was typed (a real date, a number); the
rules (a due date after the start, a reference unique among siblings) live in
`councilplan.editing.services`, whose errors the views put beside the field at fault.

Each field carries `govuk`, the GOV.UK component the shared template draws it with
(web/includes/field.html): text, textarea, select, checkbox, radios or date."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from councilplan.domain.engine import RAG_CHOICES, RISK_RAG_CHOICES
from councilplan.editing.carry_forward import CarryForward
from councilplan.editing.risks import RiskFields
from councilplan.editing.services import ItemFields, MeasureFields, PlanSettings
from councilplan.editing.statuses import StatusWord
from councilplan.editing.targets import MeasureBands, MeasureTargets
from councilplan.plans.models import Measure, Plan, ReportingPeriod

DATE_INVALID_ERROR = "Enter {label} as a real date, like 31 3 2026"
DATE_INCOMPLETE_ERROR = "{label} must include a day, a month and a year"
NUMBER_INVALID_ERROR = "Enter {label} as a number, like {example}"
MONTHS = [
    (number, name)
    for number, name in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        start=1,
    )
]
PERIOD_LENGTHS = [(3, "Quarterly (3 months)"), (1, "Monthly"), (6, "Six-monthly"), (12, "Yearly")]
TOLERANCE_BASES = [
    ("relative", "A percentage of the target"),
    ("absolute", "In the measure's own units (percentage points for a percentage)"),
]
LEVEL_FIELDS = 6
ROLE_CHOICES = [
    ("lead_officer", "Lead officer"),
    ("deputy_lead_officer", "Deputy lead officer"),
    ("cmt_lead", "Corporate management team lead"),
    ("portfolio", "Portfolio holder"),
    ("service_area", "Service area"),
    ("partner", "Partner"),
    ("owner", "Owner"),
]


class GovukDateField(forms.MultiValueField):
    """The GOV.UK date input: day, month and year as three boxes (names `x_day`…)."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        parts = (forms.CharField(required=False),) * 3
        super().__init__(
            fields=parts, label=label, required=False, require_all_fields=False, **kwargs
        )
        self.widget = forms.MultiWidget(
            widgets={"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}
        )
        self.widget.decompress = _date_parts  # type: ignore[method-assign]

    def compress(self, data_list: list[str]) -> date | None:
        parts = [(part or "").strip() for part in (data_list or ["", "", ""])]
        if not any(parts):
            return None
        label = (self.label or "the date").lower()
        if not all(parts):
            raise forms.ValidationError(DATE_INCOMPLETE_ERROR.format(label=self.label or "It"))
        try:
            day, month, year = (int(part) for part in parts)
            return date(year, month, day)
        except ValueError:
            raise forms.ValidationError(DATE_INVALID_ERROR.format(label=label)) from None


def _date_parts(value: date | None) -> list[str]:
    if value is None:
        return ["", "", ""]
    return [str(value.day), str(value.month), str(value.year)]


def _decimal(form: forms.Form, name: str, example: str) -> Decimal:
    text = (form.cleaned_data.get(name) or "").strip().rstrip("%").strip()
    try:
        value = Decimal(text or "0")
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        label = form.fields[name].label or name
        raise forms.ValidationError(
            NUMBER_INVALID_ERROR.format(label=label.lower(), example=example)
        )
    return value


class GovukForm(forms.Form):
    """Marks each field with the GOV.UK component that draws it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.govuk = _component(field)  # type: ignore[attr-defined]

    def error_pairs(self) -> list[tuple[str, str]]:
        """(element id, message) for the error summary, in the form's order."""
        pairs = []
        for name, field in self.fields.items():
            anchor = f"id_{name}_day" if isinstance(field, GovukDateField) else f"id_{name}"
            pairs.extend((anchor, str(message)) for message in self.errors.get(name, []))
        first = next(iter(self.fields), "")
        pairs.extend((f"id_{first}", str(message)) for message in self.non_field_errors())
        return pairs


def _component(field: forms.Field) -> str:
    if isinstance(field, GovukDateField):
        return "date"
    if isinstance(field.widget, forms.HiddenInput):
        return "hidden"
    if isinstance(field.widget, forms.Textarea):
        return "textarea"
    if isinstance(field.widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(field.widget, forms.RadioSelect):
        return "radios"
    if isinstance(field, forms.ChoiceField):
        return "select"
    return "text"


class PlanSettingsForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    title = forms.CharField(label="Title", max_length=300)
    kind = forms.ChoiceField(label="Kind of plan", choices=Plan.Kind.choices)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = GovukDateField(label="Starts on")
    ends_on = GovukDateField(label="Ends on")
    year_start_month = forms.TypedChoiceField(
        label="The financial year starts in", choices=MONTHS, coerce=int
    )
    period_months = forms.TypedChoiceField(
        label="Progress is reported", choices=PERIOD_LENGTHS, coerce=int
    )
    progress_rollup = forms.ChoiceField(
        label="Progress of an item with items below it", choices=Plan.ProgressRollup.choices
    )
    rag_rollup = forms.ChoiceField(
        label="Status of an item with items below it", choices=Plan.RagRollup.choices
    )
    green_within_percent = forms.CharField(
        label="Green within",
        max_length=12,
        help_text="How far a measure may miss its target and still be Green: 0 means Green "
        "only on target or better",
    )
    amber_within_percent = forms.CharField(
        label="Amber within",
        max_length=12,
        help_text="How far a measure may miss its target and still be Amber rather than Red. "
        "A milestone is Green within this many points of the time gone, Amber within twice",
    )
    tolerance_relative = forms.TypedChoiceField(
        label="The bands are",
        choices=TOLERANCE_BASES,
        coerce=lambda basis: basis == "relative",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for depth in range(LEVEL_FIELDS):
            field = forms.CharField(
                label=f"Level {depth + 1}" + (" (the top)" if depth == 0 else ""),
                required=False,
                max_length=100,
            )
            field.govuk = "text"  # type: ignore[attr-defined]
            self.fields[f"level_{depth}"] = field

    @staticmethod
    def initial_of(plan: Plan) -> dict[str, Any]:
        settings = PlanSettings.of(plan)
        initial: dict[str, Any] = {
            name: getattr(settings, name) for name in vars(settings) if name != "level_names"
        }
        initial["green_within_percent"] = f"{plan.green_within_percent.normalize():f}"
        initial["amber_within_percent"] = f"{plan.amber_within_percent.normalize():f}"
        initial["tolerance_relative"] = "relative" if plan.tolerance_relative else "absolute"
        initial["version"] = plan.version
        for depth, name in enumerate(settings.level_names[:LEVEL_FIELDS]):
            initial[f"level_{depth}"] = name
        return initial

    def clean_green_within_percent(self) -> Decimal:
        return _decimal(self, "green_within_percent", "5")

    def clean_amber_within_percent(self) -> Decimal:
        return _decimal(self, "amber_within_percent", "10")

    def level_fields(self) -> list[forms.BoundField]:
        return [self[f"level_{depth}"] for depth in range(LEVEL_FIELDS)]

    def settings(self) -> PlanSettings:
        data = self.cleaned_data
        return PlanSettings(
            title=data["title"],
            kind=data["kind"],
            description=data.get("description", ""),
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            year_start_month=data["year_start_month"],
            period_months=data["period_months"],
            progress_rollup=data["progress_rollup"],
            rag_rollup=data["rag_rollup"],
            green_within_percent=data["green_within_percent"],
            amber_within_percent=data["amber_within_percent"],
            tolerance_relative=data["tolerance_relative"],
            level_names=[data.get(f"level_{depth}", "") for depth in range(LEVEL_FIELDS)],
        )


class ItemForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    title = forms.CharField(label="Title", widget=forms.Textarea(attrs={"rows": 2}))
    ref = forms.CharField(
        label="Reference", required=False, max_length=100, help_text="As printed, like 2.3"
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    outcome = forms.CharField(
        label="Desired outcome", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    resources = forms.CharField(
        label="Resources and constraints",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    timescale_text = forms.CharField(
        label="Timescale as printed",
        required=False,
        max_length=300,
        help_text="The words of the plan, like ‘By March 2026’ or ‘Ongoing’",
    )
    start_date = GovukDateField(label="Start date")
    due_date = GovukDateField(label="Due date")
    open_ended = forms.BooleanField(label="Ongoing, with no end date", required=False)
    weight = forms.CharField(
        label="Weight",
        max_length=10,
        initial="1",
        help_text="How much this item counts when progress is averaged (1 unless the plan "
        "weights its items)",
    )
    is_public = forms.BooleanField(
        label="Publish this item on the public pages", required=False, initial=True
    )

    @staticmethod
    def initial_of(values: ItemFields, version: int) -> dict[str, Any]:
        initial: dict[str, Any] = dict(vars(values))
        initial["weight"] = f"{values.weight.normalize():f}"
        initial["version"] = version
        return initial

    def clean_weight(self) -> Decimal:
        return _decimal(self, "weight", "1")

    def values(self) -> ItemFields:
        data = self.cleaned_data
        return ItemFields(**{name: data.get(name) for name in vars(ItemFields(title=""))})


class ItemMoveForm(GovukForm):
    # A plain field drawn as a select: a parent that is not offered (the item itself, an item
    # below it) is refused by the service with its reason, not as "not a valid choice".
    parent = forms.CharField(label="Move it under", required=False)

    def __init__(self, *args: Any, parents: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        field.choices = [("", "The top level of the plan"), *parents]  # type: ignore[attr-defined]
        field.govuk = "select"  # type: ignore[attr-defined]

    def clean_parent(self) -> int | None:
        chosen = self.cleaned_data.get("parent") or ""
        return int(chosen) if chosen.isdigit() else None


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why is it being archived?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, ‘Completed and removed from the plan by Cabinet, 12 March’",
        required=False,
    )


class RoleForm(GovukForm):
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES)
    party = forms.ChoiceField(label="Person or team", required=False)
    new_person_name = forms.CharField(
        label="Or a new person or team: name", required=False, max_length=300
    )
    new_person_email = forms.EmailField(label="Their e-mail address", required=False)

    def __init__(
        self, *args: Any, people: list[tuple[str, str]], roles: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "Choose a person"), *people]
        known = {code for code, _ in ROLE_CHOICES}
        extra = [(role, role.replace("_", " ").capitalize()) for role in roles if role not in known]
        self.fields["role"].choices = [*ROLE_CHOICES, *extra]


class MeasureForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    name = forms.CharField(label="Name", widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.CharField(
        label="Unit", required=False, max_length=50, help_text="Like %, £, t CO2e or visits"
    )
    polarity = forms.ChoiceField(label="Which way is better", choices=Measure.Polarity.choices)
    frequency = forms.ChoiceField(
        label="How often it is measured", choices=Measure.Frequency.choices
    )
    baseline_text = forms.CharField(label="Baseline", required=False, max_length=500)
    target_text = forms.CharField(
        label="Target",
        required=False,
        max_length=500,
        help_text="As the plan says it, like ‘at least 75%’ or ‘under £3.3m’",
    )

    @staticmethod
    def initial_of(values: MeasureFields, version: int) -> dict[str, Any]:
        return {**vars(values), "version": version}

    def values(self) -> MeasureFields:
        data = self.cleaned_data
        return MeasureFields(**{name: data.get(name) or "" for name in vars(MeasureFields(""))})


MEANINGS = [
    ("", "Counts as it is coloured"),
    ("complete", "Complete"),
    ("inactive", "Not yet active"),
]


class StatusWordForm(GovukForm):
    status_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    label = forms.CharField(label="Word", required=False, max_length=100)
    rag = forms.ChoiceField(label="Colour", choices=[("", "Choose"), *RAG_CHOICES])
    meaning = forms.ChoiceField(label="Meaning", choices=MEANINGS, required=False)
    offered = forms.BooleanField(label="Offered to owners", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rag"].required = False

    @staticmethod
    def initial_of(word: StatusWord) -> dict[str, Any]:
        meaning = "complete" if word.is_complete else ("inactive" if word.is_inactive else "")
        return {
            "status_id": word.status_id,
            "label": word.label,
            "rag": word.rag,
            "meaning": meaning,
            "offered": word.offered,
        }

    def word(self) -> StatusWord:
        data = self.cleaned_data
        return StatusWord(
            label=data.get("label") or "",
            rag=data.get("rag") or "",
            is_complete=data.get("meaning") == "complete",
            is_inactive=data.get("meaning") == "inactive",
            offered=bool(data.get("offered")) or data.get("status_id") is None,
            status_id=data.get("status_id"),
        )


StatusWordFormSet = forms.formset_factory(StatusWordForm, extra=2, max_num=40)


class CarryForwardForm(GovukForm):
    title = forms.CharField(label="Title of next year's plan", max_length=300)
    starts_on = GovukDateField(label="Starts on")
    ends_on = GovukDateField(label="Ends on")
    scope = forms.ChoiceField(
        label="Which items to copy",
        choices=[
            ("all", "Every item of this year's plan"),
            ("unfinished", "Only unfinished items, with the items above them"),
        ],
        widget=forms.RadioSelect,
        initial="all",
    )
    measures = forms.BooleanField(
        label="Copy the measures, with their baselines and targets", required=False
    )
    people = forms.BooleanField(label="Copy the people named in each role", required=False)

    @staticmethod
    def initial_of(proposed: CarryForward) -> dict[str, Any]:
        return {
            "title": proposed.title,
            "starts_on": proposed.starts_on,
            "ends_on": proposed.ends_on,
            "scope": "all",
            "measures": True,
            "people": True,
        }

    def choice(self) -> CarryForward:
        data = self.cleaned_data
        return CarryForward(
            title=data["title"],
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            unfinished_only=data.get("scope") == "unfinished",
            measures=bool(data.get("measures")),
            people=bool(data.get("people")),
        )


SCORES = [("", "Not scored"), *[(str(n), str(n)) for n in range(1, 6)]]


class RiskForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    description = forms.CharField(label="Risk", widget=forms.Textarea(attrs={"rows": 3}))
    cause = forms.CharField(label="Cause", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    consequence = forms.CharField(
        label="Consequence", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.CharField(label="Risk owner", required=False, max_length=300)
    likelihood = forms.ChoiceField(
        label="Likelihood",
        choices=SCORES,
        required=False,
        help_text="1 (rare) to 5 (almost certain)",
    )
    impact = forms.ChoiceField(
        label="Impact", choices=SCORES, required=False, help_text="1 (minimal) to 5 (severe)"
    )
    rag = forms.ChoiceField(
        label="RAG", required=False, choices=[("", "Not rated"), *RISK_RAG_CHOICES]
    )
    mitigations = forms.CharField(
        label="Mitigations",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One on each line",
    )
    item_refs = forms.CharField(
        label="Linked items",
        required=False,
        max_length=1000,
        help_text="Their references, separated by commas, like 1.1, 2.3",
    )

    @staticmethod
    def initial_of(values: RiskFields, version: int) -> dict[str, Any]:
        return {
            **vars(values),
            "likelihood": "" if values.likelihood is None else str(values.likelihood),
            "impact": "" if values.impact is None else str(values.impact),
            "mitigations": "\n".join(values.mitigations),
            "item_refs": ", ".join(values.item_refs),
            "version": version,
        }

    def values(self) -> RiskFields:
        data = self.cleaned_data
        return RiskFields(
            description=data["description"],
            cause=data.get("cause", ""),
            consequence=data.get("consequence", ""),
            owner=data.get("owner", ""),
            likelihood=int(data["likelihood"]) if data.get("likelihood") else None,
            impact=int(data["impact"]) if data.get("impact") else None,
            rag=data.get("rag", ""),
            mitigations=(data.get("mitigations") or "").splitlines(),
            item_refs=(data.get("item_refs") or "").split(","),
        )


AMBER_BAND_REQUIRED_ERROR = "Enter how far it may miss the target and still be Amber"
BANDS_CHOICES = [("plan", "Follow the plan's bands"), ("own", "Its own bands")]


class MeasureTargetsForm(GovukForm):
    """A measure's target in each reporting period, and its tolerance bands."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        label="Why the targets change",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when a target that was set is changed or removed: it is kept in "
        "the history with your name",
    )
    bands = forms.ChoiceField(label="Tolerance bands", choices=BANDS_CHOICES)
    green_within = forms.CharField(
        label="Green within",
        required=False,
        max_length=12,
        help_text="With its own bands: how far it may miss the target and still be Green (0: "
        "only on target or better)",
    )
    amber_within = forms.CharField(
        label="Amber within",
        required=False,
        max_length=12,
        help_text="With its own bands: how far it may miss the target and still be Amber",
    )
    relative = forms.TypedChoiceField(
        label="Its bands are", choices=TOLERANCE_BASES, coerce=lambda basis: basis == "relative"
    )

    def __init__(self, *args: Any, periods: list[ReportingPeriod], fallback: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.periods = periods
        for period in periods:
            field = forms.CharField(
                label=period.label,
                required=False,
                max_length=500,
                help_text=f"Leave it empty for the measure's one target ({fallback or 'none'})",
            )
            field.govuk = "text"  # type: ignore[attr-defined]
            self.fields[f"target_{period.pk}"] = field

    @staticmethod
    def initial_of(measure: Measure, targets: dict[int, str]) -> dict[str, Any]:
        own = measure.tolerance_amber_within_percent is not None
        relative = measure.tolerance_relative
        if relative is None:
            relative = measure.plan.tolerance_relative
        initial: dict[str, Any] = {
            "version": measure.version,
            "bands": "own" if own else "plan",
            "green_within": _figure(measure.tolerance_green_within_percent) if own else "",
            "amber_within": _figure(measure.tolerance_amber_within_percent) if own else "",
            "relative": "relative" if relative else "absolute",
        }
        initial.update({f"target_{pk}": text for pk, text in targets.items()})
        return initial

    def target_fields(self) -> list[forms.BoundField]:
        return [self[f"target_{period.pk}"] for period in self.periods]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("bands") == "own":
            if not (data.get("amber_within") or "").strip():
                self.add_error("amber_within", AMBER_BAND_REQUIRED_ERROR)
                return data
            for name, example in (("green_within", "5"), ("amber_within", "10")):
                try:
                    data[name] = _decimal(self, name, example)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def change(self) -> MeasureTargets:
        data = self.cleaned_data
        bands = None
        if data["bands"] == "own":
            bands = MeasureBands(
                green_within=data["green_within"],
                amber_within=data["amber_within"],
                relative=data["relative"],
            )
        return MeasureTargets(
            targets={p.pk: data.get(f"target_{p.pk}", "") or "" for p in self.periods},
            bands=bands,
            reason=data.get("reason", ""),
        )


def _figure(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"

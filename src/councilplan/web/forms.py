"""Forms for the website's pages: they validate input and nothing else."""

from datetime import date
from typing import Any

from django import forms

from councilplan.domain.periods import PeriodError, period_parse
from councilplan.reports.data import ReportFilters
from councilplan.web.selectors import TreeFilters

UPLOAD_MISSING_ERROR = "Select a plan document to upload."


class TreeFilterForm(forms.Form):
    search = forms.CharField(required=False, max_length=200, label="Search")
    owner = forms.ChoiceField(required=False, label="Owner")
    portfolio = forms.ChoiceField(required=False, label="Portfolio")
    status = forms.ChoiceField(required=False, label="Status")
    overdue = forms.BooleanField(required=False, label="Overdue only")
    has_findings = forms.BooleanField(required=False, label="With findings only")
    period = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, choices: dict[str, list[tuple[str, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in ("owner", "portfolio", "status"):
            self.fields[name].choices = [("", "Any")] + choices[name]

    def filters(self) -> TreeFilters:
        data = self.cleaned_data
        return TreeFilters(
            owner=int(data["owner"]) if data.get("owner") else None,
            portfolio=int(data["portfolio"]) if data.get("portfolio") else None,
            status=data.get("status") or "",
            overdue=bool(data.get("overdue")),
            has_findings=bool(data.get("has_findings")),
            search=(data.get("search") or "").strip(),
        )


REPORT_KIND_ERROR = "Select which report to make"
MEETING_DATE_ERROR = "The date of the meeting must be a real date, like 12 9 2024"
MEETING_DATE_PART_ERROR = "The date of the meeting must include a day, a month and a year"
# What the reports page can make: the four formats and the covering report to Cabinet.
COVER = "cover"
REPORT_STATUS_CHOICES = [
    ("", "Any status"),
    ("red", "Red, reported or suggested"),
    ("amber", "Amber, reported or suggested"),
    ("green", "Green, reported or suggested"),
    ("complete", "Complete"),
    ("not rated", "Not rated"),
]


class ReportChoiceForm(forms.Form):
    """Which report to make and what it shows: the command line's report options."""

    kind = forms.ChoiceField(
        label="Report", error_messages={"required": REPORT_KIND_ERROR}, widget=forms.RadioSelect
    )
    portfolio = forms.ChoiceField(required=False, label="Portfolio")
    lead_officer = forms.ChoiceField(required=False, label="Lead officer")
    service_area = forms.ChoiceField(required=False, label="Service area")
    status = forms.ChoiceField(required=False, label="Status", choices=REPORT_STATUS_CHOICES)
    exceptions_only = forms.BooleanField(required=False, label="Exceptions only")
    meeting_day = forms.CharField(required=False, max_length=2)
    meeting_month = forms.CharField(required=False, max_length=2)
    meeting_year = forms.CharField(required=False, max_length=4)

    def __init__(
        self,
        *args: Any,
        kinds: list[tuple[str, str]],
        names: dict[str, list[str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        for name in ("portfolio", "lead_officer", "service_area"):
            self.fields[name].choices = [("", "All")] + [(each, each) for each in names[name]]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parts = [data.get(f"meeting_{part}", "").strip() for part in ("day", "month", "year")]
        data["meeting_date"] = None
        if data.get("kind") == COVER and any(parts):
            if not all(parts):
                self.add_error("meeting_day", MEETING_DATE_PART_ERROR)
            else:
                try:
                    day, month, year = (int(part) for part in parts)
                    data["meeting_date"] = date(year, month, day)
                except ValueError:
                    self.add_error("meeting_day", MEETING_DATE_ERROR)
        return data

    def filters(self) -> ReportFilters:
        data = self.cleaned_data
        return ReportFilters(
            portfolio=data.get("portfolio") or "",
            lead_officer=data.get("lead_officer") or "",
            service_area=data.get("service_area") or "",
            status=data.get("status") or "",
            exceptions_only=bool(data.get("exceptions_only")),
        )


PERIOD_INVALID_ERROR = "Enter the period as a year and quarter, like 2024-Q1"
PLAN_ID_INVALID_ERROR = "The identifier may use only letters, digits and dashes"


class UploadForm(forms.Form):
    document = forms.FileField(
        label="Upload a plan document",
        error_messages={"required": UPLOAD_MISSING_ERROR, "empty": UPLOAD_MISSING_ERROR},
    )
    organisation = forms.ChoiceField(label="Council", required=False)
    period = forms.CharField(required=False, max_length=20, label="Period the progress is for")
    plan_id = forms.SlugField(
        required=False,
        max_length=90,
        label="Plan identifier",
        error_messages={"invalid": PLAN_ID_INVALID_ERROR},
    )
    title = forms.CharField(required=False, max_length=300, label="Plan title")

    def __init__(
        self, *args: Any, max_bytes: int, organisations: list[tuple[str, str]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["organisation"].choices = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0][0]

    def clean_organisation(self) -> str:
        """The council chosen; with only one to choose from, that one."""
        chosen = self.cleaned_data.get("organisation") or ""
        choices = self.fields["organisation"].choices
        if not chosen and len(choices) == 1:
            return choices[0][0]
        return chosen

    def clean_period(self) -> str:
        return period_key_cleaned(self.cleaned_data.get("period", ""))


# The column step's roles in plain English: the common ones first, in the order an officer
# meets them; the codes are the mapping file's (imports.mapping.COLUMN_ROLES).
COLUMN_ROLE_LABELS = {
    "title": "Title",
    "ref": "Reference",
    "lead_officer": "Lead officer",
    "service_area": "Service area",
    "portfolio": "Portfolio",
    "start": "Start date",
    "due": "Due date",
    "status": "Status",
    "progress": "Progress (%)",
    "commentary": "Commentary",
    "next_steps": "Next steps",
    "measure": "Measure",
    "target": "Target",
    "actual": "Actual (the measure's position)",
    "text": "Keep as text",
    "ignore": "Ignore",
}
OTHER_COLUMN_ROLE_LABELS = {
    "group": "Heading over the rows below (a group of items)",
    "ref_title": "Reference and title",
    "milestone": "Sub-item (milestone)",
    "outcome": "Outcome",
    "resources": "Resources",
    "forecast": "Year-end forecast",
    "deputy_lead_officer": "Deputy lead officer",
    "cmt_lead": "Senior lead",
    "partner": "Partners",
    "baseline": "Baseline",
    "risk": "Risk",
    "mitigations": "Mitigations",
    "rag": "Risk rating",
    "period": "A period's figures (kept as text)",
}
LEVEL_MISSING_ERROR = "Enter a name for this level"
TITLE_MISSING_ERROR = "Enter the plan's title"
ORGANISATION_MISSING_ERROR = "Select the council the plan belongs to"


def column_role_choices() -> list[tuple[str, Any]]:
    """Grouped choices for a column's role: every role a mapping file accepts."""
    from councilplan.imports.mapping import COLUMN_ROLES

    common = [(role, label) for role, label in COLUMN_ROLE_LABELS.items() if role in COLUMN_ROLES]
    other = [
        (role, OTHER_COLUMN_ROLE_LABELS.get(role, role.replace("_", " ").capitalize()))
        for role in COLUMN_ROLES
        if role not in COLUMN_ROLE_LABELS
    ]
    return [("Common roles", common), ("Other roles", other)]


def column_role_label(role: str) -> str:
    labels = {**COLUMN_ROLE_LABELS, **OTHER_COLUMN_ROLE_LABELS}
    return labels.get(role or "text", role.replace("_", " ").capitalize())


class ColumnsForm(forms.Form):
    """The import's column step: a role for each printed header, and the plan's title,
    council, period and level names."""

    title = forms.CharField(
        max_length=300, label="Plan title", error_messages={"required": TITLE_MISSING_ERROR}
    )
    organisation = forms.ChoiceField(
        label="Council", error_messages={"required": ORGANISATION_MISSING_ERROR}
    )
    period = forms.CharField(required=False, max_length=20, label="Period the progress is for")

    def __init__(
        self,
        *args: Any,
        headers: list[tuple[str, str]],
        levels: list[str],
        organisations: list[tuple[str, str]],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.headers = headers
        self.fields["organisation"].choices = [("", "Choose a council"), *organisations]
        choices = column_role_choices()
        for index, (name, role) in enumerate(headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=name, choices=choices, initial=role
            )
        for index, level in enumerate(levels):
            self.fields[f"level_{index}"] = forms.CharField(
                max_length=100,
                label=f"Level {index + 1}",
                initial=level,
                error_messages={"required": LEVEL_MISSING_ERROR},
            )
        self.level_count = len(levels)

    def clean_period(self) -> str:
        return period_key_cleaned(self.cleaned_data.get("period", ""))

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"column_{index}"] for index in range(len(self.headers))]

    def level_fields(self) -> list[forms.BoundField]:
        return [self[f"level_{index}"] for index in range(self.level_count)]

    def roles(self) -> dict[str, str]:
        """Printed header → role, for the columns the officer chose to read differently."""
        return {
            name: self.cleaned_data[f"column_{index}"]
            for index, (name, role) in enumerate(self.headers)
            if self.cleaned_data[f"column_{index}"] != role
        }

    def plan_settings(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "organisation": data["organisation"],
            "current_period": data["period"],
            "levels": [data[f"level_{index}"].strip() for index in range(self.level_count)],
        }


def period_key_cleaned(text: str) -> str:
    """A period typed in a form (`2024-q1`) as its key, '' when blank; a clear error else."""
    text = text.strip()
    if not text:
        return ""
    try:
        return period_parse(text).key
    except PeriodError:
        raise forms.ValidationError(PERIOD_INVALID_ERROR) from None

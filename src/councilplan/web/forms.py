"""Forms for the website's pages: they validate input and nothing else."""

from typing import Any

from django import forms

from councilplan.domain.periods import PeriodError, period_parse
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
        text = self.cleaned_data.get("period", "").strip()
        if not text:
            return ""
        try:
            return period_parse(text).key
        except PeriodError:
            raise forms.ValidationError(PERIOD_INVALID_ERROR) from None

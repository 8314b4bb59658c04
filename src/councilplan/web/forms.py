"""Forms for the website's pages: they validate input and nothing else."""

from typing import Any

from django import forms

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


class UploadForm(forms.Form):
    document = forms.FileField(
        label="Upload a plan document",
        error_messages={"required": UPLOAD_MISSING_ERROR, "empty": UPLOAD_MISSING_ERROR},
    )

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

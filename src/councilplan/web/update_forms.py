"""Forms of the update round's pages. They check what was typed; the rules live in the cycle
services."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms

from councilplan.cycle.errors import (
    REOPEN_REASON_REQUIRED_ERROR,
    RETURN_COMMENT_REQUIRED_ERROR,
    UPDATE_NEXT_STEPS_REQUIRED_ERROR,
    UPDATE_STATUS_REQUIRED_ERROR,
)
from councilplan.cycle.services import FORECAST_FIELD_LABEL
from councilplan.domain.engine import Rag
from councilplan.plans.models import Measure, Status

PERCENT_ERROR = "Enter percent complete as a number from 0 to 100, like 40"
FORECAST_HINT = "What you expect the status to be at the end of the year"
DUE_DATE_ERROR = "Enter the date updates are due as a real date, like 14 10 2024"
DUE_DATE_REQUIRED_ERROR = "Enter the date updates are due"
DUE_DATE_BEFORE_START_ERROR = "The date updates are due must be after the period starts"


class UpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    status = forms.ModelChoiceField(
        label="Status",
        queryset=Status.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    forecast_status = forms.ModelChoiceField(
        label=FORECAST_FIELD_LABEL,
        help_text=FORECAST_HINT,
        queryset=Status.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    percent_complete = forms.CharField(
        label="Percent complete", required=False, max_length=10, strip=True
    )
    commentary = forms.CharField(
        label="Commentary", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    next_steps = forms.CharField(
        label="Next steps", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(
        self,
        *args: object,
        statuses: list[Status],
        measures: list[Measure],
        submitting: bool,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        in_scheme = Status.objects.filter(pk__in=[s.pk for s in statuses])
        self.fields["status"].queryset = in_scheme
        self.fields["forecast_status"].queryset = in_scheme
        self.statuses = statuses
        self.measures = measures
        self.submitting = submitting
        for measure in measures:
            self.fields[f"measure_{measure.pk}"] = forms.CharField(
                label=measure.name, required=False, max_length=500
            )

    def clean_percent_complete(self) -> Decimal | None:
        text = (self.cleaned_data.get("percent_complete") or "").strip().rstrip("%").strip()
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(PERCENT_ERROR) from None
        if not value.is_finite() or not 0 <= value <= 100 or value.as_tuple().exponent < -2:
            raise forms.ValidationError(PERCENT_ERROR)
        return value

    def clean(self) -> dict:
        cleaned = super().clean()
        status = cleaned.get("status")
        if self.submitting and status is None and "status" not in self.errors:
            self.add_error("status", UPDATE_STATUS_REQUIRED_ERROR)
        if (
            self.submitting
            and status is not None
            and status.rag == Rag.RED
            and not (cleaned.get("next_steps") or "").strip()
        ):
            self.add_error(
                "next_steps", UPDATE_NEXT_STEPS_REQUIRED_ERROR.format(status=status.label)
            )
        return cleaned

    def measure_actuals(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data.get(f"measure_{m.pk}", "") for m in self.measures}

    def measure_fields(self) -> list[tuple[Measure, forms.BoundField]]:
        return [(m, self[f"measure_{m.pk}"]) for m in self.measures]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="What does the owner need to change?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": RETURN_COMMENT_REQUIRED_ERROR},
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why are you reopening this period?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": REOPEN_REASON_REQUIRED_ERROR},
    )


class OpenPeriodForm(forms.Form):
    """The GOV.UK date input: day, month and year as three text boxes."""

    due_day = forms.CharField(label="Day", required=False, max_length=2)
    due_month = forms.CharField(label="Month", required=False, max_length=2)
    due_year = forms.CharField(label="Year", required=False, max_length=4)

    def __init__(self, *args: object, starts_on: date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.starts_on = starts_on

    def clean(self) -> dict:
        cleaned = super().clean()
        parts = [cleaned.get(name, "").strip() for name in ("due_day", "due_month", "due_year")]
        if not any(parts):
            raise forms.ValidationError(DUE_DATE_REQUIRED_ERROR)
        try:
            day, month, year = (int(part) for part in parts)
            due = date(year, month, day)
        except ValueError:
            raise forms.ValidationError(DUE_DATE_ERROR) from None
        if due < self.starts_on or year > 9999:
            raise forms.ValidationError(DUE_DATE_BEFORE_START_ERROR)
        cleaned["updates_due_on"] = due
        return cleaned

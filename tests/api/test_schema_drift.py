"""The API's description of the plan position is written beside the dataclasses the reports
read (reports/data.py); this test keeps the two together. A field renamed or removed in the
dataclass fails here, not as a 500 on a live request; a field added must be either described
in the API or named below as kept out of it, on purpose."""

from dataclasses import fields

import pytest

from councilplan.api import schemas
from councilplan.reports import data

# What the reports print that the API leaves out, and why.
NOT_IN_API: dict[type, set[str]] = {
    data.MeasureRow: {
        "suggestion_reason",  # the report's sentence; the API gives the status and figures
        "series",  # a chart's points: GET .../measures gives each period's figure
        "target_series",  # the chart's target line: the same, each period's target
    },
    data.ItemRow: {
        "description", "other_roles", "timescale_text", "reported_status_text",
        "suggestion_reason", "computed_status", "status_disagrees", "percent_differs",
        "previous_percent", "context_only", "forecast",
    },
    data.StatusCount: {"key"},
    data.ProgressRow: {"differs"},
    data.ChangeRow: {"heading", "is_leaf"},
    data.FindingRow: {"heading"},
    data.RiskRow: {"item_refs"},
}  # fmt: skip

PAIRS = [
    (schemas.StatusOut, data.StatusShown),
    (schemas.MeasureInPositionOut, data.MeasureRow),
    (schemas.ItemInPositionOut, data.ItemRow),
    (schemas.StatusCountOut, data.StatusCount),
    (schemas.ProgressOut, data.ProgressRow),
    (schemas.ChangeOut, data.ChangeRow),
    (schemas.FindingOut, data.FindingRow),
    (schemas.RiskOut, data.RiskRow),
]


@pytest.mark.parametrize(("schema", "row"), PAIRS, ids=[row.__name__ for _, row in PAIRS])
def test_the_api_describes_what_the_reports_hold(schema, row):
    held = {field.name for field in fields(row)}
    described = set(schema.model_fields)
    assert described <= held, f"{schema.__name__} describes what {row.__name__} has not"
    left_out = NOT_IN_API.get(row, set())
    assert left_out <= held, f"NOT_IN_API names fields {row.__name__} no longer has"
    new = held - described - left_out
    assert not new, (
        f"{row.__name__} has {sorted(new)}: describe them in {schema.__name__} "
        f"(api/schemas.py) or add them to NOT_IN_API here, saying why"
    )

"""The report as one HTML page."""

from django.template.loader import render_to_string

from councilplan.domain.engine import Rag
from councilplan.reports.data import (
    RAG_SHAPES,
    SUGGESTED_PREFIX,
    SUGGESTED_SHAPES,
    PlanPosition,
    kind_title,
)
from councilplan.reports.position import CHANGE_ORDER
from councilplan.reports.render.charts import progress_charts, status_mix_chart


def report_context(position: PlanPosition) -> dict:
    """What the report templates need; the web pages may include `reports/_body.html` with it."""
    return {
        "position": position,
        # Each chart beside the table it draws.
        "status_chart": status_mix_chart(position),
        "progress_charts": progress_charts(position),
        "change_kinds": [(kind.value, kind_title(kind.value)) for kind in CHANGE_ORDER],
        "shapes": [(rag.value, RAG_SHAPES[rag], rag.word) for rag in Rag],
        "suggested_shapes": [
            (rag.value, SUGGESTED_SHAPES[rag], f"{SUGGESTED_PREFIX}{rag.word}")
            for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)
        ],
    }


def report_html(position: PlanPosition) -> str:
    """The report page; each chart is inline SVG with its alt text, beside its table."""
    context = report_context(position)
    return render_to_string("reports/report.html", context)

"""The report as one HTML page (also the source of the PDF)."""

from django.template.loader import render_to_string

from councilplan.domain.engine import Rag
from councilplan.reports.charts import Chart, charts_for
from councilplan.reports.data import RAG_SHAPES, PlanPosition
from councilplan.reports.position import CHANGE_ORDER


def report_context(
    position: PlanPosition, *, charts: list[Chart] | None = None, charts_as_images: bool = False
) -> dict:
    """What the report templates need; the web pages may include `reports/_body.html` with it."""
    return {
        "position": position,
        "charts": charts if charts is not None else charts_for(position),
        "change_kinds": [(kind.value, kind_title(kind.value)) for kind in CHANGE_ORDER],
        "shapes": [(rag.value, RAG_SHAPES[rag], rag.word) for rag in Rag],
        "charts_as_images": charts_as_images,
    }


def kind_title(kind: str) -> str:
    from councilplan.domain.engine.results import CHANGE_TITLES, ChangeKind

    return CHANGE_TITLES[ChangeKind(kind)]


def report_html(
    position: PlanPosition, *, charts: list[Chart] | None = None, charts_as_images: bool = False
) -> str:
    """The report page. `charts_as_images` embeds charts as PNG (the PDF lays them out much
    faster than SVG); each keeps its alt text and its data table."""
    context = report_context(position, charts=charts, charts_as_images=charts_as_images)
    return render_to_string("reports/report.html", context)

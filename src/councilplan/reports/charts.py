"""Charts a councillor reads at a glance, each with its data as a table.

Altair specifications turned into SVG (or PNG for Word) by vl-convert, on this machine,
with no network. Bars carry their status word or figure as a label: never colour alone.
"""

import base64
from dataclasses import dataclass
from functools import cached_property

import altair as alt
import vl_convert as vlc

from councilplan.reports.data import RAG_COLOURS, ChartTable, PlanPosition

# Trend charts for at most this many measures, so a big plan's report stays readable and fast.
MEASURE_TREND_LIMIT = 3
CHART_WIDTH = 480


@dataclass
class Chart:
    title: str
    description: str
    spec: dict
    table: ChartTable

    @cached_property
    def svg(self) -> str:
        svg = vlc.vegalite_to_svg(self.spec)
        # A title and a description make the image readable to screen readers.
        label = _attribute(f"{self.title}: {self.description}")
        return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)

    @cached_property
    def png(self) -> bytes:
        return vlc.vegalite_to_png(self.spec, scale=1.5)

    @property
    def png_base64(self) -> str:
        return base64.b64encode(self.png).decode("ascii")

    @property
    def alt_text(self) -> str:
        return f"{self.title}: {self.description}"


def charts_for(position: PlanPosition) -> list[Chart]:
    charts = [_status_mix(position)]
    if position.progress:
        charts.append(_progress(position))
    for row, measure in position.measures_with_series[:MEASURE_TREND_LIMIT]:
        charts.append(_trend(row.heading, measure.name, measure.unit, measure.series))
    return charts


def _status_mix(position: PlanPosition) -> Chart:
    data = [
        {
            "status": f"{count.shape} {count.word}",
            "items": count.count,
            "colour": RAG_COLOURS[count.rag],
        }
        for count in position.status_mix
    ]
    base = alt.Chart(alt.Data(values=data)).encode(
        y=alt.Y("status:N", sort=None, title=None),
        x=alt.X("items:Q", title="Items"),
    )
    chart = (
        base.mark_bar().encode(color=alt.Color("colour:N", scale=None, legend=None))
        + base.mark_text(align="left", dx=4).encode(text="items:Q")
    ).properties(width=CHART_WIDTH, height=25 * max(len(data), 1), title="Items by status")
    return Chart(
        title="Items by status",
        description="; ".join(f"{d['status']}: {d['items']}" for d in data),
        spec=chart.to_dict(),
        table=ChartTable(
            caption="Items by status (lowest-level items)",
            headers=("Status", "Items", "Share"),
            rows=tuple(
                (count.word, count.count, f"{count.share:.0f}%") for count in position.status_mix
            ),
        ),
    )


def _progress(position: PlanPosition) -> Chart:
    data = []
    for row in position.progress:
        label = row.heading if len(row.heading) <= 50 else row.heading[:47] + "…"
        if row.reported_percent is not None:
            data.append({"item": label, "kind": "Reported", "percent": row.reported_percent})
        if row.computed_percent is not None:
            data.append(
                {"item": label, "kind": "Computed", "percent": round(row.computed_percent, 1)}
            )
    base = alt.Chart(alt.Data(values=data)).encode(
        y=alt.Y("item:N", sort=None, title=None),
        yOffset=alt.YOffset("kind:N"),
        x=alt.X("percent:Q", title="Percent complete", scale=alt.Scale(domain=[0, 100])),
    )
    chart = (
        base.mark_bar().encode(
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=["Reported", "Computed"], range=["#1d70b8", "#505a5f"]),
                title=None,
            )
        )
        + base.mark_text(align="left", dx=3, fontSize=9)
        .encode(text=alt.Text("label:N"))
        .transform_calculate(label="datum.kind + ' ' + format(datum.percent, '.0f') + '%'")
    ).properties(width=CHART_WIDTH, title="Progress: reported and computed")
    return Chart(
        title="Progress: reported and computed",
        description="Percent complete of each top-level item as reported and as its items imply",
        spec=chart.to_dict(),
        table=ChartTable(
            caption="Progress by " + " and ".join(position.level_names[:2]).lower(),
            headers=("Item", "Reported %", "Computed %", "Differs"),
            rows=tuple(
                (
                    row.heading,
                    row.reported_percent,
                    None if row.computed_percent is None else round(row.computed_percent, 1),
                    "Yes" if row.differs else "No",
                )
                for row in position.progress
            ),
        ),
    )


def _trend(heading: str, name: str, unit: str, series: tuple[tuple[str, float], ...]) -> Chart:
    data = [{"period": key, "value": value} for key, value in series]
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("period:O", title="Period", sort=None),
        y=alt.Y("value:Q", title=unit or "Value"),
    )
    chart = (
        base.mark_line(point=alt.OverlayMarkDef(shape="circle", size=50), color="#1d70b8")
        + base.mark_text(dy=-10, fontSize=9).encode(text=alt.Text("value:Q", format=",.4~g"))
    ).properties(width=CHART_WIDTH, height=180, title=_short(name, 70))
    return Chart(
        title=f"Trend: {_short(name, 70)}",
        description=", ".join(f"{key} {value:g}" for key, value in series),
        spec=chart.to_dict(),
        table=ChartTable(
            caption=f"{name} ({heading}) by period",
            headers=("Period", unit or "Value"),
            rows=tuple(series),
        ),
    )


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _attribute(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )

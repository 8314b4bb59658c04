"""A published period as open data: JSON (the snapshot as published, with its licence) and CSV
(one row an item, for a spreadsheet), linked from the public page. Only what the public page
shows: the published snapshot, never the working plan."""

import csv
import io
import json
from typing import Any

from django.conf import settings

from councilplan.cycle.models import PublishedSnapshot
from councilplan.domain.spreadsheet_text import csv_cell_neutralise
from councilplan.web.selectors import snapshot_rows

CSV_COLUMNS = [
    "reference", "identifier", "level", "title", "status", "rag", "percent_complete",
    "year_end_forecast", "commentary", "next_steps",
]  # fmt: skip


def licence() -> dict[str, str]:
    return {
        "name": settings.COUNCILPLAN_OPEN_DATA_LICENCE,
        "url": settings.COUNCILPLAN_OPEN_DATA_LICENCE_URL,
    }


def snapshot_json(snapshot: PublishedSnapshot) -> str:
    document: dict[str, Any] = {
        "plan": snapshot.plan.slug,
        "title": snapshot.plan.title,
        "organisation": snapshot.plan.organisation.name,
        "period": snapshot.period.key,
        "published_on": snapshot.published_on.isoformat(),
        "licence": licence(),
        "content": snapshot.content,
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def snapshot_csv(snapshot: PublishedSnapshot) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in snapshot_rows(content=snapshot.content):
        cells = [
            row.ref, row.key, row.level, row.title, row.status_label, row.rag,
            "" if row.percent is None else row.percent, row.forecast_label, row.commentary,
            row.next_steps,
        ]  # fmt: skip
        # Text a spreadsheet would run as a formula is written as text (OWASP's advice).
        writer.writerow([csv_cell_neutralise(c) if isinstance(c, str) else c for c in cells])
    return out.getvalue()

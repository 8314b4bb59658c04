"""Plans whose content is known, written as plain data, and the seeds' content as truth.

Six plans of our own, each in the shape of a kind of document councils publish, and the four
seed documents, whose truth is what the importer reads from them today *with* their mapping
files. A plan's items name their parent by title; `columns` is the table as the council
printed it (role, header), in order.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from councilplan.imports.convert import ConvertOptions, document_convert

SEEDS = Path(__file__).resolve().parents[3] / "src" / "councilplan" / "sample_data" / "seeds"
SEED_STEMS = (
    "000_25f3bf7315d2d5ec",  # Harlow recovery plan: workstreams, actions, programmes
    "002_18d0fb1317272cfa",  # Harlow corporate plan: missions, priorities, actions, milestones
    "003_7be4ab006a088c03",  # Harborough key activities: themes, objectives, KA.01.01
    "004_5967751ed72c1948",  # Harrow borough plan: a narrative report of priorities
)


@dataclass(frozen=True)
class TruthItem:
    title: str
    ref: str = ""
    parent: str = ""  # the parent item's title; "" at the top of the plan
    level: str = ""
    lead_officer: str = ""
    service_area: str = ""
    start: date | None = None
    due: date | None = None
    due_text: str = ""  # printed instead of a due date: "Ongoing", "TBC"
    status: str = ""
    progress: int | None = None


@dataclass(frozen=True)
class TruthPlan:
    key: str
    title_line: str
    council: str
    period_line: str
    levels: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]  # (role, header as printed), in printed order
    items: tuple[TruthItem, ...]
    sectioned: bool = False  # the top level is printed as heading lines above tables
    notes: tuple[str, ...] = field(default=())  # prose printed under the title block

    def depth(self, item: TruthItem) -> int:
        by_title = {i.title: i for i in self.items}
        depth = 1
        while item.parent:
            item = by_title[item.parent]
            depth += 1
        return depth

    @property
    def max_depth(self) -> int:
        return max(self.depth(i) for i in self.items)


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _due(text: str) -> tuple[date | None, str]:
    return (None, text) if text in ("Ongoing", "TBC") else (_d(text), "")


def _rows(table: str) -> list[tuple[int, list[str]]]:
    """(depth, cells) from lines of `|`-separated cells; two spaces of indent a level."""
    rows = []
    for line in table.strip("\n").splitlines():
        indent = len(line) - len(line.lstrip(" "))
        rows.append((indent // 2 + 1, [cell.strip() for cell in line.split("|")]))
    return rows


def _items(levels: tuple[str, ...], table: str, *extra: dict[str, str]) -> tuple[TruthItem, ...]:
    """Items from `ref | title | lead officer | due | status | progress` lines, each a child
    of the last line one indent to its left; `extra` maps refs to service area, start."""
    items: list[TruthItem] = []
    stack: list[TruthItem] = []
    for depth, (ref, title, lead, due, status, progress) in _rows(table):
        del stack[depth - 1 :]
        due_date, due_text = _due(due)
        item = TruthItem(
            title=title,
            ref=ref,
            parent=stack[-1].title if stack else "",
            level=levels[depth - 1],
            lead_officer=lead,
            service_area=extra[0][ref] if extra else "",
            start=_d(extra[1][ref]) if extra else None,
            due=due_date,
            due_text=due_text,
            status=status,
            progress=int(progress),
        )
        items.append(item)
        stack.append(item)
    return tuple(items)


def _sectioned(
    level: str, child_level: str, table: str, roles: tuple[str, ...]
) -> tuple[TruthItem, ...]:
    """Section lines (no indent, a title only) and the rows below them, whose cells are
    `roles` in order (title, lead_officer, service_area, start, due, status, progress)."""
    items: list[TruthItem] = []
    section = ""
    for depth, cells in _rows(table):
        if depth == 1:
            section = cells[0]
            items.append(TruthItem(title=section, level=level))
            continue
        values = dict(zip(roles, cells, strict=True))
        due_date, due_text = _due(values.pop("due"))
        start = values.pop("start", "")
        progress = values.pop("progress", "")
        items.append(
            TruthItem(
                parent=section,
                level=child_level,
                start=_d(start) if start else None,
                due=due_date,
                due_text=due_text,
                progress=int(progress) if progress else None,
                **values,
            )
        )
    return tuple(items)


# 1. A plain six-column action table with refs 1, 1.1, 2.1.1.
ACTIONS = TruthPlan(
    key="actions",
    title_line="Corporate action plan 2025/26",
    council="Harlow Council",
    period_line="Quarter 1 2025/26 monitoring report",
    levels=("Priority", "Action", "Milestone"),
    columns=(
        ("ref", "Reference"),
        ("title", "Action"),
        ("lead_officer", "Lead officer"),
        ("due", "Due date"),
        ("status", "Status"),
        ("progress", "Progress"),
    ),
    items=_items(
        ("Priority", "Action", "Milestone"),
        """
1 | Improve the condition of council homes | Head of Housing | 2026-03-31 | Green | 40
  1.1 | Complete stock condition surveys of council homes | Asset Manager | 2025-09-30 | Green | 60
  1.2 | Replace windows on the Northbrooks estate | Asset Manager | 2026-02-14 | Amber | 25
  1.3 | Adopt a damp and mould policy for tenants | Housing Manager | 2025-06-30 | Complete | 100
2 | Grow the local economy and good jobs | Head of Regeneration | 2026-03-31 | Amber | 30
  2.1 | Open the enterprise hub in the town centre | Economy Manager | 2025-12-12 | Amber | 45
    2.1.1 | Appoint an operator for the hub | Economy Manager | 2025-07-31 | Complete | 100
    2.1.2 | Fit out the ground floor workspace | Property Manager | 2025-11-28 | Red | 10
  2.2 | Run a small business grants scheme | Economy Manager | Ongoing | Green | 50
3 | Keep the council's finances sustainable | Director of Finance | 2026-03-31 | Green | 20
  3.1 | Set a balanced budget for 2026/27 | Director of Finance | 2026-02-25 | Not started | 0
  3.2 | Review fees and charges | Finance Manager | TBC | Start later in year | 0
""",
    ),
)

# 2. Letter references: CA1, CA1.1, CA2; a service area and a start date.
CLIMATE = TruthPlan(
    key="climate",
    title_line="Climate action plan 2025 to 2030",
    council="Wyvern Borough Council",
    period_line="Q2 2025/26 progress update",
    levels=("Theme", "Action"),
    columns=(
        ("ref", "Ref"),
        ("title", "Action"),
        ("lead_officer", "Responsible officer"),
        ("service_area", "Service area"),
        ("start", "Start"),
        ("due", "Due"),
        ("status", "RAG"),
        ("progress", "% complete"),
    ),
    items=_items(
        ("Theme", "Action"),
        """
CA1 | Cut the council's own carbon emissions | Climate Officer | 2027-03-31 | Amber | 35
  CA1.1 | Fit solar panels to the civic centre roof | Facilities Manager | 2025-10-17 | Green | 70
  CA1.2 | Replace the pool fleet with electric vans | Fleet Manager | 2026-06-30 | Amber | 20
  CA1.3 | Switch street lights to LED lanterns | Highways Engineer | 2026-01-30 | Red | 5
CA2 | Help residents make their homes warmer | Housing Strategy Lead | 2027-03-31 | Green | 25
  CA2.1 | Launch a home insulation grant for tenants | Grants Officer | 2025-11-07 | Green | 60
  CA2.2 | Publish a retrofit advice guide | Communications Officer | 2025-08-29 | Complete | 100
CA3 | Plant trees and restore green spaces | Parks Manager | 2030-03-31 | Green | 15
  CA3.1 | Plant two thousand street trees | Tree Officer | 2026-03-13 | Not started | 0
""",
        {
            "CA1": "Corporate Services",
            "CA1.1": "Property Services",
            "CA1.2": "Environmental Services",
            "CA1.3": "Highways",
            "CA2": "Housing",
            "CA2.1": "Housing",
            "CA2.2": "Communications",
            "CA3": "Parks and Open Spaces",
            "CA3.1": "Parks and Open Spaces",
        },
        {
            "CA1": "2025-04-01",
            "CA1.1": "2025-05-12",
            "CA1.2": "2025-09-01",
            "CA1.3": "2025-06-02",
            "CA2": "2025-04-01",
            "CA2.1": "2025-07-07",
            "CA2.2": "2025-04-14",
            "CA3": "2025-04-01",
            "CA3.1": "2025-11-03",
        },
    ),
)

# 3. KA.01.03-style codes.
KEY_ACTIVITIES = TruthPlan(
    key="key-activities",
    title_line="Corporate plan key activities 2025/26",
    council="Eastmoor District Council",
    period_line="Quarter 3 2025/26 performance report",
    levels=("Objective", "Key activity"),
    columns=(
        ("ref", "Code"),
        ("title", "Key activity"),
        ("lead_officer", "Lead"),
        ("due", "Target date"),
        ("status", "Status"),
        ("progress", "Progress"),
    ),
    items=_items(
        ("Objective", "Key activity"),
        """
KA.01 | Keep the district clean and safe | Director of Communities | 2026-03-31 | Green | 55
  KA.01.01 | Review the street cleansing rounds | Waste Manager | 2025-10-31 | Green | 80
  KA.01.02 | Deploy mobile CCTV at fly-tipping hotspots | Safety Officer | 2025-12-19 | Amber | 50
  KA.01.03 | Adopt a new public spaces protection order | Licensing Manager | 2026-02-27 | Red | 15
KA.02 | Support people into work and training | Director of Place | 2026-03-31 | Amber | 40
  KA.02.01 | Hold four jobs fairs with local employers | Employment Lead | 2026-03-20 | Green | 50
  KA.02.02 | Create thirty council apprenticeships | Head of HR | 2025-09-26 | Complete | 100
  KA.02.03 | Map adult learning courses | Skills Officer | Ongoing | Start later in year | 0
""",
    ),
)

# 4. References 2a / 2b under 2.
SAFETY = TruthPlan(
    key="community-safety",
    title_line="Community safety partnership plan 2025/26",
    council="Castleford City Council",
    period_line="April to June 2025",
    levels=("Objective", "Action"),
    columns=(
        ("ref", "No."),
        ("title", "Objective"),
        ("lead_officer", "Owner"),
        ("due", "Deadline"),
        ("status", "Status"),
        ("progress", "% done"),
    ),
    items=_items(
        ("Objective", "Action"),
        """
1 | Reduce anti-social behaviour in the city centre | Safety Manager | 2026-03-31 | Amber | 30
  1a | Extend the night-time street marshal scheme | Night Time Officer | 2025-09-05 | Green | 75
  1b | Close the alley behind Market Street at night | Highways Officer | 2025-11-21 | Red | 10
2 | Protect people at risk of domestic abuse | Safeguarding Lead | 2026-03-31 | Green | 45
  2a | Train all frontline staff to spot abuse | Learning Manager | 2026-01-16 | Green | 60
  2b | Open a second refuge with partners | Housing Options Manager | 2026-03-27 | Amber | 20
  2c | Commission an independent advocate service | Commissioner | 2025-07-04 | Complete | 100
""",
    ),
)

# 5. A recovery plan: section lines above tables with no reference column.
RECOVERY = TruthPlan(
    key="recovery",
    title_line="Covid-19 recovery plan 2025",
    council="Bramley Borough Council",
    period_line="Recovery cell update: Quarter 2 2025/26",
    levels=("Section", "Activity"),
    columns=(
        ("service_area", "Service area"),
        ("title", "Description of the work"),
        ("start", "Start date"),
        ("due", "End date"),
    ),
    items=_sectioned(
        "Section",
        "Activity",
        """
Economy and business
  Economic Development | Set up a business recovery helpline | 2025-04-07 | 2025-06-27
  Planning | Fast-track planning applications that create jobs | 2025-05-01 | 2025-12-31
  Town Centre Management | Reopen the market with extra pitches | 2025-06-02 | 2025-09-12
  Economic Development | Pay the discretionary business grants | 2025-04-14 | Ongoing
Communities and wellbeing
  Community Services | Keep the community hubs open for food and advice | 2025-04-01 | 2026-03-31
  Leisure | Restart the exercise on referral programme | 2025-07-01 | 2025-10-24
  Housing | Move rough sleepers into settled homes | 2025-04-01 | 2026-01-30
The council's own services
  ICT | Give every officer a laptop and remote access | 2025-04-22 | 2025-08-15
  Human Resources | Agree a hybrid working policy with the unions | 2025-05-19 | 2025-11-14
  Finance | Recover the income lost from car parking | 2025-09-01 | TBC
""",
        ("service_area", "title", "start", "due"),
    ),
    sectioned=True,
    notes=("This plan sets out how the council will lead the borough's recovery.",),
)

# 6. A table with no reference column: the hierarchy is in the section lines only.
SERVICE = TruthPlan(
    key="service-plan",
    title_line="Environment and leisure service plan 2025/26",
    council="Tamworth Vale Council",
    period_line="Quarter 2 2025/26",
    levels=("Service", "Action"),
    columns=(
        ("title", "Action"),
        ("lead_officer", "Lead officer"),
        ("due", "Due date"),
        ("status", "Status"),
        ("progress", "Progress"),
    ),
    items=_sectioned(
        "Service",
        "Action",
        """
Clean and green streets
  Introduce weekly food waste collections | Waste Services Manager | 2026-03-02 | Amber | 35
  Clear the backlog of fly-tipping reports | Street Scene Supervisor | 2025-08-29 | Complete | 100
  Plant wildflower verges on the ring road | Grounds Maintenance Lead | 2025-10-10 | Green | 60
Leisure and culture
  Refurbish the changing rooms at the lido | Leisure Contracts Manager | 2026-05-15 | Red | 5
  Run a summer festival in the castle grounds | Events Officer | 2025-08-16 | Complete | 100
  Digitise the museum's photograph collection | Museum Curator | Ongoing | Green | 40
  Agree a new library opening hours pattern | Libraries Manager | 2025-12-05 | Not started | 0
""",
        ("title", "lead_officer", "due", "status", "progress"),
    ),
    sectioned=True,
)

PLANS = {p.key: p for p in (ACTIONS, CLIMATE, KEY_ACTIVITIES, SAFETY, RECOVERY, SERVICE)}


@dataclass(frozen=True)
class Expected:
    """An item as a variant prints it: what the importer should find."""

    title: str
    ref: str
    parent: str  # the parent's title, "" at the top
    due: date | None


@cache
def seed_expected(stem: str) -> tuple[Expected, ...]:
    """A seed's items as the importer reads them today with the seed's mapping file."""
    path = SEEDS / f"{stem}.txt"
    document = document_convert(
        path=path, options=ConvertOptions(mapping=path.with_suffix(".toml"))
    )
    titles = {item["id"]: item["title"] for item in document["items"]}
    expected = []
    for item in document["items"]:
        due = (item.get("timescale") or {}).get("due")
        expected.append(
            Expected(
                title=item["title"],
                ref=item.get("ref") or "",
                parent=titles.get(item["parent"], "") if item["parent"] else "",
                due=date.fromisoformat(due) if due else None,
            )
        )
    return tuple(expected)

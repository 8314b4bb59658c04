"""No table loses a cell in silence, and a file with no plan in it is refused.

Random small tables — header words the vocabulary knows and words it cannot, cells of
words, numbers, dates, percentages, references and blanks — written as CSV, Excel or a
tab-separated text export: after conversion every non-blank cell is in the plan (an item's
source cells, a risk, the plan's metadata) or listed in the coverage's unplaced rows.
"""

import csv
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councilplan.domain.problems import PlanInputError
from councilplan.imports.convert import NO_PLAN_TABLE_ERROR, ConvertOptions, document_convert
from tests.imports.corpus.measure import folded

NO_PLAN = NO_PLAN_TABLE_ERROR.split(" in {file}")[0]  # "no plan table found"
TITLE_HEADERS = ("Action", "Description", "Objective", "Project", "What we will do", "Thing")
KNOWN_HEADERS = (
    "Lead officer",
    "Due date",
    "Status",
    "Progress",
    "Ref",
    "Owner",
    "Deadline",
    "Service area",
    "Start date",
    "Comments",
)
UNKNOWN_HEADERS = (
    "Who",
    "By when?",
    "Done %",
    "Notes for Cabinet",
    "Remarks",
    "Zone",
    "Budget holder",
    "Column 7",
    "Ward",
    "Where are we",
)
WORDS = (
    "deliver",
    "review",
    "the",
    "park",
    "new",
    "council",
    "homes",
    "scheme",
    "launch",
    "road",
    "school",
    "repair",
    "grant",
    "library",
    "budget",
    "with",
    "partners",
    "town",
    "centre",
)
DATE_FORMATS = ("%d/%m/%Y", "%d %B %Y", "%b %Y", "%Y-%m-%d", "%b-%y")

_prose = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9, unique=True).map(
    lambda words: " ".join(words).capitalize()
)
_cell = st.one_of(
    st.just(""),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join),
    st.integers(0, 5000).map(str),
    st.tuples(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.sampled_from(DATE_FORMATS)).map(
        lambda pair: pair[0].strftime(pair[1])
    ),
    st.integers(0, 100).map(lambda n: f"{n}%"),
    st.integers(0, 100).map(lambda n: f"{n / 100:g}"),
    st.sampled_from(("1", "1.1", "2", "2.1.1", "CA3", "KA.01.02", "2a", "RN4")),
    st.sampled_from(("Green", "Amber", "Red", "Complete", "Not started", "Ongoing", "TBC")),
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, list[str], list[list[str]]]:
    """(a title line or "", the header, the rows): a plan by its shape, whatever its header
    words, for one column holds a different title in prose on every row."""
    width = draw(st.integers(2, 6))
    header = draw(
        st.lists(
            st.sampled_from(KNOWN_HEADERS + UNKNOWN_HEADERS),
            min_size=width - 1,
            max_size=width - 1,
            unique=True,
        )
    )
    title_column = draw(st.integers(0, width - 1))
    header.insert(title_column, draw(st.sampled_from(TITLE_HEADERS)))
    titles = draw(st.lists(_prose, min_size=2, max_size=7, unique=True))
    rows = []
    for title in titles:
        row = [draw(_cell) for _ in range(width)]
        row[title_column] = title
        rows.append(row)
    heading = draw(st.sampled_from(("", "Service plan 2025/26", "Quarter 2 monitoring report")))
    return heading, header, rows


def _written(folder: Path, fmt: str, title: str, header: list[str], rows: list[list[str]]):
    lines = ([[title], []] if title else []) + [header, *rows]
    target = folder / f"table.{fmt}"
    if fmt == "csv":
        with target.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(lines)
    elif fmt == "txt":
        target.write_text("\n".join("\t".join(line) for line in lines) + "\n", "utf-8")
    else:
        import openpyxl

        workbook = openpyxl.Workbook()
        for number, line in enumerate(lines, start=1):
            for column, text in enumerate(line, start=1):
                if text:
                    value: Any = int(text) if text.isdigit() else text
                    workbook.active.cell(row=number, column=column, value=value)
        workbook.save(target)
    return target


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def kept_texts(document: dict[str, Any]) -> list[str]:
    """Every text the converted document keeps from its file, folded."""
    texts = []
    for item in document["items"]:
        for cell in item["source"]["cells"]:
            texts += [cell["text"], cell.get("header") or ""]
    texts += _strings(document.get("risks", []))
    texts += _strings(document["plan"].get("metadata", {}))
    texts += [row["text"] for row in document.get("coverage", {}).get("unplaced", [])]
    # A header cell is read as its column's name (the import report lists every column).
    texts += [c["name"] for table in document.get("tables", []) for c in table["columns"]]
    return [folded(text) for text in texts if text]


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(table=tables(), fmt=st.sampled_from(("csv", "xlsx", "txt")))
def test_every_non_blank_cell_is_in_the_plan_or_listed_as_unplaced(table, fmt):
    title, header, rows = table
    with tempfile.TemporaryDirectory() as folder:
        path = _written(Path(folder), fmt, title, header, rows)
        try:
            document = document_convert(path=path, options=ConvertOptions())
        except PlanInputError as refused:  # a refusal says so out loud: nothing is lost in silence
            assert NO_PLAN in str(refused)  # noqa: PT017 - a refusal is a valid outcome here
            return

    kept = kept_texts(document)
    cells = [title, *header, *(text for row in rows for text in row)]
    lost = [text for text in cells if text and not any(folded(text) in k for k in kept)]
    assert not lost, f"{len(lost)} cells lost in silence from a {fmt}: {lost[:8]}"


def test_a_conversion_states_its_coverage(tmp_path):
    path = _written(
        tmp_path,
        "csv",
        "Service plan 2025/26",
        ["Action", "Who", "By when?"],
        [["Open the new library", "Head of Culture", "31/03/2026"], ["Repair the roads", "", ""]],
    )

    coverage = document_convert(path=path, options=ConvertOptions())["coverage"]

    assert 0 < coverage["placed"] <= coverage["cells"]
    assert 0 <= coverage["percent"] <= 100
    assert all(row["text"] and row["location"] for row in coverage["unplaced"])


# -- files with no plan in them ---------------------------------------------------------------
LETTER = (
    "Dear Ms Patel,",
    "Thank you for your letter of 3 March about the bins in Mill Lane.",
    "Our crews will collect the missed recycling on Thursday, and the supervisor has "
    "spoken to the team about closing the gate after each collection.",
    "Yours sincerely,",
    "Head of Waste Services",
)
INVOICES = [
    ["Invoice number", "Supplier", "Date", "Net £", "VAT £", "Total £"],
    ["INV-00123", "Acme Paper Ltd", "03/04/2025", "120.00", "24.00", "144.00"],
    ["INV-00124", "Borough Skips", "07/04/2025", "450.00", "90.00", "540.00"],
    ["INV-00125", "Acme Paper Ltd", "14/04/2025", "80.50", "16.10", "96.60"],
    ["INV-00126", "Cleanway Services", "22/04/2025", "1,200.00", "240.00", "1,440.00"],
    ["INV-00127", "Borough Skips", "30/04/2025", "450.00", "90.00", "540.00"],
]


def _letter_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for paragraph in LETTER:
        document.add_paragraph(paragraph)
    document.save(path)
    return path


def _letter_txt(path: Path) -> Path:
    path.write_text("\n\n".join(LETTER) + "\n", encoding="utf-8")
    return path


def _invoices_xlsx(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Invoices April"
    for row in INVOICES:
        workbook.active.append(row)
    workbook.save(path)
    return path


def _invoices_csv(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(INVOICES)
    return path


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("letter.docx", _letter_docx),
        ("letter.txt", _letter_txt),
        ("invoices.xlsx", _invoices_xlsx),
        ("invoices.csv", _invoices_csv),
    ],
)
def test_a_file_with_no_plan_in_it_is_refused(tmp_path, name, write):
    path = write(tmp_path / name)

    with pytest.raises(PlanInputError) as refused:
        document_convert(path=path, options=ConvertOptions())

    assert NO_PLAN in str(refused.value)

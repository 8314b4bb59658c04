"""A row whose cells stand one column left of its header (a merged or missing cell in the
export): a target's figure (`> 40`) under a position is never read as the position; the row
is read one column to the right where that clearly fits, and the importer says so."""

from pathlib import Path

from councilplan.imports.convert import ConvertOptions, document_convert
from councilplan.imports.layout import ROW_MOVED_MESSAGE

HEADER = "Ref\tAction\tMilestone\tMeasure\tPosition at Q1\tTarget at year end\tProgress\tComments"
ROWS = [
    # Every cell where its header says.
    "A1\tOpen the new library\tLease signed\tVisits a month\t1,200\t> 1,500\t25%\tOn track",
    # The measure and its baseline were one cell: the rest stands one column left.
    "A2\tPlant trees\tSites chosen\tTrees planted. 120 planted in 2023\t> 400\t50%\tIn autumn",
    # A continuation row whose milestone cell was merged away.
    "\t\t% of trees surviving\t80% survived in 2023\t> 85%\t100%\tThe survey found 88% alive",
]  # fmt: skip


def _document(tmp_path: Path) -> dict:
    path = tmp_path / "plan.txt"
    lines = ["Testborough Council green plan 2025/26", HEADER, *ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return document_convert(path=path, options=ConvertOptions(period="2025-Q1"))


def _measures(document: dict) -> dict[str, dict]:
    return {m["name"]: m for item in document["items"] for m in item.get("measures") or []}


def test_a_target_under_a_position_is_read_as_the_target_and_said(tmp_path):
    document = _document(tmp_path)
    measures = _measures(document)
    trees = measures["Trees planted. 120 planted in 2023"]
    assert "actual" not in trees  # not "> 400" as the position
    assert (trees["target"]["text"], trees["target"]["comparator"]) == ("> 400", ">")
    moved = [a for a in document["anomalies"] if a["kind"] == "misaligned_row"]
    assert len(moved) == 2
    assert moved[0]["message"] == ROW_MOVED_MESSAGE.format(
        read="“> 400” as Target at year end; “50%” as Progress; “In autumn” as Comments"
    )
    assert "line 4" in moved[0]["location"]
    updates = {u["item"]: u for u in document["updates"]}
    holder = next(i for i in document["items"] if trees in (i.get("measures") or []))
    assert updates[holder["id"]]["progress"] == 50
    assert updates[holder["id"]]["commentary"] == "In autumn"


def test_a_continuation_row_keeps_the_turnout_figure_out_of_the_position(tmp_path):
    measures = _measures(_document(tmp_path))
    surviving = next(
        m for name, m in measures.items() if "85%" in m.get("target", {}).get("text", "")
    )
    assert surviving["target"]["comparator"] == ">"
    assert surviving.get("actual", {}).get("text") != "> 85%"


def test_a_row_that_lines_up_is_left_as_it_stands(tmp_path):
    document = _document(tmp_path)
    library = _measures(document)["Visits a month"]
    assert (library["actual"]["text"], library["target"]["text"]) == ("1,200", "> 1,500")
    assert not any(
        "line 3" in a["location"] for a in document["anomalies"] if a["kind"] == "misaligned_row"
    )

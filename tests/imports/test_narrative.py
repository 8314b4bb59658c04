"""imports.narrative: prose describes sections; bullets under a numbered heading are points."""

from councilplan.domain.problems import SourceLocation
from councilplan.imports.draft import Draft
from councilplan.imports.narrative import NarrativeReader, is_bullet_paragraph
from councilplan.imports.source import Paragraph
from councilplan.imports.vocabulary import SectionLine


def _reader() -> tuple[Draft, NarrativeReader]:
    draft = Draft(file="report.docx")
    return draft, NarrativeReader(draft, ("Priority", "Achievement"))


def test_prose_after_a_section_line_describes_it_line_by_line():
    draft, reader = _reader()
    section = draft.item_new("1", "Theme", 0, None, "Homes", "p1")
    reader.describe(section)
    reader.prose("We build homes.", "p2", section)
    reader.prose("And mend them.", "p3", section)
    assert section.description == "We build homes.\nAnd mend them."
    assert [c["location"] for c in section.cells] == ["p2", "p3"]
    assert draft.unplaced == []


def test_prose_that_describes_nothing_is_kept_unplaced():
    draft, reader = _reader()
    reader.prose("Report to Cabinet", "p1", None)
    assert draft.unplaced == [{"text": "Report to Cabinet", "location": "p1"}]


def test_an_objectives_line_describes_the_innermost_section_again():
    draft, reader = _reader()
    section = draft.item_new("1", "Theme", 0, None, "Homes", "p1")
    reader.prose("Objectives: more homes", "p4", section)
    assert section.description == "Objectives: more homes"


def test_a_table_stops_the_description():
    draft, reader = _reader()
    section = draft.item_new("1", "Theme", 0, None, "Homes", "p1")
    reader.describe(section)
    reader.stop()
    reader.prose("Appendix A", "p9", None)
    assert section.description == ""
    assert draft.unplaced[0]["text"] == "Appendix A"


def test_bullets_under_a_numbered_heading_are_its_points_with_their_figures():
    draft, reader = _reader()
    reader.heading_start(SectionLine("numbered-1", "", "3", "Growing the economy:"), "p1")
    assert reader.takes_point("• We secured £3.3m for 120 new jobs")
    reader.point("• We secured £3.3m for 120 new jobs", "p2")
    reader.point("- Opened the market", "p3")
    heading, first, second = draft.items
    assert (heading.id, heading.level, heading.title, heading.kind) == (
        "3",
        "Priority",
        "Growing the economy",
        "narrative",
    )
    assert [first.id, second.id] == ["3.1", "3.2"]
    assert (first.level, first.parent, first.depth) == ("Achievement", heading, 1)
    assert first.title == first.description == "We secured £3.3m for 120 new jobs"
    figures = [(f["kind"], f["value"], f["text"]) for f in first.figures]
    assert figures == [("money", 3300000, "£3.3m"), ("count", 120, "120 new jobs")]


def test_prose_ends_the_points():
    draft, reader = _reader()
    reader.heading_start(SectionLine("numbered-1", "", "1", "Homes"), "p1")
    reader.prose("Some text.", "p2", None)
    assert not reader.takes_point("• A point")


def test_a_bullet_with_no_heading_above_is_no_point():
    _, reader = _reader()
    assert not reader.takes_point("• A point")
    location = SourceLocation(file="report.docx")
    assert is_bullet_paragraph(Paragraph("• A point", location))
    assert not is_bullet_paragraph(Paragraph("A sentence.", location))
    assert not is_bullet_paragraph(None)

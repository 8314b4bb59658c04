"""Damaged input: every reader and normaliser gives a clean result or a PlanInputError that
names the file — never a traceback, never part of a plan."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councilplan.domain.missing import missing_value_kind, placeholder_inside
from councilplan.domain.problems import PlanInputError
from councilplan.domain.quantities import (
    figures_find,
    money_parse,
    percent_list,
    percent_parse,
    quantity_parse,
    target_parse,
)
from councilplan.domain.statuses import status_match
from councilplan.domain.text_lists import text_items
from councilplan.domain.timescales import timescale_parse
from councilplan.imports.convert import ConvertOptions, source_convert
from councilplan.imports.mapping import Mapping
from councilplan.imports.readers.docx_reader import docx_read
from councilplan.imports.readers.pdf_reader import pdf_read
from councilplan.imports.readers.sheet_reader import csv_read, xlsx_read
from councilplan.imports.readers.text_reader import text_read
from councilplan.interchange.validation import document_validate
from tests.imports.seeds import CORPORATE, HARBOROUGH, seed_path

QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CELL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200
) | st.sampled_from(
    [
        "Sep-20",
        "51/5/2024",
        "Q4",
        "TBC",
        "Choose an item.",
        "£3.3m",
        "equal to or > 77%",
        "25% 25%",
        "<ul><li>a</li>",
        "KA.01.01 Title",
        "2.1 Priority",
        "Workstream:",
    ]
)


def _converted_and_valid(read, data: bytes, file: str) -> None:
    """Read then convert: a PlanInputError naming the file, or a document that validates."""
    problems = []
    try:
        source = read(data, file=file)
        document = source_convert(source=source, options=ConvertOptions(), mapping=Mapping())
    except PlanInputError as error:
        problems = error.problems or [None]
    else:
        document_validate(document, file=file)
    assert all(p is not None and p.location.file == file for p in problems)


@QUICK
@given(text=CELL_TEXT)
def test_normalisers_never_raise_on_any_cell(text):
    timescale_parse(text, financial_year=2024)
    timescale_parse(text)
    percent_parse(text)
    percent_list(text)
    money_parse(text)
    quantity_parse(text)
    target_parse(text)
    figures_find(text)
    status_match(text)
    text_items(text)
    missing_value_kind(text)
    placeholder_inside(text)


@QUICK
@given(rows=st.lists(st.lists(CELL_TEXT, max_size=8), max_size=25))
def test_random_tables_convert_to_valid_documents(rows):
    data = "\n".join("\t".join(c.replace("\t", " ").replace("\n", " ") for c in r) for r in rows)
    _converted_and_valid(text_read, data.encode("utf-8"), "random.txt")


@QUICK
@given(cut=st.integers(min_value=0, max_value=42_000), noise=st.binary(max_size=64))
def test_truncated_or_corrupted_text_exports(cut, noise):
    data = seed_path(CORPORATE).read_bytes()[:cut] + noise
    _converted_and_valid(text_read, data, "damaged.txt")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_text_in_other_encodings_is_read_or_refused_with_the_file_named(encoding):
    text = seed_path(HARBOROUGH).read_text(encoding="utf-8").replace("•", "-")
    data = text.encode(encoding, errors="replace")
    _converted_and_valid(text_read, data, "encoded.txt")


def test_a_huge_cell_imports_shortened_with_its_whole_text_kept():
    huge = "Deliver " + "very " * 40_000 + "much."
    data = f"Number:\tArea of Focus\tLikely Target Timescales\nAB1\t{huge}\tSep-20\n".encode()
    source = text_read(data, file="huge.txt")
    document = source_convert(source=source, options=ConvertOptions(), mapping=Mapping())
    document_validate(document, file="huge.txt")
    item = document["items"][0]
    assert len(item["title"]) <= 300
    assert item["description"] == huge


@QUICK
@given(cut=st.integers(min_value=0, max_value=4000), noise=st.binary(max_size=32))
def test_truncated_word_workbook_and_pdf_files_are_refused_cleanly(cut, noise):
    empty_docx = io.BytesIO()
    import docx
    import openpyxl

    docx.Document().save(empty_docx)
    book = io.BytesIO()
    openpyxl.Workbook().save(book)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    for read, data, name in (
        (docx_read, empty_docx.getvalue(), "damaged.docx"),
        (xlsx_read, book.getvalue(), "damaged.xlsx"),
        (pdf_read, pdf, "damaged.pdf"),
        (csv_read, seed_path(CORPORATE).read_bytes(), "damaged.csv"),
    ):
        _converted_and_valid(read, data[:cut] + noise, name)


def test_a_zip_that_is_no_office_document_is_refused():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(PlanInputError, match="not a Word document"):
        docx_read(data.getvalue(), file="fake.docx")
    with pytest.raises(PlanInputError, match="not an Excel workbook"):
        xlsx_read(data.getvalue(), file="fake.xlsx")


def test_binary_data_named_txt_is_refused():
    with pytest.raises(PlanInputError, match="not a text file"):
        text_read(b"\x00\x01\x02binary\xff" * 100, file="binary.txt")


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(st.lists(CELL_TEXT | st.text(max_size=400), max_size=8), max_size=15))
def test_random_tables_import_whole_or_not_at_all(rows):
    from councilplan.interchange.load import plan_import_document
    from councilplan.plans.models import Plan, PlanItem

    header = "Ref\tAction\tLead officer\tDue date\tStatus\t% complete\tMeasure\tTarget"
    lines = [header] + ["\t".join(" ".join(c.split()) for c in r) for r in rows]
    source = text_read("\n".join(lines).encode("utf-8"), file="random.txt")
    options = ConvertOptions(plan_id="random", period="2024-Q1")
    problems, before, document = [], PlanItem.objects.count(), {}
    try:
        document = source_convert(source=source, options=options, mapping=Mapping())
        plan_import_document(document=document, file="random.txt", replace=True)
    except PlanInputError as error:
        problems = error.problems
    if problems:
        assert all(p.location.file == "random.txt" for p in problems)
        assert PlanItem.objects.count() == before  # nothing partial
    else:
        plan = Plan.objects.get(slug="random")
        # Replacing updates the plan: what the new document lacks is archived, not deleted.
        live = PlanItem.objects.filter(plan=plan, archived_on=None)
        assert live.count() == len(document["items"])

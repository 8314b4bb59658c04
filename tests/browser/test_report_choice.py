"""The reports page in a real browser (issue 16, part 5): every report filter and the covering
report to Cabinet, as the command line offers them, at desktop and phone width, checked with
axe-core; the files it gives are opened and read."""

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.browser.conftest import sign_in_as
from tests.cycle.world import PLAN_ID, cycle_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COVER_LABEL = "Covering report to Cabinet (Word), with this report as Appendix 1"


@pytest.mark.parametrize("width", [1280, 320])
def test_the_reports_page_makes_the_covering_report_and_filtered_reports(visitor, width):
    world = cycle_world()
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(visitor, world.reader)
    reports = reverse("web:report-list", args=[PLAN_ID]) + "?period=2024-Q1"
    visitor.goto(reports, screenshot=f"reports-choose-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for label in ("Portfolio", "Lead officer", "Service area", "Status", "Exceptions only"):
        assert page.get_by_label(label, exact=True).count() == 1, label
    assert page.get_by_label("Lead officer", exact=True).locator("option").all_inner_texts() == [
        "All", "Olivia Owner", "Oscar Other",
    ]  # fmt: skip

    # The covering report, with half a meeting date: the problem is named, then fixed.
    page.get_by_label(COVER_LABEL).check()
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("9")
    page.get_by_role("button", name="Make the report").click()
    visitor.audit(screenshot=f"reports-choose-error-{width}")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "must include a day, a month and a year" in summary
    assert page.get_by_label(COVER_LABEL).is_checked()  # the choice is kept
    page.get_by_label("Year").fill("2024")
    with page.expect_download() as download:
        page.get_by_role("button", name="Make the report").click()
    assert download.value.suggested_filename == f"{PLAN_ID}-2024-Q1-cabinet-report.docx"
    with open(download.value.path(), "rb") as file:
        cover = Document(io.BytesIO(file.read()))
    details = {row.cells[0].text: row.cells[1].text for row in cover.tables[0].rows}
    assert details["Date of Meeting:"] == "12 September 2024"
    assert any(p.text.startswith("Appendix 1") for p in cover.paragraphs)

    # A web page report of one lead officer's items only.
    visitor.goto(reports)
    page.get_by_label("Web page (HTML)").check()
    page.get_by_label("Lead officer", exact=True).select_option("Oscar Other")
    page.get_by_role("button", name="Make the report").click()
    visitor.audit(screenshot=f"reports-lead-officer-{width}")
    text = page.locator("main").inner_text()
    assert "Showing lead officer “Oscar Other”" in page.content()
    assert "Plant 500 trees" in text
    assert "Renew street furniture" not in text

    # Exceptions only, in Word: the amber action, not the green one.
    visitor.goto(reports)
    page.get_by_label("Word document").check()
    page.get_by_label("Exceptions only").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Make the report").click()
    with open(download.value.path(), "rb") as file:
        word = Document(io.BytesIO(file.read()))
    cells = " ".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "Confidential estate renewal talks" in cells
    assert "Renew street furniture" not in cells

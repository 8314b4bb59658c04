"""A document read in the background, as the officer sees it (at desktop and phone width,
checked with axe-core): the progress page, then the import report, or why it failed."""

import pytest
from django.urls import reverse

from councilplan.interchange.models import PendingImport
from tests.browser.conftest import sign_in_as
from tests.cycle.world import cycle_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 320])
def test_the_reading_page_shows_the_stage_and_share_done_then_why_it_failed(visitor, width):
    world = cycle_world()
    pending = PendingImport.objects.create(
        uploaded_by=world.officer,
        file_name="corporate-plan.pdf",
        file_type="pdf",
        size=1,
        state=PendingImport.State.READING,
        stage="Reading page 12 of 40",
        percent=23,
    )
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(visitor, world.officer)
    review = reverse("web:import-review", args=[pending.pk])
    visitor.goto(review + "?refresh=off", screenshot=f"import-reading-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    progress = page.get_by_role("progressbar", name="Reading page 12 of 40: 23% done")
    assert progress.get_attribute("value") == "23"
    assert page.locator("meta[http-equiv=refresh]").count() == 0

    PendingImport.objects.filter(pk=pending.pk).update(
        state=PendingImport.State.FAILED,
        problems=["corporate-plan.pdf, page 3: this is not a PDF that can be opened"],
    )
    visitor.goto(review, screenshot=f"import-failed-{width}")
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    summary = page.get_by_role("alert").inner_text()
    assert "corporate-plan.pdf could not be read as a plan" in summary
    assert "page 3" in summary
    assert page.get_by_role("heading", level=1).inner_text() == "Nothing was imported"

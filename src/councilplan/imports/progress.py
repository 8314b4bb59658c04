"""How far a long read has gone, told to whoever waits: a stage in words and a percentage.
The importer calls it; the website's background task keeps it on the upload, the command line
draws a bar. Reading is quiet when nobody listens."""

from collections.abc import Callable

# (stage in words, percent 0–100)
Progress = Callable[[str, int], None]

READING_STAGE = "Reading the document"
READING_PAGE_STAGE = "Reading page {page} of {pages}"
FINDING_STAGE = "Finding the plan's priorities, actions and measures"
CHECKING_STAGE = "Checking the plan"
# The share of the work each stage ends at: reading a PDF is most of it.
READ_ENDS_AT = 70
FIND_ENDS_AT = 90


def progress_quiet(stage: str, percent: int) -> None:
    """Nobody is waiting."""


def page_progress(progress: Progress, pages: int) -> Callable[[int], None]:
    """A reader's page counter as progress through the reading stage."""

    def page_done(page: int) -> None:
        percent = 5 + (READ_ENDS_AT - 5) * page // max(pages, 1)
        progress(READING_PAGE_STAGE.format(page=page, pages=pages), percent)

    return page_done

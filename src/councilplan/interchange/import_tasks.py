"""A large document or a PDF read by the task worker (`councilplan worker`): its progress
kept on the upload as it goes, then the import report — or why it could not be read. Reading
never writes to the plans, so a failure leaves nothing half-written."""

import logging
import time

from django.tasks import task

from councilplan.domain.problems import PlanInputError
from councilplan.interchange.import_reading import pending_read
from councilplan.interchange.models import PendingImport

READ_FAILED_PROBLEM = "{file}: the document could not be read ({detail}). Nothing was imported."
# Progress is written at most this often: a 500-page PDF need not write 500 times.
PROGRESS_EVERY_SECONDS = 0.5

log = logging.getLogger(__name__)


@task
def pending_import_read(*, pending_id: str) -> str:
    """Read one upload waiting in the state READING; its outcome is on the upload."""
    pending = PendingImport.objects.select_related("uploaded_by").filter(pk=pending_id).first()
    if pending is None or pending.state != PendingImport.State.READING:
        return "gone"  # cancelled meanwhile, or already read
    told = {"at": 0.0}

    def progress(stage: str, percent: int) -> None:
        now = time.monotonic()
        if now - told["at"] >= PROGRESS_EVERY_SECONDS:
            told["at"] = now
            PendingImport.objects.filter(pk=pending_id).update(stage=stage[:200], percent=percent)

    try:
        pending_read(pending, progress)
    except PlanInputError as error:
        _failed(pending_id, [str(problem) for problem in error.problems])
        return PendingImport.State.FAILED
    except Exception as error:  # any failure is kept and shown to the person, never lost
        detail = str(error) or type(error).__name__
        _failed(pending_id, [READ_FAILED_PROBLEM.format(file=pending.file_name, detail=detail)])
        log.exception("reading %s failed", pending.file_name)
        raise
    PendingImport.objects.filter(pk=pending_id, state=PendingImport.State.READING).update(
        state=pending.state,
        stage="",
        percent=100,
        document=pending.document,
        header_signature=pending.header_signature,
        saved_mapping=pending.saved_mapping,
    )
    return pending.state


def _failed(pending_id: str, problems: list[str]) -> None:
    PendingImport.objects.filter(pk=pending_id).update(
        state=PendingImport.State.FAILED, stage="", problems=problems
    )

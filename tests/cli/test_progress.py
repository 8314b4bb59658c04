"""The command line's progress bar: quiet when nobody watches (a pipe, or quick work), each
stage told when asked for (`COUNCILPLAN_PROGRESS=always`), drawn by rich on a terminal."""

import io
import os

from councilplan.cli.progress import PROGRESS_SETTING, progress_bar
from tests.cli.test_commands import councilplan
from tests.imports.generate import plan_table_pdf


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_importing_a_pdf_tells_each_page_and_the_saving_when_asked(tmp_path, monkeypatch):
    path = tmp_path / "plan.pdf"
    path.write_bytes(plan_table_pdf(3))
    monkeypatch.setenv(PROGRESS_SETTING, "always")
    told = councilplan(tmp_path, "import", str(path), "--organisation", "Testborough Council")
    lines = [line for line in told.stderr.splitlines() if line.startswith("Importing plan.pdf")]
    assert lines[:1] == ["Importing plan.pdf: Reading the document (5%)"]
    assert "Importing plan.pdf: Reading page 3 of 3 (70%)" in lines
    assert lines[-2:] == [
        "Importing plan.pdf: Saving the plan (95%)",
        "Importing plan.pdf: Done (100%)",
    ]


def test_a_pipe_gets_no_progress_unless_asked(tmp_path, monkeypatch):
    path = tmp_path / "plan.pdf"
    path.write_bytes(plan_table_pdf(2))
    monkeypatch.delenv(PROGRESS_SETTING, raising=False)
    quiet = councilplan(tmp_path, "convert", str(path))
    assert "%)" not in quiet.stderr


def test_on_a_terminal_the_bar_waits_a_second_then_rich_draws_it(monkeypatch):
    monkeypatch.setenv(PROGRESS_SETTING, "auto")
    terminal = Terminal()
    with progress_bar("Importing plan.pdf", stream=terminal) as progress:
        progress("Reading page 1 of 9", 10)
        assert progress.bar is None  # under a second: nothing drawn
        progress.started -= 2
        progress("Reading page 5 of 9", 40)
        assert progress.bar is not None
        assert progress.bar.tasks[0].completed == 40
        assert progress.bar.tasks[0].description == "Importing plan.pdf: Reading page 5 of 9"
    assert os.environ[PROGRESS_SETTING] == "auto"


def test_an_unknown_setting_is_said_and_auto_is_used(monkeypatch):
    monkeypatch.setenv(PROGRESS_SETTING, "sometimes")
    pipe = io.StringIO()
    with progress_bar("Importing plan.pdf", stream=pipe) as progress:
        assert progress.mode == "auto"
        progress.started -= 2
        progress("Reading page 5 of 9", 40)  # auto on a pipe: nothing drawn
    assert pipe.getvalue() == (
        "councilplan: COUNCILPLAN_PROGRESS='sometimes' is not one of auto, always, never; "
        "auto is used\n"
    )

"""A progress bar on standard error for work that takes over a second: reading a long
document, importing it, laying out a report. Drawn only on a terminal (a script or a pipe
reading standard error gets nothing it did not ask for), and only once a second has passed,
so quick work stays quiet. `COUNCILPLAN_PROGRESS=always` draws it anyway (as plain lines when
standard error is not a terminal); `never` never does."""

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

SHOW_AFTER_SECONDS = 1.0
PROGRESS_SETTING = "COUNCILPLAN_PROGRESS"
PROGRESS_MODES = ("auto", "always", "never")
PROGRESS_SETTING_UNKNOWN = (
    "councilplan: {setting}={value!r} is not one of auto, always, never; auto is used"
)


class ProgressBar:
    """Called as `progress(stage, percent)`; draws nothing until it is worth drawing."""

    def __init__(self, title: str, stream: TextIO, mode: str) -> None:
        self.title = title
        self.stream = stream
        self.mode = mode
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        self.last_line = ""

    def __call__(self, stage: str, percent: int) -> None:
        if self.mode == "never":
            return
        waited = time.monotonic() - self.started
        if self.mode == "auto" and (waited < SHOW_AFTER_SECONDS or not self.stream.isatty()):
            return
        if not self.stream.isatty():  # always, to a pipe: one plain line a stage
            line = f"{self.title}: {stage} ({percent}%)"
            if line != self.last_line:
                print(line, file=self.stream, flush=True)
                self.last_line = line
            return
        if self.bar is None:
            self._start()
        self.bar.update(self.task, completed=percent, description=f"{self.title}: {stage}")

    def _start(self) -> None:
        # rich is imported only when a bar is drawn: the command line starts fast.
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

        console = Console(file=self.stream)
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            console=console,
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task(self.title, total=100)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def progress_bar(title: str, *, stream: TextIO | None = None) -> Iterator[ProgressBar]:
    stream = stream or sys.stderr
    value = os.environ.get(PROGRESS_SETTING, "auto")
    mode = value.strip().lower()
    if mode not in PROGRESS_MODES:
        # Said, not silently ignored: the user asked for something and does not get it.
        print(PROGRESS_SETTING_UNKNOWN.format(setting=PROGRESS_SETTING, value=value), file=stream)
        mode = "auto"
    bar = ProgressBar(title, stream, mode)
    try:
        yield bar
    finally:
        bar.close()

"""What every benchmark needs: Django on a throwaway data directory, with SQLite there or the
PostgreSQL database DATABASE_URL names (a throwaway one: benchmarks write to it)."""

import math
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def django_on_throwaway_data(*, prefix: str) -> Iterator[Path]:
    """Start Django with a fresh SQLite database in a temporary folder, removed afterwards,
    or on the database DATABASE_URL names when it is set."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        os.environ["COUNCILPLAN_DATA_DIR"] = folder
        os.environ["COUNCILPLAN_ALLOWED_HOSTS"] = "testserver,localhost"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilplan.config.settings.base")
        import django

        django.setup()
        yield Path(folder)


def yardstick_ms() -> float:
    """The machine's speed right now: the best of five `sum(range(10**6))`, in ms."""
    best = math.inf
    for _ in range(5):
        started = time.perf_counter()
        sum(range(10**6))
        best = min(best, time.perf_counter() - started)
    return best * 1000


def load_average() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


class TreeMemory:
    """The peak resident memory, in MB, of this process and every process it started, taken
    together: the PDF lays out two parts at once in child processes. A thread samples the
    tree every 10 ms; `peak_mb` is the larger of the sampled peak and this process's own peak
    (which catches a peak of its own between samples)."""

    def __init__(self, *, sample: bool = True) -> None:
        """With `sample` False (a step that starts no process), nothing is sampled: finding
        the tree every 10 ms reads every process's /proc entry and holds the GIL, which made
        the Word report's CPU a quarter longer; `getrusage` tells that step's peak."""
        import threading

        self._stop = threading.Event()
        self._sampled = 0
        self._thread = threading.Thread(target=self._sample, daemon=True) if sample else None

    def __enter__(self) -> "TreeMemory":
        if self._thread is not None:
            self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(0.01):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            self._sampled = max(self._sampled, total)

    @property
    def peak_mb(self) -> float:
        """Not `getrusage`'s figures: on Linux a process's `ru_maxrss` keeps, across the exec
        that started it, the resident size of the process it was forked from, so a report
        rendered in a child of a bench holding a big plan was charged the bench's memory."""
        return max(_own_peak_bytes(), self._sampled) / 2**20


def _own_peak_bytes() -> int:
    """This process's own peak resident size since it started (VmHWM), else getrusage's."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

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

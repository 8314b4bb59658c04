"""What every benchmark needs: Django on a throwaway SQLite data directory."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def django_on_throwaway_data(*, prefix: str) -> Iterator[Path]:
    """Start Django with a fresh SQLite database in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        os.environ["COUNCILPLAN_DATA_DIR"] = folder
        os.environ.pop("DATABASE_URL", None)
        os.environ["COUNCILPLAN_ALLOWED_HOSTS"] = "testserver,localhost"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilplan.config.settings.base")
        import django

        django.setup()
        yield Path(folder)

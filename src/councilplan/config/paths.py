"""Where councilplan keeps its data: one directory, created on first use."""

import os
from pathlib import Path

DATA_DIR_VARIABLE = "COUNCILPLAN_DATA_DIR"


def data_dir() -> Path:
    """The data directory: $COUNCILPLAN_DATA_DIR, else ~/.local/share/councilplan."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    if configured:
        return Path(configured).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "councilplan"

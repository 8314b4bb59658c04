"""What `councilplan demo` loads: the bundled sample plans."""

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from councilplan.history.context import acting_as
from councilplan.interchange.services import plan_import_path


@dataclass
class DemoSummary:
    plan_lines: list[str] = field(default_factory=list)
    user_lines: list[str] = field(default_factory=list)


def sample_files() -> list[Path]:
    """The sample documents shipped with councilplan, in a stable order."""
    folder = resources.files("councilplan.sample_data").joinpath("fixtures")
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".json"))


def demo_load() -> DemoSummary:
    summary = DemoSummary()
    with acting_as(name="demo loader", reason="councilplan demo"):
        for path in sample_files():
            outcome = plan_import_path(path=path)
            items = outcome.counts.get("items", 0)
            summary.plan_lines.append(f"{outcome.title} [{outcome.plan_id}] — {items} items")
    return summary

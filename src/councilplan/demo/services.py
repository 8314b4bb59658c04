"""What `councilplan demo` loads: the four real council documents in sample_data/seeds,
imported through the same importer a council would use (each with its mapping file)."""

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from councilplan.history.context import acting_as
from councilplan.interchange.services import plan_import_path

SEED_SUFFIXES = (".txt", ".docx", ".xlsx", ".csv", ".pdf", ".json")


@dataclass
class DemoSummary:
    plan_lines: list[str] = field(default_factory=list)
    user_lines: list[str] = field(default_factory=list)


def sample_files() -> list[Path]:
    """The sample documents shipped with councilplan, in a stable order."""
    folder = resources.files("councilplan.sample_data").joinpath("seeds")
    return sorted(
        Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(SEED_SUFFIXES)
    )


def demo_load() -> DemoSummary:
    summary = DemoSummary()
    with acting_as(name="demo loader", reason="councilplan demo"):
        for path in sample_files():
            outcome = plan_import_path(path=path)
            items = outcome.counts.get("items", 0)
            anomalies = len(outcome.anomalies)
            summary.plan_lines.append(
                f"{outcome.title} [{outcome.plan_id}] — {items} items, {anomalies} anomalies"
            )
    return summary

"""The floors of src/councilplan, checked by reading every module's imports (ast, so nothing
is imported to check it). docs/development.md draws the same floors.

A package may import only packages on floors below its own: so no two packages import each
other, and a new package must be given a floor here before it can import anything.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "councilplan"

# Floor of each package under councilplan/; lower floors know nothing of higher ones.
FLOORS = {
    "councilplan": 0,  # the package's own __init__: its version
    "config": 0,  # settings and paths; it names the apps and URLs as text only
    "domain": 0,  # pure Python: periods, quantities, numbers, the engine
    "sample_data": 0,  # the seed documents
    "imports": 1,  # council documents → the open plan format; pure Python
    "history": 1,  # ChangeRecord, acting_as, TrackedModel
    "plans": 2,  # the plan model, its writes and reads (every period lookup)
    "accounts": 3,  # roles and every permission decision
    "cycle": 4,  # the update round and the published snapshot
    "editing": 5,  # keeping a plan up to date after import, re-import
    "interchange": 6,  # the open plan format in and out (a replace re-imports: editing)
    "reports": 6,  # plan_position and its renderers
    "demo": 7,
    "operations": 7,
    "cli": 8,
    "web": 8,
    "api": 9,  # the website's data as JSON: the same selectors and services as the pages
}
PURE_PACKAGES = ("domain", "imports")  # import no Django (and no Django app of ours)
HISTORY_MODEL = "ChangeRecord"
# The reports' rooms: a report is made through reports.services (which names its renderer in
# the formats table), and the PDF/UA toolkit is used through its one public module.
REPORT_ROOMS = ("councilplan.reports.render", "councilplan.reports.pdf")
PDF_PACKAGE = "councilplan.reports.pdf"
PDF_PUBLIC = {PDF_PACKAGE, f"{PDF_PACKAGE}.report"}
MANAGERS = ("objects", "_default_manager", "_base_manager")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted(SOURCE.rglob("*.py"))
        if "migrations" not in path.parts
    }


MODULES = _modules()
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _imported(name: str, tree: ast.Module) -> set[str]:
    """Every module name this module imports anywhere (inside functions and TYPE_CHECKING
    too: a cycle only for the type checker is still a cycle in the design)."""
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


IMPORTS = {name: _imported(name, tree) for name, tree in TREES.items()}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _our_imports(name: str) -> set[str]:
    return {target for target in IMPORTS[name] if target in MODULES and target != name}


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    waiting = list(graph.get(start, ()))
    while waiting:
        node = waiting.pop()
        if node not in seen:
            seen.add(node)
            waiting.extend(graph.get(node, ()))
    return seen


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of nodes that reach one another (each group sorted, one per cycle)."""
    reach = {node: _reachable(graph, node) for node in graph}
    groups = {
        tuple(sorted(other for other in reach[node] if node in reach.get(other, ())))
        for node in graph
        if node in reach[node]
    }
    return sorted(list(group) for group in groups)


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for name in MODULES:
        for target in _our_imports(name):
            if _package(target) != _package(name):
                graph[_package(name)].add(_package(target))
    return graph


def _arrows(where: str, to: str) -> list[str]:
    return sorted(
        f"{name} → {target}"
        for name in MODULES
        if _package(name) == where
        for target in _our_imports(name)
        if _package(target) == to
    )


def test_the_source_is_read():
    assert {"councilplan.domain.periods", "councilplan.plans.models"} <= set(MODULES)
    assert "councilplan.domain.periods" in _our_imports("councilplan.plans.selectors")


def test_every_package_has_a_floor():
    packages = {_package(name) for name in MODULES}
    assert sorted(packages - set(FLOORS)) == []


def test_no_package_imports_another_that_imports_it_back():
    assert _cycles(_package_graph()) == []


def test_no_module_imports_another_that_imports_it_back():
    graph = {name: _our_imports(name) for name in MODULES}
    assert _cycles(graph) == []


def test_a_package_imports_only_packages_on_floors_below_it():
    upward = [
        f"{package} (floor {FLOORS[package]}) imports {target} (floor {FLOORS[target]}): "
        + ", ".join(_arrows(package, target))
        for package, targets in sorted(_package_graph().items())
        for target in sorted(targets)
        if FLOORS.get(target, 99) >= FLOORS.get(package, -1)
    ]
    assert upward == []


def test_nothing_below_the_cycle_imports_the_cycle():
    below = [package for package, floor in FLOORS.items() if floor < FLOORS["cycle"]]
    assert [arrow for package in below for arrow in _arrows(package, "cycle")] == []


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_packages_import_no_django(package):
    django = sorted(
        f"{name} imports {target}"
        for name in MODULES
        if _package(name) == package
        for target in IMPORTS[name]
        if target.partition(".")[0] == "django" or target.startswith("django_")
    )
    assert django == []


def test_only_history_queries_change_records():
    queries = sorted(
        f"{MODULES[name].relative_to(SOURCE)}:{node.lineno}"
        for name, tree in TREES.items()
        if _package(name) != "history"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in MANAGERS
        and isinstance(node.value, ast.Name)
        and node.value.id == HISTORY_MODEL
    )
    assert queries == []


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def test_only_the_reports_use_their_renderers_and_pdf_toolkit():
    outside = sorted(
        f"{name} → {target}"
        for name in MODULES
        if _package(name) != "reports"
        for target in _our_imports(name)
        if any(_inside(target, room) for room in REPORT_ROOMS)
    )
    assert outside == []


def test_the_pdf_toolkit_is_used_only_through_its_public_module():
    internals = sorted(
        f"{name} → {target}"
        for name in MODULES
        if not _inside(name, PDF_PACKAGE)
        for target in _our_imports(name)
        if _inside(target, PDF_PACKAGE) and target not in PDF_PUBLIC
    )
    assert internals == []


# The pages translate: what they show is read by selectors, what they change by services.
VIEW_MODULES = "councilplan.web.views"
ORM_SHORTCUTS = ("get_object_or_404", "get_list_or_404")
# Methods only a queryset (or a model instance, for save and delete) answers to; a view
# calling one is querying or writing the database itself. `count` with no argument is a
# queryset's (a list's takes the value to count).
QUERYSET_METHODS = {
    "aggregate", "all", "annotate", "bulk_create", "bulk_update", "defer", "delete",
    "earliest", "exclude", "exists", "filter", "first", "get_or_create", "in_bulk",
    "iterator", "last", "latest", "only", "order_by", "prefetch_related", "raw", "save",
    "select_for_update", "select_related", "update_or_create", "values_list",
}  # fmt: skip


def _orm_uses(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            if method in QUERYSET_METHODS or (method == "count" and not node.args):
                found.append((node.lineno, f".{method}()"))
        elif isinstance(node, ast.ImportFrom):
            found.extend(
                (node.lineno, alias.name) for alias in node.names if alias.name in ORM_SHORTCUTS
            )
        elif isinstance(node, ast.Name) and node.id == "connection":
            found.append((node.lineno, "connection"))
    return found


def test_views_query_and_write_no_model_themselves():
    """Catches what a view module writes itself; a template following a relation is the
    selector's to avoid (it hands the page what it needs)."""
    views = [name for name in MODULES if name.startswith(VIEW_MODULES)]
    assert f"{VIEW_MODULES}.plans" in views
    uses = [
        f"{MODULES[name].relative_to(SOURCE)}:{line} {what}"
        for name in views
        for line, what in _orm_uses(TREES[name])
    ]
    assert uses == []


def test_pages_live_only_in_the_web_views():
    elsewhere = [
        name
        for name in MODULES
        if name.rpartition(".")[2] == "views" and not name.startswith(VIEW_MODULES)
    ]
    assert elsewhere == []


def test_the_tests_import_nothing_from_the_benchmarks():
    """The generated plans both use live in councilplan.demo.generated_plan."""
    tests = Path(__file__).resolve().parent
    found = sorted(
        f"{path.relative_to(tests)}:{node.lineno}"
        for path in tests.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "bench")
        or (
            isinstance(node, ast.Import)
            and any(a.name.split(".")[0] == "bench" for a in node.names)
        )
    )
    assert found == []

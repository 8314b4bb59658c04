"""The plan position is kept for every worker, keyed on the plan's revision: a worker that has
not read the plan yet gets it from the shared cache, and after any act of an update round the
kept position is the one a full recomputation gives."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councilplan.cycle import services as cycle
from councilplan.cycle.errors import CycleError
from councilplan.cycle.measure_values import FigureEntry, figures_record
from councilplan.cycle.services import UpdateDraft
from councilplan.editing import services as editing
from councilplan.editing.errors import EditError
from councilplan.editing.services import ItemFields
from councilplan.plans.models import ItemRole, ProgressUpdate, ReportingPeriod
from councilplan.reports.frozen import position_freeze
from councilplan.reports.selectors import plan_position
from councilplan.web.scorecard import scorecard_build
from councilplan.web.selectors import dashboard_position, page_cache_clear, scorecard_cached
from councilplan.web.shared_positions import shared_position_get, shared_position_put
from tests.cycle.world import World, cycle_world

pytestmark = pytest.mark.django_db

ITEMS = ("P1", "A1", "A2", "P2", "B1")
STATUSES = ("green", "amber", "red", "complete", "not-started")
ACTS = (
    *("save", "submit", "approve", "return", "rename", "publish", "reopen"),
    *("due", "figure", "lead", "move"),
)
DUE_DATES = (None, date(2024, 5, 31), date(2024, 8, 31), date(2025, 3, 31))


class ExampleEndedError(Exception):
    """Ends an example: its world is rolled back, so the next starts afresh."""


def _owner(world: World, key: str):
    return world.owner if key in ("P1", "A1", "A2") else world.other_owner


def _update(world: World, key: str, period: ReportingPeriod) -> ProgressUpdate | None:
    return ProgressUpdate.objects.filter(item=world.item(key), period=period).first()


def _act(world: World, act: str, key: str, status: str, percent: int) -> None:
    """One act of the round by the person who would make it; a refused act changes nothing."""
    period = world.period("2024-Q2")
    update = _update(world, key, period)
    if act == "save":
        draft = UpdateDraft(
            status=world.plan.status_scheme.statuses.get(code=status),
            percent_complete=Decimal(percent),
            commentary=f"{status} at {percent}",
            next_steps="Carry on",
        )
        cycle.update_save(
            user=_owner(world, key),
            item=world.item(key),
            period=period,
            based_on_version=update.version if update else 0,
            draft=draft,
        )
    elif act == "submit" and update is not None:
        cycle.update_submit(user=_owner(world, key), update=update)
    elif act == "approve" and update is not None:
        cycle.update_approve(user=world.officer, update=update)
    elif act == "return" and update is not None:
        cycle.update_return(user=world.officer, update=update, comment="Please add the cost")
    elif act == "rename":
        item = world.item(key)
        values = ItemFields.of(item)
        values.title = f"{item.title} ({status})"
        editing.item_change(
            user=world.officer, item=item, based_on_version=item.version, values=values
        )
    elif act in ("due", "figure", "lead", "move"):
        _edit(world, act, key, status, percent)
    elif act == "publish":
        cycle.period_publish(user=world.officer, period=period)
    elif act == "reopen":
        cycle.period_reopen(user=world.officer, period=period, reason="A late correction")


def _edit(world: World, act: str, key: str, status: str, percent: int) -> None:
    """An officer's edit of the plan: a due date, a figure, a lead officer, a move."""
    item = world.item(key)
    if act == "due":
        values = ItemFields.of(item)
        values.due_date = DUE_DATES[percent % len(DUE_DATES)]
        values.start_date = None
        editing.item_change(
            user=world.officer, item=item, based_on_version=item.version, values=values
        )
    elif act == "figure":
        entry = FigureEntry(measure="A1-M1", period="2024-Q2", text=str(percent), place="test")
        figures_record(user=world.officer, plan=world.plan, entries=[entry])
    elif act == "lead":
        held = ItemRole.objects.filter(item=item, role="lead_officer").first()
        if held is not None:
            editing.item_role_remove(user=world.officer, held=held)
        else:
            editing.item_role_add(
                user=world.officer, item=item, role="lead_officer", new_person_name=status
            )
    elif act == "move":
        parent = world.item("P2" if item.parent_id == world.item("P1").pk else "P1")
        if item.depth == 1:
            editing.item_move(user=world.officer, item=item, parent=parent)


def _kept_equals_recomputed(world: World) -> None:
    period = world.period("2024-Q2")
    kept = dashboard_position(plan=world.plan, period=period)
    assert position_freeze(kept) == position_freeze(plan_position(plan=world.plan, period=period))
    card = scorecard_cached(plan=world.plan, period=period)
    assert card == scorecard_build(plan=world.plan, period=period)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    round_of_acts=st.lists(
        st.tuples(
            st.sampled_from(ACTS),
            st.sampled_from(ITEMS),
            st.sampled_from(STATUSES),
            st.integers(min_value=0, max_value=100),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_kept_position_is_a_full_recomputation_after_every_act(round_of_acts) -> None:
    page_cache_clear()
    with pytest.raises(ExampleEndedError):
        _round_played(round_of_acts)


def _round_played(round_of_acts) -> None:
    with transaction.atomic():
        world = cycle_world()
        cycle.period_open(user=world.officer, period=world.period("2024-Q2"))
        _kept_equals_recomputed(world)
        for act in round_of_acts:
            try:
                _act(world, *act)
            except (CycleError, EditError, ValidationError, PermissionDenied):
                pass  # refused: the kept position must still be the right one
            _kept_equals_recomputed(world)
        raise ExampleEndedError


def test_another_worker_reads_the_kept_position_without_working_it_out(tmp_path) -> None:
    files = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "positions"),
    }
    with override_settings(CACHES={"default": files, "positions": files}):
        world = cycle_world()
        period = world.period("2024-Q1")
        with CaptureQueriesContext(connection) as first:
            worked_out = dashboard_position(plan=world.plan, period=period)
        page_cache_clear(shared=False)  # another worker: nothing of its own yet
        with CaptureQueriesContext(connection) as second:
            kept = dashboard_position(plan=world.plan, period=period)
        assert position_freeze(kept) == position_freeze(worked_out)
        assert len(second.captured_queries) == 1  # the plan's revision, nothing else
        assert len(first.captured_queries) > 5
        assert any((tmp_path / "positions").iterdir())


def test_another_worker_draws_the_dashboard_and_tree_from_what_the_first_kept(tmp_path) -> None:
    """The scorecard and the tree's rows are kept for every worker beside the position: a
    worker with nothing of its own reads them, it does not work them out again."""
    files = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "positions"),
    }
    with override_settings(CACHES={"default": files, "positions": files}):
        world = cycle_world()
        client = Client()
        client.force_login(world.officer)
        pages = [
            reverse("web:plan-tree", args=[world.plan.slug]),
            reverse("web:plan-dashboard", args=[world.plan.slug]),
        ]
        for url in pages:
            page_cache_clear()  # the first worker works everything out…
            with CaptureQueriesContext(connection) as first:
                shown = client.get(url).content.decode()
            page_cache_clear(shared=False)  # …another has nothing of its own yet
            with CaptureQueriesContext(connection) as second:
                again = client.get(url).content.decode()
            assert _without_nonce(again) == _without_nonce(shown)
            # The plan's items, updates and measures are read only by the first.
            for table in WORKED_OUT_FROM:
                assert _reads(first, table), (url, table)
                assert not _reads(second, table), (url, table)


WORKED_OUT_FROM = ("plans_progressupdate", "plans_measure", "plans_measurevalue")


def _reads(queries: CaptureQueriesContext, table: str) -> bool:
    return any(f'FROM "{table}"' in query["sql"] for query in queries.captured_queries)


def _without_nonce(page: str) -> str:
    """The page without what differs at every request (script nonces, the form token)."""
    page = re.sub(r'nonce="[^"]*"', "", page)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_what_a_request_keeps_for_every_worker_is_written_once_its_response_has_gone(
    tmp_path,
) -> None:
    files = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "positions"),
    }
    with override_settings(CACHES={"default": files, "positions": files}):
        shared_position_put("outside", {"kept": 1})
        assert shared_position_get("outside") == {"kept": 1}  # no request: written now
        request_started.send(sender=None)
        shared_position_put("inside", {"kept": 2})
        assert shared_position_get("inside") is None  # the reader does not wait for it
        request_finished.send(sender=None)
        assert shared_position_get("inside") == {"kept": 2}
        shared_position_put("after", {"kept": 3})
        assert shared_position_get("after") == {"kept": 3}

"""One reading of the plan (issue 16, part 1): the dashboard's status mix, the tree and its
status filter are drawn from the same plan position as the reports, so they agree. Before,
Harlow's dashboard listed 47 red or amber items while the tree's Red filter found none."""

import pytest

from councilplan.interchange.services import plan_import_path
from councilplan.plans.models import Plan
from councilplan.reports.position import status_key
from councilplan.web import selectors
from tests.imports.seeds import CORPORATE, HARBOROUGH, HARROW, RECOVERY, seed_path

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.mark.parametrize("seed", [RECOVERY, CORPORATE, HARBOROUGH, HARROW])
def test_the_tree_filters_find_what_the_dashboard_counts_in_every_period(seed):
    outcome = plan_import_path(path=seed_path(seed))  # as the demo loads it, with its mapping
    plan = Plan.objects.get(slug=outcome.plan_id)
    periods = list(plan.periods.order_by("starts_on"))
    if seed == RECOVERY:
        assert not periods  # the recovery plan prints no dates: it has no period to read
        return
    assert periods
    for number, period in enumerate(periods):
        previous = periods[number - 1] if number else None
        position = selectors.dashboard_position(plan=plan, period=period)
        rows = selectors.plan_rows(plan=plan, period=period, previous=previous).rows
        choices = dict(selectors.filter_choices(plan=plan, rows=rows)["status"])
        for entry in position.status_mix:
            found = selectors.rows_filtered(rows, selectors.TreeFilters(status=entry.key))
            leaves = [row for row in found if row.is_leaf]
            assert len(leaves) == entry.count, (period.key, entry.word)
            if entry.count:
                assert choices[entry.key] == entry.word, (period.key, entry.key)
        # Every item the tree shows has the status, progress and overdue the report prints.
        report = {row.key: row for row in position.rows}
        for row in rows:
            shown = report[row.key]
            assert row.status == shown.status
            assert row.status_key == status_key(shown.status)
            assert row.overdue == shown.overdue
        # Suggestions are never shown as reported statuses, nor counted with them.
        for entry in position.status_mix:
            assert entry.suggested == entry.word.startswith("Suggested: ")

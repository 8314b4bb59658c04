"""What `councilplan demo` loads: the four real council documents in sample_data/seeds,
imported through the same importer a council would use (each with its mapping file), a
demo user for each role in each organisation, and the plan's next period ready to open, so
a newcomer can walk the whole update round: open the period → the owner updates → the
officer approves and publishes → the public page and the report show it."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from councilplan.accounts.models import Membership, Role
from councilplan.accounts.permissions import SYSTEM_USER
from councilplan.cycle import services as cycle
from councilplan.cycle.selectors import accountable_parties, items_expected
from councilplan.domain.periods import FinancialCalendar, PeriodError, period_parse
from councilplan.history.context import acting_as
from councilplan.interchange.services import plan_import_path
from councilplan.plans.models import (
    ItemRole,
    Organisation,
    Party,
    Plan,
    ProgressUpdate,
    ReportingPeriod,
)

# Printed at start; the demo database is made anew on every run and serves only localhost.
DEMO_PASSWORD = "councilplan-demo"  # noqa: S105
DEMO_OWNER_PARTY = "Demo lead officer"
DEMO_ROLES = (
    (Role.ADMINISTRATOR, "admin", "Administrator"),
    (Role.PERFORMANCE_OFFICER, "officer", "Performance officer"),
    (Role.OWNER, "owner", "Owner"),
    (Role.READER, "reader", "Reader (councillor)"),
)

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
        steps: list[tuple[date, list[str]]] = []
        for organisation in Organisation.objects.filter(plans__isnull=False).distinct():
            summary.user_lines.extend(demo_users_create(organisation=organisation))
            for plan in organisation.plans.working().order_by("title"):
                current = _current_period(plan)
                step = demo_round_prepare(plan=plan)
                if step and current is not None:
                    steps.append((current.starts_on, step))
        # Walk the round of the plan whose current period is the latest.
        steps.sort(key=lambda pair: pair[0], reverse=True)
        summary.user_lines.append(f"Every demo user's password is: {DEMO_PASSWORD}")
        for _, lines in steps[:1]:
            summary.user_lines.extend(lines)
    return summary


def _prefix(organisation: Organisation) -> str:
    words = [w for w in organisation.slug.split("-") if w not in {"council", "borough", "the"}]
    return (words[0] if words else organisation.slug)[:20] or "demo"


def _featured_plan(organisation: Organisation) -> Plan | None:
    """The organisation's plan whose current period is the latest: the one to walk through."""
    dated = [
        (current.starts_on, plan)
        for plan in organisation.plans.working().order_by("title")
        if (current := _current_period(plan)) is not None
    ]
    return max(dated, key=lambda pair: pair[0])[1] if dated else None


def _owner_party(organisation: Organisation) -> Party:
    """The person answerable for the most updates in the organisation's featured plan: a real
    lead officer of the loaded plan. A plan with no roles at all (some councils print none)
    gets a demo lead officer on its deepest item that has others below it."""
    plan = _featured_plan(organisation)
    plans = [plan] if plan is not None else list(organisation.plans.working())
    counts: Counter[int] = Counter()
    parties: dict[int, Party] = {}
    for each in plans:
        owners = accountable_parties(plan=each)
        for item in items_expected(plan=each):
            for party in owners.get(item.pk, []):
                if party.kind == Party.Kind.PERSON and party.user_id is None:
                    counts[party.pk] += 1
                    parties[party.pk] = party
    if counts:
        return parties[counts.most_common(1)[0][0]]
    party, _ = Party.objects.get_or_create(
        organisation=organisation, name=DEMO_OWNER_PARTY, defaults={"kind": Party.Kind.PERSON}
    )
    for each in plans:
        parent_ids = set(each.items.exclude(parent=None).values_list("parent_id", flat=True))
        target = (
            each.items.filter(pk__in=parent_ids, archived_on=None)
            .order_by("-depth", "position")
            .first()
        )
        if target is not None:
            ItemRole.objects.get_or_create(item=target, role="lead_officer", party=party)
    return party


@transaction.atomic
def demo_users_create(*, organisation: Organisation) -> list[str]:
    """One user per role for the organisation; the owner is linked to a real lead officer."""
    prefix = _prefix(organisation)
    lines = [f"{organisation.name}:"]
    for role, suffix, label in DEMO_ROLES:
        username = f"{prefix}.{suffix}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username, email=f"{username}@example.gov.uk", password=DEMO_PASSWORD
            )
        Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        detail = ""
        if role == Role.OWNER:
            party = _owner_party(organisation)
            party.user = user
            party.save()
            user.first_name = party.name
            user.save()
            detail = f" — linked to {party.name}, who writes their items' updates"
        lines.append(f"  {label}: {username}{detail}")
    return lines


def _current_period(plan: Plan) -> ReportingPeriod | None:
    key = (plan.metadata or {}).get("current_period")
    period = plan.periods.filter(key=key).first() if key else None
    if period is None:
        period = (
            plan.periods.filter(updates__state=ProgressUpdate.State.APPROVED)
            .order_by("-starts_on")
            .first()
        )
    return period


def _next_period(plan: Plan, current: ReportingPeriod) -> ReportingPeriod | None:
    calendar = FinancialCalendar(plan.year_start_month, plan.period_months)
    try:
        following = period_parse(current.key, calendar).next()
    except PeriodError:
        return plan.periods.filter(starts_on__gt=current.ends_on).order_by("starts_on").first()
    period, _ = ReportingPeriod.objects.get_or_create(
        plan=plan,
        key=following.key,
        defaults={
            "label": following.label,
            "starts_on": following.starts_on,
            "ends_on": following.ends_on,
        },
    )
    return period


def demo_round_prepare(*, plan: Plan) -> list[str]:
    """Publish the plan's current period as imported (its updates are approved), and make
    sure the next period exists, not yet open: opening it is the newcomer's first step."""
    current = _current_period(plan)
    if current is None:
        return []
    if current.state != ReportingPeriod.State.PUBLISHED:
        if current.state == ReportingPeriod.State.PLANNED:
            cycle.period_open(user=SYSTEM_USER, period=current)
        cycle.period_publish(user=SYSTEM_USER, period=current)
    following = _next_period(plan, current)
    if following is None or following.state != ReportingPeriod.State.PLANNED:
        return []
    prefix = _prefix(plan.organisation)
    return [
        f"Walk the {following.label} update round of {plan.title}:",
        f"  1. sign in as {prefix}.officer and open {following.label} at "
        f"/plans/{plan.slug}/periods/{following.key}/round/",
        f"  2. sign in as {prefix}.owner and write the updates listed at /my-updates/",
        f"  3. as {prefix}.officer again, review and approve them, then publish {following.label}",
        f"  4. see it without signing in at /published/{plan.slug}/",
    ]

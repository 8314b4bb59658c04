import re

import pytest
from django.contrib.auth import authenticate
from django.test import Client

from councilplan.accounts.models import Membership, Role
from councilplan.accounts.permissions import Action, permission_has
from councilplan.cycle import services
from councilplan.cycle.selectors import obligations_for, published_snapshot_latest
from councilplan.demo.services import DEMO_PASSWORD, demo_load
from councilplan.plans.models import Plan, ReportingPeriod

pytestmark = pytest.mark.django_db


def test_the_demo_creates_a_user_for_each_role_in_each_organisation_and_prints_them():
    summary = demo_load()
    for plan in Plan.objects.all():
        roles = set(
            Membership.objects.filter(organisation=plan.organisation).values_list("role", flat=True)
        )
        assert roles == set(Role.values)
    text = "\n".join(summary.user_lines)
    for membership in Membership.objects.select_related("user"):
        assert membership.user.username in text
        assert authenticate(username=membership.user.username, password=DEMO_PASSWORD)
    assert DEMO_PASSWORD in text


def test_the_demo_leaves_the_next_period_ready_for_the_whole_round():
    summary = demo_load()
    text = "\n".join(summary.user_lines)
    walked = re.search(r"/plans/([^/]+)/periods/([^/]+)/round/", text)
    assert walked, "the demo prints the round to walk"
    plan = Plan.objects.get(slug=walked.group(1))
    latest = max(
        p.periods.get(key=p.metadata["current_period"]).starts_on
        for p in Plan.objects.all()
        if p.metadata.get("current_period")
    )
    current = plan.periods.get(key=plan.metadata["current_period"])
    assert current.starts_on == latest  # the plan with the latest period is walked
    assert current.state == ReportingPeriod.State.PUBLISHED
    assert published_snapshot_latest(plan=plan).period == current
    following = plan.periods.filter(starts_on__gt=current.ends_on).order_by("starts_on").first()
    assert following.state == ReportingPeriod.State.PLANNED
    assert following.key == walked.group(2)

    officer = Membership.objects.get(
        organisation=plan.organisation, role=Role.PERFORMANCE_OFFICER
    ).user
    owner = Membership.objects.get(organisation=plan.organisation, role=Role.OWNER).user
    services.period_open(user=officer, period=following)
    owed = obligations_for(user=owner)
    assert owed, "the demo owner must have updates to write"
    assert all(permission_has(owner, Action.UPDATE_ITEM, plan=plan, item=o.item) for o in owed)


def test_the_printed_walk_through_works_from_opening_to_the_public_page():
    summary = demo_load()
    text = "\n".join(summary.user_lines)
    slug, period = re.search(r"/plans/([^/]+)/periods/([^/]+)/round/", text).groups()
    officer_name, owner_name = re.search(
        r"sign in as (\S+) and open.*?sign in as (\S+) and write", text, re.DOTALL
    ).groups()
    officer, owner = Client(), Client()
    for client, username in ((officer, officer_name), (owner, owner_name)):
        response = client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302
    round_url = f"/plans/{slug}/periods/{period}/round/"
    opened = officer.post(
        round_url + "open/", {"due_day": "14", "due_month": "1", "due_year": "2099"}
    )
    assert opened.status_code == 302
    forms = re.findall(
        rf'href="(/plans/{slug}/items/[^"]+/update/{period}/)"',
        owner.get("/my-updates/").content.decode(),
    )
    assert forms, "the demo owner has updates to write"
    status = Plan.objects.get(slug=slug).status_scheme.statuses.filter(rag="green").first()
    for form in forms:
        data = {
            "version": "0",
            "status": str(status.pk),
            "percent_complete": "50",
            "commentary": "Written in the demo walk-through",
            "action": "submit",
        }
        assert owner.post(form, data).status_code == 302
    for form in forms:
        assert officer.post(form + "review/", {"action": "approve"}).status_code == 302
    confirmation = officer.get(round_url + "publish/").content.decode()
    seen = re.search(r'name="seen" value="([^"]+)"', confirmation).group(1)
    published = officer.post(round_url + "publish/", {"seen": seen, "choice": "publish"})
    assert published.status_code == 302
    public = Client().get(f"/published/{slug}/")
    assert "Written in the demo walk-through" in public.content.decode()

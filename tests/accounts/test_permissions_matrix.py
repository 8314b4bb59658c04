"""Every URL of the project against every role: each must reach what it may, and no more.

The test walks all URL patterns (django.urls.get_resolver) and fails for any named view that
has no entry in POLICIES below, so a new page cannot ship without a declared policy.

To add a view: add `"namespace:name": Policy(allowed=..., kwargs=..., method=...)`.
- `allowed` is the set of roles that get through (ANYONE, SIGNED_IN, RUNS_CYCLE…);
  every other role must be refused (403, or for anonymous a redirect to sign-in; 404 also
  counts as refused, for pages that hide whether something exists).
- `kwargs` are the URL arguments; strings may use the placeholders in
  tests/accounts/matrix_world.py (`{plan}`, `{open_period}`, `{owned_item}`…). Give a
  callable `kwargs=lambda world: {...}` when the arguments depend on data you create.
- `method="POST"` with `data` for actions; `setup=lambda world: ...` to create what the
  view needs (an uploaded import, say) before the request.
- Give a list of Policies to check one view in several situations (published and
  unpublished plan, say).
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from councilplan.interchange.reviewed_import import pending_import_create
from tests.accounts.matrix_world import PLACEHOLDERS, matrix_world
from tests.cycle.world import cycle_document

ROLES = (
    "administrator",
    "officer",  # performance officer
    "owner",  # owner of the item the URL names
    "other_owner",  # owner of another item
    "reader",
    "outsider",  # a performance officer of another council
    "anonymous",  # the public
)
ANYONE = frozenset(ROLES)
SIGNED_IN = ANYONE - {"anonymous"}
READS_PLAN = frozenset({"administrator", "officer", "owner", "other_owner", "reader"})
RUNS_CYCLE = frozenset({"administrator", "officer"})
UPDATES_ITEM = frozenset({"administrator", "officer", "owner"})
EDITS_PLAN = frozenset({"administrator", "officer"})
ADMINISTERS = frozenset({"administrator"})
NOBODY: frozenset[str] = frozenset()

# Namespaces whose pages have their own gate (Django's admin: staff only, its own sign-in).
OWN_GATE_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class Policy:
    allowed: frozenset[str]
    kwargs: dict[str, str] | Callable[[Any], dict[str, str]] = field(default_factory=dict)
    method: str = "GET"
    data: dict[str, Any] = field(default_factory=dict)
    setup: Callable[[Any], None] | None = None
    note: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def _prepared_report_create(world: Any) -> None:
    from councilplan.reports.models import PreparedReport

    world.prepared = PreparedReport.objects.create(
        plan=world.plan, period=world.period("2024-Q1"), format="xlsx"
    )


def _reader_token_create(world: Any) -> None:
    from councilplan.accounts.tokens import token_create

    world.token = token_create(user=world.reader, name="Power BI").token


def _pending_import_create(world: Any) -> None:
    """An upload by the performance officer, waiting to be confirmed."""
    document = cycle_document()
    document["plan"]["id"] = "uploaded-plan"
    world.pending_import = pending_import_create(
        user=world.officer, file_name="plan.json", data=json.dumps(document).encode()
    )


def _pending_table_import_create(world: Any) -> None:
    """A council's CSV uploaded by the performance officer: its columns can be chosen."""
    world.pending_import = pending_import_create(
        user=world.officer,
        file_name="plan.csv",
        data=TABLE_CSV.encode(),
        organisation=world.plan.organisation.name,
    )


TABLE_CSV = (
    "Ref,Action,Lead officer\nA1,Open the new library,Jane Smith\nA2,Mend the roads,Tom Brown\n"
)
COLUMNS_CHOSEN = {
    "title": "Uploaded plan",
    "organisation": "Testborough Council",
    "period": "",
    "column_0": "ref",
    "column_1": "title",
    "column_2": "text",
    "level_0": "Action",
}


def _item_a1(world: Any) -> dict[str, str]:
    return {"slug": world.plan.slug, "item_id": str(world.item("A1").pk)}


def _measure_a1(world: Any) -> dict[str, str]:
    return {"slug": world.plan.slug, "measure_id": str(world.item("A1").measures.get().pk)}


def _role_p1(world: Any) -> dict[str, str]:
    return {"slug": world.plan.slug, "role_id": str(world.item("P1").roles.first().pk)}


def _a1_archived(world: Any) -> None:
    from councilplan.editing.services import item_archive, measure_archive

    measure_archive(user=world.officer, measure=world.item("A1").measures.get(), reason="x")
    item_archive(user=world.officer, item=world.item("A1"), reason="Dropped")


def _plan_archived(world: Any) -> None:
    from councilplan.editing.services import plan_archive

    plan_archive(user=world.officer, plan=world.plan, reason="Superseded")


def _risk(world: Any) -> dict[str, str]:
    from councilplan.editing.risks import RiskFields, risk_archive, risk_create

    risk = world.plan.risks.first() or risk_create(
        user=world.officer, plan=world.plan, values=RiskFields(description="Funding cut")
    )
    if getattr(world, "risk_archived", False) and risk.archived_on is None:
        risk = risk_archive(user=world.officer, risk=risk, reason="Passed")
    return {"slug": world.plan.slug, "risk_id": str(risk.pk)}


def _risk_archived(world: Any) -> None:
    world.risk_archived = True


ITEM_DATA = {"version": "1", "title": "Renew street furniture", "weight": "1", "ref": "1.1"}


def _edit_policies(kwargs: Any, data: dict[str, str], **extra: Any) -> list[Policy]:
    """The page (GET) and its form sent (POST): both only for those who edit the plan."""
    return [
        Policy(EDITS_PLAN, kwargs, **extra),
        Policy(EDITS_PLAN, kwargs, method="POST", data=data, **extra),
    ]


def _pending_import(world: Any) -> dict[str, str]:
    return {"pending_id": str(world.pending_import.pk)}


POLICIES: dict[str, Policy | list[Policy]] = {
    # accounts: sign-in is for everyone; sign-out only ever ends your own session
    "accounts:sign-in": Policy(ANYONE),
    "accounts:sign-out": Policy(ANYONE, method="POST"),
    # cycle: the owner's pages
    "cycle:my-updates": Policy(SIGNED_IN, note="lists only what the person owes"),
    "cycle:update-edit": [
        Policy(UPDATES_ITEM, {"plan": "{plan}", "key": "{owned_item}", "period": "{open_period}"}),
        Policy(
            UPDATES_ITEM,
            {"plan": "{plan}", "key": "{owned_item}", "period": "{open_period}"},
            method="POST",
            data={"version": "2", "action": "save", "commentary": "x"},
            note="a submitted update: refused by the service, but not by permission",
        ),
    ],
    # cycle: the performance officer's pages
    "cycle:period-index": Policy(RUNS_CYCLE, {"plan": "{plan}"}),
    "cycle:round": Policy(RUNS_CYCLE, {"plan": "{plan}", "period": "{open_period}"}),
    "cycle:period-open": [
        Policy(RUNS_CYCLE, {"plan": "{plan}", "period": "{planned_period}"}),
        Policy(
            RUNS_CYCLE,
            {"plan": "{plan}", "period": "{planned_period}"},
            method="POST",
            data={"due_day": "14", "due_month": "1", "due_year": "2025"},
        ),
    ],
    "cycle:period-close": Policy(
        RUNS_CYCLE, {"plan": "{plan}", "period": "{open_period}"}, method="POST"
    ),
    "cycle:period-publish": [
        Policy(RUNS_CYCLE, {"plan": "{plan}", "period": "{open_period}"}),
        Policy(
            RUNS_CYCLE,
            {"plan": "{plan}", "period": "{open_period}"},
            method="POST",
            data={"choice": "wait"},
        ),
    ],
    "cycle:updates-approve": Policy(
        RUNS_CYCLE, {"plan": "{plan}", "period": "{open_period}"}, method="POST"
    ),
    "cycle:period-reopen": [
        Policy(RUNS_CYCLE, {"plan": "{plan}", "period": "{published_period}"}),
        Policy(
            RUNS_CYCLE,
            {"plan": "{plan}", "period": "{published_period}"},
            method="POST",
            data={"reason": "A correction"},
        ),
    ],
    "cycle:reminders-send": Policy(
        RUNS_CYCLE, {"plan": "{plan}", "period": "{open_period}"}, method="POST"
    ),
    "cycle:update-review": [
        Policy(RUNS_CYCLE, {"plan": "{plan}", "key": "{owned_item}", "period": "{open_period}"}),
        Policy(
            RUNS_CYCLE,
            {"plan": "{plan}", "key": "{owned_item}", "period": "{open_period}"},
            method="POST",
            data={"action": "approve"},
        ),
    ],
    # web: pages of the web application (the web helper adds its own here)
    "web:plan-index": Policy(ANYONE, note="published plans; members also see working plans"),
    "web:accessibility": Policy(ANYONE),
    "web:plan-dashboard": Policy(READS_PLAN, {"slug": "{plan}"}),
    "web:plan-tree": Policy(READS_PLAN, {"slug": "{plan}"}),
    "web:item-detail": Policy(
        READS_PLAN, lambda world: {"slug": world.plan.slug, "item_id": str(world.item("A1").pk)}
    ),
    "web:report-list": Policy(READS_PLAN, {"slug": "{plan}"}),
    "web:plan-indicators": Policy(READS_PLAN, {"slug": "{plan}"}),
    "web:indicator-detail": Policy(READS_PLAN, _measure_a1),
    "web:report-download": Policy(
        READS_PLAN, {"slug": "{plan}", "period_key": "{published_period}", "fmt": "html"}
    ),
    "web:report-make": Policy(
        READS_PLAN,
        {"slug": "{plan}", "period_key": "{published_period}"},
        data={"kind": "html", "exceptions_only": "on"},
    ),
    "web:report-prepare": Policy(
        READS_PLAN,
        {"slug": "{plan}", "period_key": "{published_period}", "fmt": "xlsx"},
        method="POST",
    ),
    "web:report-prepared": Policy(
        READS_PLAN,
        lambda world: {"slug": world.plan.slug, "prepared_id": str(world.prepared.pk)},
        setup=_prepared_report_create,
    ),
    # Keeping the plan up to date: performance officers and administrators of its council.
    "web:plan-settings": _edit_policies(
        {"slug": "{plan}"},
        {"version": "1", "title": "Plan", "kind": "corporate", "level_0": "Priority"},
    ),
    "web:plan-archived": Policy(EDITS_PLAN, {"slug": "{plan}"}),
    "web:risk-register": Policy(READS_PLAN, {"slug": "{plan}"}),
    "web:risk-create": _edit_policies({"slug": "{plan}"}, {"description": "Funding cut"}),
    "web:risk-edit": _edit_policies(_risk, {"version": "1", "description": "Funding cut"}),
    "web:risk-archive": _edit_policies(_risk, {"reason": "Passed"}),
    "web:risk-restore": Policy(EDITS_PLAN, _risk, method="POST", setup=_risk_archived),
    "web:plan-archive": _edit_policies({"slug": "{plan}"}, {"reason": "Superseded"}),
    "web:plan-restore": Policy(EDITS_PLAN, {"slug": "{plan}"}, method="POST", setup=_plan_archived),
    "web:plan-statuses": _edit_policies(
        {"slug": "{plan}"},
        {
            "word-TOTAL_FORMS": "1",
            "word-INITIAL_FORMS": "0",
            "word-0-label": "Closed",
            "word-0-rag": "blue",
        },
    ),
    "web:plan-carry-forward": _edit_policies(
        {"slug": "{plan}"}, {"title": "Next year", "scope": "all"}
    ),
    "web:item-create": _edit_policies({"slug": "{plan}"}, {"title": "A new action"}),
    "web:item-edit": _edit_policies(_item_a1, ITEM_DATA),
    "web:item-move": _edit_policies(_item_a1, {"parent": ""}),
    "web:item-reorder": Policy(EDITS_PLAN, _item_a1, method="POST", data={"step": "up"}),
    "web:item-archive": _edit_policies(_item_a1, {"reason": "Dropped by Cabinet"}),
    "web:item-restore": Policy(EDITS_PLAN, _item_a1, method="POST", setup=_a1_archived),
    "web:item-roles": _edit_policies(_item_a1, {"role": "partner", "new_person_name": "Nadia New"}),
    "web:item-role-remove": Policy(EDITS_PLAN, _role_p1, method="POST"),
    "web:measure-create": _edit_policies(_item_a1, {"name": "Bins emptied"}),
    "web:measure-edit": _edit_policies(_measure_a1, {"version": "1", "name": "Benches"}),
    "web:measure-archive": _edit_policies(_measure_a1, {"reason": "Not reported"}),
    "web:measure-targets": _edit_policies(
        _measure_a1, {"version": "1", "bands": "plan", "relative": "relative"}
    ),
    "web:measure-restore": Policy(EDITS_PLAN, _measure_a1, method="POST", setup=_a1_archived),
    # Importing: any performance officer or administrator, each only their own uploads.
    "web:import-upload": Policy(RUNS_CYCLE | {"outsider"}),
    "web:import-review": Policy(
        frozenset({"officer"}), _pending_import, setup=_pending_import_create
    ),
    "web:import-columns": [
        Policy(frozenset({"officer"}), _pending_import, setup=_pending_table_import_create),
        Policy(
            frozenset({"officer"}),
            _pending_import,
            method="POST",
            data=COLUMNS_CHOSEN,
            setup=_pending_table_import_create,
        ),
    ],
    "web:import-confirm": Policy(
        frozenset({"officer"}), _pending_import, method="POST", setup=_pending_import_create
    ),
    "web:import-cancel": Policy(
        frozenset({"officer"}), _pending_import, method="POST", setup=_pending_import_create
    ),
    # Published pages: everyone, and only what was published.
    "web:public-plan-list": Policy(ANYONE),
    # The API (/api/v1/): the same gates as the pages, reached here with the sign-in cookie;
    # tests/api covers tokens and their scopes.
    # Sign-in with the council's identity provider: 404 while none is configured (as here);
    # with one, the public way in (tests/browser/test_sign_in_with_provider.py).
    "accounts:oidc-sign-in": Policy(NOBODY, note="no identity provider configured"),
    "accounts:oidc-callback": Policy(NOBODY, note="no identity provider configured"),
    "api:api-root": Policy(NOBODY, note="django-ninja's bare /api/v1/: 404 for everyone"),
    "api:openapi-json": Policy(ANYONE),
    "api:openapi-view": Policy(ANYONE),
    "api:organisations": Policy(SIGNED_IN),
    "api:plans": Policy(SIGNED_IN),
    "api:plan": Policy(READS_PLAN, {"slug": "{plan}"}),
    "api:periods": Policy(READS_PLAN, {"slug": "{plan}"}),
    "api:position": Policy(READS_PLAN, {"slug": "{plan}"}),
    "api:items": Policy(READS_PLAN, {"slug": "{plan}"}),
    "api:item": Policy(READS_PLAN, {"slug": "{plan}", "key": "{owned_item}"}),
    "api:item_history": Policy(READS_PLAN, {"slug": "{plan}", "key": "{owned_item}"}),
    "api:risks": Policy(READS_PLAN, {"slug": "{plan}"}),
    "api:update_read": Policy(
        READS_PLAN, {"slug": "{plan}", "key": "{owned_item}", "period": "{open_period}"}
    ),
    "api:update_write": Policy(
        UPDATES_ITEM,
        {"slug": "{plan}", "key": "{owned_item}", "period": "{open_period}"},
        method="PUT",
        data={"status": "Green", "commentary": "From our own system"},
        headers={"If-Match": '"2"'},
    ),
    "api:measures": Policy(READS_PLAN, {"slug": "{plan}"}),
    "api:figure_read": Policy(
        READS_PLAN, {"slug": "{plan}", "measure": "A1-M1", "period": "{open_period}"}
    ),
    "api:figure_write": Policy(
        UPDATES_ITEM,
        {"slug": "{plan}", "measure": "A1-M1", "period": "{open_period}"},
        method="PUT",
        data={"text": "12 benches"},
        note="without If-Match: 428 for those who may, after the gates",
    ),
    "api:figures_write": Policy(
        UPDATES_ITEM,
        {"slug": "{plan}"},
        method="POST_JSON",
        data={"figures": [{"measure": "A1-M1", "period": "{open_period}", "text": "12"}]},
    ),
    "api:import_upload": Policy(
        RUNS_CYCLE | {"outsider"},
        method="POST",
        data={"file": lambda: SimpleUploadedFile("plan.csv", TABLE_CSV.encode())},
        note="to import into one's own council; the confirm checks which",
    ),
    "api:import_read": Policy(
        frozenset({"officer"}), _pending_import, setup=_pending_import_create
    ),
    "api:import_confirm": Policy(
        frozenset({"officer"}),
        _pending_import,
        method="POST_JSON",
        setup=_pending_import_create,
    ),
    "api:import_cancel": Policy(
        frozenset({"officer"}), _pending_import, method="DELETE", setup=_pending_import_create
    ),
    "api:published_plans": Policy(ANYONE),
    "api:published_period": [
        Policy(ANYONE, {"slug": "{plan}", "period": "{published_period}"}),
        Policy(NOBODY, {"slug": "{plan}", "period": "{open_period}"}),
    ],
    "web:api-tokens": Policy(SIGNED_IN),
    "web:api-token-revoke": Policy(
        frozenset({"reader"}),
        lambda world: {"token_id": str(world.token.pk)},
        method="POST",
        setup=_reader_token_create,
        note="only the person whose token it is (others get 404)",
    ),
    "web:health": Policy(ANYONE),
    "web:public-plan": Policy(ANYONE, {"slug": "{plan}"}),
    "web:public-plan-data": [
        Policy(ANYONE, {"slug": "{plan}", "period_key": "{published_period}", "fmt": "csv"}),
        Policy(ANYONE, {"slug": "{plan}", "period_key": "{published_period}", "fmt": "json"}),
        Policy(NOBODY, {"slug": "{plan}", "period_key": "{open_period}", "fmt": "csv"}),
    ],
    "web:public-item": [
        Policy(ANYONE, {"slug": "{plan}", "period_key": "{published_period}", "key": "A1"}),
        Policy(
            NOBODY,
            {"slug": "{plan}", "period_key": "{published_period}", "key": "A2"},
            note="a private item is never published",
        ),
        Policy(NOBODY, {"slug": "{plan}", "period_key": "{open_period}", "key": "A1"}),
    ],
    "web:public-plan-period": [
        Policy(ANYONE, {"slug": "{plan}", "period_key": "{published_period}"}),
        Policy(
            NOBODY,
            {"slug": "{plan}", "period_key": "{open_period}"},
            note="an unpublished period is not reachable, even by its officers",
        ),
    ],
}


def url_names(patterns: list | None = None, namespace: str = "") -> Iterator[tuple[str, str]]:
    """(qualified name, route) of every URL pattern."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            yield from url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            # An unnamed pattern is yielded as "namespace:" (or "") so the test can name it.
            name = f"{namespace}:{entry.name or ''}" if namespace else entry.name or ""
            yield name, str(entry.pattern)


def project_url_names() -> list[str]:
    return sorted(
        {name for name, _ in url_names() if name.split(":")[0] not in OWN_GATE_NAMESPACES}
    )


def policies_of(name: str) -> list[Policy]:
    policy = POLICIES[name]
    return policy if isinstance(policy, list) else [policy]


def test_every_view_of_the_project_has_a_declared_policy():
    unnamed = [
        route
        for name, route in url_names()
        if name.split(":")[0] not in OWN_GATE_NAMESPACES and (not name or name.endswith(":"))
    ]
    assert not unnamed, f"name these URL patterns so they can have a policy: {unnamed}"
    missing = [name for name in project_url_names() if name not in POLICIES]
    assert not missing, (
        f"views with no permission policy: {missing}. "
        "Add them to POLICIES in tests/accounts/test_permissions_matrix.py."
    )


def test_every_policy_names_a_view_that_exists():
    assert not set(POLICIES) - set(project_url_names())


def _cases() -> list[tuple[str, int]]:
    return [(name, index) for name in sorted(POLICIES) for index, _ in enumerate(policies_of(name))]


def _resolve(value: str) -> str:
    for placeholder, replacement in PLACEHOLDERS.items():
        value = value.replace(placeholder, replacement)
    return value


def _request(client: Client, world: Any, policy: Policy, name: str) -> Any:
    kwargs = policy.kwargs(world) if callable(policy.kwargs) else policy.kwargs
    url = reverse(name, kwargs={key: _resolve(value) for key, value in kwargs.items()})
    if policy.method == "POST":
        return client.post(url, form_data(policy), headers=policy.headers)
    if policy.method == "DELETE":
        return client.delete(url, headers=policy.headers)
    if policy.method in ("PUT", "POST_JSON"):  # the API's writes: JSON
        send = client.put if policy.method == "PUT" else client.post
        body = json.loads(_resolve(json.dumps(policy.data)))
        return send(url, body, content_type="application/json", headers=policy.headers)
    return client.get(url)


def form_data(policy: Policy) -> dict[str, Any]:
    """A POST policy's form, placeholders filled; a callable makes a fresh upload each time."""
    return {k: v() if callable(v) else _resolve(v) for k, v in policy.data.items()}


def _signed_in_client(world: Any, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def _refused(response: Any, role: str) -> bool:
    if response.status_code in (403, 404):
        return True
    if role == "anonymous" and response.status_code == 401:  # the API asks for a token
        return True
    sign_in = reverse("accounts:sign-in") + "?next="
    return (
        role == "anonymous"
        and response.status_code == 302
        and response["Location"].startswith(sign_in)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index"), _cases())
def test_each_role_reaches_only_what_its_policy_allows(name, index):
    world = matrix_world()
    policy = policies_of(name)[index]
    if policy.setup is not None:
        policy.setup(world)
    wrong = []
    for role in ROLES:
        # Each role's request is undone afterwards, so every role meets the same world.
        savepoint = transaction.savepoint_create()
        response = _request(_signed_in_client(world, role), world, policy, name)
        transaction.savepoint_rollback(savepoint)
        refused = _refused(response, role)
        if role in policy.allowed and (refused or response.status_code >= 500):
            wrong.append(f"{role} was refused ({response.status_code})")
        elif role not in policy.allowed and not refused:
            wrong.append(f"{role} got through ({response.status_code}) but may not")
    assert not wrong, f"{policy.method} {name}: " + "; ".join(wrong)


@pytest.mark.django_db
def test_djangos_admin_is_closed_to_everyone_who_is_not_staff():
    world = matrix_world()
    for role in ROLES:
        response = _signed_in_client(world, role).get(reverse("admin:index"))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


TOKEN_SCOPES = ("read", "write")


def _api_cases() -> list[tuple[str, int]]:
    return [(name, index) for name, index in _cases() if name.startswith("api:")]


def _token_client(world: Any, role: str, scope: str) -> Client:
    from councilplan.accounts.tokens import token_create

    secret = token_create(user=getattr(world, role), name="matrix", scope=scope).secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index"), _api_cases())
def test_each_role_with_each_token_scope_reaches_only_what_the_api_allows(name, index):
    """The API's gates with a personal token instead of the cookie: a token carries its
    owner's rights, and a read-only token writes nothing (403 before any other check)."""
    world = matrix_world()
    policy = policies_of(name)[index]
    if policy.setup is not None:
        policy.setup(world)
    writes = policy.method != "GET"
    wrong = []
    for role in (r for r in ROLES if r != "anonymous"):
        for scope in TOKEN_SCOPES:
            savepoint = transaction.savepoint_create()
            response = _request(_token_client(world, role, scope), world, policy, name)
            transaction.savepoint_rollback(savepoint)
            allowed = role in policy.allowed and (scope == "write" or not writes)
            refused = _refused(response, role)
            if allowed and (refused or response.status_code >= 500):
                wrong.append(f"{role} with a {scope} token was refused ({response.status_code})")
            elif not allowed and not refused:
                wrong.append(f"{role} with a {scope} token got through ({response.status_code})")
    assert not wrong, f"{policy.method} {name}: " + "; ".join(wrong)

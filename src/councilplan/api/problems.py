"""Every API error as RFC 9457 problem details (`application/problem+json`): a type, a title,
the HTTP status and a detail a person can act on, with extra members where they help (the
fields that differ when a write was based on an old version)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from councilplan.cycle.errors import CycleError, StaleUpdateError
from councilplan.cycle.measure_values import FiguresRefusedError
from councilplan.domain.problems import PlanInputError
from councilplan.interchange.reviewed_import import ImportNotReadyError
from councilplan.interchange.uploads import UploadRejectedError
from councilplan.plans.selectors import PeriodNotFoundError

PROBLEM_TYPE_BASE = "https://councilplan.readthedocs.io/problems/"
PROBLEM_CONTENT_TYPE = "application/problem+json"
NOT_FOUND_DETAIL = "There is nothing at this address, or you may not see it"
SIGN_IN_DETAIL = (
    "Send a personal API token as 'Authorization: Bearer cpk_…' (make one on your API tokens "
    "page), or sign in to the website"
)


def problem(
    api: NinjaAPI, request: HttpRequest, *, status: int, kind: str, title: str, detail: str,
    **extra: Any,
) -> HttpResponse:  # fmt: skip
    body = {"type": PROBLEM_TYPE_BASE + kind, "title": title, "status": status, "detail": detail}
    body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


@dataclass(frozen=True)
class ProblemKind:
    """How one kind of failure is told: its status, type and title, and what it adds."""

    status: int
    kind: str
    title: str
    detail: Callable[[Any], str] = str
    members: Callable[[Any], dict[str, Any]] = lambda error: {}  # beside type, title…
    status_of: Callable[[Any], int] | None = None  # when the error itself says which


def _validation_errors(error: ValidationError) -> list[dict[str, str]]:
    return [
        {"where": ".".join(str(part) for part in entry.get("loc", ())), "message": entry["msg"]}
        for entry in error.errors
    ]


def _differences(error: StaleUpdateError) -> dict[str, Any]:
    differences = [
        {"field": d.field, "saved": d.theirs, "yours": d.yours} for d in error.differences
    ]
    return {"current_version": error.current_version, "differences": differences}


# django-ninja finds the handler of an error's own class first, then of its bases'.
PROBLEM_KINDS: dict[type[Exception], ProblemKind] = {
    AuthenticationError: ProblemKind(401, "sign-in", "Sign in first", lambda e: SIGN_IN_DETAIL),
    PermissionDenied: ProblemKind(403, "not-allowed", "Not allowed"),
    Http404: ProblemKind(404, "not-found", "Not found", lambda e: NOT_FOUND_DETAIL),
    ObjectDoesNotExist: ProblemKind(404, "not-found", "Not found", lambda e: NOT_FOUND_DETAIL),
    PeriodNotFoundError: ProblemKind(404, "not-found", "No such period"),
    ValidationError: ProblemKind(
        422, "invalid", "Check what you sent",
        detail=lambda e: "; ".join(f"{x['where']}: {x['message']}" for x in _validation_errors(e)),
        members=lambda e: {"errors": _validation_errors(e)},
    ),
    StaleUpdateError: ProblemKind(412, "changed-since", "Changed since you read it",
                                  members=_differences),
    FiguresRefusedError: ProblemKind(
        422, "figures-refused", "Nothing was saved",
        members=lambda e: {"errors": [
            {"where": f"{p.place}.{p.column}", "message": p.message} for p in e.problems
        ]},
        status_of=lambda e: {"stale": 412, "not_allowed": 403}.get(e.kind, 422),
    ),
    UploadRejectedError: ProblemKind(
        422, "upload-refused", "The file was refused",
        members=lambda e: {"errors": [{"where": "file", "message": str(e)}]},
    ),
    PlanInputError: ProblemKind(
        422, "plan-input", "Nothing was imported",
        members=lambda e: {"errors": [
            {"where": str(p.location), "message": p.message} for p in e.problems
        ]},
    ),
    CycleError: ProblemKind(409, "refused", "Not possible now"),
    ImportNotReadyError: ProblemKind(409, "refused", "Not possible now"),
    HttpError: ProblemKind(400, "request", "Not possible", status_of=lambda e: e.status_code),
}  # fmt: skip


def problems_install(api: NinjaAPI) -> None:
    """Route each kind of failure to its problem document."""
    for error_class, told in PROBLEM_KINDS.items():
        api.add_exception_handler(error_class, _handler(api, told))


def _handler(api: NinjaAPI, told: ProblemKind) -> Callable[[HttpRequest, Any], HttpResponse]:
    def handle(request: HttpRequest, error: Any) -> HttpResponse:
        status = told.status_of(error) if told.status_of else told.status
        response = problem(
            api, request, status=status, kind=told.kind, title=told.title,
            detail=told.detail(error), **told.members(error),
        )  # fmt: skip
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="councilplan"'
        if isinstance(error, StaleUpdateError):
            response["ETag"] = f'"{error.current_version}"'
        return response

    return handle

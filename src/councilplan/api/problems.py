"""Every API error as RFC 9457 problem details (`application/problem+json`): a type, a title,
the HTTP status and a detail a person can act on, with extra members where they help (the
fields that differ when a write was based on an old version)."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from councilplan.cycle.errors import CycleError, StaleUpdateError
from councilplan.cycle.measure_values import FiguresRefusedError
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


def problems_install(api: NinjaAPI) -> None:
    """Route each kind of failure to its problem document."""

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, error: Exception) -> HttpResponse:
        response = problem(
            api, request, status=401, kind="sign-in", title="Sign in first", detail=SIGN_IN_DETAIL
        )
        response["WWW-Authenticate"] = 'Bearer realm="councilplan"'
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, error: Exception) -> HttpResponse:
        return problem(
            api, request, status=403, kind="not-allowed", title="Not allowed", detail=str(error)
        )

    @api.exception_handler(Http404)
    @api.exception_handler(ObjectDoesNotExist)
    def not_found(request: HttpRequest, error: Exception) -> HttpResponse:
        return problem(
            api, request, status=404, kind="not-found", title="Not found", detail=NOT_FOUND_DETAIL
        )

    @api.exception_handler(PeriodNotFoundError)
    def no_such_period(request: HttpRequest, error: Exception) -> HttpResponse:
        return problem(
            api, request, status=404, kind="not-found", title="No such period", detail=str(error)
        )

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        errors = [
            {"where": ".".join(str(part) for part in entry.get("loc", ())), "message": entry["msg"]}
            for entry in error.errors
        ]
        detail = "; ".join(f"{entry['where']}: {entry['message']}" for entry in errors)
        return problem(
            api, request, status=422, kind="invalid", title="Check what you sent",
            detail=detail, errors=errors,
        )  # fmt: skip

    @api.exception_handler(StaleUpdateError)
    def stale(request: HttpRequest, error: StaleUpdateError) -> HttpResponse:
        differences = [
            {"field": d.field, "saved": d.theirs, "yours": d.yours} for d in error.differences
        ]
        response = problem(
            api, request, status=412, kind="changed-since", title="Changed since you read it",
            detail=str(error), current_version=error.current_version, differences=differences,
        )  # fmt: skip
        response["ETag"] = f'"{error.current_version}"'
        return response

    @api.exception_handler(FiguresRefusedError)
    def figures_refused(request: HttpRequest, error: FiguresRefusedError) -> HttpResponse:
        status = {"stale": 412, "not_allowed": 403}.get(error.kind, 422)
        errors = [
            {"where": f"{found.place}.{found.column}", "message": found.message}
            for found in error.problems
        ]
        return problem(
            api, request, status=status, kind="figures-refused",
            title="Nothing was saved", detail=str(error), errors=errors,
        )  # fmt: skip

    @api.exception_handler(CycleError)
    def refused(request: HttpRequest, error: Exception) -> HttpResponse:
        return problem(
            api, request, status=409, kind="refused", title="Not possible now", detail=str(error)
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        return problem(
            api, request, status=error.status_code, kind="request", title="Not possible",
            detail=str(error),
        )  # fmt: skip

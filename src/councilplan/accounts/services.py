"""Signing in: lockout after repeated failures, and the audit trail of attempts."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from councilplan.accounts.models import Membership, SignInAttempt, SignInGate
from councilplan.history.context import acting_as
from councilplan.history.services import event_record
from councilplan.plans.models import Organisation, Party

# Five wrong passwords within fifteen minutes lock that user name from that address
# until the oldest of those five is fifteen minutes old.
LOCKOUT_FAILURES = 5
LOCKOUT_WINDOW = timedelta(minutes=15)

SIGN_IN_FAILED_ERROR = (
    "The user name or password is not right. After {limit} wrong attempts in "
    "{minutes} minutes you will have to wait {minutes} minutes before trying again."
)
SIGN_IN_LOCKED_ERROR = (
    "You have entered a wrong password too many times. For your security, signing in as "
    "'{username}' from this device is locked until {until}. Try again then, or ask your "
    "councilplan administrator to reset your password."
)


@dataclass(frozen=True)
class SignInOutcome:
    user: Any = None
    error: str = ""
    locked_until: datetime | None = None


def _normalised(username: str) -> str:
    return username.strip().lower()[:150]


def sign_in_locked_until(
    *, username: str, ip_address: str | None, now: datetime | None = None
) -> datetime | None:
    """When the lock on this user name from this address ends, or None if not locked."""
    now = now or timezone.now()
    attempts = SignInAttempt.objects.filter(
        username=_normalised(username), ip_address=ip_address, at__gt=now - LOCKOUT_WINDOW
    ).exclude(outcome=SignInAttempt.Outcome.REFUSED)
    failures: list[datetime] = []
    for outcome, at in attempts.order_by("-at", "-id").values_list("outcome", "at"):
        if outcome == SignInAttempt.Outcome.SUCCEEDED:
            break
        failures.append(at)
    if len(failures) < LOCKOUT_FAILURES:
        return None
    return failures[LOCKOUT_FAILURES - 1] + LOCKOUT_WINDOW


def _until_text(until: datetime) -> str:
    return timezone.localtime(until).strftime("%-I:%M%p").lower()


def _check_claim(*, name: str, ip_address: str | None, now: datetime) -> SignInAttempt | datetime:
    """Atomically: the lock's end if this name and address are locked out (recording the
    refusal), else a new attempt recorded as failed, which the caller may now check.

    The attempt counts as a failure from the moment it is claimed, so at most
    LOCKOUT_FAILURES passwords are ever checked however many attempts arrive at once."""
    address = ip_address or ""
    with transaction.atomic():
        # A write first: it takes the row lock (PostgreSQL) or the database's write lock
        # (SQLite) before anything is counted.
        SignInGate.objects.bulk_create(
            [SignInGate(username=name, address=address)], ignore_conflicts=True
        )
        SignInGate.objects.filter(username=name, address=address).update(checks=F("checks") + 1)
        locked_until = sign_in_locked_until(username=name, ip_address=ip_address, now=now)
        if locked_until is not None:
            SignInAttempt.objects.create(
                username=name, ip_address=ip_address, outcome=SignInAttempt.Outcome.REFUSED, at=now
            )
            return locked_until
        return SignInAttempt.objects.create(
            username=name, ip_address=ip_address, outcome=SignInAttempt.Outcome.FAILED, at=now
        )


def sign_in_attempt(
    *, request: HttpRequest | None, username: str, password: str, ip_address: str | None
) -> SignInOutcome:
    """Check the password unless locked out; record the attempt; lock after repeated failures.

    Returns the user on success (the caller logs them in), else a message for the person.
    Safe under parallel attempts: no more than LOCKOUT_FAILURES wrong passwords are checked
    for a user name from an address within the window."""
    now = timezone.now()
    name = _normalised(username)
    claimed = _check_claim(name=name, ip_address=ip_address, now=now)
    if not isinstance(claimed, SignInAttempt):
        message = SIGN_IN_LOCKED_ERROR.format(username=username, until=_until_text(claimed))
        return SignInOutcome(error=message, locked_until=claimed)
    attempt = claimed
    user = authenticate(request, username=username.strip(), password=password)
    if user is not None:
        attempt.outcome = SignInAttempt.Outcome.SUCCEEDED
        attempt.save(update_fields=["outcome"])
        return SignInOutcome(user=user)
    locked_until = sign_in_locked_until(username=name, ip_address=ip_address, now=now)
    if locked_until is not None:
        with acting_as(name="sign-in lockout"):
            event_record(
                instance=attempt,
                event="sign_in_locked",
                details={
                    "username": name,
                    "ip_address": ip_address,
                    "until": locked_until.isoformat(),
                },
            )
        message = SIGN_IN_LOCKED_ERROR.format(username=username, until=_until_text(locked_until))
        return SignInOutcome(error=message, locked_until=locked_until)
    minutes = int(LOCKOUT_WINDOW.total_seconds() // 60)
    return SignInOutcome(error=SIGN_IN_FAILED_ERROR.format(limit=LOCKOUT_FAILURES, minutes=minutes))


PERSON_NOT_FOUND_ERROR = (
    "There is no one called '{name}' in {organisation}'s plans. Names are written as the plan "
    "prints them; `councilplan export PLAN` lists each item's people."
)


@transaction.atomic
def person_give_access(
    *,
    username: str,
    organisation: Organisation,
    role: str,
    email: str = "",
    password: str | None = None,
    party_name: str = "",
) -> Any:
    """Create the user if new, give them `role` in `organisation` (replacing any role they
    had there), and link them to the named person in its plans, so an owner may update the
    items where that person holds a role. Audited through the tracked models' history."""
    from django.contrib.auth.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email)
        user.set_password(password) if password else user.set_unusable_password()
        user.full_clean()
        user.save()
    elif password:
        user.set_password(password)
        user.save()
    party = None
    if party_name:
        party = Party.objects.filter(organisation=organisation, name=party_name).first()
        if party is None:
            raise LookupError(
                PERSON_NOT_FOUND_ERROR.format(name=party_name, organisation=organisation.name)
            )
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is None:
        membership = Membership(user=user, organisation=organisation)
    membership.role = role
    membership.disabled_on = None
    membership.full_clean()
    membership.save()
    if party is not None:
        party.user = user
        party.save()
    return user

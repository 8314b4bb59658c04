"""The cycle's domain errors, each with a message a council officer understands.

Tests import these constants; views show the message as it is.
"""

from dataclasses import dataclass

PERIOD_NOT_OPEN_ERROR = (
    "{period} is not open for updates (it is {state}). A performance officer opens a period "
    "on its update round page."
)
PERIOD_LOCKED_ERROR = (
    "{period} has been published and is locked. Nothing in it can change unless a "
    "performance officer reopens it, giving a reason."
)
PERIOD_CANNOT_OPEN_ERROR = "{period} cannot be opened: it is {state}."
PERIOD_CANNOT_CLOSE_ERROR = "{period} cannot be closed: only an open period can be closed."
PERIOD_CANNOT_PUBLISH_ERROR = (
    "{period} cannot be published: it has not been opened for updates yet."
)
PERIOD_CANNOT_REOPEN_ERROR = "{period} cannot be reopened: only a published period is reopened."
REOPEN_REASON_REQUIRED_ERROR = "Enter the reason for reopening the period"
RETURN_COMMENT_REQUIRED_ERROR = "Enter a comment saying what the owner needs to change"
UPDATE_NOT_EDITABLE_ERROR = (
    "This update has been {state_label} and cannot be changed now. If it needs to change, "
    "ask a performance officer to return it to you."
)
UPDATE_CANNOT_SUBMIT_ERROR = "This update cannot be submitted: it is {state_label}."
UPDATE_CANNOT_RETURN_ERROR = "This update cannot be returned: it is {state_label}."
UPDATE_CANNOT_APPROVE_ERROR = (
    "This update cannot be approved: it is {state_label}. Only a submitted update is approved."
)
UPDATE_STATUS_REQUIRED_ERROR = "Select a status before submitting the update"
UPDATE_NEXT_STEPS_REQUIRED_ERROR = (
    "Enter the next steps: an update with the status {status} must say what is being done "
    "to bring it back on track"
)
BULK_APPROVE_NONE_SELECTED_ERROR = "Select the updates you want to approve"
BULK_APPROVE_STALE_ERROR = (
    "Nothing has been approved: the update for {item} changed after you opened this page "
    "(it is now {state_label}). Check the list below and approve again."
)
BULK_APPROVE_NOT_IN_PERIOD_ERROR = (
    "Nothing has been approved: an update selected is not in {period}."
)
PUBLISH_CHOICE_REQUIRED_ERROR = (
    "Select whether to publish with only the approved updates or to wait"
)
PUBLISH_COUNTS_CHANGED_ERROR = (
    "Nothing has been published: the updates changed after you opened this page. Check the "
    "new counts below and choose again."
)
STATUS_NOT_IN_SCHEME_ERROR = "'{status}' is not one of this plan's statuses."
MEASURE_NOT_ON_ITEM_ERROR = "That measure does not belong to this item."
STALE_UPDATE_ERROR = (
    "Your changes have not been saved: {who} saved this update at {when}, after you opened "
    "it. Nothing has been overwritten. Here is what is saved now and what you entered: {changes}. "
    "Check them, then save again to keep your version."
)
STALE_UPDATE_NO_DIFFERENCES = "the only differences are in the update's review state"


class CycleError(Exception):
    """A step of the update cycle that cannot happen, with a message for the person."""


@dataclass(frozen=True)
class FieldDifference:
    field: str  # the label the form shows, e.g. "Commentary"
    theirs: str  # what is saved now
    yours: str  # what the stale edit would have written

    def __str__(self) -> str:
        theirs, yours = self.theirs or "(blank)", self.yours or "(blank)"
        return f"{self.field} — saved now: “{theirs}”; yours: “{yours}”"


class StaleUpdateError(CycleError):
    """An edit based on an older version than the one saved: refused, never merged silently."""

    def __init__(
        self, *, differences: list[FieldDifference], who: str, when: str, current_version: int
    ) -> None:
        self.differences = differences
        self.current_version = current_version
        self.who = who
        self.when = when
        listed = "; ".join(str(d) for d in differences) or STALE_UPDATE_NO_DIFFERENCES
        super().__init__(STALE_UPDATE_ERROR.format(who=who, when=when, changes=listed))

"""What can go wrong when a plan is edited, in words a performance officer understands.

Tests import these constants; the pages show the message as it is, beside the field at fault.
"""

from datetime import date

from councilplan.cycle.errors import FieldDifference

ARCHIVE_REASON_REQUIRED_ERROR = "Enter the reason for archiving it"
DUE_BEFORE_START_ERROR = "The due date must be the same as or after the start date"
ENDS_BEFORE_START_ERROR = "The plan must end on or after the day it starts"
DATES_BOTH_OR_NEITHER_ERROR = "Enter both the start and the end of the plan, or neither"
DUPLICATE_REFERENCE_ERROR = (
    "Another item under the same parent already has the reference {ref}: choose another"
)
MOVE_UNDER_ITSELF_ERROR = "An item cannot be moved under itself or one of the items below it"
MOVE_OTHER_PLAN_ERROR = "An item can only be moved within its own plan"
MOVE_UNDER_ARCHIVED_ERROR = "An item cannot be moved under an archived item"
RESTORE_PARENT_FIRST_ERROR = (
    "{parent} is archived: restore it first, then this item can be restored under it"
)
NOT_ARCHIVED_ERROR = "{thing} is not archived"
ALREADY_ARCHIVED_ERROR = "{thing} is already archived"
TITLE_REQUIRED_ERROR = "Enter a title"
NAME_REQUIRED_ERROR = "Enter a name"
LEVEL_NAME_REQUIRED_ERROR = "Enter a name for every level from the top down, without gaps"
TOLERANCE_RANGE_ERROR = "A tolerance band must be a number from 0 to 100"
TOLERANCE_NEGATIVE_ERROR = "A tolerance band must be 0 or more"
TARGET_CHANGE_REASON_REQUIRED_ERROR = "Say why the target is changed"
TARGET_PERIOD_OTHER_PLAN_ERROR = "{period} is a reporting period of another plan"
GREEN_BEYOND_AMBER_ERROR = "The green band must be no wider than the amber band"
WEIGHT_NEGATIVE_ERROR = "The weight must be 0 or more"
PERSON_REQUIRED_ERROR = "Choose a person or enter a new person's name"
ROLE_REQUIRED_ERROR = "Choose the role"
PERSON_OTHER_COUNCIL_ERROR = "That person belongs to another council"
ROLE_ALREADY_HELD_ERROR = "{person} already holds that role on this item"
PERIOD_IN_USE_ERROR = (
    "The new calendar would leave {period} outside the plan, and it already has updates or "
    "has been opened: keep the dates that include it"
)
STALE_EDIT_ERROR = (
    "Your changes have not been saved: {who} saved this {thing} at {when}, after you opened "
    "it. Nothing has been overwritten. Here is what is saved now and what you entered: "
    "{changes}. Check them, then save again to keep your version."
)
STALE_EDIT_NO_DIFFERENCES = "no field differs from what you entered"


class EditError(Exception):
    """An edit that cannot be made, with the reason; `field` names the form field at fault."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class StaleEditError(EditError):
    """An edit based on an older version than the one saved: refused, never merged silently."""

    def __init__(
        self,
        *,
        thing: str,
        differences: list[FieldDifference],
        who: str,
        when: str,
        current_version: int,
    ) -> None:
        self.differences = differences
        self.current_version = current_version
        self.who = who
        self.when = when
        listed = "; ".join(str(d) for d in differences) or STALE_EDIT_NO_DIFFERENCES
        super().__init__(STALE_EDIT_ERROR.format(who=who, thing=thing, when=when, changes=listed))


def plan_title_and_dates_check(title: str, starts_on: date | None, ends_on: date | None) -> None:
    """A plan's title and dates as every form that sets them checks them (settings, carry
    forward): EditError naming the field at fault."""
    if not title:
        raise EditError(TITLE_REQUIRED_ERROR, field="title")
    if (starts_on is None) != (ends_on is None):
        raise EditError(DATES_BOTH_OR_NEITHER_ERROR, field="starts_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise EditError(ENDS_BEFORE_START_ERROR, field="ends_on")

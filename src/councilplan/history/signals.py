"""What the history announces: the plans whose records it has just written history for."""

from django.dispatch import Signal

# Sent with `plan_ids` (a set of plan ids) inside the writer's transaction whenever history is
# written for records of those plans. plans/ bumps each plan's revision on it, so every act
# that leaves a change record also changes what caches key on (no service can forget).
# `record` is the ChangeRecord just written and `instance` the record it is about, when there
# is one (None for records made in bulk and for announcements without history).
plans_changed = Signal()

"""Signals of the update round, so that apps above the cycle (reports) act in the same
transaction without the cycle importing them."""

from django.dispatch import Signal

# Sent inside the publishing transaction, after the snapshot is saved; `snapshot` is the
# PublishedSnapshot. The reports app stores the period's report in it.
period_published = Signal()

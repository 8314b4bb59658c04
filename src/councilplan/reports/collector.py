"""Working a plan out whole without the cycle collector's passes over what it is making.

A plan of 2,000 actions is read and worked out into about a million objects, nearly all kept
to the end of the report. Python's cycle collector runs every few thousand new objects and
every so often walks all the survivors again: a seventh of the time of working such a plan
out. The objects it is walking form no cycles (plain rows and results), so the collector
waits until the work is done and then passes over them once, as over any new objects.
"""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold the cycle collector while the block runs. Nested or in several threads at once,
    it runs again when the last holder is done, if it was running when the first began."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()

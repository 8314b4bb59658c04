"""Plan positions, and the pages' data worked out from them, kept where every worker process
finds them (the `positions` cache of settings.CACHES: files under the data directory unless
configured otherwise), so a change is worked out once for the site, not once in each worker.
Keys hold the plan's revision (`web.selectors._plan_version_key`), so a kept value is never
stale, only unused.

Keeping a value for the others (pickling, compressing and writing megabytes for a big plan)
waits until the response has gone: the person who asked does not wait for it."""

import logging
import threading
from typing import Any

from django.core.cache import caches
from django.core.signals import request_finished, request_started

POSITION_CACHE = "positions"
# Keys hold today's date, so nothing is read after a day.
POSITION_KEPT_SECONDS = 24 * 60 * 60

logger = logging.getLogger(__name__)

# The values a request has asked to keep, written when it has finished; None outside a request.
_waiting = threading.local()


def shared_position_get(key: str) -> Any:
    """The value kept under `key`, or None. A cache that fails (a full disk, a server away)
    costs a recomputation, never the page."""
    try:
        return caches[POSITION_CACHE].get(key)
    except Exception:
        logger.warning("Could not read the kept plan position %s", key, exc_info=True)
        return None


def shared_position_put(key: str, value: Any) -> None:
    """Keep `value` under `key` for every worker: once the response has gone when called in a
    request, else now. Callers must not modify `value` afterwards."""
    puts = getattr(_waiting, "puts", None)
    if puts is None:
        _put(key, value)
    else:
        puts.append((key, value))


def _put(key: str, value: Any) -> None:
    try:
        caches[POSITION_CACHE].set(key, value, timeout=POSITION_KEPT_SECONDS)
    except Exception:
        logger.warning("Could not keep the plan position %s", key, exc_info=True)


def shared_puts_finish(**_: Any) -> None:
    """Write what the request asked to keep (connected to `request_finished`, sent when the
    server has sent the response; and to `request_started`, for a streamed response whose
    end was never read)."""
    puts = getattr(_waiting, "puts", None)
    _waiting.puts = None
    for key, value in puts or ():
        _put(key, value)


def _request_started(**_: Any) -> None:
    shared_puts_finish()
    _waiting.puts = []


def shared_puts_connect() -> None:
    request_started.connect(_request_started, dispatch_uid="councilplan-shared-puts-start")
    request_finished.connect(shared_puts_finish, dispatch_uid="councilplan-shared-puts-finish")


def shared_positions_clear() -> None:
    """Forget every kept value (benchmarks measure a first request with it)."""
    caches[POSITION_CACHE].clear()

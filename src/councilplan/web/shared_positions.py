"""Plan positions kept where every worker process finds them (the `positions` cache of
settings.CACHES: files under the data directory unless configured otherwise), so a change is
worked out once for the site, not once in each worker. Keys hold the plan's revision
(`web.selectors._plan_version_key`), so a kept position is never stale, only unused."""

import logging
from typing import Any

from django.core.cache import caches

POSITION_CACHE = "positions"
# Keys hold today's date, so nothing is read after a day.
POSITION_KEPT_SECONDS = 24 * 60 * 60

logger = logging.getLogger(__name__)


def shared_position_get(key: str) -> Any:
    """The position kept under `key`, or None. A cache that fails (a full disk, a server
    away) costs a recomputation, never the page."""
    try:
        return caches[POSITION_CACHE].get(key)
    except Exception:
        logger.warning("Could not read the kept plan position %s", key, exc_info=True)
        return None


def shared_position_put(key: str, position: Any) -> None:
    """Keep `position` under `key` for every worker."""
    try:
        caches[POSITION_CACHE].set(key, position, timeout=POSITION_KEPT_SECONDS)
    except Exception:
        logger.warning("Could not keep the plan position %s", key, exc_info=True)


def shared_positions_clear() -> None:
    """Forget every kept position (benchmarks measure a first request with it)."""
    caches[POSITION_CACHE].clear()

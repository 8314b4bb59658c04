"""Status words as councils print them, onto the standard status scheme's codes.

Pure Python. The printed words are always kept beside the code (`status_text`).
"""

import difflib
import re

# Codes of the standard scheme (plans.services.DEFAULT_STATUSES).
STATUS_WORDS = {
    "green": "green",
    "on track": "green",
    "g": "green",
    "amber": "amber",
    "at risk": "amber",
    "a": "amber",
    "red": "red",
    "off track": "red",
    "r": "red",
    "blue": "complete",
    "complete": "complete",
    "completed": "complete",
    "done": "complete",
    "achieved": "complete",
    "not started": "not-started",
    "not yet started": "not-started",
    "start later in year": "start-later-in-year",
    "start later in the year": "start-later-in-year",
    "deferred": "deferred",
    "on hold": "on-hold",
    "paused": "on-hold",
    "not due": "not-due",
    "n/a": "not-due",
}


def status_match(text: str) -> str:
    """The scheme code for printed status words, or '' when none fits."""
    words = re.sub(r"[^a-z/ ]+", " ", (text or "").lower())
    words = " ".join(words.split())
    if not words:
        return ""
    if words in STATUS_WORDS:
        return STATUS_WORDS[words]
    if words.startswith("deferred"):
        return "deferred"
    for phrase in ("start later", "on hold", "not started", "complete"):
        if words.startswith(phrase):
            return STATUS_WORDS.get(phrase, phrase.replace(" ", "-"))
    close = difflib.get_close_matches(words, STATUS_WORDS, n=1, cutoff=0.85)
    return STATUS_WORDS[close[0]] if close else ""

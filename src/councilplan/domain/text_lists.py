"""Bullet lists and HTML fragments from converted documents, as clean lists of text."""

import html
import re

_TAG = re.compile(r"<\s*/?\s*(p|ul|ol|li|br|div|span|strong|em|b|i|u)\b[^>]*>", re.I)
_BLOCK_TAG = re.compile(r"<\s*(/p|li|br|/li|p)\b[^>]*>", re.I)
_STRONG_BULLET = re.compile(r"(?:^|\s)[•·▪◦]\s+")
_DASH_BULLET = re.compile(r"(?:^|\s)[-–*]\s+")


def text_clean(text: str) -> str:
    """Tags removed, entities decoded, NULs and runs of spaces gone."""
    text = html.unescape(_TAG.sub(" ", (text or "").replace("\x00", "")))
    return " ".join(text.split())


def text_items(text: str) -> list[str]:
    """`<ul><li>a</li>…`, `- a - b`, `• a • b` → ['a', 'b']; plain prose → [prose]."""
    if not text or not text.strip():
        return []
    marked = _BLOCK_TAG.sub("\n", text.replace("\x00", ""))
    items: list[str] = []
    for block in marked.split("\n"):
        cleaned = text_clean(block)
        if not cleaned:
            continue
        if _STRONG_BULLET.search(cleaned):
            pieces = _STRONG_BULLET.split(" " + cleaned)
        elif re.match(r"^[-–*]\s", cleaned):
            pieces = _DASH_BULLET.split(" " + cleaned)
        else:
            pieces = [cleaned]
        items.extend(p.strip() for p in pieces if p.strip())
    return items


def plural(noun: str) -> str:
    """A plan's level name in the plural: `Key activity` → `Key activities`, `Mission` →
    `Missions`, `Area of focus` → `Areas of focus`."""
    head, of, rest = noun.partition(" of ")
    if of:
        return f"{plural(head)}{of}{rest}"
    lowered = noun.lower()
    if lowered.endswith("y") and lowered[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if lowered.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"

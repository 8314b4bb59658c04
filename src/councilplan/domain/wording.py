"""Small rules of plain English that every page, report and e-mail shares."""


def plural(count: int, noun: str, plural_noun: str = "") -> str:
    """`1 item`, `3 items`, `0 items`; give `plural_noun` where adding an s is wrong."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {plural_noun or noun + 's'}"

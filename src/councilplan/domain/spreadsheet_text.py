"""Text that a spreadsheet would run as a formula (CSV or formula injection).

Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` (and,
in a CSV, a tab or carriage return before one) as a formula: an owner's commentary
`=HYPERLINK(…)` or `=cmd|' /C calc'!A0` would run on the computer of whoever opens the
export. Excel files are written with such text as string cells; CSV cells are neutralised
the way OWASP recommends, with a leading single quote, which the flat CSV reader removes
again, exactly, so the export still round-trips.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def _quoted_if_needed(text: str) -> bool:
    # Text already starting with quotes before a trigger is quoted once more, so that
    # removing one quote on reading gives back exactly what was written.
    return formula_like(text.lstrip(QUOTE))


def csv_cell_neutralise(text: str) -> str:
    """`text` safe to put in a CSV cell: prefixed with a single quote when it could be read
    as a formula (or is quotes before such text)."""
    return QUOTE + text if _quoted_if_needed(text) else text


def csv_cell_restore(text: str) -> str:
    """Undo csv_cell_neutralise exactly: csv_cell_restore(csv_cell_neutralise(t)) == t."""
    if text.startswith(QUOTE) and _quoted_if_needed(text[1:]):
        return text[1:]
    return text

"""Where a command's text goes: the file given with --out, else standard output."""

import sys
from pathlib import Path


def text_out(text: str, *, out: Path | None, what: str) -> None:
    """Write `text` to `out` (as is: no newline translation) and say so on standard error,
    or print it to standard output for a pipeline."""
    if out is None:
        sys.stdout.write(text)
        return
    out.write_text(text, encoding="utf-8", newline="")
    print(f"Wrote {what} to {out}", file=sys.stderr)

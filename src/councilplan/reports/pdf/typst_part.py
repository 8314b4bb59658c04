"""Lay out one part of the PDF report with Typst: part JSON on stdin, PDF on stdout.

Run as a child process by `report.part_compile`, so that Typst's memory goes back to the
system when the part is done. It imports nothing of Django's and starts in a tenth of a
second.
"""

import sys
from pathlib import Path

import typst

TEMPLATE = Path(__file__).with_name("typst") / "report.typ"


def main() -> int:
    part = sys.stdin.buffer.read().decode("utf-8")
    # The first part is checked against PDF/UA-1 as it is written (title, language, alt
    # text, headings from level 1). Later parts start mid-way, at a deeper heading, which
    # that check refuses on its own; they are tagged the same way and merged under part 1.
    standards = ["ua-1"] if "--pdf-ua" in sys.argv[1:] else []
    # Untagged: the page footers laid out alone, which the merge marks as artifacts.
    tagged = "--untagged" not in sys.argv[1:]
    try:
        pdf = typst.compile(
            TEMPLATE, sys_inputs={"part": part}, pdf_standards=standards, pdf_tags=tagged
        )
    except typst.TypstError as error:
        print(f"{error.message} {error.hints}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())

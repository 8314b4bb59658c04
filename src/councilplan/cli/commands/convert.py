"""Turn a council document into the open plan format on standard output.

No database is touched: use it in pipelines, or to look at what `councilplan import`
would read before importing. Problems are printed with their place in the file and the
exit code is 1. When less than 90% of the document's cells were read into the plan, it
says so with the first lines it could not place and exits with 3 (give --accept-partial to
write the plan all the same).
"""

import argparse
import json
from pathlib import Path

from councilplan.cli.commands.load import (
    PARTIAL_READ_EXIT,
    add_document_arguments,
    convert_options,
    partial_read_refused,
    problems_print,
)
from councilplan.cli.output import text_out
from councilplan.cli.progress import progress_bar

NAME = "convert"
HELP = "convert a council document (.docx, .xlsx, .csv, .pdf, .txt) to open plan format JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the document to convert")
    parser.add_argument("--to", choices=["json"], default="json", help="the output format")
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")
    add_document_arguments(parser)


def run(args: argparse.Namespace) -> int:
    # No database and no models: Django is not set up, only its settings are read.
    from councilplan.domain.problems import PlanInputError
    from councilplan.interchange.documents import document_from_path

    try:
        with progress_bar(f"Reading {args.file.name}") as progress:
            document = document_from_path(
                args.file, convert_options=convert_options(args), progress=progress
            )
    except PlanInputError as error:
        problems_print(error, as_json=False)
        return 1
    if partial_read_refused(
        document.get("coverage"), file=args.file, accept=args.accept_partial, verb="written"
    ):
        return PARTIAL_READ_EXIT
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    text_out(text, out=args.out, what=f"{args.file.name} as open plan format")
    return 0

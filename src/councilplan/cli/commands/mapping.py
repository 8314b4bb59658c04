"""Write a mapping file from how councilplan reads a document.

`councilplan mapping suggest FILE > FILE.toml` prints a mapping file (TOML) with the plan's
title, council, period and level names as read, and a role for every named column, each
guessed one with the reason as a comment. `councilplan import FILE --mapping FILE.toml`
reads it back to the same plan; change a role in it to read the document differently.
"""

import argparse
from pathlib import Path

from councilplan.cli.commands.load import add_document_arguments, convert_options, problems_print
from councilplan.cli.output import text_out

NAME = "mapping"
HELP = "write a mapping file (TOML) with how councilplan reads a document's columns"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="mapping_verb", metavar="VERB")
    verbs.required = True
    suggest = verbs.add_parser(
        "suggest",
        help="print a mapping file with the importer's reading of FILE",
        description=__doc__,
    )
    suggest.add_argument("file", type=Path, help="the council document")
    suggest.add_argument("--out", type=Path, help="file to write (default: standard output)")
    add_document_arguments(suggest)


def run(args: argparse.Namespace) -> int:
    from councilplan.cli.django_setup import django_ready

    django_ready(migrate=False)
    from councilplan.domain.problems import PlanInputError
    from councilplan.imports.convert import document_convert
    from councilplan.imports.mapping_suggest import mapping_suggest, mapping_toml

    try:
        document = document_convert(path=args.file, options=convert_options(args))
    except PlanInputError as error:
        problems_print(error, as_json=False)
        return 1
    text = mapping_toml(mapping_suggest(document), source=args.file.name)
    text_out(text, out=args.out, what=f"a mapping file for {args.file.name}")
    return 0

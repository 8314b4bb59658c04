"""The verbs of the command line, in the order `--help` lists them.

Each module has NAME, HELP, add_arguments(parser) and run(args) -> exit code.
"""

from councilplan.cli.commands import (
    backup,
    convert,
    demo,
    export,
    figures,
    init,
    load,
    mapping,
    measures,
    plans,
    remind,
    report,
    restore,
    serve,
    user,
    worker,
)

COMMANDS = [
    init,
    load,
    convert,
    mapping,
    export,
    plans,
    measures,
    figures,
    report,
    user,
    remind,
    backup,
    restore,
    serve,
    worker,
    demo,
]

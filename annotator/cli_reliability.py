"""Commands that prove the database is whole: check. Part of the command line contract
(see the README); registered on :func:`annotator.cli.main` when that module loads.
"""

from __future__ import annotations

import sys

import click

from annotator.cli import Context, handled, main


@main.command("check")
@click.pass_obj
@handled
def check_cmd(state: Context) -> None:
    """Check the database: SQLite's integrity and foreign key checks, every article text
    against its stored SHA-256, every placed annotation's quote against the text.

    Prints one line per problem, then `integrity=ok foreign_keys=ok articles=N texts_ok=N
    anchors_ok=N`. Exit 0 when all is well, 1 when problems were found.
    """
    report = state.project().check()
    for problem in report.problems:
        click.echo(problem)
    click.echo(report.summary())
    if not report.ok:
        state.close()
        sys.exit(1)

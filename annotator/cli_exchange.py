"""Commands that exchange annotation sets and protect the database: import-annotations,
backup, backups, restore. Part of the command line contract (see the README); registered on
:func:`annotator.cli.main` when that module loads.
"""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli import Context, handled, main
from annotator.domain.errors import BadInput


@main.command("import-annotations")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--article",
    default=None,
    help="The article to place a one-article set on, when it matches none by SHA-256, "
    "URL or title.",
)
@click.option("--dry-run", is_flag=True, help="Report what would happen; write nothing.")
@click.option("--create-tags", is_flag=True, help="Add the set's unknown tags to the tag set.")
@click.pass_obj
@handled
def import_annotations_cmd(
    state: Context, file: Path, article: str | None, dry_run: bool, create_tags: bool
) -> None:
    """Import the annotation set FILE (W3C, Hypothesis, brat, doccano, Label Studio):
    re-anchored where the text differs, merged without duplicates, all or nothing.

    Prints per article: id<TAB>title<TAB>exact=N reanchored=N orphaned=N new=N
    updated=N unchanged=N relations=N.
    """
    from annotator.formats.exchange_io import read_annotation_file

    try:
        aset = read_annotation_file(file)
        project = state.project()
        reports = project.import_annotations(
            aset, article=article, dry_run=dry_run, create_tags=create_tags
        )
    except BadInput as exc:  # one line, whatever the problems hold
        raise BadInput(" ".join(str(exc).split())) from None
    for report in reports:
        click.echo(report.line())
    for report in reports:
        for problem in report.problems:
            click.echo(f"annotator: warning: {' '.join(problem.split())}", err=True)
    if dry_run:
        click.echo("annotator: dry run: nothing was written", err=True)


@main.command("backup")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_obj
@handled
def backup_cmd(state: Context, path: Path) -> None:
    """Copy the database to PATH while it may be in use (SQLite's online backup), written
    under a temporary name and then renamed; the open database itself is refused."""
    written = state.project().store.backup(path)
    click.echo(str(written))


@main.command("backups")
@click.pass_obj
@handled
def backups_cmd(state: Context) -> None:
    """List the automatic backups that can be restored, newest first:
    path<TAB>articles<TAB>annotations<TAB>bytes."""
    for info in state.project().backups():
        click.echo(f"{info.path}\t{info.articles}\t{info.annotations}\t{info.size}")


@main.command("restore")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
@handled
def restore_cmd(state: Context, path: Path, yes: bool) -> None:
    """Replace the whole database with the backup PATH (checked first: a readable
    annotator database, integrity clean). The state before is copied to backups/ first;
    prints that copy's path."""
    from annotator.store.restore import describe

    info = describe(path)
    if not yes:
        click.confirm(
            f"Replace everything in {state.project().path} with {path} "
            f"({info.articles} articles, {info.annotations} annotations)?",
            abort=True,
            err=True,
        )
    safety = state.project().restore_backup(path)
    click.echo(f"restored {path}; the state before is in {safety}")

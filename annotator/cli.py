"""The command line: a contract that scripts and checks rely on (see the README).

Exit status: 0 on success; 2 on bad input or usage (one line on stderr, no
traceback); 1 on anything else.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from annotator.domain.errors import AnnotatorError, BadInput, NewerSchema

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    def __init__(self, db: Path, annotator: str, *, name_given: bool = True) -> None:
        self.db = db
        self.annotator = annotator
        #: whether the name came from --annotator, the environment or the settings
        self.name_given = name_given
        self._project: Any = None

    def project(self) -> Any:
        if self._project is None:
            from annotator.core.project import Project

            self._project = Project.open(self.db, self.annotator)
        return self._project

    def close(self) -> None:
        if self._project is not None:
            self._project.close()
            self._project = None


def _fail(code: int, message: str) -> None:
    click.echo(f"annotator: error: {message}", err=True)
    sys.exit(code)


def handled(func: F) -> F:
    """Turn known errors into one line on stderr and the contract's exit codes."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (BadInput, NewerSchema) as exc:
            _fail(2, str(exc))
        except AnnotatorError as exc:
            _fail(1, str(exc))
        except OSError as exc:
            _fail(1, f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        except (
            click.exceptions.Exit,
            click.ClickException,
            click.Abort,
            SystemExit,
            KeyboardInterrupt,
        ):
            raise
        except Exception as exc:  # noqa: BLE001 - the contract: exit 1, no traceback
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            _fail(1, f"unexpected {type(exc).__name__}: {exc}")

    return wrapper  # type: ignore[return-value]


class _UsageError(click.ClickException):
    """A click usage error, shown as the contract's one line on stderr (exit 2)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"annotator: error: {self.format_message()}", err=True)


class _Group(click.Group):
    """Reports usage errors (unknown option, missing value …) in one line, not three."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise _UsageError(" ".join(exc.format_message().split())) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _UsageError(" ".join(exc.format_message().split())) from None


#: the commands on claims, links, actors, verdicts, the board, exports, reviews, curation,
#: backups and search, and the module (``annotator.cli_*``) that registers each on
#: :func:`main`. A module is imported when one of its commands is invoked or listed
#: (``--help``), so the desktop app's start (no command) imports none of them.
LAZY_COMMANDS = {
    **dict.fromkeys(
        (
            "link",
            "unlink",
            "relations",
            "actors",
            "actor-merge",
            "actor-alias",
            "verdict",
            "board",
            "export",
            "tagset",
        ),
        "cli_claims",
    ),
    **dict.fromkeys(("import-annotations", "backup", "backups", "restore"), "cli_exchange"),
    "check": "cli_reliability",
    **dict.fromkeys(
        (
            "review",
            "suggest",
            "resolve",
            "reviews",
            "queue",
            "history",
            "curate",
            "compare",
            "agreement",
        ),
        "cli_review",
    ),
    "search": "cli_search",
}


class _LazyGroup(_Group):
    """The top-level group: the commands of :data:`LAZY_COMMANDS` are loaded on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = LAZY_COMMANDS.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"annotator.{module}")  # registers its commands on main
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=_LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database file (default: annotator.db in the user data folder; env ANNOTATOR_DB).",
)
@click.option(
    "--annotator",
    "annotator",
    default=None,
    help="Your name on what you create (default: settings, else the OS user; env ANNOTATOR_NAME).",
)
@click.version_option(package_name="annotator")
@click.pass_context
def main(ctx: click.Context, db: Path | None, annotator: str | None) -> None:
    """annotator: tag claims, sources, denials and evidence in news articles.

    With no command, opens the desktop app.
    """
    from annotator.settings import Settings, default_db_path, resolve_annotator

    given = bool(annotator or os.environ.get("ANNOTATOR_NAME") or Settings.load().annotator)
    state = Context(db or default_db_path(), resolve_annotator(annotator), name_given=given)
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is None:
        _run_gui(state, None)


def _run_gui(state: Context, article_id: str | None, drafts: list[Any] | None = None) -> None:
    from annotator.app import run

    state.close()
    sys.exit(
        run(
            state.db,
            state.annotator,
            article_id=article_id,
            drafts=drafts or [],
            ask_name=not state.name_given,
        )
    )


@main.command("open")
@click.argument("files", nargs=-1)
@click.pass_obj
@handled
def open_cmd(state: Context, files: tuple[str, ...]) -> None:
    """Import FILES (or find them already imported) and open the app on the first."""
    drafts = _read_all(list(files))  # a bad file stops here, before anything opens
    _run_gui(state, None, drafts)


def _read_all(sources: list[str]) -> list[Any]:
    """Every source read in the sandbox's children (time and memory limits, side by
    side), in the order given; the first bad one to come back raises BadInput."""
    from annotator.formats.sandbox import Sandbox

    drafts: list[Any] = [None] * len(sources)

    def done(index: int, outcome: Any) -> None:
        if isinstance(outcome, Exception):
            raise outcome
        drafts[index] = outcome

    if sources:
        with Sandbox() as sandbox:
            sandbox.load_all(sources, done)
    return drafts


def _import(state: Context, sources: list[str], *, quiet: bool = False) -> list[Any]:
    drafts = _read_all(sources)  # all read before anything is written
    project = state.project()
    if len(drafts) > 1:  # a bulk import: a copy first (the newest five kept)
        project.store.automatic_backup()
    results = project.import_drafts(drafts)  # one transaction: all of them or none
    if not quiet:
        for result in results:
            click.echo(f"{result.article.id}\t{result.article.display_title}")
    return results


@main.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="FILE_OR_URL...")
@click.pass_obj
@handled
def import_cmd(state: Context, sources: tuple[str, ...]) -> None:
    """Import articles (.txt .md .html .docx .pdf or an http(s) URL); prints `id<TAB>title`.

    All of them are read first: if one cannot be imported, none is.
    """
    _import(state, list(sources))


_ARTICLE_KEYS = ("id", "title", "byline", "outlet", "url", "published", "language")


@main.command("articles")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@click.pass_obj
@handled
def articles_cmd(state: Context, as_json: bool) -> None:
    """List the articles with their number of annotations."""
    rows = [
        {**{k: getattr(a, k) for k in _ARTICLE_KEYS}, "annotations": a.annotation_count}
        for a in state.project().articles()
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo("\t".join(_cell(row[k]) for k in (*_ARTICLE_KEYS, "annotations")))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ")


@main.command("text")
@click.argument("article")
@click.pass_obj
@handled
def text_cmd(state: Context, article: str) -> None:
    """Write the stored, normalised text of ARTICLE exactly (UTF-8, nothing added)."""
    text = state.project().article(article).text
    click.echo(text.encode("utf-8"), nl=False)  # bytes: written as they are


@main.command("annotate")
@click.argument("article")
@click.option("--tag", required=True, help="A tag of the tag set (e.g. Claim).")
@click.option("--quote", default=None, help="The passage to tag, as it reads in the text.")
@click.option(
    "--occurrence",
    type=int,
    default=1,
    show_default=True,
    help="Which match of --quote, counting from 1.",
)
@click.option("--start", type=int, default=None, help="Start offset (code points).")
@click.option("--end", type=int, default=None, help="End offset (code points, exclusive).")
@click.option("--actor", default=None, help="Who makes the statement.")
@click.option("--note", default="", help="A note.")
@click.pass_obj
@handled
def annotate_cmd(
    state: Context,
    article: str,
    tag: str,
    quote: str | None,
    occurrence: int,
    start: int | None,
    end: int | None,
    actor: str | None,
    note: str,
) -> None:
    """Tag a passage of ARTICLE by --quote or by --start/--end; prints the new id."""
    project = state.project()
    if quote is not None and (start is not None or end is not None):
        raise BadInput("give either --quote or --start/--end, not both")
    if quote is not None:
        created = project.annotate_quote(
            article, quote, tag, occurrence=occurrence, actor=actor, note=note
        )
    elif start is not None and end is not None:
        created = project.create_annotation(article, start, end, tag, actor=actor, note=note)
    else:
        raise BadInput("give --quote TEXT, or both --start and --end")
    click.echo(created.id)


@main.command("annotations")
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@click.option("--orphans", is_flag=True, help="The orphans: imported, not placed in the text.")
@click.pass_obj
@handled
def annotations_cmd(state: Context, article: str, as_json: bool, orphans: bool) -> None:
    """List the annotations of ARTICLE (id, start, end, tag, actor, annotator, quote, note);
    with --orphans, the ones that could not be placed (start and end empty)."""
    from annotator.core.project import annotation_dict

    project = state.project()
    found = project.article(article)
    listed = project.orphans(found.id) if orphans else project.annotations(found.id)
    rows = [annotation_dict(a) for a in listed]
    if orphans:
        for row in rows:
            row["start"] = row["end"] = None
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    keys = ("id", "start", "end", "tag", "actor", "annotator", "exact", "note")
    for row in rows:
        click.echo("\t".join(_cell(row[k]) for k in keys))


if __name__ == "__main__":  # pragma: no cover
    main()

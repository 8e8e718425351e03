"""Commands on what the annotations say: links, actors, verdicts, the claims board,
exports and the tag set. Part of the command line contract (see the README);
registered on :func:`annotator.cli.main` when that module loads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from annotator.cli import Context, _cell, _Group, handled, main
from annotator.domain.errors import BadInput
from annotator.domain.tagset import load_tagset_json

BOARD_FORMATS = ("json", "md", "csv", "html")
EXPORT_FORMATS = (
    "w3c",
    "brat",
    "doccano",
    "labelstudio",
    "csv",
    "html",
    "claimreview",
    "board-csv",
    "board-md",
    "board-html",
)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _write(output: Path, text: str) -> None:
    from annotator.core.files import write_atomic

    write_atomic(output, text.encode("utf-8"))


# --- links ---------------------------------------------------------------------------


@main.command("link")
@click.argument("from_ref", metavar="FROM")
@click.argument("to_ref", metavar="TO")
@click.option(
    "--type",
    "type_name",
    default=None,
    help="The relation type (denies, attributed to, supports, contradicts …); "
    "default: the one the two tags suggest.",
)
@click.pass_obj
@handled
def link_cmd(state: Context, from_ref: str, to_ref: str, type_name: str | None) -> None:
    """Link annotation FROM to annotation TO; prints the new relation's id."""
    click.echo(state.project().link(from_ref, to_ref, type_name).id)


@main.command("unlink")
@click.argument("relation")
@click.pass_obj
@handled
def unlink_cmd(state: Context, relation: str) -> None:
    """Remove the link RELATION (an id or a unique prefix)."""
    state.project().unlink(relation)


@main.command("relations")
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@click.pass_obj
@handled
def relations_cmd(state: Context, article: str, as_json: bool) -> None:
    """List the links of ARTICLE (id, from, to, type)."""
    project = state.project()
    found = project.article(article)
    rows = [
        {
            "id": r.id,
            "from": r.from_id,
            "to": r.to_id,
            "type": r.type,
            "annotator": r.annotator,
            "created": r.created,
        }
        for r in project.relations(found.id)
    ]
    if as_json:
        click.echo(_json(rows))
        return
    for row in rows:
        click.echo("\t".join(_cell(row[k]) for k in ("id", "from", "to", "type")))


# --- actors --------------------------------------------------------------------------


@main.command("actors")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@click.pass_obj
@handled
def actors_cmd(state: Context, as_json: bool) -> None:
    """List the actors: id, name, aliases and the number of annotations."""
    project = state.project()
    usage = project.actor_usage()
    rows = [
        {"id": a.id, "name": a.name, "aliases": list(a.aliases), "annotations": usage.get(a.id, 0)}
        for a in project.actors()
    ]
    if as_json:
        click.echo(_json(rows))
        return
    for row in rows:
        aliases = "; ".join(row["aliases"])
        click.echo(
            "\t".join(_cell(v) for v in (row["id"], row["name"], aliases, row["annotations"]))
        )


@main.command("actor-merge")
@click.argument("keep")
@click.argument("merge")
@click.pass_obj
@handled
def actor_merge_cmd(state: Context, keep: str, merge: str) -> None:
    """Fold actor MERGE into KEEP (its annotations move, its names become aliases)."""
    click.echo(state.project().merge_actors(keep, merge).name)


@main.command("actor-alias")
@click.argument("actor")
@click.argument("aliases", nargs=-1, required=True, metavar="ALIAS...")
@click.pass_obj
@handled
def actor_alias_cmd(state: Context, actor: str, aliases: tuple[str, ...]) -> None:
    """Give ACTOR more names; prints `name<TAB>aliases`."""
    project = state.project()
    current = project.actor(actor)
    if not all(a.strip() for a in aliases):
        raise BadInput("an alias cannot be empty")
    updated = project.update_actor(current.id, aliases=[*current.aliases, *aliases])
    click.echo(f"{_cell(updated.name)}\t{_cell('; '.join(updated.aliases))}")


# --- verdicts ------------------------------------------------------------------------


@main.command("verdict")
@click.argument("annotation")
@click.option("--rating", default=None, help="A rating of the scale (e.g. 'Mostly true').")
@click.option("--explanation", default="", help="Why: what the verdict rests on.")
@click.option("--clear", is_flag=True, help="Remove the verdict.")
@click.pass_obj
@handled
def verdict_cmd(
    state: Context, annotation: str, rating: str | None, explanation: str, clear: bool
) -> None:
    """Rate the claim ANNOTATION (prints the rating), or --clear its verdict."""
    project = state.project()
    if clear == (rating is not None):
        raise BadInput("give --rating NAME or --clear (one of the two)")
    if clear:
        if explanation:
            raise BadInput("--explanation goes with --rating, not --clear")
        project.clear_verdict(annotation)
        return
    click.echo(project.set_verdict(annotation, rating or "", explanation).rating)


# --- the board and exports -----------------------------------------------------------


def _board_text(claims: list[Any], fmt: str, title: str, *, excel: bool = False) -> str:
    from annotator.core.exporting import board_text

    return board_text(claims, fmt, title, excel=excel)


@main.command("board")
@click.argument("article", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(BOARD_FORMATS), default="json", show_default=True
)
@click.option("--excel", is_flag=True, help="CSV for Excel: byte-order mark, CRLF.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to a file."
)
@click.pass_obj
@handled
def board_cmd(
    state: Context, article: str | None, fmt: str, excel: bool, output: Path | None
) -> None:
    """The claims board of ARTICLE (default: every article): each claim with its actor,
    verdict, sources, denials and evidence."""
    from annotator.core.board import build_board

    project = state.project()
    claims = build_board(project, article)
    title = (
        f"Claims board: {project.article(article).display_title}"
        if article
        else "Claims board: all articles"
    )
    text = _board_text(claims, fmt, title, excel=excel)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(output, text)
        click.echo(f"{len(claims)} claims written to {output}", err=True)


@main.command("export")
@click.argument("article", required=False)
@click.option("--all", "export_all", is_flag=True, help="Export every article.")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="w3c", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write (replaced atomically); for brat, a folder.",
)
@click.option(
    "--annotator-filter",
    "annotators",
    multiple=True,
    metavar="NAME",
    help="Only the annotations of NAME (repeatable).",
)
@click.option(
    "--tag", "tags", multiple=True, metavar="TAG", help="Only annotations with TAG (repeatable)."
)
@click.option("--org-name", default=None, help="ClaimReview: your organisation (else Settings).")
@click.option("--org-url", default=None, help="ClaimReview: its web address (else Settings).")
@click.option("--excel", is_flag=True, help="csv, board-csv for Excel: byte-order mark, CRLF.")
@click.pass_obj
@handled
def export_cmd(
    state: Context,
    article: str | None,
    export_all: bool,
    fmt: str,
    output: Path,
    annotators: tuple[str, ...],
    tags: tuple[str, ...],
    org_name: str | None,
    org_url: str | None,
    excel: bool,
) -> None:
    """Export ARTICLE (or --all): W3C Web Annotations (with links and verdicts), brat,
    doccano, Label Studio, CSV, an HTML report, schema.org ClaimReview, or the claims
    board as CSV, Markdown or HTML."""
    from annotator.core.exporting import export_to
    from annotator.settings import Settings

    if export_all == bool(article):
        raise BadInput("give an ARTICLE id or --all (one of the two)")
    settings = Settings.load()
    project = state.project()
    refs = None if export_all else [project.article(article or "").id]
    message = export_to(
        project,
        fmt,
        output,
        article_refs=refs,
        annotators=annotators,
        tags=tags,
        excel=excel,
        organisation_name=org_name if org_name is not None else settings.organisation,
        organisation_url=org_url if org_url is not None else settings.organisation_url,
    )
    click.echo(message, err=True)


# --- the tag set ---------------------------------------------------------------------


@main.group("tagset", cls=_Group)
def tagset_group() -> None:
    """Exchange the tag set (tags, relation types, verdict scale) as JSON."""


@tagset_group.command("export")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to a file."
)
@click.pass_obj
@handled
def tagset_export_cmd(state: Context, output: Path | None) -> None:
    """Write the tag set as JSON (stdout without -o)."""
    text = _json(state.project().tagset_json()) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(output, text)


@tagset_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_obj
@handled
def tagset_import_cmd(state: Context, file: Path) -> None:
    """Replace the tag set with the one in FILE (all of it, or nothing if it does not fit)."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise BadInput(f"{file}: cannot read ({exc.strerror or exc})") from None
    try:
        data = load_tagset_json(raw)
    except BadInput as exc:
        raise BadInput(f"{file}: {exc}") from None
    project = state.project()
    project.import_tagset(data)
    click.echo(
        f"{len(project.tags())} tags, {len(project.relation_types())} relation types, "
        f"{len(project.ratings())} ratings",
        err=True,
    )

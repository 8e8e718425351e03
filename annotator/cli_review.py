"""Commands for reviewing and curating: review, suggest, resolve, reviews, queue, history,
curate and agreement. Part of the command line contract (see the README); registered on
:func:`annotator.cli.main` when that module loads.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from annotator.cli import Context, _cell, handled, main
from annotator.domain.errors import BadInput

REVIEW_KEYS = ("id", "annotation", "reviewer", "decision", "comment", "created", "reply_to")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@main.command("review")
@click.argument("annotation")
@click.option("--accept", is_flag=True, help="Accept the annotation.")
@click.option("--reject", is_flag=True, help="Reject it (give the reason with --comment).")
@click.option("--comment", default=None, help="A comment; alone, the review is a comment.")
@click.option("--reply-to", default=None, help="The review (id or prefix) this one answers.")
@click.pass_obj
@handled
def review_cmd(
    state: Context,
    annotation: str,
    accept: bool,
    reject: bool,
    comment: str | None,
    reply_to: str | None,
) -> None:
    """Accept, reject (with a reason) or comment on ANNOTATION; prints the review's id."""
    if accept and reject:
        raise BadInput("give --accept or --reject, not both")
    if not (accept or reject or comment):
        raise BadInput("give --accept, --reject --comment REASON, or --comment TEXT")
    decision = "accept" if accept else "reject" if reject else "comment"
    made = state.project().review(annotation, decision, comment or "", reply_to=reply_to)
    click.echo(made.id)


@main.command("suggest")
@click.argument("annotation")
@click.option("--tag", default=None, help="The tag you suggest.")
@click.option("--start", type=int, default=None, help="The start you suggest (code points).")
@click.option("--end", type=int, default=None, help="The end you suggest (exclusive).")
@click.option("--comment", default="", help="Why.")
@click.pass_obj
@handled
def suggest_cmd(
    state: Context,
    annotation: str,
    tag: str | None,
    start: int | None,
    end: int | None,
    comment: str,
) -> None:
    """Suggest another tag or boundaries for ANNOTATION (its author accepts or declines:
    `resolve`); prints the suggestion's id."""
    if tag is None and start is None and end is None:
        raise BadInput("give --tag and/or --start/--end")
    made = state.project().suggest_change(
        annotation, tag=tag, start=start, end=end, comment=comment
    )
    click.echo(made.id)


@main.command("resolve")
@click.argument("suggestion")
@click.option("--accept", "accept", flag_value=True, default=None, help="Apply the change.")
@click.option("--decline", "accept", flag_value=False, help="Leave the annotation as it is.")
@click.pass_obj
@handled
def resolve_cmd(state: Context, suggestion: str, accept: bool | None) -> None:
    """Accept or decline the suggestion SUGGESTION on your own annotation; prints
    `accepted` or `declined`."""
    if accept is None:
        raise BadInput("give --accept or --decline")
    done = state.project().resolve_suggestion(suggestion, accept=accept)
    click.echo(done.resolution)


@main.command("reviews")
@click.argument("article", required=False)
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@click.pass_obj
@handled
def reviews_cmd(state: Context, article: str | None, as_json: bool) -> None:
    """The reviews of ARTICLE (default: every article), oldest first: id, annotation,
    reviewer, decision, comment, created, reply_to."""
    from annotator.core.reviews import review_dict

    project = state.project()
    articles = [project.article(article)] if article else project.articles()
    rows = [review_dict(r) for a in articles for r in project.reviews_in(a.id)]
    if as_json:
        click.echo(_json(rows))
        return
    for row in rows:
        click.echo("\t".join(_cell(row[k]) for k in REVIEW_KEYS))


@main.command("queue")
@click.argument("article", required=False)
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@click.pass_obj
@handled
def queue_cmd(state: Context, article: str | None, as_json: bool) -> None:
    """Your review queue: the annotations by others you have not accepted or rejected, in
    text order (id, start, end, tag, actor, annotator, quote)."""
    from annotator.core.project import annotation_dict

    rows = [annotation_dict(a) for a in state.project().review_queue(article)]
    if as_json:
        click.echo(_json(rows))
        return
    keys = ("id", "start", "end", "tag", "actor", "annotator", "exact")
    for row in rows:
        click.echo("\t".join(_cell(row[k]) for k in keys))


@main.command("history")
@click.argument("annotation")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@click.pass_obj
@handled
def history_cmd(state: Context, annotation: str, as_json: bool) -> None:
    """What happened to ANNOTATION, oldest first: time, who, what."""
    rows = [asdict(e) for e in state.project().history_of(annotation)]
    if as_json:
        click.echo(_json(rows))
        return
    for row in rows:
        click.echo("\t".join(_cell(row[k]) for k in ("at", "who", "what")))


@main.command("curate")
@click.argument("article")
@click.pass_obj
@handled
def curate_cmd(state: Context, article: str) -> None:
    """Build the agreed (gold) set of ARTICLE from its accepted annotations; prints
    `added=N kept=N links=N`."""
    report = state.project().curate(article)
    click.echo(f"added={report.added} kept={report.kept} links={report.links}")


@main.command("compare")
@click.argument("article")
@click.option("--a", "a", required=True, help="The first annotator.")
@click.option("--b", "b", required=True, help="The second annotator.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@click.pass_obj
@handled
def compare_cmd(state: Context, article: str, a: str, b: str, as_json: bool) -> None:
    """A's and B's annotations of ARTICLE side by side, in text order: kind (same,
    other_tag, other_bounds, only_a, only_b), then A's and B's start, end, tag and id."""
    project = state.project()
    for name in (a, b):
        if name not in project.annotators():
            raise BadInput(f"no annotations by {name!r}")
    rows = [
        {
            "kind": d.kind,
            "a": None if d.a is None else d.a._asdict(),
            "b": None if d.b is None else d.b._asdict(),
        }
        for d in project.differences(article, a, b)
    ]
    if as_json:
        click.echo(_json(rows))
        return
    for row in rows:
        cells = [row["kind"]]
        for side in (row["a"], row["b"]):
            cells += [""] * 4 if side is None else [side[k] for k in ("start", "end", "tag", "id")]
        click.echo("\t".join(_cell(c) for c in cells))


def _figure(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.4f}"


@main.command("agreement")
@click.option("--a", "a", required=True, help="The first annotator.")
@click.option("--b", "b", required=True, help="The second annotator.")
@click.option("--article", default=None, help="One article (default: the whole corpus).")
@click.option("--json", "as_json", is_flag=True, help="A JSON object.")
@click.pass_obj
@handled
def agreement_cmd(state: Context, a: str, b: str, article: str | None, as_json: bool) -> None:
    """Agreement of annotators A and B (see the README, section Agreement): exact-span and
    overlap F1 overall and per tag, character kappa per tag, Krippendorff's alpha."""
    result = state.project().agreement(a, b, article)
    if as_json:
        data = {
            "a": a,
            "b": b,
            "article": state.project().article(article).id if article else None,
            "exact_f1": result.exact_f1,
            "overlap_f1": result.overlap_f1,
            "per_tag": {
                tag: {"exact_f1": t.exact_f1, "overlap_f1": t.overlap_f1, "kappa": t.kappa}
                for tag, t in result.per_tag.items()
            },
            "alpha": result.alpha,
            "counts": {
                "a": result.a_count,
                "b": result.b_count,
                "exact_matches": result.exact_matches,
                "overlap_matches": result.overlap_matches,
                "characters": result.characters,
                "per_tag": {
                    tag: {
                        "a": t.a_count,
                        "b": t.b_count,
                        "exact_matches": t.exact_matches,
                        "overlap_matches": t.overlap_matches,
                    }
                    for tag, t in result.per_tag.items()
                },
            },
        }
        click.echo(_json(data))
        return
    click.echo(
        f"all\texact_f1={_figure(result.exact_f1)}\toverlap_f1={_figure(result.overlap_f1)}"
        f"\talpha={_figure(result.alpha)}\ta={result.a_count}\tb={result.b_count}"
    )
    for tag, t in result.per_tag.items():
        click.echo(
            f"{tag}\texact_f1={_figure(t.exact_f1)}\toverlap_f1={_figure(t.overlap_f1)}"
            f"\tkappa={_figure(t.kappa)}\ta={t.a_count}\tb={t.b_count}"
        )

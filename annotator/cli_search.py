"""``annotator search``: words across every article's title and text and every
annotation's quote and note. Part of the command line contract (see the README);
registered on :func:`annotator.cli.main` when that module loads.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from annotator.cli import Context, _cell, handled, main
from annotator.core.search import MAX_LIMIT
from annotator.domain.search import SearchHit

#: around each match in the text output
OPEN_MARK, CLOSE_MARK = "«", "»"


def marked_snippet(hit: SearchHit) -> str:
    """The snippet with each match between « and »."""
    out, last = [], 0
    for start, end in hit.ranges:
        out += [hit.snippet[last:start], OPEN_MARK, hit.snippet[start:end], CLOSE_MARK]
        last = end
    out.append(hit.snippet[last:])
    return "".join(out)


def hit_dict(hit: SearchHit) -> dict:
    data = asdict(hit)
    data["ranges"] = [list(r) for r in hit.ranges]
    return data


@main.command("search")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@click.option(
    "--limit",
    type=click.IntRange(1, MAX_LIMIT),
    default=50,
    show_default=True,
    help="At most this many hits.",
)
@click.option("--article", default=None, help="Only in this article (id or unique prefix).")
@click.pass_obj
@handled
def search_cmd(state: Context, query: str, as_json: bool, limit: int, article: str | None) -> None:
    """Find QUERY in article titles and texts, annotation quotes and notes, best first.

    Words are ANDed; "a phrase" in double quotes; word* (and the last word typed) is a
    prefix; OR and NOT between words. Case and accents do not matter. Prints one hit
    per line: article title, kind (title, text, quote, note) and the snippet with the
    matches in «»; --json adds the ids, the match ranges and the offsets in the text.
    """
    hits = state.project().search(query, limit=limit, article_id=article)
    if as_json:
        click.echo(json.dumps([hit_dict(h) for h in hits], ensure_ascii=False, indent=2))
        return
    for hit in hits:
        click.echo("\t".join(_cell(x) for x in (hit.article_title, hit.kind, marked_snippet(hit))))

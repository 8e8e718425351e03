"""Exports of the claims board: Markdown, CSV (safe for spreadsheets) and one HTML file.

All three take the claims of :func:`annotator.core.board.build_board`.

- CSV: one row per claim; its sources, denials and evidence joined in one cell
  each. Any cell starting with ``= + - @``, a tab or a carriage return gets a
  leading apostrophe, so no spreadsheet runs it as a formula. ``excel=True``
  adds a UTF-8 byte-order mark and CRLF line ends.
- HTML: one self-contained file (inline CSS, no scripts, nothing fetched), every
  text escaped, claims grouped by actor with verdict badges; it prints well.
"""

from __future__ import annotations

import html
import re

from annotator.domain.board import BoardClaim, BoardItem, group_by_actor

CSV_COLUMNS = (
    "id",
    "article_id",
    "article",
    "actor",
    "claim",
    "verdict",
    "explanation",
    "review_state",
    "sources",
    "denials",
    "evidence",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _label(item: BoardItem) -> str:
    quote = f"“{item.quote}”"
    return f"{item.actor}: {quote}" if item.actor else quote


def _denial_label(item: BoardItem) -> str:
    text = _label(item)
    if item.sources:
        text += " (" + "; ".join(_label(s) for s in item.sources) + ")"
    return text


def _evidence_label(item: BoardItem) -> str:
    return f"{item.relation.replace('_', ' ')}: {_label(item)}"


# --- CSV -----------------------------------------------------------------------------


def safe_cell(value: object) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(claims: list[BoardClaim], *, excel: bool = False) -> str:
    """One row per claim (see :data:`CSV_COLUMNS`)."""
    from annotator.formats.csv_export import csv_line  # quotes a lone carriage return too

    end = "\r\n" if excel else "\n"
    lines = [csv_line(CSV_COLUMNS)]
    for c in claims:
        row = (
            c.annotation_id,
            c.article_id,
            c.article_title,
            c.actor or "",
            c.quote,
            c.verdict or "",
            c.explanation,
            c.review_state,
            " | ".join(_label(s) for s in c.sources),
            " | ".join(_denial_label(d) for d in c.denials),
            " | ".join(_evidence_label(e) for e in c.evidence),
        )
        lines.append(csv_line(safe_cell(v) for v in row))
    return ("\ufeff" if excel else "") + end.join(lines) + end


# --- Markdown ------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def _md(text: str) -> str:
    """Text that Markdown shows as it is (no emphasis, links, HTML or headings)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_item(item: BoardItem) -> str:
    who = f"**{_md(item.actor)}**: " if item.actor else ""
    return f"{who}“{_md(item.quote)}”"


def to_markdown(claims: list[BoardClaim], title: str) -> str:
    """The board grouped by actor, one section per claim."""
    lines = [f"# {_md(title)}", ""]
    if not claims:
        lines += ["No claims.", ""]
    for actor, group in group_by_actor(claims):
        lines += [f"## {_md(actor)}", ""]
        for c in group:
            lines += [f"### “{_md(c.quote)}”", ""]
            lines.append(f"- Verdict: {_md(c.verdict) if c.verdict else 'none yet'}")
            if c.explanation:
                lines.append(f"  - {_md(c.explanation)}")
            lines.append(f"- Review: {_md(c.review_state)}")
            lines.append(f"- Article: {_md(c.article_title)}")
            for s in c.sources:
                lines.append(f"- Source: {_md_item(s)}")
            for d in c.denials:
                lines.append(f"- Denied by {_md_item(d)}")
                for s in d.sources:
                    lines.append(f"  - Source: {_md_item(s)}")
            for e in c.evidence:
                lines.append(f"- Evidence ({_md(e.relation.replace('_', ' '))}): {_md_item(e)}")
            lines.append("")
    return "\n".join(lines)


# --- HTML ----------------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 Georgia,'Times New Roman',serif;color:#1a1a1a;background:#fff;
max-width:60em;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}
h2{font:600 1.15em system-ui,sans-serif;border-bottom:2px solid #0072B2;margin-top:1.6em}
.claim{border:1px solid #ccc;border-left:4px solid #0072B2;border-radius:4px;
padding:.6em .9em;margin:.8em 0;break-inside:avoid;page-break-inside:avoid}
.quote{font-size:1.05em;margin:0 0 .4em}
.meta{font:.85em system-ui,sans-serif;color:#555;margin:.2em 0}
.badge{display:inline-block;font:600 .8em system-ui,sans-serif;padding:.1em .55em;
border-radius:1em;border:1px solid #555;background:#eee;color:#1a1a1a}
.v-true,.v-mostly-true{background:#d9f0e3;border-color:#009E73}
.v-half-true{background:#fff3cd;border-color:#E69F00}
.v-mostly-false,.v-false{background:#fbe0d6;border-color:#D55E00}
.v-unproven{background:#e8e8f4;border-color:#56B4E9}
.v-none{background:#fff;border-style:dashed;color:#555}
ul{margin:.3em 0 .2em 1.2em;padding:0}
li{margin:.15em 0}
.kind{font:600 .8em system-ui,sans-serif;text-transform:uppercase;color:#555}
.denial .kind{color:#B24700}
.explanation{font-style:italic;margin:.3em 0}
@media print{body{margin:0;max-width:none;font-size:11pt}
.claim{border-color:#888}.badge{border-color:#000}}
"""


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "none"


def _html_item(kind: str, item: BoardItem) -> str:
    who = f"<strong>{_esc(item.actor)}</strong>: " if item.actor else ""
    parts = [f'<li class="{_esc(_slug(kind))}"><span class="kind">{_esc(kind)}</span> ']
    parts.append(f"{who}“{_esc(item.quote)}”")
    if item.sources:
        inner = "".join(_html_item("source", s) for s in item.sources)
        parts.append(f"<ul>{inner}</ul>")
    parts.append("</li>")
    return "".join(parts)


def _html_claim(c: BoardClaim) -> str:
    verdict = c.verdict or "no verdict"
    badge = f'<span class="badge v-{_esc(_slug(c.verdict or "none"))}">{_esc(verdict)}</span>'
    out = [
        f'<section class="claim" id="claim-{_esc(c.annotation_id)}">',
        f'<p class="quote">“{_esc(c.quote)}”</p>',
        f'<p class="meta">{badge} · review: {_esc(c.review_state)} · {_esc(c.article_title)}</p>',
    ]
    if c.explanation:
        out.append(f'<p class="explanation">{_esc(c.explanation)}</p>')
    items = [
        *(_html_item("source", s) for s in c.sources),
        *(_html_item("denial", d) for d in c.denials),
        *(_html_item(e.relation.replace("_", " "), e) for e in c.evidence),
    ]
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    out.append("</section>")
    return "\n".join(out)


def to_html(claims: list[BoardClaim], title: str) -> str:
    """One standalone HTML page: inline CSS, no scripts, no external resources."""
    body = [f"<h1>{_esc(title)}</h1>", f'<p class="meta">{len(claims)} claims</p>']
    for actor, group in group_by_actor(claims):
        body.append(f"<h2>{_esc(actor)} <small>({len(group)})</small></h2>")
        body.extend(_html_claim(c) for c in group)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )

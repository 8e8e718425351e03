"""A standalone HTML report: each article's text with its highlights, a legend, the
claims board and the notes as numbered footnotes — one self-contained file.

- Self-contained and inert: inline CSS only, a Content-Security-Policy of
  ``default-src 'none'; style-src 'unsafe-inline'``, no scripts, no images, no
  link to anything outside the file (URLs appear as plain text; the only
  ``href`` values are ``#`` anchors between a note mark and its footnote).
  Every piece of text is escaped.
- Highlights: the text is cut at every annotation boundary into segments
  (as :meth:`annotator.domain.layers.LayerIndex.segments` does); each segment
  opens the ``<mark>`` of every annotation covering it, outermost first, and
  closes them all at its end, so overlapping annotations always nest into
  well-formed HTML. A mark has its tag's colour at low alpha, the tag's own
  underline style (solid, dashed, wavy, dotted, double) at a depth given by
  its overlap lane, and after its last character a superscript with its
  number and tag name — colour is never the only cue.
- Notes and verdict explanations are footnotes, numbered per article.
- The claims board is rendered from the :class:`BoardClaim` list the caller
  passes (``annotator.core.board.build_board``), with the board export's
  HTML pieces; without one the section is left out.
- ``@media print`` keeps the highlight colours (``print-color-adjust: exact``).
"""

from __future__ import annotations

import html

from annotator.domain.board import BoardClaim, group_by_actor
from annotator.domain.exchange import ArticleExport, ExportData
from annotator.domain.layers import LayerIndex
from annotator.domain.model import Annotation, Tag, now_iso
from annotator.formats.board import _html_claim

_UNDERLINE = {
    "solid": "solid",
    "dash": "dashed",
    "dashdot": "dashed",
    "wave": "wavy",
    "dot": "dotted",
    "double": "double",
}
_GREY = "#777777"

_CSS = """
:root{--ink:#1b1f24;--muted:#5b6470;--rule:#d8dde3;--paper:#fff;--accent:#0b4f8a}
*{box-sizing:border-box}
body{margin:0;background:#f3f5f7;color:var(--ink);
font:16px/1.65 Georgia,'Noto Serif','Times New Roman',serif}
.page{max-width:54em;margin:0 auto;padding:1.5em 1.25em 3em}
header.report{background:var(--accent);color:#fff;padding:1.4em 1.25em 1.1em}
header.report .inner{max-width:54em;margin:0 auto}
header.report h1{font:700 1.7em/1.2 system-ui,'Segoe UI',sans-serif;margin:0 0 .25em}
header.report p{margin:0;font:.9em system-ui,sans-serif;opacity:.9}
.ui,h2,h3,.byline,.legend,.notes,.stats,table{font-family:system-ui,'Segoe UI',sans-serif}
section.card{background:var(--paper);border:1px solid var(--rule);border-radius:6px;
padding:1.2em 1.5em;margin:1.2em 0;box-shadow:0 1px 2px rgba(0,0,0,.04)}
h2{font-size:1.3em;line-height:1.3;margin:.1em 0 .3em}
h3{font-size:1em;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);
margin:1.4em 0 .5em;border-bottom:1px solid var(--rule);padding-bottom:.2em}
.byline{color:var(--muted);font-size:.88em;margin:0 0 1em}
.byline .url{word-break:break-all}
.legend{display:flex;flex-wrap:wrap;gap:.5em 1.4em;font-size:.9em;margin:.3em 0 0;padding:0;
list-style:none}
.legend li{display:flex;align-items:baseline;gap:.45em}
.legend .count{color:var(--muted)}
.text{white-space:pre-wrap;overflow-wrap:break-word;font-size:1.02em}
mark{color:inherit;padding:.08em 0;border-radius:2px;text-decoration-line:underline;
text-decoration-thickness:2px;text-decoration-skip-ink:none;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
sup.lbl{font:600 .62em system-ui,sans-serif;margin:0 .15em 0 .1em;padding:0 .3em;
border-radius:.6em;border:1px solid;white-space:nowrap;vertical-align:super;unicode-bidi:isolate;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
sup.fn{font:600 .7em system-ui,sans-serif;margin-right:.1em;unicode-bidi:isolate}
sup.fn a{color:var(--accent);text-decoration:none}
.notes{font-size:.88em;color:#333;padding-left:1.6em;margin:.4em 0}
.notes li{margin:.25em 0}
.notes .q{color:var(--muted)}
.notes a{color:var(--accent);text-decoration:none}
.stats{color:var(--muted);font-size:.85em}
.claim{border:1px solid var(--rule);border-left:4px solid #0072B2;border-radius:4px;
padding:.6em .9em;margin:.8em 0;break-inside:avoid;page-break-inside:avoid}
.claim .quote{font-size:1.02em;margin:0 0 .4em}
.meta{font:.85em system-ui,sans-serif;color:var(--muted);margin:.2em 0}
.badge{display:inline-block;font:600 .8em system-ui,sans-serif;padding:.1em .55em;
border-radius:1em;border:1px solid #555;background:#eee;color:#1a1a1a;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
.v-true,.v-mostly-true{background:#d9f0e3;border-color:#009E73}
.v-half-true{background:#fff3cd;border-color:#E69F00}
.v-mostly-false,.v-false{background:#fbe0d6;border-color:#D55E00}
.v-unproven{background:#e8e8f4;border-color:#56B4E9}
.v-none{background:#fff;border-style:dashed;color:#555}
.claim ul{margin:.3em 0 .2em 1.2em;padding:0;font-size:.95em}
.claim li{margin:.15em 0}
.kind{font:600 .75em system-ui,sans-serif;text-transform:uppercase;color:var(--muted);
letter-spacing:.04em}
.denial>.kind{color:#B24700}
.explanation{font-style:italic;margin:.3em 0}
h2.actor{font-size:1.05em;margin:1.2em 0 .2em;color:var(--accent)}
footer{font:.8em system-ui,sans-serif;color:var(--muted);text-align:center;margin-top:2em}
@media print{
body{background:#fff;font-size:10.5pt}
header.report{background:#fff;color:var(--ink);border-bottom:2px solid var(--ink);padding:0 0 .5em}
.page{max-width:none;padding:0}
section.card{border:none;box-shadow:none;padding:0;margin:1.2em 0;break-before:auto}
section.article+section.article{break-before:page}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
sup.fn a{color:var(--ink)}
}
"""


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    try:
        return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    except ValueError:
        return 119, 119, 119


class _Styles:
    """A CSS class per tag (by position, never by name) and per overlap lane."""

    def __init__(self, tags: list[Tag], extra: list[str]) -> None:
        self.tags = list(tags)
        known = {t.name for t in self.tags}
        for name in extra:
            if name not in known:
                known.add(name)
                self.tags.append(Tag(name, _GREY))
        self.index = {t.name: i for i, t in enumerate(self.tags)}

    def css(self, lanes: int) -> str:
        rules = []
        for i, tag in enumerate(self.tags):
            r, g, b = _rgb(tag.colour)
            style = _UNDERLINE.get(tag.underline, "solid")
            rules.append(
                f"mark.t{i}{{background:rgba({r},{g},{b},.16);text-decoration-color:{tag.colour};"
                f"text-decoration-style:{style}}}"
                f"sup.t{i}{{color:{tag.colour};border-color:rgba({r},{g},{b},.55);"
                f"background:rgba({r},{g},{b},.08)}}"
            )
        for lane in range(max(lanes, 1)):
            rules.append(f"mark.l{lane}{{text-underline-offset:{2 + 4 * lane}px}}")
        return "\n".join(rules)

    def of(self, tag: str) -> int:
        return self.index[tag]


def _legend(styles: _Styles, counts: dict[str, int]) -> str:
    items = []
    for i, tag in enumerate(styles.tags):
        if tag.name not in counts and tag.colour == _GREY:
            continue
        title = f' title="{_esc(tag.description)}"' if tag.description else ""
        items.append(
            f'<li{title}><mark class="t{i} l0">{_esc(tag.name)}</mark>'
            f'<span class="count">{counts.get(tag.name, 0)}</span></li>'
        )
    return '<ul class="legend">' + "".join(items) + "</ul>"


def _byline(export: ArticleExport) -> str:
    a = export.article
    parts = [_esc(v) for v in (a.byline, a.outlet, a.published) if v]
    if a.url:
        parts.append(f'<span class="url">{_esc(a.url)}</span>')
    return f'<p class="byline">{" · ".join(parts)}</p>' if parts else ""


def _highlighted(
    text: str, annotations: list[Annotation], styles: _Styles, notes: dict[str, int], slug: str
) -> tuple[str, int]:
    """The text with nested marks; returns the HTML and the number of overlap lanes."""
    index = LayerIndex(text, annotations)
    number = {a.id: n for n, a in enumerate(annotations, start=1)}
    ends: dict[int, list[Annotation]] = {}
    for a in annotations:
        ends.setdefault(a.end, []).append(a)
    out: list[str] = []
    pos = 0
    for seg in index.segments(0, len(text)) if text else []:
        if seg.start > pos:
            out.append(_esc(text[pos : seg.start]))
        opened = []
        for a in seg.annotations:
            label = f"{number[a.id]} · {a.tag}" + (f" · {a.actor}" if a.actor else "")
            opened.append(
                f'<mark class="t{styles.of(a.tag)} l{index.lanes.get(a.id, 0)}" '
                f'data-n="{number[a.id]}" title="{_esc(label)}">'
            )
        out.append("".join(opened) + _esc(text[seg.start : seg.end]) + "</mark>" * len(opened))
        for a in sorted(ends.get(seg.end, []), key=lambda a: number[a.id]):
            if any(a.id == b.id for b in seg.annotations):
                out.append(
                    f'<sup class="lbl t{styles.of(a.tag)}">{number[a.id]}\u00a0{_esc(a.tag)}</sup>'
                )
                if a.id in notes:
                    n = notes[a.id]
                    out.append(
                        f'<sup class="fn" id="{slug}-r{n}"><a href="#{slug}-n{n}">[{n}]</a></sup>'
                    )
        pos = seg.end
    out.append(_esc(text[pos:]))
    return "".join(out), index.lane_count


def _article(export: ArticleExport, styles: _Styles, slug: str) -> tuple[str, int]:
    article = export.article
    live = sorted(
        (a for a in export.annotations if not a.deleted and a.start >= 0),
        key=lambda a: (a.start, -a.end, a.id),
    )
    notes: dict[str, int] = {}
    footnotes: list[str] = []
    for a in live:
        verdict = export.verdicts.get(a.id)
        parts = []
        if a.note.strip():
            parts.append(_esc(a.note))
        if verdict is not None:
            why = f": {_esc(verdict.explanation)}" if verdict.explanation else ""
            parts.append(f"<strong>Verdict: {_esc(verdict.rating)}</strong>{why}")
        if parts:
            n = notes[a.id] = len(notes) + 1
            short = a.exact if len(a.exact) <= 70 else a.exact[:69] + "…"
            footnotes.append(
                f'<li id="{slug}-n{n}"><a href="#{slug}-r{n}">↑</a> '
                f'<span class="q">{_esc(a.tag)} “{_esc(short)}”</span> — {" ".join(parts)}</li>'
            )
    body, lanes = _highlighted(article.text, live, styles, notes, slug)
    out = [
        f'<section class="card article" id="{slug}">',
        f"<h2>{_esc(article.display_title)}</h2>",
        _byline(export),
        f'<p class="stats">{len(live)} annotations · {len(export.relations)} links · '
        f"{len(export.verdicts)} verdicts</p>",
        f'<div class="text">{body}</div>',
    ]
    if footnotes:
        out += ["<h3>Notes</h3>", '<ol class="notes">', *footnotes, "</ol>"]
    orphans = [a for a in export.orphans if not a.deleted]
    if orphans:
        out += ["<h3>Not placed in this text</h3>", '<ul class="notes">']
        out += [f"<li>{_esc(a.tag)}: “{_esc(a.exact)}”</li>" for a in orphans]
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out), lanes


def _board(claims: list[BoardClaim]) -> str:
    out = ['<section class="card board" id="board">', "<h2>Claims board</h2>"]
    out.append(f'<p class="stats">{len(claims)} claims, grouped by who makes them</p>')
    for actor, group in group_by_actor(claims):
        out.append(f'<h2 class="actor">{_esc(actor)} <small>({len(group)})</small></h2>')
        out.extend(_html_claim(c) for c in group)
    out.append("</section>")
    return "\n".join(out)


def write_report(data: ExportData, board: list[BoardClaim] | None = None) -> str:
    """The report of ``data`` (and of the claims ``board``, if given) as one HTML page."""
    used = [a.tag for e in data.articles for a in [*e.annotations, *e.orphans]]
    styles = _Styles(data.tags, used)
    counts: dict[str, int] = {}
    for e in data.articles:
        for a in e.annotations:
            if not a.deleted and a.start >= 0:
                counts[a.tag] = counts.get(a.tag, 0) + 1
    sections = []
    lanes = 1
    for i, export in enumerate(data.articles, start=1):
        section, used_lanes = _article(export, styles, f"a{i}")
        sections.append(section)
        lanes = max(lanes, used_lanes)
    total = sum(counts.values())
    title = data.label
    head = (
        '<header class="report"><div class="inner">'
        f"<h1>{_esc(title)}</h1>"
        f"<p>{len(data.articles)} article{'s' if len(data.articles) != 1 else ''} · "
        f"{total} annotations · generated {_esc(now_iso()[:16].replace('T', ' '))} UTC</p>"
        "</div></header>"
    )
    legend = (
        '<section class="card legend-card"><h3 style="margin-top:0">Tags</h3>'
        + _legend(styles, counts)
        + '<p class="stats">Each highlight has its tag’s colour and underline, and ends with '
        "its number and tag; bracketed numbers point to the notes.</p></section>"
    )
    parts = [legend, *sections]
    if board is not None:
        parts.append(_board(board))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{_esc(title)}</title>\n"
        f"<style>{_CSS}\n{styles.css(lanes)}</style>\n</head>\n<body>\n"
        + head
        + '\n<main class="page">\n'
        + "\n".join(parts)
        + "\n<footer>Written by annotator. Offsets are code points of each stored text.</footer>"
        + "\n</main>\n</body>\n</html>\n"
    )

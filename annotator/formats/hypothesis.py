"""Hypothesis (hypothes.is) annotations, as its API returns them — import only.

Accepted: a search answer ``{"total": n, "rows": [...]}``, a list of
annotations, or one annotation. Each annotation (row) is read as:

- ``uri`` → the article (``ArticleRef.url`` and ``key``); ``document.title[0]``
  → its title. Rows are grouped by ``uri``, in order of first appearance.
- ``target[0].selector``: the ``TextQuoteSelector`` gives ``exact``, ``prefix``
  and ``suffix`` (normalised like a stored text: ``\\r\\n`` → ``\\n``, NFC).
  The ``TextPositionSelector`` counts UTF-16 code units of the text *as the
  browser saw the page*; that text is not in the file and is not the stored
  text (which was extracted from the page differently), so the position is
  **dropped** (``start``/``end`` stay None) and the import places the
  annotation by its quote, prefix and suffix (exact quote, then fuzzy) —
  emoji or other astral characters before the quote therefore cannot shift it.
  ``RangeSelector`` (XPath) is ignored.
- ``tags``: the first tag is the annotation's tag; any others are added to the
  note as a last line ``Other tags: a, b``. An annotation without tags is a
  problem unless the caller passes ``default_tag``.
- ``text`` (Markdown) → the note; ``user`` ``acct:name@hypothes.is`` → the
  annotator ``name``; ``created`` / ``updated`` → created / modified; ``id``
  → the key (Hypothesis ids are not UUIDs, so ``id`` stays None).

Skipped without complaint: replies (a non-empty ``references`` list) and page
notes (no quote selector). Hypothesis has no actors, links or verdicts.
"""

from __future__ import annotations

from typing import Any

from annotator.domain.exchange import AnnotationSet, ArticleRef, ArticleSet, SetAnnotation, SetError
from annotator.domain.text import normalize
from annotator.formats.standoff import opt_str
from annotator.formats.strict_json import load_json


def _user(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    name = value.strip().removeprefix("acct:")
    return name.rsplit("@", 1)[0] if "@" in name else name


def _quote(target: object) -> dict[str, Any] | None | str:
    """The TextQuoteSelector of a row's target, None (a page note) or a problem."""
    if target is None:
        return None
    if not isinstance(target, list):
        return "target is not a list"
    if not target:
        return None
    first = target[0]
    if not isinstance(first, dict):
        return "target[0] is not an object"
    selectors = first.get("selector", [])
    if not isinstance(selectors, list) or not all(isinstance(s, dict) for s in selectors):
        return "target[0].selector is not a list of objects"
    quotes = [s for s in selectors if s.get("type") == "TextQuoteSelector"]
    if not quotes:
        return None
    quote = quotes[0]
    for key in ("exact", "prefix", "suffix"):
        if key in quote and not isinstance(quote[key], str):
            return f"TextQuoteSelector {key} is not text"
    if not quote.get("exact", "").strip():
        return "TextQuoteSelector has no exact quote"
    return quote


class _Reader:
    def __init__(self, default_tag: str | None) -> None:
        self.default_tag = default_tag
        self.problems: list[str] = []
        self.articles: dict[str, ArticleSet] = {}

    def row(self, number: int, row: object) -> None:
        if not isinstance(row, dict):
            self.problems.append(f"row {number}: not an object")
            return
        ident = row.get("id")
        where = f"row {number} ({ident})" if isinstance(ident, str) else f"row {number}"
        references = row.get("references")
        if isinstance(references, list) and references:
            return  # a reply
        quote = _quote(row.get("target"))
        if isinstance(quote, str):
            self.problems.append(f"{where}: {quote}")
            return
        if quote is None:
            return  # a page note
        uri = row.get("uri")
        if not isinstance(uri, str) or not uri.strip():
            first = row["target"][0]
            uri = first.get("source") if isinstance(first.get("source"), str) else None
        if not uri:
            self.problems.append(f"{where}: no uri")
            return
        tags = row.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            self.problems.append(f"{where}: tags is not a list of text")
            return
        tags = [t.strip() for t in tags if t.strip()]
        if not tags and not self.default_tag:
            self.problems.append(f"{where}: no tag (tag it Claim, Source, Denial or Evidence)")
            return
        note = row.get("text", "")
        if not isinstance(note, str):
            self.problems.append(f"{where}: text is not text")
            return
        if len(tags) > 1:
            note = (
                (note.rstrip() + "\n\n" if note.strip() else "")
                + "Other tags: "
                + ", ".join(tags[1:])
            )
        annotation = SetAnnotation(
            tag=tags[0] if tags else str(self.default_tag),
            exact=normalize(quote["exact"]),
            prefix=normalize(quote.get("prefix", "")),
            suffix=normalize(quote.get("suffix", "")),
            key=ident if isinstance(ident, str) else f"row {number}",
            note=note,
            annotator=_user(row.get("user")),
            created=opt_str(row.get("created")),
            modified=opt_str(row.get("updated")),
        )
        self._article(uri.strip(), row).annotations.append(annotation)

    def _article(self, uri: str, row: dict[str, Any]) -> ArticleSet:
        found = self.articles.get(uri)
        if found is None:
            document = row.get("document")
            titles = document.get("title") if isinstance(document, dict) else None
            if isinstance(titles, str):
                titles = [titles]
            title = titles[0] if isinstance(titles, list) and titles else None
            found = self.articles[uri] = ArticleSet(
                ArticleRef(url=uri, title=opt_str(title), key=uri)
            )
        return found


def read_hypothesis(
    data: bytes, name: str, *, default_tag: str | None = None, document: Any = None
) -> AnnotationSet:
    """The annotation set of a Hypothesis API answer; raises :class:`SetError` listing
    every bad row. Rows without tags take ``default_tag``, else they are problems.
    ``document``: ``data`` already parsed by :func:`load_json` (not parsed twice)."""
    value = load_json(data, name) if document is None else document
    if isinstance(value, dict) and "rows" in value:
        rows = value["rows"]
    elif isinstance(value, dict):
        rows = [value]
    else:
        rows = value
    if not isinstance(rows, list):
        raise SetError(name, ["not a Hypothesis search answer, annotation or list of them"])
    reader = _Reader(default_tag)
    for number, row in enumerate(rows, start=1):
        reader.row(number, row)
    if reader.problems:
        raise SetError(name, reader.problems)
    return AnnotationSet("hypothesis", name, list(reader.articles.values()))

"""brat standoff: a folder with ``<name>.txt`` / ``<name>.ann`` per article and one
``annotation.conf`` for the tag set.

Offsets are character offsets of the ``.txt``: code points of the stored text
(which the ``.txt`` is, byte for byte, in UTF-8, with no newline added). brat
reads ``.ann`` files line by line, so a span crossing a line break is written
as discontinuous fragments, one per line, its text joined by single spaces
(as brat does)::

    T1\tClaim 12 20;21 45\tfirst line part second line part
    R1\tdenies Arg1:T3 Arg2:T1
    A1\tVerdict T1 Mostly_true
    N1\tReference T1 actor:Kim_Jong_Un\tKim Jong Un
    #1\tAnnotatorNotes T1\tthe note, on one line
    #2\tVerdictExplanation T1\tthe verdict's explanation, on one line

- Tags, relation types and ratings become brat type names: runs of anything
  but letters, digits, ``_`` and ``-`` become ``_``. On reading, ``_`` in tag
  names and verdict values turns back into a space (``Mostly_true`` → ``Mostly
  true``); relation types keep theirs (``attributed_to``).
- The actor is a normalization (``N``) into the database ``actor`` whose text
  is the actor's name, because brat attributes need a fixed list of values.
  The reader also accepts a note that is exactly ``actor: NAME``.
- Notes are ``AnnotatorNotes``, flattened to one line (line breaks and tabs
  become spaces); the verdict's explanation is a ``VerdictExplanation`` note.
- brat has no place for ids, annotators, times or review states; an import
  gets none of them. Unplaced annotations (orphans) are not written.

Reading (:func:`read_brat`) takes a folder of ``.txt``/``.ann`` pairs or one
``.ann`` with its ``.txt`` beside it. Each ``T`` line's text must equal the
``.txt`` slice(s) its offsets name (:func:`check_brat` is that check alone).
The ``.txt`` is then normalised as an import stores it (byte-order mark
dropped, ``\\r\\n``/``\\r`` → ``\\n``, NFC) and the offsets are mapped onto
that text, so a ``.txt`` with CRLF line ends whose offsets count the ``\\r``
(as brat's do) imports correctly. Fragments must be separated by white space
only (annotator spans are continuous); events (``E``) and equivalences
(``*``) are skipped, attributes other than ``Verdict`` ignored.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.domain.exchange import (
    AnnotationSet,
    ArticleRef,
    ArticleSet,
    ExportData,
    SetAnnotation,
    SetError,
    SetRelation,
)
from annotator.domain.model import RelationType, Tag
from annotator.domain.text import sha256_text
from annotator.formats.filemode import replace_file
from annotator.formats.standoff import NormalizedText, file_name, placed, short
from annotator.formats.w3c import ExportError

CONF_NAME = "annotation.conf"
ACTOR_DB = "actor"
MAX_FILE = 50_000_000
#: what str.splitlines() (and so brat, reading a file line by line) breaks lines at
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile("[" + re.escape(_LINE_BREAKS) + "\t]+")
_NOT_TYPE = re.compile(r"[^\w-]+")


def brat_type(name: str) -> str:
    """A brat type name for a tag, relation type or rating."""
    return _NOT_TYPE.sub("_", name.strip()) or "_"


def flatten(text: str) -> str:
    """``text`` on one line: line breaks and tabs become single spaces."""
    return _BREAK_RUN.sub(" ", text).strip()


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks into non-empty ``(start, end)`` pieces."""
    out: list[tuple[int, int]] = []
    piece = start
    for pos in range(start, end + 1):
        if pos == end or text[pos] in _LINE_BREAKS:
            if pos > piece:
                out.append((piece, pos))
            piece = pos + 1
    return out


# --- writing -------------------------------------------------------------------------


def annotation_conf(
    tags: list[Tag],
    relation_types: list[RelationType],
    ratings: list[str],
    verdict_tags: list[str],
) -> str:
    """brat's ``annotation.conf`` for the tag set."""

    def args(names: tuple[str, ...] | list[str]) -> str:
        return "|".join(brat_type(n) for n in names) or "<ENTITY>"

    lines = ["# written by annotator", "[entities]", *(brat_type(t.name) for t in tags), ""]
    lines.append("[relations]")
    for r in relation_types:
        lines.append(f"{brat_type(r.name)}\tArg1:{args(r.from_tags)}, Arg2:{args(r.to_tags)}")
    lines += ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", ""]
    lines += ["[events]", "", "[attributes]"]
    if ratings:
        values = "|".join(brat_type(r) for r in ratings)
        lines.append(f"Verdict\tArg:{args(verdict_tags)}, Value:{values}")
    return "\n".join(lines) + "\n"


def ann_text(data: ExportData, index: int) -> str:
    """The ``.ann`` file of ``data.articles[index]``."""
    export = data.articles[index]
    text = export.article.text
    keys: dict[str, str] = {}
    spans: list[str] = []
    actors: list[str] = []
    notes: list[str] = []
    attributes: list[str] = []
    for a in placed(export.article, export.annotations):
        pieces = fragments(text, a.start, a.end)
        if not pieces:
            raise ExportError(f"annotation {a.id} covers only line breaks; nothing was written")
        key = keys[a.id] = f"T{len(keys) + 1}"
        where = ";".join(f"{s} {e}" for s, e in pieces)
        quote = " ".join(text[s:e] for s, e in pieces)
        spans.append(f"{key}\t{brat_type(a.tag)} {where}\t{quote}")
        if a.actor:
            n = len(actors) + 1
            actors.append(
                f"N{n}\tReference {key} {ACTOR_DB}:{brat_type(a.actor)}\t{flatten(a.actor)}"
            )
        if a.note.strip():
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes {key}\t{flatten(a.note)}")
        verdict = export.verdicts.get(a.id)
        if verdict is not None:
            attributes.append(f"A{len(attributes) + 1}\tVerdict {key} {brat_type(verdict.rating)}")
            if verdict.explanation.strip():
                n = len(notes) + 1
                notes.append(f"#{n}\tVerdictExplanation {key}\t{flatten(verdict.explanation)}")
    linked = [r for r in export.relations if r.from_id in keys and r.to_id in keys]
    relations = [
        f"R{n}\t{brat_type(r.type)} Arg1:{keys[r.from_id]} Arg2:{keys[r.to_id]}"
        for n, r in enumerate((r for r in linked if not r.deleted), start=1)
    ]
    lines = [*spans, *relations, *attributes, *actors, *notes]
    return "".join(line + "\n" for line in lines)


def write_brat(data: ExportData, folder: Path) -> list[Path]:
    """Write ``data`` into ``folder`` (created if missing); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    verdict_tags = [t.name for t in data.tags if t.kind == "claim"]
    conf = annotation_conf(
        data.tags, data.relation_types, [r.name for r in data.ratings], verdict_tags
    )
    contents: list[tuple[Path, bytes]] = [(folder / CONF_NAME, conf.encode("utf-8"))]
    taken = {CONF_NAME.rsplit(".", 1)[0]}
    for index, export in enumerate(data.articles):
        name = file_name(export.article.display_title, taken)
        ann = ann_text(data, index)  # checks every quote before anything is written
        contents.append((folder / f"{name}.txt", export.article.text.encode("utf-8")))
        contents.append((folder / f"{name}.ann", ann.encode("utf-8")))
    for path, body in contents:
        replace_file(path, body, durable=False)  # a link at the path is replaced
    return [path for path, _ in contents]


# --- reading -------------------------------------------------------------------------


def _pairs(path: Path) -> tuple[list[Path], list[str]]:
    if path.is_dir():
        found = sorted(path.glob("*.ann"))
        return found, ([] if found else [f"{path.name}: no .ann files in this folder"])
    if path.suffix.lower() == ".ann" and path.is_file():
        return [path], []
    return [], [f"{path.name}: not a brat folder or .ann file"]


def _load(path: Path, problems: list[str]) -> str | None:
    """A file's text (UTF-8). A byte-order mark is kept: brat counts it as a character."""
    try:
        if path.stat().st_size > MAX_FILE:
            problems.append(f"{path.name}: too large")
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.append(f"{path.name}: cannot read ({exc.strerror or exc})")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{path.name}: not UTF-8 (byte {exc.start})")
        return None


class _Pair:
    """One ``.ann`` parsed against its ``.txt``."""

    def __init__(self, name: str, ann: str, raw: str) -> None:
        self.name = name
        self.doc = NormalizedText(raw)
        self.problems: list[str] = []
        self.spans: dict[str, tuple[str, int, int]] = {}
        #: every T key, placed or not (a bad span is reported once, not by each reference)
        self.seen: set[str] = set()
        self.order: list[str] = []
        self.relations: list[SetRelation] = []
        self.verdicts: dict[str, str] = {}
        self.actors: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        self.explanations: dict[str, str] = {}
        for number, line in enumerate(ann.splitlines(), start=1):
            if line.strip():
                self._line(number, line)
        self._check_targets()

    def problem(self, number: int, message: str) -> None:
        self.problems.append(f"{self.name} line {number}: {message}")

    def _line(self, number: int, line: str) -> None:
        fields = line.split("\t")
        key = fields[0].strip()
        kind = key[:1]
        if len(fields) < 2 or not key:
            self.problem(number, "not a brat annotation line")
        elif kind == "T":
            self._span(number, key, fields)
        elif kind == "R":
            parts = fields[1].split()
            args = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
            if len(parts) != 3 or set(args) != {"Arg1", "Arg2"}:
                self.problem(number, f"{key}: a relation needs a type, Arg1 and Arg2")
            else:
                self.relations.append(SetRelation(args["Arg1"], args["Arg2"], parts[0]))
        elif kind in "AM":
            parts = fields[1].split()
            if parts and parts[0].casefold() == "verdict":
                if len(parts) != 3:
                    self.problem(number, f"{key}: Verdict needs an annotation and a value")
                elif parts[1] in self.verdicts:
                    self.problem(number, f"{key}: a second verdict for {parts[1]}")
                else:
                    self.verdicts[parts[1]] = parts[2].replace("_", " ")
        elif kind == "N":
            parts = fields[1].split()
            if len(parts) == 3 and parts[2].split(":", 1)[0].casefold() == ACTOR_DB:
                name = fields[2].strip() if len(fields) > 2 else ""
                self.actors[parts[1]] = name or parts[2].partition(":")[2].replace("_", " ")
        elif kind == "#":
            parts = fields[1].split()
            note = fields[2].strip() if len(fields) > 2 else ""
            if len(parts) != 2:
                self.problem(number, f"{key}: a note needs a type and an annotation")
            elif parts[0] == "VerdictExplanation":
                self.explanations[parts[1]] = note
            elif note.casefold().startswith("actor:"):
                self.actors.setdefault(parts[1], note.split(":", 1)[1].strip())
            elif note:
                previous = self.notes.get(parts[1])
                self.notes[parts[1]] = f"{previous}\n{note}" if previous else note
        elif kind not in "E*":
            self.problem(number, f"{key}: unknown kind of annotation")

    def _span(self, number: int, key: str, fields: list[str]) -> None:
        raw = self.doc.raw
        head = fields[1].split(" ", 1)
        quote = fields[2] if len(fields) > 2 else None
        if key in self.seen:
            self.problem(number, f"{key} appears twice")
            return
        self.seen.add(key)
        try:
            pieces = [tuple(int(v) for v in p.split()) for p in head[1].split(";")]
        except (IndexError, ValueError):
            pieces = []
        if not pieces or any(len(p) != 2 for p in pieces) or quote is None:
            self.problem(number, f"{key}: expected 'T1<TAB>Tag START END<TAB>text'")
            return
        ends = [v for p in pieces for v in p]
        if ends != sorted(ends) or ends[0] < 0 or ends[-1] > len(raw):
            self.problem(number, f"{key}: offsets {head[1]} out of order or outside the text")
            return
        found = " ".join(raw[s:e] for s, e in pieces)
        if any(s >= e for s, e in pieces):
            self.problem(number, f"{key}: an empty fragment in {head[1]}")
        elif found != quote:
            self.problem(
                number,
                f"{key}: text {short(quote)!r} does not match the .txt at {head[1]} "
                f"({short(found)!r})",
            )
        elif any(raw[e:s].strip() for (_, e), (s, _) in zip(pieces, pieces[1:], strict=False)):
            self.problem(number, f"{key}: discontinuous span (text between its fragments)")
        else:
            start, end = self.doc.to_stored(pieces[0][0]), self.doc.to_stored(pieces[-1][1])
            if start >= end:
                self.problem(number, f"{key}: empty once the text is normalised")
                return
            self.spans[key] = (head[0].replace("_", " "), start, end)
            self.order.append(key)

    def _check_targets(self) -> None:
        known = self.seen
        for r in self.relations:
            for end in (r.from_key, r.to_key):
                if end not in known:
                    self.problems.append(f"{self.name}: relation {r.type} names unknown {end}")
        for label, table in (("verdict", self.verdicts), ("actor", self.actors)):
            for target in table:
                if target not in known:
                    self.problems.append(f"{self.name}: {label} on unknown {target}")

    def article_set(self, key: str) -> ArticleSet:
        text = self.doc.text
        annotations = []
        for k in self.order:
            tag, start, end = self.spans[k]
            annotations.append(
                SetAnnotation(
                    tag=tag,
                    exact=text[start:end],
                    start=start,
                    end=end,
                    prefix=text[max(0, start - 32) : start],
                    suffix=text[end : end + 32],
                    key=k,
                    actor=self.actors.get(k) or None,
                    note=self.notes.get(k, ""),
                    verdict=self.verdicts.get(k),
                    verdict_explanation=self.explanations.get(k, ""),
                )
            )
        ref = ArticleRef(sha256=sha256_text(text), title=key, text=text, key=key)
        return ArticleSet(ref, annotations, list(self.relations))


def _parse(path: Path) -> tuple[list[ArticleSet], list[str]]:
    files, problems = _pairs(path)
    sets: list[ArticleSet] = []
    for ann_path in files:
        txt_path = ann_path.with_suffix(".txt")
        if not txt_path.is_file():
            problems.append(f"{ann_path.name}: no {txt_path.name} beside it")
            continue
        ann, raw = _load(ann_path, problems), _load(txt_path, problems)
        if ann is None or raw is None:
            continue
        pair = _Pair(ann_path.name, ann.removeprefix("\ufeff"), raw)
        problems.extend(pair.problems)
        sets.append(pair.article_set(ann_path.stem))
    return sets, problems


def check_brat(folder: Path) -> list[str]:
    """brat's consistency check: every ``T`` line's text equals its slice of the ``.txt``,
    and relations, verdicts and actors name existing spans. Returns the problems."""
    return _parse(folder)[1]


def read_brat(path: Path) -> AnnotationSet:
    """The annotation set of a brat folder (or one ``.ann``); raises :class:`SetError`."""
    sets, problems = _parse(path)
    if problems:
        raise SetError(path.name, problems)
    return AnnotationSet("brat", path.name, sets)

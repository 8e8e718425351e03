"""Tag sets: names, colours, shortcut keys.

The default fact-check set ships as ``resources/tagset-factcheck.json``.
Colours come from the Okabe–Ito palette (safe for the common forms of colour
blindness), and every tag also has its own underline style, so colour is
never the only cue.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from annotator.domain.errors import BadInput
from annotator.domain.model import Rating, RelationType, Tag

UNDERLINES = ("solid", "dash", "wave", "dot", "dashdot", "double")
#: the longest tag name (characters): it labels a button of the palette
MAX_TAG_NAME = 100
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def tag_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a tag (one line of at most :data:`MAX_TAG_NAME`
    characters, no control characters), or None when it can."""
    if not name.strip():
        return "is empty"
    if len(name.strip()) > MAX_TAG_NAME:
        return f"is longer than {MAX_TAG_NAME} characters"
    if _CONTROL.search(name):
        return "holds a line break or a control character"
    return None


def shown_name(name: str, limit: int = 40) -> str:
    """``name`` quoted for a message, cut to ``limit`` characters."""
    return repr(name[:limit]) + ("…" if len(name) > limit else "")


#: the largest tag set file read (bytes)
MAX_TAGSET_BYTES = 5_000_000


def load_tagset_json(raw: bytes) -> object:
    """The JSON of a tag set file, or :class:`BadInput` (one line; the caller names the
    file): not UTF-8, not JSON, nested too deeply, a lone UTF-16 surrogate (``\\ud800``
    is valid JSON but no text), too large."""
    if len(raw) > MAX_TAGSET_BYTES:
        raise BadInput("too large for a tag set")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BadInput("not UTF-8 text") from None
    except RecursionError:
        raise BadInput("not valid JSON (nested too deeply)") from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except ValueError as exc:
        raise BadInput(f"not valid JSON ({exc})") from None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
            stack.extend(item.keys())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and not item.isascii():
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise BadInput("holds a lone UTF-16 surrogate, which is no text") from None
    return data


def parse_tagset(data: object) -> list[Tag]:
    """Tags from the JSON form ``{"tags": [{"name", "colour", "key", …}]}``."""
    if not isinstance(data, dict) or not isinstance(data.get("tags"), list):
        raise BadInput('a tag set is a JSON object with a "tags" list')
    tags: list[Tag] = []
    seen_names: set[str] = set()
    seen_keys: set[str] = set()
    for i, item in enumerate(data["tags"]):
        if not isinstance(item, dict):
            raise BadInput(f"tag #{i + 1} is not an object")
        name = item.get("name")
        colour = item.get("colour")
        key = item.get("key")
        if not isinstance(name, str) or not name.strip():
            raise BadInput(f"tag #{i + 1} has no name")
        problem = tag_name_problem(name)
        if problem:
            raise BadInput(f"tag name {shown_name(name)} {problem}")
        if not isinstance(colour, str) or not _COLOUR.match(colour):
            raise BadInput(f"tag {name!r}: colour must look like #RRGGBB")
        if key is not None and (not isinstance(key, str) or not re.fullmatch(r"[1-9]", key)):
            raise BadInput(f"tag {name!r}: key must be a digit 1-9")
        if name.casefold() in seen_names:
            raise BadInput(f"tag {name!r} appears twice")
        if key is not None and key in seen_keys:
            raise BadInput(f"key {key} is used by two tags")
        seen_names.add(name.casefold())
        if key is not None:
            seen_keys.add(key)
        underline = item.get("underline", UNDERLINES[i % len(UNDERLINES)])
        if underline not in UNDERLINES:
            raise BadInput(f"tag {name!r}: underline must be one of {', '.join(UNDERLINES)}")
        tags.append(
            Tag(
                name=name.strip(),
                colour=colour.upper(),
                key=key,
                kind=str(item.get("kind", "span")),
                description=str(item.get("description", "")),
                underline=underline,
            )
        )
    if not tags:
        raise BadInput("a tag set needs at least one tag")
    return tags


def _default_json() -> dict:
    raw = resources.files("annotator.resources").joinpath("tagset-factcheck.json")
    return json.loads(raw.read_text("utf-8"))


def default_tagset() -> list[Tag]:
    """The default fact-check tag set (Claim, Source, Denial, Evidence)."""
    return parse_tagset(_default_json())


def default_relation_types() -> list[RelationType]:
    return parse_relation_types(_default_json(), default_tagset())


def default_ratings() -> list[Rating]:
    return parse_ratings(_default_json())


def relation_key(name: str) -> str:
    """The canonical form of a relation type name: "Attributed to" → "attributed_to"."""
    return re.sub(r"[\s\-]+", "_", name.strip().casefold())


def parse_relation_types(data: object, tags: list[Tag]) -> list[RelationType]:
    """Relation types from ``{"relations": [{"name", "label", "from", "to"}]}``."""
    if not isinstance(data, dict):
        raise BadInput("a tag set is a JSON object")
    items = data.get("relations", [])
    if not isinstance(items, list):
        raise BadInput('"relations" must be a list')
    known = {t.name for t in tags}
    out: list[RelationType] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise BadInput(f"relation type #{i + 1} needs a name")
        key = relation_key(item["name"])
        if not key or key in seen:
            raise BadInput(f"relation type {item['name']!r} is empty or appears twice")
        seen.add(key)
        ends = []
        for end in ("from", "to"):
            value = item.get(end, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise BadInput(f"relation type {key!r}: {end!r} must be a list of tag names")
            unknown = [v for v in value if v not in known]
            if unknown:
                shown = ", ".join(shown_name(v) for v in unknown)
                raise BadInput(f"relation type {key!r}: unknown tag(s) {shown}")
            ends.append(tuple(value))
        label = item.get("label") or key.replace("_", " ")
        out.append(
            RelationType(key, str(label), ends[0], ends[1], str(item.get("description", "")))
        )
    return out


def parse_ratings(data: object) -> list[Rating]:
    """The verdict scale from ``{"ratings": [{"name", "value"}]}``, truest first."""
    if not isinstance(data, dict):
        raise BadInput("a tag set is a JSON object")
    items = data.get("ratings", [])
    if not isinstance(items, list):
        raise BadInput('"ratings" must be a list')
    out: list[Rating] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise BadInput(f"rating #{i + 1} needs a name")
        value = item.get("value")
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadInput(f"rating {item['name']!r} needs a whole-number value")
        out.append(Rating(item["name"].strip(), value, str(item.get("description", ""))))
    if len({r.name.casefold() for r in out}) != len(out):
        raise BadInput("two ratings have the same name")
    return out


def suggest_relation_type(
    types: list[RelationType], from_tag: str, to_tag: str
) -> RelationType | None:
    """The most specific type that fits the two tags (None when none fits)."""
    fitting = [t for t in types if t.allows(from_tag, to_tag)]
    if not fitting:
        return None
    return min(fitting, key=lambda t: (not t.from_tags, not t.to_tags, len(t.from_tags)))


def tagset_json(
    tags: list[Tag], types: list[RelationType], ratings: list[Rating], name: str = "Tag set"
) -> dict:
    """The exchangeable JSON form of a tag set (what the parsers above read)."""
    return {
        "name": name,
        "tags": [
            {
                "name": t.name,
                "key": t.key,
                "colour": t.colour,
                "underline": t.underline,
                "kind": t.kind,
                "description": t.description,
            }
            for t in tags
        ],
        "relations": [
            {
                "name": r.name,
                "label": r.label,
                "from": list(r.from_tags),
                "to": list(r.to_tags),
                "description": r.description,
            }
            for r in types
        ],
        "ratings": [
            {"name": r.name, "value": r.value, "description": r.description} for r in ratings
        ],
    }

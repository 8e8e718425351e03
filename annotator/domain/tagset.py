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
from annotator.domain.model import Tag

UNDERLINES = ("solid", "dash", "wave", "dot", "dashdot", "double")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


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


def default_tagset() -> list[Tag]:
    """The default fact-check tag set (Claim, Source, Denial, Evidence)."""
    raw = (
        resources.files("annotator.resources").joinpath("tagset-factcheck.json").read_text("utf-8")
    )
    return parse_tagset(json.loads(raw))

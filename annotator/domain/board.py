"""The claims board as plain data: who claims what, who denies it, on what evidence.

Built by :func:`annotator.core.board.build_board`; the exporters in
``annotator.formats.board`` and ``annotator.formats.claimreview`` read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

UNATTRIBUTED = "Unattributed"


@dataclass(frozen=True)
class BoardItem:
    """An annotation linked to a claim: a denial, a source or a piece of evidence."""

    annotation_id: str
    article_id: str
    quote: str
    actor: str | None
    tag: str
    #: the relation type's name ("denies", "attributed_to", "supports", "contradicts" …)
    relation: str
    #: a denial's own sources (empty for sources and evidence)
    sources: tuple[BoardItem, ...] = ()
    start: int = 0


@dataclass(frozen=True)
class BoardClaim:
    annotation_id: str
    article_id: str
    article_title: str
    quote: str
    #: the claim's actor, else the actor of a source it is attributed to
    actor: str | None
    #: the rating's name, or None when the claim has no verdict
    verdict: str | None
    explanation: str
    #: the latest review decision, or "unreviewed"
    review_state: str
    denials: list[BoardItem] = field(default_factory=list)
    sources: list[BoardItem] = field(default_factory=list)
    evidence: list[BoardItem] = field(default_factory=list)
    start: int = 0


def group_by_actor(claims: list[BoardClaim]) -> list[tuple[str, list[BoardClaim]]]:
    """Claims grouped by actor, actors in alphabetical order, "Unattributed" last."""
    groups: dict[str, list[BoardClaim]] = {}
    for claim in claims:
        groups.setdefault(claim.actor or UNATTRIBUTED, []).append(claim)
    named = sorted((k for k in groups if k != UNATTRIBUTED), key=str.casefold)
    order = [*named, *([UNATTRIBUTED] if UNATTRIBUTED in groups else [])]
    return [(name, groups[name]) for name in order]


def item_json(item: BoardItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.annotation_id,
        "quote": item.quote,
        "actor": item.actor,
        "tag": item.tag,
        "relation": item.relation,
    }
    return data


def board_json(claims: list[BoardClaim]) -> list[dict[str, Any]]:
    """The board as JSON-ready dicts (what ``annotator board --format json`` prints)."""
    return [
        {
            "id": c.annotation_id,
            "article_id": c.article_id,
            "article_title": c.article_title,
            "quote": c.quote,
            "actor": c.actor,
            "verdict": c.verdict,
            "explanation": c.explanation,
            "review_state": c.review_state,
            "denials": [
                {**item_json(d), "sources": [item_json(s) for s in d.sources]} for d in c.denials
            ],
            "sources": [item_json(s) for s in c.sources],
            "evidence": [item_json(e) for e in c.evidence],
        }
        for c in claims
    ]

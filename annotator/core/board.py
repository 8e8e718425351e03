"""The claims board: every claim with its actor, verdict, sources, denials and evidence.

Read in one pass per article (annotations, relations, verdicts, reviews); no
query per claim. Tags are told apart by their *kind* (claim, source, denial,
evidence), so renamed tags still work, and a link counts by the kinds of its
two ends, whichever way it points:

- Denial —denies→ Claim: a denial of the claim;
- Claim —attributed_to→ Source: one of the claim's sources;
- Denial —attributed_to→ Source: one of the denial's own sources;
- Evidence —supports/contradicts→ Claim: evidence, with the relation's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.domain.board import (
    UNATTRIBUTED,
    BoardClaim,
    BoardItem,
    board_json,
    group_by_actor,
    item_json,
)
from annotator.domain.model import Annotation, Article, Verdict
from annotator.store import reviews as review_rows

if TYPE_CHECKING:
    from annotator.core.project import Project

UNREVIEWED = "unreviewed"

__all__ = [
    "UNATTRIBUTED",
    "UNREVIEWED",
    "BoardClaim",
    "BoardItem",
    "board_json",
    "build_board",
    "group_by_actor",
    "item_json",
    "rated_claims",
]


def build_board(project: Project, article_id: str | None = None) -> list[BoardClaim]:
    """The claims of one article (an id or unique prefix), or of the whole corpus (None)."""
    if article_id is None:
        articles = project.articles()
    else:
        articles = [project.article(article_id)]
    kinds = {t.name: t.kind for t in project.tags()}
    claims: list[BoardClaim] = []
    for article in articles:
        claims.extend(_article_board(project, article, kinds))
    return claims


def _article_board(project: Project, article: Article, kinds: dict[str, str]) -> list[BoardClaim]:
    # the store lists them in text order (start, end, creation); keep that order throughout
    live = {a.id: a for a in project.annotations(article.id) if not a.deleted}
    rank = {annotation_id: i for i, annotation_id in enumerate(live)}
    kind_of = {a.id: kinds.get(a.tag, "") for a in live.values()}
    verdicts = project.verdicts(article.id)
    reviews = review_rows.latest_decisions(project.store.db, article.id)

    claim_sources: dict[str, list[tuple[Annotation, str]]] = {}
    denial_sources: dict[str, list[tuple[Annotation, str]]] = {}
    denials: dict[str, list[tuple[Annotation, str]]] = {}
    evidence: dict[str, list[tuple[Annotation, str]]] = {}
    for relation in project.relations(article.id):
        if relation.deleted or relation.from_id not in live or relation.to_id not in live:
            continue
        ends = {
            kind_of[relation.from_id]: relation.from_id,
            kind_of[relation.to_id]: relation.to_id,
        }
        if len(ends) != 2:
            continue
        pair = frozenset(ends)
        if pair == {"claim", "source"}:
            target, table, other = ends["claim"], claim_sources, ends["source"]
        elif pair == {"denial", "claim"}:
            target, table, other = ends["claim"], denials, ends["denial"]
        elif pair == {"denial", "source"}:
            target, table, other = ends["denial"], denial_sources, ends["source"]
        elif pair == {"evidence", "claim"}:
            target, table, other = ends["claim"], evidence, ends["evidence"]
        else:
            continue
        table.setdefault(target, []).append((live[other], relation.type))

    def by_rank(found: tuple[Annotation, str]) -> int:
        return rank[found[0].id]

    def items(found: list[tuple[Annotation, str]]) -> list[BoardItem]:
        made: dict[str, BoardItem] = {}
        for a, kind in sorted(found, key=by_rank):
            made.setdefault(
                a.id,
                BoardItem(
                    annotation_id=a.id,
                    article_id=a.article_id,
                    quote=a.exact,
                    actor=_actor(a, sorted(denial_sources.get(a.id, []), key=by_rank)),
                    tag=a.tag,
                    relation=kind,
                    sources=tuple(items(denial_sources.get(a.id, []))),
                    start=a.start,
                ),
            )
        return list(made.values())

    # the corpus listing comes without texts: an untitled article is named by its first line
    title = article.title or project.article(article.id).display_title
    out: list[BoardClaim] = []
    for claim in live.values():
        if kind_of[claim.id] != "claim":
            continue
        verdict = verdicts.get(claim.id)
        out.append(
            BoardClaim(
                annotation_id=claim.id,
                article_id=article.id,
                article_title=title,
                quote=claim.exact,
                actor=_actor(claim, sorted(claim_sources.get(claim.id, []), key=by_rank)),
                verdict=verdict.rating if verdict else None,
                explanation=verdict.explanation if verdict else "",
                review_state=reviews.get(claim.id, UNREVIEWED),
                denials=items(denials.get(claim.id, [])),
                sources=items(claim_sources.get(claim.id, [])),
                evidence=items(evidence.get(claim.id, [])),
                start=claim.start,
            )
        )
    return out


def _actor(annotation: Annotation, sources: list[tuple[Annotation, str]]) -> str | None:
    """The annotation's actor, else the actor of the first of its sources that has one."""
    if annotation.actor:
        return annotation.actor
    for source, _ in sources:
        if source.actor:
            return source.actor
    return None


def rated_claims(
    project: Project, claims: list[BoardClaim]
) -> list[tuple[BoardClaim, Article, Verdict]]:
    """The claims that carry a verdict, each with its article and verdict (for ClaimReview)."""
    articles: dict[str, Article] = {}
    verdicts: dict[str, dict[str, Verdict]] = {}
    out: list[tuple[BoardClaim, Article, Verdict]] = []
    for claim in claims:
        if claim.verdict is None:
            continue
        if claim.article_id not in articles:
            articles[claim.article_id] = project.article(claim.article_id)
            verdicts[claim.article_id] = project.verdicts(claim.article_id)
        verdict = verdicts[claim.article_id].get(claim.annotation_id)
        if verdict is not None:
            out.append((claim, articles[claim.article_id], verdict))
    return out

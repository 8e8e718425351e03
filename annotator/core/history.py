"""The history of an annotation, readable: created, changed, deleted and restored, imported,
rated, reviewed, suggestions resolved — who and when, oldest first.

Read from the events log and the reviews (reviews that arrived by import have no event on
the annotation: the review rows carry their reviewer and time).

Mixed into :class:`~annotator.core.project.Project`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.domain.model import ACCEPTED, COMMENTED, REJECTED, SUGGESTED, Event, Review

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass(frozen=True)
class HistoryEntry:
    #: ISO-8601 time
    at: str
    #: who did it
    who: str
    #: what happened, readable ("created as Claim", "tag Claim → Denial", "accepted: …")
    what: str


#: events on the annotation that the review rows tell better (they include imported ones)
_FROM_REVIEWS = {"review", "resolve"}


class HistoryActions:
    def history_of(self: Project, annotation_id: str) -> list[HistoryEntry]:
        """What happened to the annotation, oldest first."""
        annotation = self.annotation(annotation_id)
        found = self.history(annotation.id)
        # each entry is sorted by its time, then by the place of the event that recorded it:
        # two things done within one millisecond (a suggestion and its acceptance) keep the
        # order they were done in
        entries: list[tuple[str, float, HistoryEntry]] = []

        def add(entry: HistoryEntry, place: float) -> None:
            entries.append((entry.at, place, entry))

        if not any(e.action in ("create", "import") for e in found):
            add(
                HistoryEntry(
                    annotation.created, annotation.annotator, f"created as {annotation.tag}"
                ),
                -1,
            )
        places: dict[tuple[str, str], int] = {}
        for event in found:
            if event.action in _FROM_REVIEWS:
                review_id = (event.after or {}).get("review_id")
                if review_id:
                    places.setdefault((event.action, review_id), event.id)
                continue
            for entry in _event_entries(event, annotation.annotator):
                add(entry, event.id)
        # reviews that came by import have no event: after the events of the same time
        unplaced = math.inf
        for review in self.reviews_of(annotation.id):
            entry = HistoryEntry(review.created, review.reviewer, describe_review(review))
            add(entry, places.get(("review", review.id), unplaced))
            if review.resolved:
                what = f"{review.resolution or 'resolved'} the suggestion ({_change(review)})"
                entry = HistoryEntry(review.resolved, annotation.annotator, what)
                add(entry, places.get(("resolve", review.id), unplaced))
        return [entry for _at, _place, entry in sorted(entries, key=lambda e: e[:2])]


def describe_review(review: Review) -> str:
    comment = f": {review.comment}" if review.comment else ""
    if review.decision == SUGGESTED:
        return f"suggested {_change(review)}{comment}"
    if review.decision == COMMENTED:
        return f"{'replied' if review.reply_to else 'commented'}{comment}"
    if review.decision in (ACCEPTED, REJECTED):
        return f"{review.decision}{comment}"
    return f"{review.decision}{comment}"


def _change(review: Review) -> str:
    parts = []
    if review.suggested_tag:
        parts.append(f"tag {review.suggested_tag}")
    if review.suggested_start is not None:
        parts.append(f"boundaries {review.suggested_start}–{review.suggested_end}")
    return " and ".join(parts) or "a change"


def _event_entries(event: Event, author: str) -> list[HistoryEntry]:
    before, after = event.before or {}, event.after or {}
    who = event.annotator

    def entry(what: str, at: str = event.at, by: str = who) -> HistoryEntry:
        return HistoryEntry(at, by, what)

    action = event.action
    if action == "create":
        what = f"created as {after.get('tag', '?')}"
        if after.get("curated_from"):
            what += f" in the agreed set (curated by {after.get('curator', who)})"
        return [entry(what)]
    if action == "import":
        source = f" from {after['source']}" if after.get("source") else ""
        made_by = after.get("annotator") or author
        out = []
        if after.get("created"):
            out.append(entry(f"created as {after.get('tag', '?')}", after["created"], made_by))
        return [*out, entry(f"imported{source}")]
    if action == "update":
        return [entry(_changes(before, after))]
    if action in ("delete", "restore"):
        return [entry("deleted" if action == "delete" else "restored")]
    if action == "import-conflict":
        kept = after.get("kept")
        source = f" from {after['source']}" if after.get("source") else ""
        if kept == "imported":
            return [entry(f"updated by an import{source}: {_changes(before, after)}")]
        return [entry(f"an older version imported{source} was set aside")]
    if action == "verdict":
        if not after:
            return [entry("verdict cleared")]
        return [entry(f"verdict {after.get('rating')}")]
    if action == "reattach":
        return [entry(f"attached to {after.get('start')}–{after.get('end')}")]
    if action == "detach":
        return [entry("detached (an orphan again)")]
    if action == "unreview":
        return [entry(f"withdrew a review ({before.get('decision', '?')})")]
    return [entry(action)]


_SKIP = {"modified", "created", "prefix", "suffix", "id", "source", "kept", "article_id"}


def _changes(before: dict[str, Any], after: dict[str, Any]) -> str:
    parts: list[str] = []
    keys = [k for k in after if k not in _SKIP and before.get(k) != after.get(k)]
    if "start" in keys or "end" in keys:
        parts.append(
            f"boundaries {before.get('start')}–{before.get('end')} → "
            f"{after.get('start')}–{after.get('end')}"
        )
    for key in keys:
        if key in ("start", "end", "exact"):
            continue
        if key == "note":
            parts.append("note edited")
        else:
            parts.append(f"{key} {before.get(key) or '—'} → {after.get(key) or '—'}")
    return "; ".join(parts) or "changed"

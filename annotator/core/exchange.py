"""Exchange of annotation sets: what an export contains (imports: ``importing_sets``).

Mixed into :class:`~annotator.core.project.Project`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from annotator.domain.exchange import ArticleExport, ExportData
from annotator.domain.model import Annotation
from annotator.store import reviews as review_rows

if TYPE_CHECKING:
    from annotator.core.project import Project


class ExchangeActions:
    def export_data(
        self: Project,
        article_refs: Iterable[str] | None = None,
        *,
        annotators: Iterable[str] | None = None,
        tags: Iterable[str] | None = None,
        label: str = "annotator export",
    ) -> ExportData:
        """The chosen articles (None: all) with their live annotations, links, verdicts and
        reviews.

        ``annotators`` and ``tags`` narrow the annotations; a link is kept only when
        both of its ends are.
        """
        refs = list(article_refs) if article_refs is not None else [a.id for a in self.articles()]
        who = set(annotators) if annotators is not None else None
        which = {self.tag(t).name for t in tags} if tags is not None else None
        out: list[ArticleExport] = []
        for ref in refs:
            article = self.article(ref, count=False)

            def chosen(a: Annotation) -> bool:
                return (who is None or a.annotator in who) and (which is None or a.tag in which)

            kept = [a for a in self.annotations(article.id) if chosen(a)]
            orphans = [a for a in self.orphans(article.id) if chosen(a)]
            ids = {a.id for a in kept} | {a.id for a in orphans}
            relations = [
                r
                for r in self.relations(article.id, with_orphans=True)
                if r.from_id in ids and r.to_id in ids
            ]
            verdicts = {k: v for k, v in self.verdicts(article.id).items() if k in ids}
            states = {
                k: v
                for k, v in review_rows.latest_decisions(self.store.db, article.id).items()
                if k in ids
            }
            reviews = [
                r
                for r in review_rows.for_article(self.store.db, article.id)
                if r.annotation_id in ids
            ]
            out.append(ArticleExport(article, kept, relations, verdicts, states, orphans, reviews))
        return ExportData(out, self.tags(), self.relation_types(), self.ratings(), label)

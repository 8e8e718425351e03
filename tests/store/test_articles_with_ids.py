"""Reading chosen articles as the library lists them (the window appends new ones)."""

from __future__ import annotations

from pathlib import Path

from annotator.core.project import Project
from tests.conftest import make_draft


def test_articles_with_ids_as_listed_without_texts(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "a.db", "alice")
    try:
        with project.store.transaction():
            ids = [
                project.import_draft(
                    make_draft(f"Article {i}\n\nText {i}.", title=f"A{i}")
                ).article.id
                for i in range(620)  # more than one query's worth of ids
            ]
        project.annotate_quote(ids[3], "Text 3", "Claim")
        chosen = tuple(reversed(ids[::2]))
        found = project.articles_with_ids(chosen)
        listed = [a for a in project.articles() if a.id in set(chosen)]
        assert found == listed  # same order, same fields, counts included
        assert [a.id for a in found] == ids[::2]
        assert all(a.text == "" for a in found)
        assert project.articles_with_ids(("no-such-id",)) == []
        assert project.articles_with_ids(()) == []
    finally:
        project.close()

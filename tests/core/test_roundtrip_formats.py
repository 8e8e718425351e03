"""Every importable format carries the demo set of the sample article into an empty database
whole: 28 annotations (two actors' denials of the same words stay two), 21 links."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.demo import annotate_sample
from annotator.core.exporting import export_to
from annotator.core.project import Project
from annotator.formats.exchange_io import read_annotation_file


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    project = Project.open(folder / "demo.db", "dana")
    article = project.import_sample().article
    annotate_sample(project, article.id)
    for fmt, name in (
        ("w3c", "set.w3c"),
        ("doccano", "set.doccano"),
        ("labelstudio", "set.labelstudio"),
        ("brat", "brat"),
    ):
        export_to(project, fmt, folder / name)  # odd suffixes: the reader sniffs the content
    project.close()
    return folder


@pytest.mark.parametrize("name", ["set.w3c", "set.doccano", "set.labelstudio", "brat"])
def test_format_round_trip_into_an_empty_database(demo: Path, tmp_path: Path, name: str) -> None:
    project = Project.open(tmp_path / "empty.db", "reviewer")
    project.import_sample()  # w3c finds it by SHA-256; the others carry the text
    aset = read_annotation_file(demo / name)
    [report] = project.import_annotations(aset)
    assert (report.exact, report.reanchored, report.orphaned, report.new) == (28, 0, 0, 28)
    assert report.relations == 21
    article = project.article(report.article_id)
    stored = project.annotations(article.id)
    assert len(stored) == 28
    assert all(article.text[a.start : a.end] == a.exact for a in stored)
    denials = sorted(a.actor for a in stored if a.tag == "Denial")
    assert denials == ["North Korea", "Russia"]
    [again] = project.import_annotations(read_annotation_file(demo / name))
    assert (again.new, again.updated, again.unchanged, again.relations) == (0, 0, 28, 0)
    project.close()

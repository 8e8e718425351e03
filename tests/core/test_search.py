"""``Project.search``: words in titles, texts, quotes and notes, ranked, located."""

from __future__ import annotations

import pytest

from annotator.domain.errors import AnnotatorError, BadInput, NotFound
from annotator.domain.search import SearchError
from tests.conftest import make_draft

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds.\n\n"
    "Both Russia and North Korea deny that. José Martínez, an analyst in Seoul, said the "
    "shipments began last year and that the rounds were used near Kharkiv."
)


def _article(project, text: str, title: str):
    return project.import_draft(make_draft(text, title=title)).article


def test_a_text_hit_locates_the_first_match(project) -> None:
    article = _article(project, TEXT, "Shells for Moscow")
    [hit] = project.search("artillery")
    assert (hit.kind, hit.article_id, hit.annotation_id) == ("text", article.id, None)
    assert hit.article_title == "Shells for Moscow"
    assert article.text[hit.text_start : hit.text_end] == "artillery"
    assert [hit.snippet[s:e] for s, e in hit.ranges] == ["artillery"]
    assert "supplied Russia with artillery rounds" in hit.snippet


def test_diacritics_and_case_do_not_matter(project) -> None:
    article = _article(project, TEXT, "Shells")
    [hit] = project.search("jose martinez")
    assert article.text[hit.text_start : hit.text_end] == "José"
    assert [hit.snippet[s:e] for s, e in hit.ranges] == ["José", "Martínez"]
    _article(project, "Plain Jose wrote it.", "Other")
    assert len(project.search("JOSÉ")) == 2


def test_prefix_search_explicit_and_on_the_last_word(project) -> None:
    article = _article(project, TEXT, "Shells")
    for typed in ("artil*", "korea artil", "Khar"):
        [hit] = project.search(typed)
        assert hit.article_id == article.id
    [hit] = project.search("shipm")
    assert article.text[hit.text_start : hit.text_end] == "shipments"
    assert project.search("shi*") and not project.search("sh")  # "sh" alone is a word
    with pytest.raises(SearchError, match="at least 2 letters"):
        project.search("s*")


def test_phrases_match_words_in_order(project) -> None:
    _article(project, TEXT, "First")
    second = _article(project, "Korea, in the north, is far. North was cold.", "Second")
    hits = project.search('"north korea"')
    assert [h.article_title for h in hits] == ["First"]
    assert [hits[0].snippet[s:e] for s, e in hits[0].ranges] == ["North Korea"]
    assert {h.article_id for h in project.search("north korea")} >= {second.id}


def test_or_and_not(project) -> None:
    first = _article(project, TEXT, "First")
    second = _article(project, "Drones over Kyiv at night.", "Second")
    assert {h.article_id for h in project.search("kharkiv OR kyiv")} == {first.id, second.id}
    assert {h.article_id for h in project.search("russia NOT drones")} == {first.id}
    assert project.search("russia kyiv") == []


def test_ranking_title_first_then_more_mentions(project) -> None:
    once = _article(project, "Sanctions were discussed. " + "Other words here. " * 5, "Once")
    often = _article(project, "Sanctions, sanctions and sanctions. " + "Other words. " * 5, "Often")
    titled = _article(project, "Nothing about it in the text at all. " * 2, "Sanctions ahead")
    hits = project.search("sanctions")
    assert [h.article_id for h in hits] == [titled.id, often.id, once.id]
    assert hits[0].kind == "title" and hits[0].text_start is None
    assert [hits[0].snippet[s:e] for s, e in hits[0].ranges] == ["Sanctions"]
    assert hits[0].score <= hits[1].score <= hits[2].score


def test_quote_and_note_hits_and_their_annotations(project) -> None:
    article = _article(project, TEXT, "Shells")
    claim = project.annotate_quote(article.id, "North Korea has supplied Russia", "Claim")
    noted = project.annotate_quote(
        article.id, "Both Russia and North Korea deny that", "Denial", note="Ask the embassy."
    )
    by_kind = {h.kind: h for h in project.search("supplied")}
    assert set(by_kind) == {"text", "quote"}
    quote = by_kind["quote"]
    assert quote.annotation_id == claim.id
    assert article.text[quote.text_start : quote.text_end] == "supplied"
    assert claim.start <= quote.text_start < quote.text_end <= claim.end
    [note] = project.search("embassy")
    assert (note.kind, note.annotation_id, note.text_start) == ("note", noted.id, None)
    assert note.snippet == "Ask the embassy."
    assert note.article_title == "Shells"


def test_the_index_follows_note_edits_and_soft_deletes(project) -> None:
    article = _article(project, TEXT, "Shells")
    made = project.annotate_quote(article.id, "analyst in Seoul", "Source", note="old remark")
    project.update_annotation(made.id, note="fresh comment")
    assert project.search("remark") == []
    assert [h.annotation_id for h in project.search("comment")] == [made.id]
    project.delete_annotation(made.id)
    assert project.search("comment") == []
    assert all(h.annotation_id is None for h in project.search("analyst"))
    project.restore_annotation(made.id)
    assert [h.annotation_id for h in project.search("comment")] == [made.id]


def test_limit_and_one_article(project) -> None:
    first = _article(project, TEXT, "First")
    second = _article(project, "Russia again. " + TEXT[:40], "Second")
    assert len(project.search("russia", limit=1)) == 1
    hits = project.search("russia", article_id=second.id[:8])
    assert {h.article_id for h in hits} == {second.id}
    assert {h.article_id for h in project.search("russia")} == {first.id, second.id}
    with pytest.raises(NotFound):
        project.search("russia", article_id="no-such-article")
    with pytest.raises(BadInput, match="limit"):
        project.search("russia", limit=0)


@pytest.mark.parametrize("typed", ["", "  ", "OR", "russia OR", "NOT korea", "!!!", "x*"])
def test_bad_queries_are_annotator_errors_not_sqlite_errors(project, typed: str) -> None:
    _article(project, TEXT, "Shells")
    with pytest.raises(AnnotatorError):
        project.search(typed)


@pytest.mark.parametrize(
    ("typed", "hits"),
    [
        ('ru"ssia', 0),  # two words, "ru" and "ssia"
        ('russia" OR "', 0),  # russia AND the word "or"
        ('NEAR("a" "b")', 0),  # words, not the NEAR operator
        ("col:russia", 0),  # the words "col russia", not a column filter
        ("^russia", 1),
        ("(russia", 1),
    ],
)
def test_fts5_syntax_typed_by_a_user_is_searched_as_words(project, typed: str, hits: int) -> None:
    _article(project, TEXT, "Shells")
    assert len(project.search(typed)) == hits


def test_untitled_article_hits_show_the_first_line(project) -> None:
    _article(project, "First line of the text\n\nMore about the embassy.", "")
    [hit] = project.search("embassy")
    assert hit.article_title == "First line of the text"

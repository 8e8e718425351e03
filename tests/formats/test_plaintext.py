"""Plain text and Markdown import, sidecar metadata, the bundled sample, stress text."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import annotator
from annotator.domain.text import normalize
from annotator.formats.charset import decode_bytes
from annotator.formats.importing import load_file
from annotator.formats.plaintext import first_line_title, load_plaintext, markdown_title

FIXTURES = Path(__file__).parent.parent / "fixtures"
SAMPLES = Path(annotator.__file__).parent / "resources" / "samples"


def test_txt_keeps_text_and_takes_first_short_line_as_title(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("  Mayor’s claim checked\r\n\r\nThe mayor said…\r\nSecond line.\r\n".encode())
    draft = load_file(path)
    assert draft.text == "  Mayor’s claim checked\n\nThe mayor said…\nSecond line.\n"
    assert draft.title == "Mayor’s claim checked"
    assert draft.source_format == "txt"
    assert draft.media_type == "text/plain"
    assert draft.original == path.read_bytes()
    assert draft.original_name == "note.txt"
    assert draft.url is None and draft.fetched_at is None


def test_txt_long_first_line_is_not_a_title() -> None:
    assert first_line_title("x" * 201 + "\nmore") is None
    assert first_line_title("\n\n  " + "x" * 200 + "\n") == "x" * 200


def test_markdown_title_is_metadata_and_text_is_unchanged(tmp_path: Path) -> None:
    source = "Intro line\n\n```\n# not a heading\n```\n\n# The *real* title #\n\nBody **bold**.\n"
    path = tmp_path / "story.MD"
    path.write_text(source, encoding="utf-8")
    draft = load_file(path)
    assert draft.text == source
    assert draft.title == "The *real* title"
    assert draft.source_format == "md"
    assert draft.media_type == "text/markdown"


def test_markdown_setext_title_and_none() -> None:
    assert markdown_title("Big title\n=========\n\ntext") == "Big title"
    assert markdown_title("## only a subheading\ntext") is None
    assert markdown_title("#hashtag is not a heading") is None


def test_legacy_encoding_is_decoded() -> None:
    # detection needs a realistic amount of text; very short snippets are ambiguous
    text = (
        "Selon la préfecture, les économies réalisées grâce à l’éclairage public "
        "atteignent 1,2 million d’euros. Le maire a déclaré : « c’est déjà un succès », "
        "mais les élus de l’opposition contestent ces chiffres présentés à la séance.\n"
    )
    draft = load_plaintext(text.encode("cp1252"), "old.txt")
    assert draft.text == text


def test_utf16_with_bom() -> None:
    data = "\ufeffUnicode text ✓\r\n".encode("utf-16-le")
    assert load_plaintext(data, "u16.txt").text == "Unicode text ✓\n"


def test_sidecar_json_supplies_metadata(tmp_path: Path) -> None:
    (tmp_path / "foo.txt").write_text("Some title line\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "foo.json").write_text(
        json.dumps(
            {
                "title": "Sidecar title",
                "byline": "A. Writer",
                "outlet": "The Outlet",
                "url": "https://example.org/a",
                "published": "2024-06-19T08:00:00Z",
                "language": "en-GB",
                "note": "ignored",
                "extra": 3,
            }
        ),
        encoding="utf-8",
    )
    draft = load_file(tmp_path / "foo.txt")
    assert draft.title == "Sidecar title"
    assert draft.byline == "A. Writer"
    assert draft.outlet == "The Outlet"
    assert draft.url == "https://example.org/a"
    assert draft.published == "2024-06-19"
    assert draft.language == "en"


def test_broken_or_foreign_sidecar_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title A\n\nbody\n", encoding="utf-8")
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    assert load_file(tmp_path / "a.txt").title == "Title A"
    (tmp_path / "b.txt").write_text("Title B\n\nbody\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"file": "other.txt", "title": "X"}', encoding="utf-8")
    assert load_file(tmp_path / "b.txt").title == "Title B"
    (tmp_path / "c.txt").write_text("Title C\n\nbody\n", encoding="utf-8")
    (tmp_path / "c.json").write_text('["a", "list"]', encoding="utf-8")
    assert load_file(tmp_path / "c.txt").title == "Title C"


def test_bundled_sample_article_stays_byte_identical(tmp_path: Path) -> None:
    for name in ("kim-putin-alliance.txt", "kim-putin-alliance.json"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    raw = (SAMPLES / "kim-putin-alliance.txt").read_bytes()
    draft = load_file(tmp_path / "kim-putin-alliance.txt")
    assert draft.text == normalize(raw.decode("utf-8"))
    assert draft.text.encode("utf-8") == normalize(raw.decode("utf-8")).encode("utf-8")
    assert draft.original == raw
    assert (
        draft.title == "North Korea’s Kim Hails Russia Alliance, Promises Putin Support On Ukraine"
    )
    assert draft.byline == "Taejun Kang"
    assert draft.outlet == "Radio Free Asia"
    assert draft.published == "2024-06-19"
    assert draft.language == "en"


def test_offsets_stress_text_has_no_cr_and_is_nfc() -> None:
    path = FIXTURES / "offsets-stress.txt"
    raw = path.read_bytes()
    assert b"\r\n" in raw  # the fixture really has CRLF
    draft = load_file(path)
    assert "\r" not in draft.text
    assert unicodedata.is_normalized("NFC", draft.text)
    assert draft.text == normalize(decode_bytes(raw))
    assert draft.text.count("\n") == raw.count(b"\n")
    for piece in ("👨‍👩‍👧", "\u200b", "\u00ad", "José", "\t"):
        assert piece in draft.text


_TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from("\r\n\t")),
    min_size=1,
).filter(lambda t: t.strip())


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_any_utf8_text_loads_as_its_normalisation(text: str) -> None:
    draft = load_plaintext(text.encode("utf-8"), "h.txt")
    assert draft.text == normalize(text)
    assert "\r" not in draft.text
    assert unicodedata.is_normalized("NFC", draft.text)

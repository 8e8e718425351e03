"""Regressions found by the hostile-input corpus (tests/reliability/hostile): each bug
the corpus found in an importer or exporter has its focused test here."""

from __future__ import annotations

import io
import zipfile

import pytest

from annotator.domain.errors import BadInput
from annotator.domain.exchange import SetError
from annotator.formats.html import load_html
from annotator.formats.strict_json import load_json
from tests.formats.helpers import replace_in_zip

PARAGRAPH = "<p>The ministry said on Tuesday that the figures were revised after a review.</p>"


def _nested(depth: int) -> bytes:
    """The article's paragraphs inside ``depth`` unclosed ``<div>``s."""
    deep = "".join(f"<p>Paragraph {i} of the report, deep inside the page.</p>" for i in range(5))
    return f"<html><body>{'<div>' * depth}{PARAGRAPH}{deep}</body></html>".encode()


def test_a_page_nested_deeper_than_libxml2_reads_is_refused_not_cut_short() -> None:
    # libxml2 silently dropped everything below depth 256: the article lost its end
    with pytest.raises(BadInput, match=r"^deep\.html: is nested more than 256 elements deep"):
        load_html(_nested(300), "deep.html")
    with pytest.raises(BadInput, match="nested more than 256"):
        load_html(b"<html><body>" + b"<b>" * 100_000 + b"text</body></html>", "deep.html")


def test_a_page_nested_within_the_limit_keeps_all_its_text() -> None:
    draft = load_html(_nested(200), "fine.html")
    assert "Paragraph 0 of the report" in draft.text and "Paragraph 4 of the report" in draft.text


def test_a_deeply_nested_json_ld_block_costs_only_the_language() -> None:
    script = "[" * 100_000 + "]" * 100_000
    page = (
        f'<html><head><script type="application/ld+json">{script}</script></head>'
        f"<body><article>{PARAGRAPH * 3}</article></body></html>"
    ).encode()
    draft = load_html(page, "ld.html")
    assert draft.text.startswith("The ministry said on Tuesday")
    assert draft.language is None


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "x\\udc00y", "\\ud83d\\u0041"])
def test_a_lone_surrogate_escape_is_refused_by_strict_json(escape: str) -> None:
    # json.loads turns it into a str that SQLite (UTF-8) cannot store: the import failed
    # with UnicodeEncodeError instead of naming the bad string
    with pytest.raises(SetError, match="lone UTF-16 surrogate"):
        load_json(f'{{"note": "{escape}"}}'.encode(), "set.json")
    with pytest.raises(SetError, match="lone UTF-16 surrogate"):
        load_json(f'{{"{escape}": 1}}'.encode(), "set.json")


def test_a_surrogate_pair_escape_is_text() -> None:
    assert load_json(b'{"note": "\\ud83d\\ude00"}', "set.json") == {"note": "\U0001f600"}


def _ctx(tmp_path):
    from tests.reliability.hostile.cases import Context

    return Context(tmp_path, "http://127.0.0.1:9", "HOSTILE-SECRET-TEST")


@pytest.mark.parametrize("builder", ["docx_late_dtd", "docx_late_xxe", "docx_renamed_part"])
def test_a_docx_dtd_is_found_past_64_kb_and_in_a_part_with_any_name(tmp_path, builder) -> None:
    # the DTD check looked at the first 64 KB of parts named .xml/.rels only: a DTD
    # after a long comment, or in a main part named word/main.dat, went through
    from annotator.formats.docx import load_docx
    from tests.reliability.hostile import documents

    path = getattr(documents, builder)(_ctx(tmp_path))
    with pytest.raises(BadInput, match=r"contains a DTD, which Word documents never have"):
        load_docx(path.read_bytes(), path.name)


def test_a_docx_dtd_in_utf16_is_found(tmp_path) -> None:
    from annotator.formats.docx import load_docx
    from tests.reliability.hostile.documents import document_xml, make_docx

    document = document_xml(prolog="<!DOCTYPE w:document [<!ENTITY a 'b'>]>")
    document = document.replace("encoding='UTF-8'", "encoding='UTF-16'").encode("utf-16")
    data = make_docx(tmp_path / "utf16.docx").read_bytes()
    data = replace_in_zip(data, "word/document.xml", document)
    with pytest.raises(BadInput, match="contains a DTD"):
        load_docx(data, "utf16.docx")


def test_an_svg_image_with_a_doctype_does_not_stop_a_docx(tmp_path) -> None:
    from annotator.formats.docx import load_docx
    from tests.reliability.hostile.documents import TEXT, make_docx

    svg = b"<?xml version='1.0'?><!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN' 'x.dtd'><svg/>"
    data = make_docx(tmp_path / "svg.docx", extra={"word/media/image1.svg": svg}).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").decode()
    types = types.replace(
        "</Types>", "<Default Extension='svg' ContentType='image/svg+xml'/></Types>"
    )
    data = replace_in_zip(data, "[Content_Types].xml", types.encode())
    assert load_docx(data, "svg.docx").text == "\n\n".join(TEXT)


def test_a_sidecar_that_links_out_of_the_folder_is_not_read(tmp_path) -> None:
    from annotator.formats.importing import load_file

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.json").write_text('{"title": "SECRET TITLE"}', encoding="utf-8")
    folder = tmp_path / "import"
    folder.mkdir()
    article = folder / "note.txt"
    article.write_text("A note\n\nWith a linked sidecar.", encoding="utf-8")
    (folder / "note.json").symlink_to(outside / "secret.json")
    assert load_file(article).title == "A note"
    (folder / "note.json").unlink()
    (folder / "note.json").write_text('{"title": "Real title"}', encoding="utf-8")
    assert load_file(article).title == "Real title"


def test_brat_file_names_fit_the_file_system_and_avoid_devices() -> None:
    from annotator.formats.standoff import MAX_NAME_BYTES, file_name, reserved_name

    taken: set[str] = set()
    long = file_name("\U0001d54f" * 100, taken)  # 400 bytes of title; 255 is the limit
    assert len(long.encode()) <= MAX_NAME_BYTES
    again = file_name("\U0001d54f" * 100, taken)
    assert again.endswith("-2") and len(again.encode()) <= MAX_NAME_BYTES
    for title in ("AUX .txt", "COM\u00b9", "conin$", "LPT9.ann", "nul"):
        name = file_name(title, set())
        assert name.startswith("_") and not reserved_name(name)
    assert file_name("\u202egnp.exe", set()) == "gnp.exe"  # no right-to-left override


def test_brat_export_replaces_a_link_in_the_folder_instead_of_writing_through_it(
    tmp_path, project
) -> None:
    from annotator.core.exporting import export_to
    from tests.conftest import make_draft

    article = project.import_draft(make_draft("The United States says so.", title="Report"))
    project.create_annotation(article.article.id, 4, 17, "Claim")
    victim = tmp_path / "victim.txt"
    victim.write_text("unchanged", encoding="utf-8")
    folder = tmp_path / "brat"
    folder.mkdir()
    for leaf in ("Report.txt", "Report.ann"):
        (folder / leaf).symlink_to(victim)
    export_to(project, "brat", folder)
    assert victim.read_text(encoding="utf-8") == "unchanged"
    assert not (folder / "Report.ann").is_symlink()
    assert (folder / "Report.ann").read_text(encoding="utf-8").startswith("T1\tClaim 4 17")


def test_brat_export_of_a_very_long_title_writes_every_file(tmp_path, project) -> None:
    from annotator.core.exporting import export_to
    from tests.conftest import make_draft

    project.import_draft(make_draft("Some text here.", title="\U0001d54f" * 100))
    export_to(project, "brat", tmp_path / "brat")  # was OSError: File name too long
    assert len(list((tmp_path / "brat").glob("*.ann"))) == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("CON", "reserved device name"),
        ("nul.txt", "reserved device name"),
        ("COM1.jsonld", "reserved device name"),
        ("AUX .csv", "reserved device name"),
        ("a\x00b.jsonld", "NUL character"),
    ],
)
def test_export_refuses_output_names_that_are_devices_or_hold_nul(
    tmp_path, project, name, message
) -> None:
    from annotator.core.exporting import export_to
    from tests.conftest import make_draft

    project.import_draft(make_draft("Some text here."))
    with pytest.raises(BadInput, match=message):
        export_to(project, "w3c", tmp_path / name)
    assert list(tmp_path.iterdir()) == [tmp_path / "test.db"] or all(
        p.name.startswith("test.db") for p in tmp_path.iterdir()
    )

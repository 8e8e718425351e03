"""HTML import from saved news pages: main text, metadata, boilerplate, charsets, bombs."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from annotator.domain.errors import BadInput
from annotator.formats.html import load_html, sniff_charset
from annotator.formats.importing import load_file
from tests.formats.helpers import billion_laughs

HTML = Path(__file__).parent.parent / "fixtures" / "html"


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_news_page_main_text_and_metadata() -> None:
    draft = load_file(HTML / "daily-ledger-water.html")
    assert draft.source_format == "html"
    assert draft.media_type == "text/html"
    assert draft.title == "Council’s claim that tap water lead levels halved does not hold up"
    assert draft.byline == "Marisol Okafor"
    assert draft.outlet == "The Daily Ledger"
    assert draft.published == "2024-03-14"
    assert draft.url == "https://www.dailyledger.example/news/2024/03/14/council-lead-levels-claim"
    assert draft.language == "en"
    text = draft.text
    paragraphs = _paragraphs(text)
    assert paragraphs[0].startswith("The Eastfield city council said on Tuesday")
    assert "“We never said the work was finished,” council spokesperson Dana Whitlock" in text
    assert "“Comparing winter samples with summer samples" in text  # the blockquote
    assert paragraphs[-1].startswith("Verdict: the council’s claim")
    assert "misleading" in paragraphs[-1]  # text of <strong> kept inline
    for boilerplate in (
        "We use cookies",  # cookie banner
        "Subscribe for 99 cents",  # nav menu
        "Most read",  # sidebar
        "Pipe replacement programme runs over budget",  # related links
        "waterwatcher88",  # comments
        "Finally someone checks",
        "All rights reserved",  # footer
        "Privacy policy",
        "Share on Facebook",
        "gtag",  # script
        "INJECTED BY SCRIPT",
        "cookie-banner",  # style
        "Advertisement",
    ):
        assert boilerplate not in text, boilerplate
    assert "\r" not in text and "\n\n\n" not in text
    assert unicodedata.is_normalized("NFC", text)


def test_windows_1252_page_declared_by_meta() -> None:
    raw = (HTML / "gazette-cp1252.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert sniff_charset(raw) == "windows-1252"
    draft = load_file(HTML / "gazette-cp1252.html")
    assert draft.title == "Budget : le maire surestime les économies de l’éclairage public"
    assert draft.byline == "Hélène Lefèvre"
    assert draft.outlet == "La Gazette du Nord"
    assert draft.published == "2023-11-07"
    assert draft.language == "fr"
    assert draft.url == "https://www.gazettedunord.example/politique/budget-eclairage-public"
    text = draft.text
    assert "« d’économiser plus de deux millions d’euros en deux ans »" in text
    assert "Le coût des travaux, 850 000 €, n’est pas déduit." in text
    assert "L’œuvre de rénovation" in text  # œ exists in windows-1252, not in latin-1
    assert "Notre verdict : l’économie est réelle" in text
    for boilerplate in (
        "Gérard59",
        "Réactions des lecteurs",
        "cookies",
        "Mentions légales",
        "À lire aussi",
        "Abonnez-vous",
        "_paq",
    ):
        assert boilerplate not in text, boilerplate
    # the layout table does not glue paragraphs together
    assert any(p.startswith("Les comptes administratifs") for p in _paragraphs(text))


def test_browser_saved_page_uses_saved_from_url_and_keeps_line_breaks() -> None:
    draft = load_file(HTML / "saved-wire-grain.html")
    assert draft.title == "Grain corridor shipments: what the ministry figures show"
    assert draft.byline == "Tomasz Wierzbicki; Amina Yusuf"
    assert draft.published == "2024-05-02"
    assert draft.url == "https://news.northwire.example/world/2024/05/02/grain-corridor-shipments"
    assert draft.outlet == "news.northwire.example"
    assert draft.language == "en"
    text = draft.text
    assert text.startswith("KYIV, May 2 (Northwire) - The agriculture ministry said on Thursday")
    # <br> inside a paragraph is one newline, paragraphs are separated by a blank line
    assert "an analyst at a Kyiv brokerage.\nShe added that insurance costs" in text
    assert "\n\nThe ministry did not respond" in text
    for boilerplate in (
        "842 partners",
        "Sign in",
        "Read next",
        "Oil prices steady",
        "grainfan",
        "Shipping insurers",
        "All quotes delayed",
        "Careers",
    ):
        assert boilerplate not in text, boilerplate


def test_transport_charset_wins_over_meta() -> None:
    body = "<html><head><meta charset='windows-1252'></head><body><p>Zürich – naïve ✓</p>"
    draft = load_html(body.encode("utf-8"), "x.html", charset="utf-8")
    assert "Zürich – naïve ✓" in draft.text


def test_latin1_label_means_windows_1252() -> None:
    body = "<html><head><meta charset=iso-8859-1></head><body><p>“Quoted” – 5 €</p></body></html>"
    draft = load_html(body.encode("cp1252"), "x.html")
    assert draft.text == "“Quoted” – 5 €"


def test_tables_lists_and_breaks_paragraph_convention() -> None:
    page = (
        "<html><head><title>Figures</title></head><body><article><h1>Budget figures</h1>"
        "<p>The ministry published these figures for three years, which we checked against "
        "the treasury's own reports and the audit office's review of public spending.</p>"
        "<table><tr><th>Year</th><th>Spending</th></tr><tr><td>2021</td><td>1.2 bn</td></tr>"
        "</table><ul><li>First finding of the review of spending.</li>"
        "<li>Second<br>finding.</li></ul>"
        "<p>The figures match the treasury data in every year except 2022.</p>"
        "</article></body></html>"
    )
    draft = load_html(page.encode(), "t.html")
    assert draft.title == "Budget figures"  # trafilatura prefers the <h1> to <title>
    assert _paragraphs(draft.text) == [
        "Budget figures",
        "The ministry published these figures for three years, which we checked against the "
        "treasury's own reports and the audit office's review of public spending.",
        "Year\tSpending",
        "2021\t1.2 bn",
        "First finding of the review of spending.",
        "Second\nfinding.",
        "The figures match the treasury data in every year except 2022.",
    ]


def test_fallback_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import annotator.formats.html as html_module

    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", lambda *a, **k: None)
    page = (
        "<html lang='de'><head><title>Titel</title><script>var x = 'SCRIPT';</script>"
        "<style>p{color:red}</style></head><body><nav>MENU</nav><header>HEAD</header>"
        "<div><h1>Überschrift</h1><p>Erster Absatz.</p><p>Zweiter<br>Absatz.</p></div>"
        "<aside>SIDEBAR</aside><form>FORM</form><footer>FOOTER</footer></body></html>"
    )
    draft = load_html(page.encode(), "f.html")
    assert draft.text == "Überschrift\n\nErster Absatz.\n\nZweiter\nAbsatz."
    assert draft.title in ("Titel", "Überschrift")
    assert draft.language == "de"


def test_billion_laughs_html_stays_inert() -> None:
    page = billion_laughs("html") + "<html><body><p>Safe text &lol9; here.</p></body></html>"
    start = time.perf_counter()
    draft = load_html(page.encode(), "bomb.html")
    assert time.perf_counter() - start < 30  # a guard against expanding it, not a speed goal
    assert "Safe text" in draft.text
    assert len(draft.text) < 1000
    assert "lollollol" not in draft.text and "ENTITY" not in draft.text


def test_billion_laughs_xhtml_file_stays_inert(tmp_path: Path) -> None:
    page = billion_laughs("html") + (
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title></head>'
        "<body><p>Plain paragraph &lol9; &amp; more.</p></body></html>"
    )
    path = tmp_path / "bomb.xhtml"
    path.write_text(page, encoding="utf-8")
    draft = load_file(path)
    assert draft.media_type == "application/xhtml+xml"
    assert "Plain paragraph" in draft.text and len(draft.text) < 1000


def test_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        "<html><body><p>Before &xxe; after.</p></body></html>"
    )
    draft = load_html(page.encode(), "xxe.html")
    assert "TOP-SECRET-CONTENT" not in draft.text
    assert "Before" in draft.text


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>Only a title</title></head><body></body></html>",
        b"<html><body><script>var x = 1;</script><style>p{}</style></body></html>",
        b"   <!-- nothing -->   ",
    ],
)
def test_page_without_text_is_bad_input(page: bytes) -> None:
    with pytest.raises(BadInput, match=r"^empty\.html: .*no text"):
        load_html(page, "empty.html")


def test_commentary_is_not_mistaken_for_comments() -> None:
    body = " ".join(
        f"Sentence {i} of the columnist's argument about the budget." for i in range(12)
    )
    page = (
        "<html><body><div class='commentary-body'><h2>Why the numbers matter</h2>"
        f"<p>{body}</p><p>Second paragraph of the column, still the article.</p></div>"
        "<div class='comments'><p>Reader: I disagree strongly with this column!</p></div>"
        "</body></html>"
    )
    text = load_html(page.encode(), "column.html").text
    assert "Sentence 11 of the columnist's argument" in text
    assert "Second paragraph of the column" in text
    assert "I disagree strongly" not in text

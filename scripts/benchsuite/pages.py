"""Realistic generated HTML news pages for the import benchmark (figure 5).

Each page has 3–8 KB of article text in one of several layouts (HTML5 ``<article>``,
nested ``<div>`` templates, a table-based legacy page), with the furniture real pages
carry: navigation, breadcrumbs, a byline and date, OpenGraph and JSON-LD metadata,
pull quotes, lists, figures with captions, a "related" aside, reader comments, a
cookie banner and a footer. Deterministic for a given seed.
"""

from __future__ import annotations

import html
import json
import random
from pathlib import Path

SUBJECTS = [
    "The United States",
    "Officials in Seoul",
    "The Kremlin",
    "North Korea's foreign ministry",
    "A senior diplomat",
    "Analysts at the institute",
    "The defence ministry",
    "Satellite imagery",
    "A spokesperson for the mission",
    "Independent monitors",
]
VERBS = [
    "said",
    "denied",
    "confirmed",
    "claimed",
    "reported",
    "warned",
    "suggested",
    "insisted",
    "acknowledged",
    "disputed",
]
OBJECTS = [
    "that artillery rounds had been shipped by rail",
    "that the agreement covers military cooperation",
    "reports of missile transfers across the border",
    "that sanctions were being violated at several ports",
    "the figures published earlier this week",
    "that talks would resume in the capital next month",
    "any involvement in the weapons programme",
    "that the satellite launch used foreign components",
    "that the shipments began last autumn",
    "the account given by the other side",
]
TAILS = [
    "according to people familiar with the matter",
    "in a statement on Tuesday",
    "without offering evidence",
    "citing intelligence assessments",
    "during a press briefing",
    "in comments carried by state media",
    "although details remain unclear",
    "as pressure mounted on both governments",
]
OUTLETS = ["Daily Ledger", "The Morning Post", "Global Wire", "Northern Times", "City Herald"]
AUTHORS = ["Jane Park", "Min-jun Lee", "Olga Ivanova", "Tom Becker", "Sara Haddad", "Ken Ito"]
SECTIONS = ["World", "Asia", "Politics", "Security", "Analysis"]


def sentence(rng: random.Random) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.6:
        text += f", {rng.choice(TAILS)}"
    return text + "."


def paragraphs(rng: random.Random, target_bytes: int) -> list[str]:
    out: list[str] = []
    size = 0
    while size < target_bytes:
        p = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        if rng.random() < 0.2:
            p = f"“{p[:-1]},” {rng.choice(AUTHORS).split()[0]} told reporters."
        out.append(p)
        size += len(p.encode()) + 1
    return out


def _nav(rng: random.Random) -> str:
    links = "".join(
        f'<li><a href="/{s.lower()}">{s}</a></li>'
        for s in rng.sample(SECTIONS + ["Sport", "Culture", "Opinion"], 6)
    )
    return f'<nav class="site-nav"><ul>{links}</ul><form><input name="q"></form></nav>'


def _comments(rng: random.Random) -> str:
    items = "".join(
        f'<li class="comment"><b>{rng.choice(["reader42", "kim_watcher", "anon", "P. S."])}</b>'
        f"<p>{html.escape(sentence(rng))}</p></li>"
        for _ in range(rng.randint(2, 9))
    )
    return f'<section id="comments" class="comments"><h3>Comments</h3><ol>{items}</ol></section>'


def _related(rng: random.Random) -> str:
    items = "".join(
        f'<li><a href="/story/{rng.randint(1000, 9999)}">{html.escape(sentence(rng))}</a></li>'
        for _ in range(4)
    )
    return f'<aside class="related"><h4>Related</h4><ul>{items}</ul></aside>'


def _body(rng: random.Random, paras: list[str]) -> str:
    parts = []
    for i, p in enumerate(paras):
        parts.append(f"<p>{html.escape(p)}</p>")
        roll = rng.random()
        if i == 2 and roll < 0.5:
            parts.append(f"<blockquote>{html.escape(sentence(rng))}</blockquote>")
        elif i == 4 and roll < 0.4:
            items = "".join(f"<li>{html.escape(sentence(rng))}</li>" for _ in range(3))
            parts.append(f"<ul>{items}</ul>")
        elif i == 3 and roll < 0.4:
            parts.append(
                '<figure><img src="/img/photo.jpg" alt="">'
                f"<figcaption>{html.escape(sentence(rng))}</figcaption></figure>"
            )
        elif i % 5 == 4 and roll < 0.3:
            parts.append(f"<h2>{html.escape(rng.choice(OBJECTS).capitalize())}</h2>")
    return "\n".join(parts)


def page(index: int, rng: random.Random) -> str:
    """One news page of 3–8 KB of article text."""
    paras = paragraphs(rng, rng.randint(3_000, 8_000))
    title = html.escape(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}")
    author = rng.choice(AUTHORS)
    outlet = rng.choice(OUTLETS)
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    url = f"https://news.example/{date.replace('-', '/')}/story-{index}"
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": html.unescape(title),
            "author": {"@type": "Person", "name": author},
            "datePublished": date,
            "publisher": {"@type": "Organization", "name": outlet},
        }
    )
    head = (
        f'<head><meta charset="utf-8"><title>{title} | {outlet}</title>'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{outlet}">'
        f'<link rel="canonical" href="{url}">'
        f'<script type="application/ld+json">{ld}</script>'
        "<style>body{font-family:serif}</style><script>var ads=[];</script></head>"
    )
    byline = f'<p class="byline">By <a rel="author" href="/a/{index}">{author}</a></p>'
    stamp = f'<time datetime="{date}">{date}</time>'
    crumbs = f'<div class="breadcrumbs"><a href="/">Home</a> › {rng.choice(SECTIONS)}</div>'
    cookie = '<div class="cookie-banner">We use cookies. <button>Accept</button></div>'
    footer = f"<footer><p>© 2024 {outlet}</p><a href='/privacy'>Privacy</a></footer>"
    body = _body(rng, paras)
    layout = index % 3
    if layout == 0:
        main = (
            f"<main><article><header><h1>{title}</h1>{byline}{stamp}</header>"
            f"<div class='article-body'>{body}</div></article>{_related(rng)}</main>"
        )
    elif layout == 1:
        main = (
            f'<div id="wrapper"><div class="content"><div class="story">'
            f'<h1 class="headline">{title}</h1><div class="meta">{byline} {stamp}</div>'
            f'<div class="story-body">{body}</div></div>{_related(rng)}</div></div>'
        )
    else:
        main = (
            f'<table width="100%"><tr><td class="left">{_related(rng)}</td>'
            f'<td class="main"><h1>{title}</h1>{byline}<span>{stamp}</span>'
            f"<div>{body}</div></td></tr></table>"
        )
    comments = _comments(rng) if rng.random() < 0.7 else ""
    return (
        f'<!DOCTYPE html><html lang="en">{head}<body>{cookie}<header class="site">'
        f"{_nav(rng)}{crumbs}</header>{main}{comments}{footer}</body></html>\n"
    )


def write_pages(folder: Path, n: int, seed: int = 5) -> list[str]:
    """Write ``n`` pages (``page-0000.html`` …) into ``folder``; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"page-{i:04d}.html"
        path.write_text(page(i, rng), encoding="utf-8")
        paths.append(str(path))
    return paths

"""Re-anchoring: each stage on small cases, then the figures on edited versions of the
sample article (and a 200 KB synthetic text) — right place or orphan, never a wrong one."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

from annotator.core.anchoring import anchor
from annotator.domain.exchange import SetAnnotation
from annotator.domain.text import quote_at

ROOT = Path(__file__).resolve().parents[2]

TEXT = (
    "The United States says North Korea has supplied Russia with artillery rounds. "
    "Both Russia and North Korea deny that. Kim said the pact was historic. "
    "Later, Putin said the pact was historic too, and Kim said nothing more."
)


def _set(text: str, quote: str, occurrence: int = 0, **kw) -> SetAnnotation:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    q = quote_at(text, start, start + len(quote))
    fields = {"prefix": q.prefix, "suffix": q.suffix, "start": start, "end": start + len(quote)}
    fields.update(kw)
    return SetAnnotation("Claim", quote, **fields)


def test_exact_position() -> None:
    a = _set(TEXT, "artillery rounds")
    place = anchor(TEXT, a)
    assert (place.kind, place.start, place.end, place.score) == ("exact", a.start, a.end, 1.0)


def test_quote_moved_is_found_by_its_context() -> None:
    a = _set(TEXT, "Kim said", 0)
    moved = "A new opening sentence. " + TEXT
    place = anchor(moved, a)
    assert place.kind == "reanchored"
    assert moved[place.start : place.end] == "Kim said"
    assert place.start == TEXT.index("Kim said") + len("A new opening sentence. ")


def test_context_chooses_between_occurrences() -> None:
    second = _set(TEXT, "Kim said", 1)
    shifted = "Intro. " + TEXT
    place = anchor(shifted, second)
    assert place.start == TEXT.index("Kim said", TEXT.index("Kim said") + 1) + len("Intro. ")


def test_equal_contexts_take_the_nearest_occurrence() -> None:
    block = "Officials deny it. "
    text = block * 3
    a = SetAnnotation("Claim", "deny it", start=text.rindex("deny it") + 2, end=None)
    place = anchor(text, a)
    assert place.start == text.rindex("deny it")


def test_ambiguous_without_position_is_an_orphan() -> None:
    text = "Officials deny it. " * 3
    a = SetAnnotation("Claim", "deny it", prefix="Officials ", suffix=". Officials")
    assert anchor(text, a).kind == "orphan"


def test_short_quote_whose_context_is_gone_is_not_trusted() -> None:
    a = _set(TEXT, "Kim said", 0)
    # the sentence with the first "Kim said" is deleted; the other one has another context
    edited = TEXT.replace("Kim said the pact was historic. ", "")
    assert anchor(edited, a).kind == "orphan"


def test_white_space_and_typographic_quotes_are_flexible() -> None:
    a = _set(TEXT, "Both Russia and North Korea deny that")
    edited = TEXT.replace("Both Russia and North Korea", "Both Russia\nand  North\u00a0Korea")
    place = anchor(edited, a)
    assert place.kind == "reanchored"
    assert edited[place.start : place.end] == "Both Russia\nand  North\u00a0Korea deny that"


def test_fuzzy_word_changed_inside_the_quote() -> None:
    a = _set(TEXT, "North Korea has supplied Russia with artillery rounds")
    edited = ("Seoul, June 19. " + TEXT).replace("has supplied", "has shipped")
    place = anchor(edited, a)
    assert place.kind == "reanchored"
    assert edited[place.start : place.end] == "North Korea has shipped Russia with artillery rounds"
    assert 0 < place.score < 1


def test_fuzzy_refuses_a_different_passage() -> None:
    a = _set(TEXT, "North Korea has supplied Russia with artillery rounds")
    other = "Analysts expect more talks next month; nothing about weapons was said. " * 5
    assert anchor(other, a).kind == "orphan"


def test_empty_quote_and_no_source_text_is_an_orphan() -> None:
    assert anchor(TEXT, SetAnnotation("Claim", "", start=5, end=2)).kind == "orphan"


def test_source_text_gives_quote_and_context() -> None:
    source = "Intro. " + TEXT
    start = source.index("artillery rounds")
    a = SetAnnotation("Claim", "", start=start, end=start + len("artillery rounds"))
    place = anchor(TEXT, a, source_text=source)
    assert TEXT[place.start : place.end] == "artillery rounds"
    assert place.kind == "reanchored"


def test_offsets_out_of_range_fall_back_to_the_quote() -> None:
    a = _set(TEXT, "artillery rounds", start=10_000, end=10_016)
    place = anchor(TEXT, a)
    assert TEXT[place.start : place.end] == "artillery rounds"


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_anchoring", ROOT / "scripts" / "bench_anchoring.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_anchoring", module)
    spec.loader.exec_module(module)
    return module


def test_figures_on_the_edited_sample_and_a_large_text() -> None:
    bench = _bench()
    table = bench.run(seeds=20)
    print("\n" + bench.format_table(table))
    for name, figures in table.items():
        assert figures.misplaced == 0, name
        assert figures.correct_share >= 0.99, (name, figures)
        assert figures.survivors > 0.8 * figures.annotations, name


def test_thousands_of_annotations_on_a_long_text_are_fast() -> None:
    bench = _bench()
    text, annotations = bench.synthetic(1_500_000, 3000, seed=3)
    edited = "An inserted first paragraph.\n\n" + text
    started = time.perf_counter()
    places = [anchor(edited, a) for a in annotations]
    seconds = time.perf_counter() - started
    print(f"\n3,000 annotations re-anchored on a 1.5 MB text in {seconds:.2f} s")
    assert sum(p.kind == "reanchored" for p in places) > 0.95 * len(annotations)
    assert seconds < 30

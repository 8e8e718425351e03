"""Agreement figures against small cases computed by hand (the computation in comments)."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest

from annotator.domain.agreement import (
    Span,
    alpha_nominal,
    char_kappa,
    char_pairs,
    compare,
    exact_f1,
    max_matching,
    measure,
    overlap_f1,
)

# A text of 20 code points.
#   A = {Claim 0-5, Source 10-15}
#   B = {Claim 0-5, Source 11-15, Denial 16-18}
A = [Span(0, 5, "Claim", "a1"), Span(10, 15, "Source", "a2")]
B = [Span(0, 5, "Claim", "b1"), Span(11, 15, "Source", "b2"), Span(16, 18, "Denial", "b3")]
N = 20


def test_exact_f1_by_hand() -> None:
    # one exact match (Claim 0-5): F1 = 2·1 / (2 + 3) = 0.4
    assert exact_f1(A, B) == pytest.approx(0.4)
    # per tag: Claim 2·1/(1+1) = 1; Source 2·0/(1+1) = 0; Denial 2·0/(0+1) = 0
    assert exact_f1(A, B, "Claim") == 1.0
    assert exact_f1(A, B, "Source") == 0.0
    assert exact_f1(A, B, "Denial") == 0.0
    # a tag neither uses: both empty, undefined
    assert exact_f1(A, B, "Evidence") is None
    assert exact_f1([], []) is None


def test_exact_matches_are_one_to_one() -> None:
    # A has the same span twice, B once: one match; F1 = 2·1/(2+1) = 2/3
    a = [Span(0, 5, "Claim", "x"), Span(0, 5, "Claim", "y")]
    assert exact_f1(a, [Span(0, 5, "Claim", "z")]) == pytest.approx(2 / 3)


def test_overlap_f1_by_hand() -> None:
    # Claim 0-5 ~ Claim 0-5, Source 10-15 ~ Source 11-15: 2 matches; F1 = 2·2/5 = 0.8
    assert overlap_f1(A, B) == pytest.approx(0.8)
    assert overlap_f1(A, B, "Source") == 1.0
    assert overlap_f1(A, B, "Denial") == 0.0
    assert overlap_f1([], [], "Claim") is None
    # touching is not overlapping (end exclusive); another tag never matches
    assert overlap_f1([Span(0, 5, "Claim")], [Span(5, 9, "Claim")]) == 0.0
    assert overlap_f1([Span(0, 5, "Claim")], [Span(0, 5, "Source")]) == 0.0


def test_overlap_matching_is_maximum_not_greedy() -> None:
    # A1 = 0-10 overlaps B1 = 2-10 (8) and B2 = 9-20 (1); A2 = 0-3 overlaps only B1 (1).
    # Greedy by largest overlap pairs A1-B1 and leaves A2 alone (1 match); the maximum
    # matching pairs A1-B2 and A2-B1: 2 matches, F1 = 2·2/(2+2) = 1.
    a = [Span(0, 10, "Claim", "A1"), Span(0, 3, "Claim", "A2")]
    b = [Span(2, 10, "Claim", "B1"), Span(9, 20, "Claim", "B2")]
    assert overlap_f1(a, b) == 1.0
    assert len(max_matching(sorted(a), sorted(b))) == 2


def test_char_kappa_by_hand() -> None:
    # Source: A marks 10..14 (5), B marks 11..14 (4). Agreement: 4 both in + 15 both out
    # = 19, pₒ = 19/20 = 0.95; p_A = 0.25, p_B = 0.2, pₑ = 0.25·0.2 + 0.75·0.8 = 0.65;
    # κ = (0.95 − 0.65) / (1 − 0.65) = 0.30 / 0.35 = 6/7
    assert char_kappa(N, A, B, "Source") == pytest.approx(6 / 7)
    # Claim: the same 5 code points: pₒ = 1, pₑ = 0.0625 + 0.5625 = 0.625, κ = 1
    assert char_kappa(N, A, B, "Claim") == pytest.approx(1.0)
    # Denial: A none, B 2: pₒ = 18/20 = 0.9, pₑ = 0·0.1 + 1·0.9 = 0.9, κ = 0/0.1 = 0
    assert char_kappa(N, A, B, "Denial") == pytest.approx(0.0)


def test_char_kappa_undefined_when_expected_agreement_is_one() -> None:
    # neither marks a Claim: p_A = p_B = 0, pₑ = 1 → undefined
    assert char_kappa(N, A, B, "Evidence") is None
    # both mark every code point: p_A = p_B = 1, pₑ = 1 → undefined
    whole = [Span(0, N, "Claim")]
    assert char_kappa(N, whole, whole, "Claim") is None
    assert char_kappa(0, [], [], "Claim") is None


def test_char_kappa_counts_overlapping_spans_once() -> None:
    # A's two Claims 0-6 and 4-10 cover 0..9 (10 code points); B covers 0..9 too: κ = 1
    a = [Span(0, 6, "Claim"), Span(4, 10, "Claim")]
    assert char_kappa(N, a, [Span(0, 10, "Claim")], "Claim") == pytest.approx(1.0)


def test_alpha_by_hand_and_with_the_package() -> None:
    # per code point (A's value, B's value): (Claim, Claim) ×5, (none, none) ×8 (5..9, 15,
    # 18, 19), (Source, none) ×1 (10), (Source, Source) ×4, (none, Denial) ×2 (16, 17).
    pairs = char_pairs(N, A, B)
    assert pairs == {
        (("Claim",), ("Claim",)): 5,
        ((), ()): 8,
        (("Source",), ()): 1,
        (("Source",), ("Source",)): 4,
        ((), ("Denial",)): 2,
    }
    # coincidences (both orders): o_CC = 10, o_nn = 16, o_SS = 8, o_Sn = o_nS = 1,
    # o_nD = o_Dn = 2; n = 40; n_C = 10, n_none = 19, n_S = 9, n_D = 2.
    # Σ_{c≠k} o_ck = 6; Σ_{c≠k} n_c·n_k = 40² − (100 + 361 + 81 + 4) = 1054
    # α = 1 − (n − 1)·6 / 1054 = 1 − 39·6/1054 = 1 − 234/1054 = 410/527 ≈ 0.77799
    assert alpha_nominal(pairs) == pytest.approx(410 / 527)
    cats = {"C": 0, "n": 1, "S": 2, "D": 3}
    row_a = "CCCCC" + "nnnnn" + "SSSSS" + "nnnnn"
    row_b = "CCCCC" + "nnnnnn" + "SSSS" + "n" + "DD" + "nn"
    data = np.array([[cats[c] for c in row_a], [cats[c] for c in row_b]], dtype=float)
    package = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert package == pytest.approx(410 / 527)


def test_alpha_categories_are_tag_sets() -> None:
    # code points under Claim and Source are one value, ("Claim", "Source")
    a = [Span(0, 4, "Claim"), Span(2, 6, "Source")]
    pairs = char_pairs(8, a, a)
    assert pairs[(("Claim", "Source"), ("Claim", "Source"))] == 2
    assert alpha_nominal(pairs) == pytest.approx(1.0)


def test_alpha_undefined_with_one_value() -> None:
    # nobody marks anything: every code point is "none" for both, no expected disagreement
    assert alpha_nominal(char_pairs(N, [], [])) is None
    assert measure(N, [], []).alpha is None
    assert measure(0, [], []).alpha is None


def test_measure_gathers_every_figure() -> None:
    result = measure(N, A, B, tags=["Claim", "Source", "Denial", "Evidence"])
    assert result.exact_f1 == pytest.approx(0.4)
    assert result.overlap_f1 == pytest.approx(0.8)
    assert result.alpha == pytest.approx(410 / 527)
    assert list(result.per_tag) == ["Claim", "Source", "Denial"]  # the tag set's order
    assert result.per_tag["Source"].kappa == pytest.approx(6 / 7)
    assert result.per_tag["Source"].exact_f1 == 0.0
    assert result.per_tag["Source"].overlap_f1 == 1.0
    assert (result.a_count, result.b_count, result.exact_matches, result.overlap_matches) == (
        2,
        3,
        1,
        2,
    )
    empty = measure(N, [], [])
    assert (empty.exact_f1, empty.overlap_f1, empty.per_tag) == (None, None, {})


def test_compare_marks_each_difference() -> None:
    a = [
        Span(0, 5, "Claim", "a-same"),
        Span(10, 15, "Source", "a-shift"),
        Span(20, 25, "Claim", "a-tag"),
        Span(30, 35, "Evidence", "a-only"),
    ]
    b = [
        Span(0, 5, "Claim", "b-same"),
        Span(11, 16, "Source", "b-shift"),
        Span(20, 25, "Denial", "b-tag"),
        Span(40, 45, "Claim", "b-only"),
    ]
    got = [(d.kind, d.a and d.a.id, d.b and d.b.id) for d in compare(a, b)]
    assert got == [
        ("same", "a-same", "b-same"),
        ("other_bounds", "a-shift", "b-shift"),
        ("other_tag", "a-tag", "b-tag"),
        ("only_a", "a-only", None),
        ("only_b", None, "b-only"),
    ]
    # every span exactly once, and the result does not depend on the input order
    assert compare(list(reversed(a)), list(reversed(b))) == compare(a, b)


def test_compare_pairs_one_to_one() -> None:
    # A twice the same Claim, B once: one "same", one "only_a"
    a = [Span(0, 5, "Claim", "x"), Span(0, 5, "Claim", "y")]
    kinds = [d.kind for d in compare(a, [Span(0, 5, "Claim", "z")])]
    assert kinds == ["same", "only_a"]
    # the same span: an exact match is preferred to another tag
    b = [Span(0, 5, "Denial", "d"), Span(0, 5, "Claim", "c")]
    got = [(d.kind, d.b and d.b.id) for d in compare([Span(0, 5, "Claim", "x")], b)]
    assert got == [("same", "c"), ("only_b", "d")]

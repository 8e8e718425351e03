"""The offset map from a file's raw text to the text an import stores."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.domain.text import normalize
from annotator.formats.standoff import NormalizedText

PIECES = ["a", "b", " ", "\r", "\n", "\r\n", "e\u0301", "é", "👍🏽", "o\u0308\u0301", "\u2028"]


@given(st.booleans(), st.lists(st.sampled_from(PIECES), max_size=14))
def test_slices_of_the_raw_text_map_onto_the_stored_text(bom: bool, pieces: list[str]) -> None:
    raw = ("\ufeff" if bom else "") + "".join(pieces)
    doc = NormalizedText(raw)
    assert doc.text == normalize(raw)
    bounds = [int(bom)]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    # a cut between the CR and LF of a CRLF has no counterpart in the stored text
    bounds = [b for b in bounds if not (0 < b < len(raw) and raw[b - 1 : b + 1] == "\r\n")]
    for i, s in enumerate(bounds):
        for e in bounds[i:]:
            assert doc.text[doc.to_stored(s) : doc.to_stored(e)] == normalize(raw[s:e])
    assert doc.to_stored(0) == 0 and doc.to_stored(len(raw)) == len(doc.text)

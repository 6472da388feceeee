"""``sentence_units`` says units are spaceless only for a text without half-width sentence
ends, so ``comparison_keys`` of spaceless units need not look for ``!?;`` to fold them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.sentences import HALF_ENDS, comparison_key, comparison_keys, sentence_units

PARTS = ["建立制度", "。", "；", "”", "\n", "一、", "（二）", "(3)", ",", ":", "!", "?", ";", "a", " "]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PARTS), max_size=30).map("".join), st.booleans())
def test_spaceless_units_hold_no_half_width_end(text, wrapped) -> None:
    _starts, texts, spaceless = sentence_units(text, wrapped)
    if any(end in text for end in HALF_ENDS):
        assert not spaceless
    assert comparison_keys(texts, spaceless) == [comparison_key(t) for t in texts]

"""width: the bracket pairing read backwards in two windows is the stack pair, with pairs
around the near window's edge too; Chinese inside a bracket pair read through the kind
cache is the old per-character test (``_is_chinese`` and not written by the stage)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.stages.width import _KINDS, _NEAR_BRACKET, _OWN_OUTPUT, _holds_chinese, _is_chinese, _partner
from test_width_brackets import stack_pairs

GAPS = st.one_of(st.integers(0, 3), st.integers(_NEAR_BRACKET - 3, _NEAR_BRACKET + 2)).map("文".__mul__)
PIECES = st.tuples(st.sampled_from("(（)）"), GAPS).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_partner_is_the_stack_pair_around_the_near_window(text: str) -> None:
    pairs = stack_pairs(text)
    for i, ch in enumerate(text):
        if ch in "(（)）":
            assert _partner(text, i) == pairs.get(i), (i, text)


def test_holds_chinese_is_the_per_character_test() -> None:
    # Each character twice: with the kind cache cold, then warm.
    for _ in range(2):
        for cp in range(0x10000):
            ch = chr(cp)
            assert _holds_chinese(ch, 0, 1) == (_is_chinese(ch) and ch not in _OWN_OUTPUT), hex(cp)
    _KINDS.clear()


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from("文，。（）：a1 “”\u3000(),"), max_size=12),
    st.integers(0, 12),
    st.integers(0, 12),
)
def test_holds_chinese_in_a_span(text: str, start: int, end: int) -> None:
    found = _holds_chinese(text, start, end)
    assert found == any(_is_chinese(ch) and ch not in _OWN_OUTPUT for ch in text[start:end])

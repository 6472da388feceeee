"""width: the local bracket pairing agrees with a stack run over the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.stages.width import _NEAR_BRACKET, MAX_BRACKET, _partner


def stack_pairs(text: str) -> dict[int, int]:
    """The reference: one stack from the start, pairs no longer than MAX_BRACKET."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            j = stack.pop()
            if i - j <= MAX_BRACKET:
                pairs[j] = i
                pairs[i] = j
    return pairs


# Brackets with gaps of text, some of them putting pairs right at MAX_BRACKET, or at the
# edge of the window _partner searches first (_NEAR_BRACKET).
GAPS = st.one_of(
    st.integers(0, 3),
    st.integers(MAX_BRACKET - 4, MAX_BRACKET + 1),
    st.integers(_NEAR_BRACKET - 3, _NEAR_BRACKET + 2),
).map("文".__mul__)
PIECES = st.tuples(st.sampled_from("(（)）"), GAPS).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_partner_is_the_stack_pair(text: str) -> None:
    pairs = stack_pairs(text)
    for i, ch in enumerate(text):
        if ch in "(（)）":
            assert _partner(text, i) == pairs.get(i), (i, text)

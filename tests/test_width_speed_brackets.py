"""width: Chinese inside a bracket pair read through the kind cache is the old
per-character test (``_is_chinese`` and not written by the stage). (The bracket pairing
read backwards in two windows is checked against the stack pair in test_width_brackets,
with pairs around the near window's edge.)"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.stages.width import _KINDS, _OWN_OUTPUT, _holds_chinese, _is_chinese


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

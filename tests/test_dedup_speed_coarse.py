"""dedup reads usable keys and coarse keys from one encoding: the same as reading them apart."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.stages import dedup

# 一 and 开 (low byte 0, read as 1 and 2), other characters of low byte 0 (最 U+6700,
# U+0100), the separator's block, the hexagrams, a character beyond the BMP, a lone
# surrogate, and characters of low bytes 1 and 2 (丁 U+4E01, U+5F02).
ALPHABET = "一开最\u0100\ue000\ue001\u4dc0\U00020000\ud800丁\u5f02建立，。0１a \u3000"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=12), max_size=12))
def test_usable_and_coarse_keys_are_read_as_apart(keys) -> None:
    usable, coarse = dedup._usable_and_coarse(keys)
    assert usable == dedup._usable(keys)
    assert coarse is None or coarse == [dedup._low_bytes(key) for key in keys]


def test_coarse_keys_are_read_from_the_usual_keys() -> None:
    keys = ["建立一项制度。", "开展监督", "", "a1"]
    assert dedup._usable_and_coarse(keys) == ([0, 1], [dedup._low_bytes(key) for key in keys])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="建立制度一开最，。0", max_size=14), max_size=16),
    st.sampled_from([0.0, 50.0, 88.0, 90.0, 100.0]),
)
def test_seed_pairs_from_the_coarse_keys_read_already(keys, threshold) -> None:
    usable, coarse = dedup._usable_and_coarse(keys)
    assert dedup._seed_pairs(keys, usable, threshold, coarse) == dedup._seed_pairs(keys, usable, threshold)

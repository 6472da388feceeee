"""dedup reads the keys joined as ``joined_comparison_keys`` made them: the same keys, the
same join, so the same usable units and coarse keys."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs
from docclean.sentences import KEY_SEP, comparison_key, joined_comparison_keys, sentence_units
from docclean.stages import dedup

PARTS = [
    "建立制度",
    "。",
    "一、",
    "（二）",
    "(3)",
    "2.",
    " ",
    "\n",
    ",",
    "!",
    "a",
    "\0",
    KEY_SEP,
    "开展",
    "\U00020000",
]


def assert_joined(texts: list[str], spaceless: bool = False) -> None:
    keys, joined = joined_comparison_keys(texts, spaceless)
    assert keys == [comparison_key(text) for text in texts]
    assert joined == KEY_SEP.join(keys)
    assert dedup._usable_and_coarse(keys, joined) == dedup._usable_and_coarse(keys)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PARTS), max_size=8).map("".join), max_size=8))
def test_joined_keys_are_the_keys_joined(texts) -> None:
    assert_joined(texts)


def test_joined_keys_of_the_dedup_inputs() -> None:
    for text in corpus_pass_inputs()["dedup.remove_repeats"][:60]:
        _starts, texts, spaceless = sentence_units(text)
        assert_joined(texts, spaceless)

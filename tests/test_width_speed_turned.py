"""Stage width: counts-only to_fullwidth turns a mark it would turn everywhere by one
str.replace (_turned_at_once); the Rewrite must still be what the old pass's edits give,
with the kind cache warm (the fast path taken) and cold."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import width
from test_width_speed import PIECES, old_to_fullwidth
from test_width_speed_rewrite import _counts_only, _from_edits

# Marks after Chinese characters, Chinese punctuation, quotes, digits, Latin and spaces.
MORE_PIECES = [*PIECES, "年", "、", "。", "》", "—", "·", "\u3000", "”,", "中,", "1,2", "a:b", ":/", "\n,"]


def _check_warm_and_cold(text: str) -> None:
    expected = _from_edits(text, old_to_fullwidth(text))
    width._KINDS.clear()
    width._CHINESE_SEEN.clear()
    assert _counts_only(width.to_fullwidth, text) == expected, repr(text)  # cold
    # Warm: every character of the text in the kind cache.
    for ch in set(text):
        width._KINDS[ch] = width._kind_of(ch)
    assert _counts_only(width.to_fullwidth, text) == expected, repr(text)


def test_turned_at_once_is_every_mark_the_old_pass_turns_everywhere() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(MORE_PIECES) for _ in range(rng.randrange(1, 14)))
        if width._protected_spans(text):
            continue
        if rng.random() < 0.5:  # warm: every character in the kind cache
            for ch in set(text):
                width._KINDS[ch] = width._kind_of(ch)
        turned = {e.start for e in old_to_fullwidth(text) if e.end == e.start + 1}
        marks = [ch for ch in width._TO_FULL if ch in text]
        expected = "".join(
            mark
            for mark in marks
            if mark not in "()"
            and not (mark == ":" and ":/" in text)
            and not text.startswith(mark)
            and all(i in turned for i in _at(text, mark))
        )
        assert width._turned_at_once(text, marks) == expected, repr(text)


def _at(text: str, mark: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch == mark]


def test_chinese_seen_is_the_chinese_kind() -> None:
    for ch in "中年、。》—·\u3000”，a1(":
        width._kind_of(ch)
    assert all(width._kind_of(ch) == width._CHINESE_CHAR for ch in width._CHINESE_SEEN)
    assert {"中", "年", "、", "。", "》", "—", "·"} <= width._CHINESE_SEEN
    assert not {"\u3000", "”", "，", "a", "1", "("} & width._CHINESE_SEEN


def test_counts_only_on_random_pieces() -> None:
    rng = random.Random(11)
    for _ in range(1500):
        _check_warm_and_cold("".join(rng.choice(MORE_PIECES) for _ in range(rng.randrange(1, 16))))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MORE_PIECES), max_size=16).map("".join))
def test_counts_only_on_generated_text(text: str) -> None:
    _check_warm_and_cold(text)


def test_counts_only_on_the_corpus_inputs() -> None:
    texts = corpus_pass_inputs()["width.to_fullwidth"]
    for text in texts:
        _check_warm_and_cold(text)
    # And with the cache the whole run warmed, as in a batch.
    for text in texts:
        width.to_fullwidth(text, Context(Options()))
    for text in texts:
        assert _counts_only(width.to_fullwidth, text) == _from_edits(text, old_to_fullwidth(text))

"""Units of a text without spaces, and their keys without a search for spaces, are as before."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs, generated_circulars
from docclean import sentences
from docclean.sentences import comparison_key, comparison_keys, sentence_spans
from test_sentences_speed import old_sentence_spans

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_whitespace_is_what_backslash_s_matches() -> None:
    assert sorted(sentences._WHITESPACE) == re.findall(r"\s", EVERY_CHARACTER)


# Sentence ends, closing quotes, outline numbers, half-width punctuation the keys fold and
# line breaks; sometimes a space of another kind, at a line's start or end too.
SPACELESS_PARTS = [
    "建立制度",
    "。",
    "；",
    "”",
    "）",
    "\n",
    "\n\n",
    "一、",
    "（二）",
    "1.",
    "(3)",
    "2.5",
    ",",
    ":",
]
SPACES = [" ", "\u3000", "\t", "\r", "\x85", "\u2028", " \n", "\n "]
SPACELESS_TEXT = st.lists(st.sampled_from(SPACELESS_PARTS) | st.sampled_from(SPACES), max_size=30).map(
    "".join
)


def assert_keys_are_each_texts_key(texts: list[str]) -> None:
    assert comparison_keys(texts) == [comparison_key(t) for t in texts]


@settings(max_examples=1500, deadline=None)
@given(SPACELESS_TEXT)
def test_units_and_keys_with_and_without_spaces(text) -> None:
    starts, texts = sentence_spans(text, False)
    assert (starts, texts) == old_sentence_spans(text, False)
    # The units are known to hold no space when the text holds none but line breaks after
    # its first non-space character (and no ASCII space at all: looked for first).
    spaceless = " " not in text and not any(ch.isspace() and ch != "\n" for ch in text.lstrip())
    assert (sentences._SPACELESS_UNITS[0] is texts) == spaceless
    assert_keys_are_each_texts_key(texts)


@settings(max_examples=300, deadline=None)
@given(SPACELESS_TEXT, st.integers(0, 40), st.sampled_from(["有 空格", "一、 二", "\u3000", "新"]))
def test_keys_of_units_changed_after_the_split(text, at, unit) -> None:
    texts = sentence_spans(text, False)[1]
    texts.insert(at % (len(texts) + 1), unit)
    assert_keys_are_each_texts_key(texts)
    texts[at % len(texts)] = "再 改"
    assert_keys_are_each_texts_key(texts)


def test_dedup_inputs_take_the_spaceless_units() -> None:
    for text in corpus_pass_inputs()["dedup.remove_repeats"]:
        starts, texts = sentence_spans(text)
        assert sentences._SPACELESS_UNITS[0] is texts
        assert (starts, texts) == old_sentence_spans(text)
        assert_keys_are_each_texts_key(texts)


def test_spaced_circulars_split_as_before() -> None:
    for text in generated_circulars(30):
        for spaced in (text, text.replace("\n", "\r\n", 3), text.replace("，", "，\u3000", 2)):
            starts, texts = sentence_spans(spaced, False)
            assert (starts, texts) == old_sentence_spans(spaced, False)
            assert_keys_are_each_texts_key(texts)

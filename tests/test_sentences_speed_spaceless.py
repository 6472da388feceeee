"""Units of a text without spaces, and their keys without a search for spaces, are as before;
``sentence_units`` says a text's units are spaceless exactly when they are."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs, generated_circulars
from docclean.sentences import comparison_key, comparison_keys, sentence_spans, sentence_units
from test_sentences_speed import old_sentence_spans

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


def assert_keys_are_each_texts_key(texts: list[str], spaceless: bool = False) -> None:
    assert comparison_keys(texts, spaceless) == [comparison_key(t) for t in texts]


@settings(max_examples=1500, deadline=None)
@given(SPACELESS_TEXT)
def test_units_and_keys_with_and_without_spaces(text) -> None:
    starts, texts, spaceless = sentence_units(text, False)
    assert (starts, texts) == old_sentence_spans(text, False) == sentence_spans(text, False)
    # The units are known to hold no space when the text holds none but line breaks after
    # its first non-space character (and no ASCII space at all: looked for first).
    assert spaceless == (" " not in text and not any(ch.isspace() and ch != "\n" for ch in text.lstrip()))
    assert_keys_are_each_texts_key(texts, spaceless)
    assert_keys_are_each_texts_key(texts)


def test_wrapped_text_is_never_said_spaceless() -> None:
    text = "各地要加强组织领导明确责任分工认真落实\n各项工作任务。切实做好课后服务工作保障\n学生健康成长。\n"
    assert sentence_units(text, True)[2] is False


def test_dedup_inputs_take_the_spaceless_units() -> None:
    for text in corpus_pass_inputs()["dedup.remove_repeats"]:
        starts, texts, spaceless = sentence_units(text)
        assert spaceless
        assert (starts, texts) == old_sentence_spans(text)
        assert_keys_are_each_texts_key(texts, spaceless)


def test_spaced_circulars_split_as_before() -> None:
    for text in generated_circulars(30):
        for spaced in (text, text.replace("\n", "\r\n", 3), text.replace("，", "，\u3000", 2)):
            starts, texts, spaceless = sentence_units(spaced, False)
            assert (starts, texts) == old_sentence_spans(spaced, False)
            assert_keys_are_each_texts_key(texts, spaceless)

"""The sentence functions' faster paths give exactly what their plain forms give."""

from __future__ import annotations

from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs
from docclean import sentences
from docclean.patterns import OUTLINE_RE
from docclean.sentences import (
    comparison_key,
    comparison_keys,
    outline_breaks,
    outline_items,
    sentence_spans,
    text_outline_breaks,
)


def old_sentence_spans(text: str, wrapped: bool | None = None) -> tuple[list[int], list[str]]:
    """sentence_spans before the full-width unit regex: every unwrapped text through _unit_gap_re()."""
    if wrapped is None:
        wrapped = sentences.looks_hard_wrapped(text)
    if wrapped:
        units = sentences.split_sentences(text, True)
        return [u.start for u in units], [u.text for u in units]
    lead = len(text) - len(text.lstrip())
    pieces = sentences._unit_gap_re().findall(text, lead)
    starts = list(accumulate(map(len, pieces), initial=lead))
    starts.pop()
    return starts, list(map(str.rstrip, pieces))


# Sentence ends (full and half width), closing quotes, spaces and line breaks, and text;
# mostly without half-width ends, so that the full-width unit regex is used.
SPAN_TEXT = st.one_of(
    st.text(alphabet="建立制度一（1.。。。；；！？”）】 \u3000\r\n\n\n\x85a", max_size=60),
    st.text(alphabet="建立制度。；！？!?;”） \n", max_size=40),
)


@settings(max_examples=1500, deadline=None)
@given(SPAN_TEXT)
def test_full_width_units_are_the_unit_regex_units(text) -> None:
    assert sentence_spans(text, False) == old_sentence_spans(text, False)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["建立制度", "。", "；", "\n", "\n\n", "一、工作目标", "）", " "]), max_size=30)
)
def test_full_width_units_on_sentence_like_texts(parts) -> None:
    text = "".join(parts)
    assert sentence_spans(text, False) == old_sentence_spans(text, False)


def test_generated_circulars_split_as_before() -> None:
    for text in corpus_pass_inputs()["dedup.remove_repeats"]:
        assert sentence_spans(text) == old_sentence_spans(text)
        pieces = sentences._full_unit_gap_re().findall(text)
        assert pieces.pop() == "" and pieces == sentences._unit_gap_re().findall(text)


# Outline labels of every level (and cited articles, full-width digits, spaces) on lines.
OUTLINE_LABELS = "一、|二、|三、|十一、|一二、|〇、|（一）|（ 三 ）|(2)|（1）|1.|2、|3．|１.|12.5|第二条|第三条|第五条第|第五条 第"
OUTLINE_LINES = st.lists(
    st.sampled_from([*OUTLINE_LABELS.split("|"), " 二、", "\u3000（二）", "\r"])
    | st.text(alphabet="建立 \n第（一1.、", max_size=6),
    max_size=30,
).map("\n".join)


def assert_labels_are_whole_outline_matches(text: str) -> None:
    for label in sentences._OUTLINE_LABEL_RE.findall("\n" + text):
        m = OUTLINE_RE.match(label)
        assert m and m.group(m.lastgroup) == label


@settings(max_examples=600, deadline=None)
@given(OUTLINE_LINES)
def test_outline_break_proof_is_exact(text) -> None:
    assert_labels_are_whole_outline_matches(text)
    breaks = outline_breaks(outline_items(text))
    assert sentences._may_break(text) == bool(breaks)
    assert text_outline_breaks(text) == breaks


def test_generated_circulars_outline_breaks_as_before() -> None:
    for text in corpus_pass_inputs()["dedup.remove_repeats"]:
        assert_labels_are_whole_outline_matches(text)
        assert text_outline_breaks(text) == outline_breaks(outline_items(text))


# Unit texts: outline numbers, spaces of all kinds, half-width punctuation, the separator.
KEY_TEXT = st.lists(
    st.sampled_from(["一、", "（三）", "( 2 )", "1.", "1.5", "第二条", " ", "\u3000", "\n", "\0"])
    | st.text(alphabet="建立,;:!?()（一1 \0", max_size=8),
    max_size=6,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(KEY_TEXT, max_size=8))
def test_comparison_keys_are_each_texts_key(texts) -> None:
    assert comparison_keys(texts) == [comparison_key(text) for text in texts]


def test_generated_circulars_keys_as_each_key() -> None:
    for text in corpus_pass_inputs()["dedup.remove_repeats"]:
        texts = sentence_spans(text)[1]
        assert comparison_keys(texts) == [comparison_key(t) for t in texts]

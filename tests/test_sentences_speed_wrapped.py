"""looks_hard_wrapped, whose search leaves done line ends empty, reads every line as the old one does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs
from docclean.sentences import _LINE_DONE, looks_hard_wrapped
from test_dedup_speed import old_looks_hard_wrapped

# Every character that ends a line done, others, spaces of several kinds; lines long enough.
LINE = st.text(alphabet="".join(sorted(_LINE_DONE)) + "建立制度a1 \u3000\t", min_size=10, max_size=24)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE, max_size=16).map("\n".join))
def test_looks_hard_wrapped_counts_done_ends_as_before(text) -> None:
    assert looks_hard_wrapped(text) == old_looks_hard_wrapped(text)


def test_looks_hard_wrapped_on_the_corpus_inputs() -> None:
    texts = corpus_pass_inputs()["dedup.remove_repeats"]
    # The same texts cut at a fixed width, as a PDF extraction gives them.
    flat = ["".join(text.split("\n")) for text in texts]
    wrapped = ["\n".join(text[at : at + 22] for at in range(0, len(text), 22)) for text in flat]
    answers = [looks_hard_wrapped(text) for text in texts + wrapped]
    assert answers == [old_looks_hard_wrapped(text) for text in texts + wrapped]
    assert True in answers and False in answers

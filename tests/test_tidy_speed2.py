"""Stage tidy: when only counts are kept, ``tidy_lines`` hands back its output text and
number of changes (``Rewrite``); they must be what its edits give (``apply_edits_counted``),
and its edits must stay those of the plain scan, on generated texts and on what
the pass reads of generated circulars."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs
from docclean.changes import Rewrite, apply_edits_counted
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages.tidy import tidy_lines
from test_tidy_speed import old_tidy_lines

TEXTS = st.lists(
    st.sampled_from(["\n", "\n", "\n", "\n\n\n", "文", "字 ", " ", "\t", "\u3000"]), max_size=30
).map("".join)


def _check(text: str) -> None:
    edits = tidy_lines(text, Context(Options()))
    assert edits == old_tidy_lines(text)
    result = tidy_lines(text, Context(Options(), keep_log=False))
    expected = apply_edits_counted(text, edits)[:2]
    if isinstance(result, Rewrite):
        assert (result.text, result.changes) == expected
    else:
        assert result == [] and expected == (text, 0)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_rewrite_is_what_the_edits_give(text: str) -> None:
    _check(text)


@pytest.mark.parametrize(
    "text", ["", "\n", "\n\n", "\n\n\n", "文\n\n", "文\n\n\n", "\n\n文\n\n\n文\n\n\n\n", "文"]
)
def test_rewrite_at_the_ends(text: str) -> None:
    _check(text)


def test_rewrite_on_generated_corpus_inputs() -> None:
    texts = corpus_pass_inputs()["tidy.tidy_lines"]
    assert texts
    for text in texts:
        _check(text)

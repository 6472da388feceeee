"""reflow is its own fixed point: when the paragraphs one run makes may read as wrapped
lines (enough stop mid-sentence), it runs again on them and keeps the joins of every
run as edits of its input."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.changes import apply_edits, rebuild
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages.reflow import _joined, _origin, _reflow_once, reflow

# Garbage lines that one run joins into four lines of width 12 (a page-number-free
# version of tests/test_layout_samples.py's counterexample).
GARBAGE = "0000—————。。，\n—件\n0—。—\n0—————。。件\n0—。—\n0——————。件\n0000—————。。，\n—件\n—\n"


def _run(text: str) -> tuple[str, list]:
    ctx = Context(Options())
    ctx.stage = "reflow"
    edits = reflow(text, ctx)
    out, changes = apply_edits("reflow", text, edits)
    assert rebuild(out, changes) == text
    return out, ctx.flags


def test_joined_lines_that_pile_up_at_one_width_are_joined_at_once() -> None:
    ctx = Context(Options())
    first, again = _reflow_once(GARBAGE, ctx)
    assert again and first  # one run alone would leave lines a second run joins
    out, _ = _run(GARBAGE)
    assert out == "0000—————。。，—件0—。—0—————。。件0—。—0——————。件0000—————。。，—件—\n"
    assert _run(out)[0] == out


def test_offsets_of_the_joined_text_map_back_to_the_input() -> None:
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice(["湖南省", "，", "。", "\n", "\n\n", "ab-", " ", "1"]) for _ in range(40))
        edits = _reflow_once(text, Context(Options()))[0]
        joined = _joined(text, edits)
        # Where each character of the joined text that no edit wrote comes from.
        source, at = [], 0
        for edit in edits:
            source += range(at, edit.start)
            source += [None] * len(edit.after)
            at = edit.end
        source += range(at, len(text))
        assert len(source) == len(joined)
        origin = _origin(edits)
        for offset, was in enumerate(source):
            if was is not None:
                assert origin(offset) == was and joined[offset] == text[was]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["0000—————。。，", "—件", "0—。—", "0—————。。件", "0——————。件", "—", "。"]),
        min_size=2,
        max_size=16,
    )
)
def test_garbage_of_that_kind_reflows_to_a_fixed_point(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    out, _ = _run(text)
    assert _run(out)[0] == out

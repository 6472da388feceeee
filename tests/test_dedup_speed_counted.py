"""dedup's counts-only edits (no reason, a detail that only names a kept copy) count as its full ones."""

from __future__ import annotations

import random

from conftest import corpus_pass_inputs
from docclean.changes import apply_edits_counted
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages.dedup import remove_repeats
from test_dedup_speed import document


def run(text: str, keep_log: bool) -> tuple[list, list]:
    ctx = Context(Options(), keep_log=keep_log)
    ctx.stage = "dedup"
    return remove_repeats(text, ctx), [flag.as_dict() for flag in ctx.flags]


def test_counted_edits_give_the_text_counts_and_flags_of_the_full_ones() -> None:
    rng = random.Random(5)
    texts = corpus_pass_inputs()["dedup.remove_repeats"] + [document(rng) for _ in range(150)]
    removed = 0
    for text in texts:
        full, full_flags = run(text, True)
        counted, counted_flags = run(text, False)
        assert apply_edits_counted(text, counted) == apply_edits_counted(text, full)
        assert counted_flags == full_flags
        removed += len(full)
    assert removed > 20

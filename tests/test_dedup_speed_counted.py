"""dedup's counts-only Rewrite (or edits: no reason, a detail that only names a kept copy)
counts as its full edits: the same text, number of changes and of duplicate removals."""

from __future__ import annotations

import random

from conftest import corpus_pass_inputs
from docclean.changes import Edit, Rewrite, apply_edits_counted
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages.dedup import remove_repeats
from test_dedup_speed import document


def run(text: str, keep_log: bool) -> tuple[list, list]:
    ctx = Context(Options(), keep_log=keep_log)
    ctx.stage = "dedup"
    return remove_repeats(text, ctx), [flag.as_dict() for flag in ctx.flags]


def counted(text: str, result: list[Edit] | Rewrite) -> tuple[str, int, int]:
    if type(result) is Rewrite:
        return result.text, result.changes, result.duplicates
    return apply_edits_counted(text, result)


def test_counted_edits_give_the_text_counts_and_flags_of_the_full_ones() -> None:
    rng = random.Random(5)
    texts = corpus_pass_inputs()["dedup.remove_repeats"] + [document(rng) for _ in range(150)]
    removed = 0
    for text in texts:
        full, full_flags = run(text, True)
        counted_result, counted_flags = run(text, False)
        assert counted(text, counted_result) == apply_edits_counted(text, full)
        assert counted_flags == full_flags
        removed += len(full)
    assert removed > 20


def test_the_rewrite_hands_the_ascii_spaced_fact_on() -> None:
    for text in corpus_pass_inputs()["dedup.remove_repeats"][:40]:
        ctx = Context(Options(), keep_log=False)
        ctx.stage = "dedup"
        ctx.ascii_spaced = text
        result = remove_repeats(text, ctx)
        if type(result) is Rewrite:
            assert ctx.ascii_spaced is result.text
        else:
            assert ctx.ascii_spaced is text

"""Width's first search also proves, for spacing, that a text holds no space but the ASCII
one (``Context.ascii_spaced``): set only for such texts, handed on by to_fullwidth and
spacing only to such texts, and spacing and tidy given the fact give what they give
proving it themselves (the literal patterns on short texts too); to_ascii still proposes
the old edits."""

from __future__ import annotations

import random
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs
from docclean.changes import Edit, Rewrite, apply_edits_counted
from docclean.options import Options
from docclean.patterns import OTHER_HSPACES, only_ascii_spaces
from docclean.pipeline import Context, run_many
from docclean.stages import spacing, tidy, width
from test_width_speed import PIECES as WIDTH_PIECES
from test_width_speed import old_to_ascii

PIECES = [
    *WIDTH_PIECES, "湖", "南", "省", "教育", "国务院办公厅", "中央军委办公厅", "联系地址：", "。",
    "、", "—", "…", "2023", "STEM", " ", " ", " ", "\n", "\u3000", "\t", "\u00a0", "\u2002", "\u205f",
]  # fmt: skip


def _applied(text: str, result: list | Rewrite) -> str:
    return result.text if type(result) is Rewrite else apply_edits_counted(text, result)[0]


def _check(text: str) -> None:
    for keep_log in (True, False):
        ctx = Context(Options(), keep_log=keep_log)
        found = width.to_ascii(text, ctx)
        old = old_to_ascii(text)
        assert _applied(text, found) == apply_edits_counted(text, old)[0], repr(text)
        if keep_log:
            assert found == old, repr(text)
        proven = ctx.ascii_spaced is text
        no_run = width._FULLWIDTH_RUN.search(text) is None
        assert proven == (no_run and not any(map(text.__contains__, OTHER_HSPACES))), repr(text)
        # to_fullwidth on what to_ascii left (as the pipeline gives it): it hands the fact
        # on only to a text that has it.
        mid = _applied(text, found) if found else text
        out = width.to_fullwidth(mid, ctx)
        following = _applied(mid, out) if out else mid
        if ctx.ascii_spaced is not None and ctx.ascii_spaced is not text:
            assert ctx.ascii_spaced is following
        if ctx.ascii_spaced is following:
            assert only_ascii_spaces(following) and not any(map(following.__contains__, OTHER_HSPACES))
        # spacing with the fact, against spacing proving it itself.
        alone = Context(Options(), keep_log=keep_log)
        had = ctx.ascii_spaced is following
        spaced = spacing.remove_spaces(following, ctx)
        assert spaced == spacing.remove_spaces(following, alone), repr(text)
        assert ctx.flags == alone.flags, repr(text)
        # spacing hands it on only to its own output (a Rewrite's text), which has it.
        after = _applied(following, spaced) if spaced else following
        if had and type(spaced) is Rewrite:
            assert ctx.ascii_spaced is after
        if ctx.ascii_spaced is after:
            assert not any(map(after.__contains__, OTHER_HSPACES))
            # tidy with the fact (as when the passes in between hand it on), against tidy alone.
            for pass_fn in (tidy.tidy_spaces, tidy.tidy_lines):
                alone = Context(Options(), keep_log=keep_log)
                assert pass_fn(after, ctx) == pass_fn(after, alone), repr(text)


def test_random_texts() -> None:
    rng = random.Random(9)
    for _ in range(1500):
        _check("".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 24))))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_generated_texts(text: str) -> None:
    _check(text)


def test_what_width_reads_of_generated_circulars() -> None:
    texts = corpus_pass_inputs()["width.to_ascii"]
    assert texts
    for text in texts:
        _check(text)


def test_the_pipeline_hands_the_fact_on_through_edits_that_write_no_other_space() -> None:
    seen: list[bool] = []

    def prove(text: str, ctx: Context) -> list:
        ctx.ascii_spaced = text if only_ascii_spaces(text) else None
        return []

    def edit(after: str):  # type: ignore[no-untyped-def]
        return lambda text, ctx: [Edit(0, 1, after, "x", "x")]

    def look(text: str, ctx: Context) -> list:
        seen.append(ctx.ascii_spaced is text)
        return []

    for after, kept in [("", True), ("a", True), (" ", True), ("\u3000", False), ("\t", False)]:
        for keep_log in (True, False):
            passes = (prove, edit(after), look)
            stage = SimpleNamespace(name="s", description="", default=True, passes=passes)
            seen.clear()
            run_many([("通知 a", Context(Options(), keep_log=keep_log))], [stage])
            assert seen == [kept], (after, keep_log)

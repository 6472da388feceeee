"""reflow without the log (``ctx.keep_log`` false) splices its joins into the text and
returns a Rewrite: the same text, number of changes and flags as its Edits applied."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings

from docclean.changes import Rewrite, apply_edits_counted
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages.reflow import reflow
from reflow_pieces import LINES_AND_SEPARATOR
from test_reflow_fixed_point import GARBAGE
from test_reflow_speed import _wrapped

ROOT = Path(__file__).resolve().parent.parent


def _outcome(text: str, options: Options, keep_log: bool) -> tuple[str, int, list]:
    ctx = Context(options)
    ctx.stage = "reflow"
    ctx.keep_log = keep_log
    result = reflow(text, ctx)
    if type(result) is Rewrite:
        assert not keep_log
        out, changes, dups = result
    else:
        assert isinstance(result, list)
        out, changes, dups = apply_edits_counted(text, result)
    assert dups == 0
    return out, changes, [(f.code, f.message, f.start, f.end, f.step, f.detail) for f in ctx.flags]


def _same(text: str, options: Options | None = None) -> None:
    options = options or Options()
    assert _outcome(text, options, False) == _outcome(text, options, True)


def test_generated_circulars_count_as_their_edits() -> None:
    rng = random.Random(20261124)
    for _ in range(120):
        text = _wrapped(rng)
        _same(text)
        _same(text, Options(cjk_latin_space="add"))


def test_a_second_run_counts_as_its_edits() -> None:
    # The paragraphs of one run join again (the Edit path maps them back), flags once.
    _same(GARBAGE)
    _same(GARBAGE * 3)


def test_a_rewrite_only_without_the_log() -> None:
    text = "课后服务是学校教育的延伸，是解决人民群众急难\n愁盼问题的民生工程，是促进学生全面发展、健康\n" * 3
    ctx = Context(Options())
    ctx.keep_log = False
    assert type(reflow(text, ctx)) is Rewrite
    assert isinstance(reflow(text, Context(Options())), list)


@settings(max_examples=250, deadline=None)
@given(*LINES_AND_SEPARATOR)
def test_any_lines_count_as_their_edits(lines: list[str], sep: str) -> None:
    _same(sep.join(lines))


@pytest.mark.parametrize("path", sorted((ROOT / "samples").rglob("*.txt")), ids=lambda p: p.name)
def test_samples_count_as_their_edits(path: Path) -> None:
    _same(path.read_text(encoding="utf-8"))

"""A pass may hand back its output text and count (``Rewrite``) when only counts are kept.

The pipeline must treat that exactly like the pass's edits applied and counted, and
must refuse it when the change log is kept (a Rewrite cannot be reversed).
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import generated_circulars
from docclean import clean_text
from docclean.changes import Edit, Flag, Rewrite
from docclean.options import Options
from docclean.pipeline import Context, run_many, run_stages

TEXT = "全省 101所学校，2023年 6月 5日前报送。\n"


def spaces_as_edits(text: str, ctx: Context) -> list[Edit]:
    return [Edit(i, i + 1, "", "space", "stray space") for i, ch in enumerate(text) if ch == " "]


def spaces_in_bulk(text: str, ctx: Context) -> list[Edit] | Rewrite:
    if ctx.keep_log:
        return spaces_as_edits(text, ctx)
    return Rewrite(text.replace(" ", ""), text.count(" "))


@dataclass
class FakeStage:
    name: str
    passes: tuple
    description: str = ""
    default: bool = True


def test_a_rewrite_counts_as_the_edits_it_stands_for() -> None:
    by_edits = run_stages(
        TEXT, [FakeStage("spacing", (spaces_as_edits,))], Context(Options(), keep_log=False)
    )
    in_bulk = run_stages(TEXT, [FakeStage("spacing", (spaces_in_bulk,))], Context(Options(), keep_log=False))
    assert in_bulk.text == by_edits.text == "全省101所学校，2023年6月5日前报送。\n"
    assert in_bulk.counts == by_edits.counts == ({"spacing": 3}, 0)
    assert in_bulk.step_lengths == by_edits.step_lengths


def test_a_rewrite_feeds_the_next_pass() -> None:
    def second(text: str, ctx: Context) -> list[Edit]:
        at = text.index("所")
        return [Edit(at, at + 1, "所", "noop", "changes nothing"), Edit(0, 2, "全市", "word", "test")]

    result = run_stages(
        TEXT, [FakeStage("spacing", (spaces_in_bulk, second))], Context(Options(), keep_log=False)
    )
    assert result.text.startswith("全市101所")
    assert result.counts == ({"spacing": 4}, 0)


def test_a_rewrite_is_refused_when_the_log_is_kept() -> None:
    def always_bulk(text: str, ctx: Context) -> Rewrite:
        return Rewrite(text.replace(" ", ""), text.count(" "))

    (outcome,) = run_many([(TEXT, Context(Options()))], [FakeStage("spacing", (always_bulk,))])
    assert isinstance(outcome, TypeError)
    assert "Rewrite" in str(outcome)


# Characters that wake every stage: Chinese text and punctuation, letter spacing, full-width
# digits, half-width punctuation, font-mapped marks (ꎬ), page-number dashes, form feeds.
PIECES = [
    "湖", "南", "省", "教育厅", "文件", "通知", "，", "。", "、", "：", "（", "）", " ", "  ", "\u3000",
    "\n", "\n\n", "\n\n\n", "\f", "— 2 —", "-1-", "２０２３", "年", "6", "月", "101", "所", "ꎬ", "ꎮ",
    ",", ":", "(", ")", "ABC", "http://a.cn", "湘教发〔2022〕7号", "特此通知。", "一、", "（一）",
    "建立职业院校质量年度报告发布制度，定期发布。", "\n建立职业院校质量年度报告发布制度，定期发布。",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_counts_only_runs_give_the_text_and_counts_of_the_full_log(text: str) -> None:
    """The stages' Rewrite paths, end to end: the same text and per-stage counts as the log."""
    with_log = clean_text(text)
    counted = clean_text(text, keep_log=False)
    assert counted.text == with_log.text
    assert (counted.stage_counts, counted.duplicates) == (with_log.stage_counts, with_log.duplicates)
    # (Flags are located in the source only with the log.)
    assert list(map(_flag_fields, counted.flags)) == list(map(_flag_fields, with_log.flags))


def _flag_fields(flag: Flag) -> tuple:
    return flag.stage, flag.code, flag.message, flag.start, flag.end, flag.step, flag.detail


def test_counts_only_runs_match_the_full_log_on_generated_circulars() -> None:
    for text in generated_circulars(30):
        with_log = clean_text(text)
        counted = clean_text(text, keep_log=False)
        assert (counted.text, counted.stage_counts, counted.metadata) == (
            with_log.text,
            with_log.stage_counts,
            with_log.metadata,
        )

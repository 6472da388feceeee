"""Applying edits: the counts-only path (``keep_log=False``) gives the same text and counts as
the change log without making a Change; the log skips its sort when edits come in order."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CIRCULAR, REALDOCS, SEEDS
from docclean import clean_text
from docclean.changes import (
    Change,
    Edit,
    EditConflict,
    Flag,
    LineIndex,
    OffsetMap,
    apply_edits,
    apply_edits_counted,
    count_changes,
    locate_in_source,
    rebuild,
)

KEPT = {"kept": {"start": 0, "end": 1}}


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    """Edits in any order, some changing nothing, some zero-width, some overlapping."""
    text = draw(st.text(alphabet="湖南 \nab", max_size=30))
    edits = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 3)))
        after = draw(st.sampled_from(["", " ", "新", text[start:end]]))
        detail = draw(st.sampled_from([None, {}, {"code_point": "U+A3AC"}, KEPT]))
        edits.append(Edit(start, end, after, "k", "r", detail))
    if draw(st.booleans()):
        edits.sort(key=lambda e: (e.start, e.end))
    return text, edits


def reference(text: str, edits: list[Edit]) -> tuple[str, int, int] | type[EditConflict]:
    try:
        new_text, changes = apply_edits("s", text, edits)
    except EditConflict:
        return EditConflict
    return new_text, len(changes), count_changes(changes)[1]


@given(text_and_edits())
def test_counted_apply_matches_the_change_log(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    expected = reference(text, edits)
    if expected is EditConflict:
        with pytest.raises(EditConflict):
            apply_edits_counted(text, edits)
    else:
        assert apply_edits_counted(text, edits) == expected


def sorted_apply(stage: str, text: str, edits: list[Edit], step: int = 0) -> tuple[str, list[Change]]:
    """``apply_edits`` as it was: always sorted by (start, end) first."""
    pieces: list[str] = []
    changes: list[Change] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start, end, after = edit.start, edit.end, edit.after
        if start < cursor or end < start or end > len(text):
            raise EditConflict(stage)
        before = text[start:end]
        if before == after:
            continue
        pieces += [text[cursor:start], after]
        cursor = end
        changes.append(Change(stage, edit.kind, start, end, before, after, edit.reason, step, edit.detail))
    if not changes:
        return text, []
    return "".join([*pieces, text[cursor:]]), changes


@given(text_and_edits())
def test_apply_without_its_sort_matches_the_sorted_apply(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    try:
        expected = sorted_apply("s", text, edits, 3)
    except EditConflict:
        with pytest.raises(EditConflict):
            apply_edits("s", text, edits, 3)
        with pytest.raises(EditConflict):
            apply_edits("s", text, iter(edits), 3)
        return
    assert apply_edits("s", text, edits, 3) == expected
    assert apply_edits("s", text, iter(edits), 3) == expected  # any iterable


def test_counted_apply_on_many_ordered_edits() -> None:
    """Edits as passes find them (left to right, none overlapping), with insertions at an
    edit's offset, an edit that changes nothing and shuffled copies (seeded)."""
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice("湖南省 \n教育a") for _ in range(rng.randint(0, 80)))
        edits: list[Edit] = []
        pos = 0
        while pos < len(text) and len(edits) < 20:
            start = rng.randint(pos, min(len(text), pos + 6))
            end = rng.randint(start, min(len(text), start + 2))
            after = rng.choice(["", "，", "\n", " ", text[start:end]])
            detail = KEPT if rng.random() < 0.1 else None
            edits.append(Edit(start, end, after, "k", "r", detail))
            pos = end
        for candidate in (edits, rng.sample(edits, len(edits))):
            assert apply_edits_counted(text, candidate) == reference(text, candidate)
            assert apply_edits("s", text, candidate) == sorted_apply("s", text, candidate)


def test_counts_only_cleaning_matches_the_full_log() -> None:
    samples = [path.read_text("utf-8") for path in [*SEEDS, *REALDOCS][:6]]
    texts = [
        CIRCULAR,
        CIRCULAR.replace("通知", "通 知"),
        "湖 南 省 教 育 厅\r\n\r\n\r\n关于 2023年 的通知:\n",
    ]
    texts += [*samples, "\f".join(samples)]  # the last: a batch, cleaned document by document
    for text in texts:
        full = clean_text(text)
        slim = clean_text(text, keep_log=False)
        assert slim.text == full.text and slim.changes == [] and not slim.log_kept
        assert (slim.stage_counts, slim.duplicates) == count_changes(full.changes)
        assert (full.stage_counts, full.duplicates) == count_changes(full.changes)
        assert slim.metadata == full.metadata
        assert [f.as_dict() for f in slim.flags] == [
            {k: v for k, v in f.as_dict().items() if k != "source"} for f in full.flags
        ]


def located_as_before(source: str, changes: list[Change], flags: list[Flag]) -> list:
    """``locate_in_source`` as it was: each step's spans through every earlier map, one by one."""
    groups: dict[int, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.step, []).append(change)
    maps = [(k, OffsetMap(sorted(groups[k], key=lambda c: (c.start, c.end)))) for k in sorted(groups)]
    index = LineIndex(source)
    out = []
    for item in [*changes, *(f for f in flags if f.start is not None)]:
        start, end = item.start, item.end if item.end is not None else item.start
        for earlier, m in reversed(maps):
            if earlier < item.step:
                start, end = m.to_input(start), m.to_input(end, end=True)
        out.append(index.span(start, max(start, end)))
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(text_and_edits(), min_size=1, max_size=1), st.integers(1, 5), st.data())
def test_located_spans_match_the_one_by_one_mapping(first: list, steps: int, data: st.DataObject) -> None:
    source, edits = first[0]
    try:
        text, changes = apply_edits("s0", source, edits, step=0)
    except EditConflict:
        return
    flags = []
    for step in range(1, steps):
        cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
        more = [
            Edit(a, b, data.draw(st.text(alphabet="xy，\n", max_size=3)), "k", "r")
            for a, b in zip(cuts[::2], cuts[1::2], strict=False)
        ]
        at = data.draw(st.integers(0, len(text)))
        flags.append(Flag("s", "f", "m", start=at, end=data.draw(st.sampled_from([None, at])), step=step))
        if data.draw(st.booleans()):
            flags.append(Flag("s", "g", "m", step=step))  # no position: not located
        text, new = apply_edits(f"s{step}", text, more, step=step)
        changes += new
    if data.draw(st.booleans()):
        # Steps in several runs, in any order, as segments join their logs; each step's
        # changes keep their order (insertions at one offset apply in it).
        rank = data.draw(st.permutations(range(steps)))
        sizes = Counter(change.step for change in changes)
        seen: Counter[int] = Counter()
        halves = []  # 0 for the first half of a step's changes, 1 for the rest
        for change in changes:
            halves.append(int(seen[change.step] >= sizes[change.step] // 2))
            seen[change.step] += 1
        keyed = sorted(zip(halves, changes, strict=True), key=lambda hc: (hc[0], rank[hc[1].step]))
        changes = [change for _, change in keyed]
    locate_in_source(source, changes, flags)
    expected = located_as_before(source, changes, flags)
    assert [item.source for item in [*changes, *(f for f in flags if f.start is not None)]] == expected
    assert all(f.source is None for f in flags if f.start is None)
    assert rebuild(text, changes) == source


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="湖南 ,，\n", min_size=1, max_size=30), st.integers(2, 5), st.data())
def test_located_spans_through_one_for_one_steps(source: str, steps: int, data: st.DataObject) -> None:
    """Steps that replace single characters one for one (glyphs, width) move no offset and
    are not searched; an end at a replaced character's start still takes that character
    in, as the step's OffsetMap says."""
    text, changes, flags = source, [], []
    for step in range(steps):
        if data.draw(st.booleans()):  # one for one: no offset moves
            at = sorted(set(data.draw(st.lists(st.integers(0, len(text) - 1), max_size=6))))
            edits = [Edit(a, a + 1, "，" if text[a] != "，" else ",", "width", "r") for a in at]
        else:  # deletions and insertions, zero-width spans among them
            cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
            edits = [
                Edit(a, b, data.draw(st.sampled_from(["", "x", "，"])), "k", "r")
                for a, b in zip(cuts[::2], cuts[1::2], strict=False)
            ]
        at = data.draw(st.integers(0, len(text)))
        flags.append(
            Flag("s", "f", "m", start=at, end=data.draw(st.sampled_from([None, at, at + 1])), step=step)
        )
        new_text, new = apply_edits(f"s{step}", text, edits, step=step)
        if not new_text:
            break
        text, changes = new_text, changes + new
    flags = [f for f in flags if f.end is None or f.end <= len(source) + 50]
    locate_in_source(source, changes, flags)
    expected = located_as_before(source, changes, flags)
    assert [item.source for item in [*changes, *flags]] == expected

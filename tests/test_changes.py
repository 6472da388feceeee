"""The change log core: applying edits, undoing them, and mapping positions to the source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docclean.changes import Edit, EditConflict, RebuildError, apply_edits, locate_in_source, rebuild

TEXT = st.text(alphabet="湖南省教育厅 \n文件，。ab1", max_size=60)


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(TEXT)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        edits.append(Edit(a, b, draw(st.text(alphabet="新旧 \n", max_size=4)), "k", "r"))
    return text, edits


@given(st.lists(text_and_edits(), min_size=1, max_size=1), st.integers(1, 4), st.data())
def test_rebuild_after_several_steps(first: list, steps: int, data: st.DataObject) -> None:
    source, edits = first[0]
    text, changes = apply_edits("s0", source, edits, step=0)
    for step in range(1, steps):
        cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
        more = [
            Edit(a, b, data.draw(st.text(alphabet="xy，", max_size=3)), "k", "r")
            for a, b in zip(cuts[::2], cuts[1::2], strict=False)
        ]
        text, new = apply_edits(f"s{step}", text, more, step=step)
        changes += new
    assert rebuild(text, changes) == source
    locate_in_source(source, changes)
    for change in changes:
        assert change.source is not None
        assert 0 <= change.source.start <= change.source.end <= len(source)


def test_change_positions_map_back_to_the_raw_file() -> None:
    source = "标题\r\n湖 南 省\r\n正文"
    text, c0 = apply_edits(
        "encoding", source, [Edit(2, 4, "\n", "newline", "CRLF"), Edit(9, 11, "\n", "newline", "CRLF")], 0
    )
    assert text == "标题\n湖 南 省\n正文"
    text, c1 = apply_edits(
        "spacing",
        text,
        [Edit(4, 5, "", "space", "letter-spaced"), Edit(6, 7, "", "space", "letter-spaced")],
        1,
    )
    assert text == "标题\n湖南省\n正文"
    changes = c0 + c1
    locate_in_source(source, changes)
    second_space = c1[1].source
    assert second_space is not None
    assert (second_space.line, second_space.column) == (2, 4)
    assert source[second_space.start : second_space.end] == " "
    assert rebuild(text, changes) == source


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(EditConflict):
        apply_edits("s", "abcdef", [Edit(0, 3, "x", "k", "r"), Edit(2, 4, "y", "k", "r")])


def test_rebuild_detects_a_log_that_does_not_fit() -> None:
    _text, changes = apply_edits("s", "abc", [Edit(0, 1, "X", "k", "r")])
    with pytest.raises(RebuildError):
        rebuild("zbc", changes)


def test_no_op_edits_are_not_recorded() -> None:
    text, changes = apply_edits("s", "abc", [Edit(0, 1, "a", "k", "r")])
    assert text == "abc" and changes == []


def test_change_log_pickles_whole_for_worker_processes() -> None:
    import pickle

    from docclean import clean_text

    result = clean_text("湖 南 省 教 育 厅\n\n各市州教育局：\n\n全省 101所学校，\n\n 现通知如下。\n")
    assert result.changes and all(c.source is not None for c in result.changes)
    back = pickle.loads(pickle.dumps(result))
    assert back.changes == result.changes and back.flags == result.flags
    assert [c.source for c in back.changes] == [c.source for c in result.changes]


def test_locating_later_gives_the_same_positions() -> None:
    from docclean import clean_text

    raw = "湖 南 省 教 育 厅\n\n各市州教育局：\n\n全省 101所学校，\n\n 现通知如下。\n"
    now = clean_text(raw)
    later = clean_text(raw, locate=False)
    assert all(c.source is None for c in later.changes) and not later.located
    assert later.locate() is later and later.located
    assert [c.source for c in later.changes] == [c.source for c in now.changes]
    assert [f.source for f in later.flags] == [f.source for f in now.flags]

"""Stage pages: the plan decides as it did before the seventh speed pass.

``_page_break_spaces`` leaves out a line right after a page number's last line (past the
lines that go): the plan takes the first line of every page found anyway, and the page
break is known, so the blank-line style is not judged there. ``_reference_plan`` below is
the plan as it was, judging every candidate; both must give the same numbers, running
headers, removed and dropped lines, page-break spaces and flags.

``_short_candidates`` leaves out the short lines that hold a character no page number
holds (date lines, wrapped text): the reference plan reads all short lines, as before.
The plan looks for the dash lines, number lines and ``2 —`` lines of split and glued
numbers only among the short lines that are no page number themselves. The short-line
scan fails most lines in a look-ahead whose spaces are written out: it finds what it
finds without it.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import chain

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs
from docclean.options import Options
from docclean.patterns import SPACES_BUT_LF
from docclean.pipeline import Context
from docclean.stages import pages
from docclean.stages.pages import _first, _form, _last, _Lines, _parts, _Plan
from test_pages_shortcuts import paged
from test_pages_speed import PIECES, texts
from test_pages_speed3 import documents


def _reference_short(lines: _Lines) -> list[int]:
    """``pages._short_candidates`` at the start of the seventh speed pass: the lines of at
    most 24 characters that open like a page number, whatever characters follow."""
    content = lines.content
    return [
        i
        for i in range(lines.n)
        if content[i] and len(content[i]) <= 24 and content[i][0] in pages._FORM_FIRST_CHARS
    ]


def _reference_plan(lines: _Lines, ctx: Context) -> _Plan:
    """``pages._plan`` at the start of the seventh speed pass."""
    short = _reference_short(lines)
    single = pages._single_line_candidates(lines, short)
    numbered = set(map(_first, single))
    raws, content = lines.raw, lines.content
    feeds = lines.feeds
    blank_feeds = {i for i in feeds if not content[i]} if feeds else set()
    kinds = pages._short_kinds(lines, short)
    dashes = [i for i in short if kinds.get(i) == "dash"] if kinds else []
    triples: dict[int, pages._PageNumber] = {}
    header_lines: dict[str, set[int]] = {}

    removal_stop = lines.removal_stop
    plain = "fraction" not in map(_form, single)

    for _ in range(6):
        if triples:
            numbers = pages._accept(single + sorted(triples.values(), key=_first))
        else:
            numbers = single.copy() if plain else pages._accept(single)
        removed = set(chain.from_iterable(map(_parts, numbers)))
        dropped = set(blank_feeds)
        for i in removed:
            dropped.update(range(i, removal_stop(i)))
        spaces = pages._page_break_spaces(lines, dropped)
        breaks = list(map(_last, numbers))
        if feeds:
            breaks += [i - 1 for i in feeds]
        if spaces:
            breaks += [i - 1 for i in spaces]
        changed = False
        for key, indices in pages._running_headers(lines, breaks, removed).items():
            fresh = set(indices) - removed - header_lines.get(key, set())
            if fresh:
                header_lines.setdefault(key, set()).update(fresh)
                changed = True
        grown = False
        for indices in header_lines.values():
            for i in indices - removed:
                removed.add(i)
                dropped.update(range(i, removal_stop(i)))
                grown = True
        if grown:
            spaces = pages._page_break_spaces(lines, dropped)
        if dashes:
            sequence = sorted((pn.first, pn.number) for pn in numbers)
            for t in pages._triple_candidates(lines, kinds, dashes, numbered, dropped, sequence):
                if t.first not in triples:
                    triples[t.first] = t
                    changed = True
        if not changed:
            break
    glued = pages._glued_candidates(lines, short, numbers, dropped) if numbers else []
    if glued:
        numbers = sorted([*numbers, *glued], key=_first)
        for pn in glued:
            removed.add(pn.last)
            dropped.update(range(pn.last, removal_stop(pn.last)))
        spaces = pages._page_break_spaces(lines, dropped)
    headers: dict[str, list[int]] = {}
    if header_lines:
        taken = set(chain.from_iterable(map(_parts, numbers)))
        headers = {content[min(indices)]: sorted(indices - taken) for indices in header_lines.values()}
        headers = {k: v for k, v in headers.items() if v}
    known = set(spaces)
    feed_set = set(feeds)
    n = lines.n
    kept = 0
    for i in sorted(removed | feed_set):
        if i in feed_set and content[i] and i not in removed:
            j: int | None = i
        else:
            kept = max(kept, i + 1)
            while kept < n and (not content[kept] or kept in dropped):
                kept += 1
            j = kept if kept < n else None
        if j is not None and j not in known:
            bare = raws[j].lstrip("\f") if feed_set else raws[j]
            if bare.startswith(" ") and not bare.startswith("  "):
                spaces.append(j)
                known.add(j)
    spaces.sort()
    if triples or len(numbers) != len(single):
        for cand in pages._rejected(single, None if triples else numbers):
            ctx.flag(
                "pages.not-a-page-number",
                f"line {cand.first + 1} looks like a page number but does not fit the page sequence; kept",
            )
    return _Plan(numbers, headers, removed, dropped, spaces)


# Short lines that stop mid-sentence: with blank lines between, OCR's blank-line style.
_OCR_LINES = [
    "重点城市建设工作任务",
    "全省形成纵向贯通",
    "育督导办将",
    "横向协同的工作体系。",
    "金支持，",
    "一、组织实施",
]
_OCR_ENDS = ["— {n} —", "- {n} -", "第 {n} 页", "{n}/6", "—\n\n—\n\n{n}", "—\n—\n{n}", ""]


@st.composite
def ocr_pages(draw: st.DrawFn) -> str:
    """OCR text with a blank line after most lines, page numbers (or none) at page ends,
    running headers, and a leading space on some pages' first lines: a page break then
    shows as a line that follows the one before directly."""
    header = draw(st.sampled_from(["某某市人民政府公报", "内部资料 注意保存", "{n} 某某公报", ""]))
    lines: list[str] = []
    for n in range(1, draw(st.integers(2, 6)) + 1):
        page = draw(st.lists(st.sampled_from(_OCR_LINES), min_size=1, max_size=12))
        if header and draw(st.booleans()):
            page.insert(draw(st.sampled_from([0, len(page)])), header.format(n=n))
        if draw(st.booleans()):
            page[0] = " " + page[0]
        end = draw(st.sampled_from(_OCR_ENDS))
        if end:  # else the page break shows only by the leading space
            page.append(end.format(n=n))
        for line in page:
            lines += [line, ""] if draw(st.integers(0, 3)) else [line]
    return "\n".join(lines)


def _decided(plan_of, text: str) -> tuple:  # type: ignore[no-untyped-def]
    ctx = Context(Options())
    plan = plan_of(_Lines(text), ctx)
    numbers = [
        (pn.first, pn.last, pn.number, pn.total, pn.form, pn.shown, pn.parts, pn.dash) for pn in plan.numbers
    ]
    flags = [dataclasses.astuple(f) for f in ctx.flags]
    return numbers, plan.headers, plan.removed, plan.dropped, plan.spaces, flags


def _same_plan(text: str) -> None:
    assert _decided(pages._plan, text) == _decided(_reference_plan, text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(ocr_pages(), documents(), paged().map(lambda doc: doc[0]), texts()))
def test_plan_as_the_reference(text: str) -> None:
    _same_plan(text)


@settings(max_examples=200, deadline=None)
@given(documents(), st.data())
def test_plan_as_the_reference_with_page_break_spaces(text: str, data: st.DataObject) -> None:
    # A leading space on lines anywhere: after page numbers, headers, blank lines, text.
    lines = text.split("\n")
    marked = data.draw(st.sets(st.integers(0, max(0, len(lines) - 1)), max_size=6))
    _same_plan("\n".join(" " + line if i in marked else line for i, line in enumerate(lines)))


def test_plan_as_the_reference_on_generated_corpus_inputs() -> None:
    for text in corpus_pass_inputs()["pages.remove_page_artifacts"]:
        _same_plan(text)


def test_a_space_after_a_page_number_is_taken_without_the_style_test() -> None:
    body = "\n\n".join(["重点城市建设工作任务", "全省形成纵向贯通", "育督导办将", "金支持，"] * 3)
    text = body + "\n— 1 —\n\n 育督导办将\n\n" + body  # the blank-line style holds here
    lines = _Lines(text)
    number = text.split("\n").index("— 1 —")
    dropped = {number, number + 1}
    assert pages._page_break_spaces(lines, dropped) == [number + 2]
    assert pages._page_break_spaces(lines, dropped, {number}) == []  # left to the plan
    assert pages._plan(_Lines(text), Context(Options())).spaces == [number + 2]
    _same_plan(text)


_LINE_PATTERNS = [pattern for _, _, pattern in pages._FORMS] + [
    pages._DASH_ONLY,
    pages._NUM_ONLY,
    pages._NUM_DASH,
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_LINE_PATTERNS).flatmap(lambda p: st.from_regex(p, fullmatch=True)))
def test_page_number_lines_hold_only_page_characters(line: str) -> None:
    # What a short line must hold to be found: a page number's content, or a part of one.
    assert pages._page_chars(line.strip())


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([pattern for _, _, pattern in pages._FORMS]).flatmap(
        lambda p: st.from_regex(p, fullmatch=True)
    )
)
def test_a_page_number_line_is_no_part_of_another(line: str) -> None:
    # The plan looks for the parts of split and glued numbers among the other short lines.
    assert not any(part.match(line) for part in (pages._DASH_ONLY, pages._NUM_ONLY, pages._NUM_DASH))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*PIECES, "\u3000\u3000— 7 —", " \t 12", "  ", "\x1c3", "\u2028— 2 —"]), max_size=30
    )
)
def test_short_line_scan_as_without_its_look_ahead(lines: list[str]) -> None:
    text = "\n".join(lines)
    plain = re.compile(pages._SHORT_LINE_RE.pattern.replace(f"(?=[{pages._OPENING}{SPACES_BUT_LF}])", "", 1))
    assert plain.pattern != pages._SHORT_LINE_RE.pattern
    assert [m.span() for m in pages._SHORT_LINE_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]

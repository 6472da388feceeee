"""Stage `pages`: remove the page furniture a scan or a PDF extractor leaves in the text.

A printed circular is cut into pages; extraction keeps the cuts. pdfminer writes each
page number on its own line and a form feed before the next page::

    金支持，市本级财政统筹安排专项经费每年不少于 3000 万元，重
    (blank)
    — 2 —
    (blank)
    \\f点用于开展足球青训、校园足球建设……

and splits some numbers over three lines (``—`` / ``—`` / ``１``). pypdf puts ``—１—``
at the end or ``— 2 —`` at the start of each page; annual reports use ``- 1 -``; other
tools write ``第 2 页 共 9 页`` or ``2/9``. An OCR'd scan may mark the page break only by a
leading space on the first line of the new page (``…省政府教`` / `` 育督导办将…``).

This stage removes the page-number lines (and the blank lines that belong to them),
running headers/footers (lines repeated at the top or bottom of most pages, found by
repetition, never from a list), form feeds and the page-break leading space. It does not
join the lines on either side of a page break: reflow does that when the sentence runs
on. The leading space goes from the first line of every page found (after a page
number, a running header or a form feed) and, in OCR text that puts a blank line after
every line, from a line that follows the previous one directly. What the stage removed
is in the change log and in ``metadata["pages"]`` (page count, the page numbers seen,
running header texts), so the page structure is never lost.

A lone number on a line is *not* a page number (flattened tables are full of them)
unless it is the number of pdfminer's ``—``/``—``/``N`` triple standing at a page break;
``N/M`` lines count only when several agree on ``M`` and run in order.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from ..changes import Edit
from ..pipeline import Context

# Dash-like characters that frame a page number: - — – － ― ‒ ~ ～.
_DASH = "\\-\u2014\u2013\uff0d\u2015\u2012~\uff5e"
_NUM = "[0-9\uff10-\uff19]{1,4}"
# Page-number line forms. "strong" forms are page numbers wherever they stand;
# "weak" ones must agree with the rest of the document first.
_FORMS: tuple[tuple[str, bool, re.Pattern[str]], ...] = (
    ("dash", True, re.compile(rf"^[{_DASH}]{{1,3}}\s*(?P<n>{_NUM})\s*[{_DASH}]{{1,3}}$")),
    (
        "chinese",
        True,
        re.compile(rf"^第\s*(?P<n>{_NUM})\s*页(?:\s*[,，/／]?\s*共\s*(?P<total>{_NUM})\s*页)?$"),
    ),
    ("chinese", True, re.compile(rf"^共\s*(?P<total>{_NUM})\s*页\s*[,，/／]?\s*第\s*(?P<n>{_NUM})\s*页$")),
    (
        "latin",
        True,
        re.compile(rf"^(?:page|p\.)\s*(?P<n>{_NUM})(?:\s*(?:of|/)\s*(?P<total>{_NUM}))?$", re.IGNORECASE),
    ),
    ("fraction", False, re.compile(rf"^(?P<n>{_NUM})\s*[/／]\s*(?P<total>{_NUM})$")),
)
_DASH_ONLY = re.compile(rf"^[{_DASH}]{{1,3}}$")
_NUM_ONLY = re.compile(rf"^{_NUM}$")
# A running header needs some words: a line of digits or punctuation is a table cell.
_WORDY = re.compile(r"[^\W\d_]", re.UNICODE)
_MAX_RUNNING_HEADER = 40


@dataclass
class _Line:
    index: int
    start: int  # offset of the line's first character
    end: int  # offset just past the line's content (before "\n")
    stop: int  # offset just past the "\n" (== end on the last line)
    raw: str
    content: str = ""  # the line without form feeds and surrounding spaces
    blank: bool = True

    def __post_init__(self) -> None:
        self.content = self.raw.replace("\f", "").strip()
        self.blank = not self.content


@dataclass
class _PageNumber:
    first: int  # line indices, inclusive
    last: int
    number: int
    total: int | None
    form: str
    shown: str
    parts: tuple[int, ...] = ()  # the lines it occupies (a split number spans three)

    def __post_init__(self) -> None:
        self.parts = self.parts or (self.first,)


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        end = pos + len(raw)
        stop = end + 1 if end < len(text) else end
        lines.append(_Line(i, pos, end, stop, raw))
        pos = stop
    return lines


def _as_int(digits: str | None) -> int | None:
    return int(digits) if digits else None  # int() reads full-width digits too


def _single_line_candidates(lines: list[_Line]) -> list[_PageNumber]:
    found = []
    for line in lines:
        content = line.content
        if not content or len(content) > 24:
            continue
        for form, strong, pattern in _FORMS:
            m = pattern.match(content)
            if m:
                number = _as_int(m.group("n"))
                total = _as_int(m.groupdict().get("total"))
                if number is None or (total is not None and number > total):
                    break
                found.append(_PageNumber(line.index, line.index, number, total, form, content))
                if not strong:
                    found[-1].form = "fraction"
                break
    return found


def _triple_candidates(lines: list[_Line], numbered: set[int], skip: set[int]) -> list[_PageNumber]:
    """pdfminer's ``—`` / ``—`` / ``N`` at a page break: two dash lines and a number line.

    Displaced range dashes (``18—40`` split into ``—`` / ``40`` / ``18``) look alike, so
    the triple must stand at a page break: the next page's form feed, the end of the
    text, or another page number follows it.
    """
    matches = []
    # Lines that go anyway (other page numbers, running headers) do not separate the parts.
    nonblank = [line for line in lines if not (line.blank or line.index in numbered or line.index in skip)]
    for a, b, c in zip(nonblank, nonblank[1:], nonblank[2:], strict=False):
        kinds = [
            "dash" if _DASH_ONLY.match(x.content) else "num" if _NUM_ONLY.match(x.content) else ""
            for x in (a, b, c)
        ]
        if kinds in (["dash", "dash", "num"], ["dash", "num", "dash"]):
            matches.append((a, b, c, c if kinds[2] == "num" else b))
    found: list[_PageNumber] = []
    numbered = set(numbered)
    for a, b, c, number_line in reversed(matches):  # a later page number makes a break too
        number = int(number_line.content)
        if number >= 1 and _at_page_break(lines, c, numbered, skip):
            parts = (a.index, b.index, c.index)
            found.append(_PageNumber(a.index, c.index, number, None, "triple", f"— {number} —", parts))
            numbered.add(a.index)
    return found[::-1]


def _at_page_break(lines: list[_Line], last: _Line, numbered: set[int], skip: set[int]) -> bool:
    """Does a form feed, the end of the text or a page number follow line ``last``
    (passing over blank lines and lines that go anyway, such as running headers)?"""
    if "\f" in last.raw:
        return True
    for line in lines[last.index + 1 :]:
        if "\f" in line.raw[: len(line.raw) - len(line.raw.lstrip())]:  # the next page's form feed
            return True
        if line.index in numbered:
            return True
        if line.blank or line.index in skip:
            continue
        return False
    return True


def _accept(candidates: list[_PageNumber]) -> list[_PageNumber]:
    """Keep the strong forms; keep ``N/M`` only where several agree and run in order."""
    fraction_ok = _fractions_agree(candidates)
    accepted: list[_PageNumber] = []
    used: set[int] = set()
    last_number = 0
    for cand in sorted(candidates, key=lambda c: c.first):
        if used.intersection(cand.parts):
            continue  # overlaps a number already taken (a dash line of a triple)
        if cand.form == "fraction" and not (fraction_ok and cand.number > last_number):
            continue
        accepted.append(cand)
        used.update(cand.parts)
        last_number = cand.number
    return accepted


def _fractions_agree(candidates: list[_PageNumber]) -> bool:
    fractions = [c for c in candidates if c.form == "fraction"]
    return len(fractions) >= 2 and len({c.total for c in fractions}) == 1


def _rejected(single: list[_PageNumber]) -> list[_PageNumber]:
    taken = {id(c) for c in _accept(single)}
    return [c for c in single if id(c) not in taken]


def _page_break_spaces(lines: list[_Line], dropped: set[int]) -> list[_Line]:
    """First lines of a new page that OCR marked only with a leading space.

    Only in text that puts a blank line between consecutive lines: there a line that
    follows the previous one directly and starts with one space is a page's first line.
    Judged on the lines that stay (without page numbers, headers, form-feed lines), so
    the stage decides the same way on its own output.
    """
    view = [line for line in lines if line.index not in dropped]
    filled = [k for k, line in enumerate(view) if not line.blank]
    gaps = [b - a for a, b in pairwise(filled)]
    separated = sum(1 for g in gaps if g > 1)
    if separated < 4 or separated < 3 * (len(gaps) - separated):
        return []
    return [view[b] for a, b in pairwise(filled) if b == a + 1 and _space_start(view[b].raw)]


def _next_kept(lines: list[_Line], i: int, dropped: set[int]) -> int | None:
    for line in lines[i + 1 :]:
        if not line.blank and line.index not in dropped:
            return line.index
    return None


def _space_start(raw: str) -> bool:
    bare = raw.lstrip("\f")
    return bare.startswith(" ") and not bare.startswith("  ")


def _key(content: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"[0-9\uff10-\uff19]+", "#", content))


def _running_headers(lines: list[_Line], breaks: list[int], skip: set[int]) -> dict[str, list[int]]:
    """Lines repeated at the top or bottom of most pages: key -> line indices."""
    bounds = [-1, *sorted(set(breaks)), len(lines)]
    pages: list[list[int]] = []
    for lo, hi in pairwise(bounds):
        body = [i for i in range(lo + 1, hi) if i not in skip and not lines[i].blank]
        if body:
            pages.append(body)
    if len(pages) < 3:
        return {}
    where: dict[str, dict[int, int]] = {}
    for p, body in enumerate(pages):
        edge = [(i, "top") for i in body[:2]] + [(i, "bottom") for i in body[-2:]]
        for i, _side in edge:
            content = lines[i].content
            if len(content) > _MAX_RUNNING_HEADER or len(_WORDY.findall(content)) < 2:
                continue
            where.setdefault(_key(content), {})[p] = i
    need = max(3, math.ceil(0.5 * len(pages)))
    out: dict[str, list[int]] = {}
    for key, by_page in where.items():
        if len(by_page) >= need:
            # The letterhead on page 1 is the document's own header: keep it there.
            out[key] = sorted(i for p, i in by_page.items() if not (p == 0 and i in pages[0][:2]))
    return out


def _removal(lines: list[_Line], first: int, last: int) -> tuple[int, int, range]:
    """Span of lines first..last plus the blank lines after them (up to a form feed)."""
    j = last + 1
    while j < len(lines) and lines[j].blank and "\f" not in lines[j].raw:
        j += 1
    end = lines[j].start if j < len(lines) else lines[-1].stop
    return lines[first].start, end, range(first, j)


@dataclass
class _Plan:
    numbers: list[_PageNumber]
    headers: dict[str, list[int]]  # running header text -> line indices
    removed: set[int]  # page-number and running-header lines
    dropped: set[int]  # every line that goes (with the blank lines that belong to them)
    spaces: list[_Line]


def _plan(lines: list[_Line], ctx: Context) -> _Plan:
    """Decide what goes. Running headers and split page numbers depend on each other (a
    triple counts at a page break, a removed header uncovers the break), so grow both
    until nothing changes: the stage then decides the same way on its own output."""
    single = _single_line_candidates(lines)
    numbered = {c.first for c in single}
    feeds = [line.index for line in lines if "\f" in line.raw]
    triples: dict[int, _PageNumber] = {}
    header_lines: dict[str, set[int]] = {}
    for _ in range(6):
        numbers = _accept(single + sorted(triples.values(), key=lambda t: t.first))
        removed = {i for pn in numbers for i in pn.parts}
        dropped = {line.index for line in lines if line.blank and "\f" in line.raw}
        for i in removed:
            dropped.update(_removal(lines, i, i)[2])
        spaces = _page_break_spaces(lines, dropped)
        breaks = [pn.last for pn in numbers] + [i - 1 for i in feeds] + [ln.index - 1 for ln in spaces]
        changed = False
        for key, indices in _running_headers(lines, breaks, removed).items():
            fresh = set(indices) - removed - header_lines.get(key, set())
            if fresh:
                header_lines.setdefault(key, set()).update(fresh)
                changed = True
        for indices in header_lines.values():
            for i in indices - removed:
                removed.add(i)
                dropped.update(_removal(lines, i, i)[2])
        spaces = _page_break_spaces(lines, dropped)
        for t in _triple_candidates(lines, numbered, dropped):
            if t.first not in triples:
                triples[t.first] = t
                changed = True
        if not changed:
            break
    headers = {
        lines[min(indices)].content: sorted(indices - {i for pn in numbers for i in pn.parts})
        for indices in header_lines.values()
    }
    # The first line of every page found (after a page number, a running header or a
    # form feed) loses the page-break space too, whatever the blank-line style.
    known = {ln.index for ln in spaces}
    for i in sorted(removed | set(feeds)):
        j = i if (i in feeds and not lines[i].blank and i not in removed) else _next_kept(lines, i, dropped)
        if j is not None and j not in known and _space_start(lines[j].raw):
            spaces.append(lines[j])
            known.add(j)
    spaces.sort(key=lambda ln: ln.index)
    for cand in _rejected(single):
        ctx.flag(
            "pages.not-a-page-number",
            f"line {cand.first + 1} looks like a page number but does not fit the page sequence; kept",
        )
    return _Plan(numbers, {k: v for k, v in headers.items() if v}, removed, dropped, spaces)


def remove_page_artifacts(text: str, ctx: Context) -> list[Edit]:
    lines = _split_lines(text)
    plan = _plan(lines, ctx)
    edits: list[Edit] = []
    for pn in plan.numbers:
        detail = {"number": pn.number, "form": pn.form}
        if pn.total is not None:
            detail["total"] = pn.total
        reason = f"page number {pn.shown}" + (" (split over three lines)" if len(pn.parts) > 1 else "")
        for i in pn.parts:
            start, end, _ = _removal(lines, i, i)
            edits.append(Edit(start, end, "", "page-number", reason, detail))
    for indices in plan.headers.values():
        for i in indices:
            start, end, _ = _removal(lines, i, i)
            edits.append(Edit(start, end, "", "running-header", f"running header/footer {lines[i].content}"))

    taken = sorted((e.start, e.end) for e in edits)
    taken_starts = [a for a, _ in taken]

    def inside(pos: int) -> bool:
        i = bisect_right(taken_starts, pos) - 1
        return i >= 0 and pos < taken[i][1]

    for line in lines:
        if "\f" not in line.raw or inside(line.start):
            continue
        if line.blank:  # a line of its own: drop it with its line end
            edits.append(Edit(line.start, line.stop, "", "form-feed", "form feed (page break)"))
            continue
        for k, ch in enumerate(line.raw):
            if ch == "\f":
                pos = line.start + k
                edits.append(Edit(pos, pos + 1, "", "form-feed", "form feed (page break)"))
    for line in plan.spaces:
        pos = line.start + len(line.raw) - len(line.raw.lstrip("\f"))  # after a form feed
        if not inside(pos):
            edits.append(Edit(pos, pos + 1, "", "page-break-space", "leading space of a new page"))

    numbers = [pn.number for pn in plan.numbers]
    ctx.metadata["pages"] = {
        "count": _page_count(text, plan.numbers, plan.spaces),
        "numbers": numbers,
        "running_headers": list(plan.headers),
    }
    if numbers and any(b != a + 1 for a, b in pairwise(numbers)):
        ctx.flag(
            "pages.sequence-gap", f"page numbers are not consecutive: {numbers}", detail={"numbers": numbers}
        )
    return edits


def _page_count(text: str, numbers: list[_PageNumber], spaces: list[_Line]) -> int:
    if "\f" in text:
        return sum(1 for page in text.split("\f") if page.strip())
    if numbers:
        totals = [pn.total for pn in numbers if pn.total]
        return max([len(numbers), *(pn.number for pn in numbers), *totals])
    return len(spaces) + 1 if text.strip() else 0


PASSES = (remove_page_artifacts,)

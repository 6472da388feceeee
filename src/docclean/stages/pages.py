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

The stage has two passes. The first puts each form feed that has text on both sides on
its line (``……限期\f— 2 —``, as pypdf joins pages) at the start of a line of its own, so
the second judges the lines its output will have and a second run finds nothing more.

A lone number on a line is *not* a page number (flattened tables are full of them)
unless it is the number of pdfminer's ``—``/``—``/``N`` triple standing at a page break;
``N/M`` lines count only when several agree on ``M`` and run in order.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence, Set
from itertools import accumulate, chain, pairwise, repeat
from operator import add, attrgetter, not_

from ..changes import Edit, Rewrite
from ..patterns import CJK_CHARS, SPACES_BUT_LF
from ..pipeline import Context

# Dash-like characters that frame a page number: - — – － ― ‒ ~ ～.
_DASH = "\\-\u2014\u2013\uff0d\u2015\u2012~\uff5e"
_NUM = "[0-9\uff10-\uff19]{1,4}"
_DIGITS = "0123456789" + "".join(map(chr, range(0xFF10, 0xFF1A)))
# Page-number line forms, each with the characters it opens with. The fraction form is
# "weak": it must agree with the rest of the document first; the others are page
# numbers wherever they stand.
_FORMS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("dash", _DASH.replace("\\", ""), re.compile(rf"^[{_DASH}]{{1,3}}\s*(?P<n>{_NUM})\s*[{_DASH}]{{1,3}}$")),
    (
        "chinese",
        "第",
        re.compile(rf"^第\s*(?P<n>{_NUM})\s*页(?:\s*[,，/／]?\s*共\s*(?P<total>{_NUM})\s*页)?$"),
    ),
    ("chinese", "共", re.compile(rf"^共\s*(?P<total>{_NUM})\s*页\s*[,，/／]?\s*第\s*(?P<n>{_NUM})\s*页$")),
    (
        "latin",
        "pPｐＰ",
        re.compile(
            rf"^(?:[pｐ][aａ][gｇ][eｅ]|[pｐ][.．])\s*(?P<n>{_NUM})(?:\s*(?:[oｏ][fｆ]|[/／])\s*(?P<total>{_NUM}))?$",
            re.IGNORECASE,
        ),
    ),
    ("fraction", _DIGITS, re.compile(rf"^(?P<n>{_NUM})\s*[/／]\s*(?P<total>{_NUM})$")),
)
# The form a line can have by its first character: (form, has a total, pattern).
_FORM_BY_FIRST: dict[str, tuple[str, bool, re.Pattern[str]]] = {
    ch: (form, "total" in pattern.groupindex, pattern) for form, opening, pattern in _FORMS for ch in opening
}
_DASH_ONLY = re.compile(rf"^[{_DASH}]{{1,3}}$")
# "2 —": the rest of a page number whose first dash ends the line before ("…落实。—").
_NUM_DASH = re.compile(rf"^(?P<n>{_NUM})\s*[{_DASH}]{{1,3}}$")
_TRAILING_DASH = re.compile(rf"[^\S\n]*[{_DASH}]{{1,3}}[^\S\n]*$")
_NUM_ONLY = re.compile(rf"^{_NUM}$")
# A running header needs some words: a line of digits or punctuation is a table cell.
_WORDY = re.compile(r"[^\W\d_]", re.UNICODE)
_TWO_WORDY = re.compile(r"[^\W\d_].*?[^\W\d_]", re.UNICODE | re.DOTALL)
_MAX_RUNNING_HEADER = 40
# Every page-number form opens with one of these (a cheap test before the patterns).
_FORM_FIRST_CHARS = frozenset(_FORM_BY_FIRST)
# Every character a page-number line (of any form, or a part of one: a dash line, a
# number line, "2 —") can hold but spaces, in either width (this stage runs before width).
# IGNORECASE matches no other letter for these.
_PAGE_CHARS = rf"{_DASH}0-9\uff10-\uff19第共页,，/／.．AaEeFfGgOoPpＡａＥｅＦｆＧｇＯｏＰｐ"
_PAGE_CHARS_ONLY = re.compile(rf"[\s{_PAGE_CHARS}]*")
# A line (after the first) whose content is short and opens like a page number, with no
# character a page number cannot hold (a date line "2024 年 12 月 16 日", a wrapped "3.5%
# 以上，" fail at their first such character) and none but spaces from its 25th
# character of content on. Starts at the line's "\n", a literal the regex engine finds
# fast. The leading spaces are taken possessively where re can (Python 3.11): the next
# character is no space, so backtracking into them finds nothing, and its bookkeeping at
# every line start costs a fifth of the scan. Most lines fail at once, in a look-ahead
# for a space or a character that opens a page number before the repeat: one table
# lookup, as the spaces are written out (a class with \\s in it tests the category too).
_LEADING = r"[^\S\n]*+" if sys.version_info >= (3, 11) else r"[^\S\n]*"
_OPENING = rf"{_DASH}第共pPｐＰ0-9\uff10-\uff19"
_SHORT_LINE_RE = re.compile(
    rf"\n(?=[{_OPENING}{SPACES_BUT_LF}]){_LEADING}[{_OPENING}]"
    rf"(?![^\n]*?[^\s{_PAGE_CHARS}])(?![^\n]{{23}}[^\n]*\S)"
)
# A line (after the first) that opens with one space, after form feeds.
_SPACE_LINE_RE = re.compile(r"\n\f* (?! )")
_NONSPACE = re.compile(r"\S")
_DIGITS_RE = re.compile(r"[0-9\uff10-\uff19]+")
_SPACES_RE = re.compile(r"\s+")
# Running headers are compared with digits as # and full-width forms as ASCII: this stage
# runs before ``width``, and a header printed as ``(内部资料)`` on one page and
# ``（内部资料）`` on another is one header (a second run, after width, would see it so).
_HEADER_FOLD = {**{chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}, **dict.fromkeys(_DIGITS, "#")}
_HEADER_FOLD_TABLE = str.maketrans(_HEADER_FOLD)
# A cut, in the kept lines joined by "\n": a line that stops mid-sentence (on a Chinese
# character, a comma in either width, or an enumeration comma) and a blank line after it. The "\n\n" comes
# first: a literal the regex engine finds fast (the look-behind first is six times slower).
_CUT_RE = re.compile(rf"\n\n(?<=[{CJK_CHARS}，、,]\n\n)")
# OCR's blank-line style around a page-break space: within _STYLE_WINDOW characters on
# either side (spaces not counted), a blank line after an unfinished line at least every
# _CHARS_PER_CUT characters, and at least _MIN_CUTS such blank lines.
_STYLE_WINDOW = 400
_CHARS_PER_CUT = 60
_MIN_CUTS = 4
# The window's ends are found by counting "\n"s until the count settles: in so many rounds
# for any text but one of blank lines mostly (then every line's offset is counted).
_SETTLE_ROUNDS = 16
_NOT_NEWLINE = re.compile(r"[^\n]")


def _find_all(text: str, ch: str) -> list[int]:
    out = []
    k = text.find(ch)
    while k >= 0:
        out.append(k)
        k = text.find(ch, k + 1)
    return out


def _line_indices(text: str, positions: list[int]) -> list[int]:
    """The lines (ascending, each once) that hold these ascending offsets."""
    out: list[int] = []
    line = last = 0
    for pos in positions:
        line += text.count("\n", last, pos)
        last = pos
        if not out or out[-1] != line:
            out.append(line)
    return out


# start_of() adds up line lengths from the closest line above whose start is known (and
# then knows one more): asked in order, it reads each line once. Past the text's lines and
# this many in all it builds every line's start instead.
_WALK_BUDGET = 64


class _Lines:
    """The text's lines as parallel lists (``index`` is the position in each)."""

    __slots__ = (
        "_blank",
        "_removal",
        "_space_lines",
        "_starts",
        "_walked",
        "anchored",
        "anchors",
        "content",
        "feed_at",
        "feeds",
        "n",
        "raw",
        "text",
    )

    def __init__(self, text: str, feedless: bool = False):  # feedless: known to hold no "\f"
        self.text = text
        raw = self.raw = text.split("\n")
        self.n = len(raw)
        content = self.content = list(map(str.strip, raw))
        if not feedless and "\f" in text:
            # Lines with a form feed; strip() takes it only at the ends, the content never has it.
            self.feed_at = _find_all(text, "\f")
            self.feeds = _line_indices(text, self.feed_at)
            for i in self.feeds:
                content[i] = raw[i].replace("\f", "").strip()
        else:
            self.feed_at = self.feeds = []
        self._blank = b""
        self._removal: dict[int, int] = {}
        self._space_lines: list[int] | None = None
        # Few offsets are asked for (page-number lines, the lines after them): start_of()
        # counts them instead of building every line's start.
        self.anchors = {0: 0}  # line -> start
        self.anchored = [0]  # its keys, ascending
        self._starts: list[int] | None = None
        self._walked = 0

    @property
    def blank(self) -> bytes:
        """One byte per line, 1 where the line is blank (built once, when asked)."""
        if len(self._blank) != self.n:
            self._blank = bytes(map(not_, self.content))
        return self._blank

    def start_of(self, i: int) -> int:
        """Offset of line ``i``'s first character."""
        start = self.anchors.get(i)
        if start is not None:
            return start
        starts = self._starts
        if starts is None:
            k = bisect_right(self.anchored, i)
            a = self.anchored[k - 1]
            self._walked += i - a
            if self._walked <= self.n + _WALK_BUDGET:
                start = self.anchors[a] + sum(map(len, self.raw[a:i])) + i - a
                self.anchors[i] = start
                self.anchored.insert(k, i)
                return start
            starts = self._starts = list(
                accumulate(map(add, map(len, self.raw), repeat(1, self.n - 1)), initial=0)
            )
        return starts[i]

    def stop(self, i: int) -> int:
        """Offset just past line ``i``'s "\\n" (the end of the text on the last line)."""
        return self.start_of(i + 1) if i + 1 < self.n else len(self.text)

    def space_lines(self) -> list[int]:
        """The lines that are not blank and open with one space, after form feeds (ascending)."""
        if self._space_lines is None:
            text, content = self.text, self.content
            first = self.raw[0]  # mostly it opens with neither: no call
            found = [0] if first[:1] in " \f" and content[0] and _space_start(first) else []
            if self.feeds:
                starts = [m.start() + 1 for m in _SPACE_LINE_RE.finditer(text)]
            else:  # str.find is faster than the regex's scan
                starts = []
                k = text.find("\n ")
                while k >= 0:
                    if text[k + 2 : k + 3] != " ":
                        starts.append(k + 1)
                    k = text.find("\n ", k + 2)
            # Their offsets anchor start_of(): the spaces that go are deleted there.
            anchors, anchored = self.anchors, self.anchored
            line = last = 0
            for pos in starts:
                line += text.count("\n", last, pos)
                last = pos
                if content[line]:
                    found.append(line)
                    if line not in anchors:
                        anchors[line] = pos
                        insort(anchored, line)
            self._space_lines = found
        return self._space_lines

    def removal_stop(self, i: int) -> int:
        """Line ``i`` goes with the blank lines after it (up to a form feed): the first line that stays."""
        j = self._removal.get(i)
        if j is None:
            raw, content, n = self.raw, self.content, self.n
            j = i + 1
            if self.feeds:
                while j < n and not content[j] and "\f" not in raw[j]:
                    j += 1
            else:
                while j < n and not content[j]:
                    j += 1
            self._removal[i] = j
        return j

    def removal(self, i: int) -> tuple[int, int]:
        # Mostly both are known (a page-number line is anchored, the plan found its stop).
        start = self.anchors.get(i)
        if start is None:
            start = self.start_of(i)
        j = self._removal.get(i)
        if j is None:
            j = self.removal_stop(i)
        if j >= self.n:
            return start, len(self.text)
        if self._starts is None:  # the blank lines between: add their lengths
            return start, start + sum(map(len, self.raw[i:j])) + j - i
        return start, self._starts[j]


# Plain classes rather than dataclasses: a dataclass costs about a millisecond to create
# at import, which the stage pays on every run.
class _PageNumber:
    __slots__ = ("dash", "first", "form", "last", "number", "parts", "shown", "total")

    def __init__(
        self,
        first: int,  # line indices, inclusive
        last: int,
        number: int,
        total: int | None,
        form: str,
        shown: str,
        parts: tuple[int, ...] = (),  # the lines it occupies (a split number spans three)
        dash: tuple[int, int] | None = None,  # offsets of its first dash, glued to the line before
    ) -> None:
        self.first = first
        self.last = last
        self.number = number
        self.total = total
        self.form = form
        self.shown = shown
        self.parts = parts or (first,)
        self.dash = dash


def _as_int(digits: str | None) -> int | None:
    return int(digits) if digits else None  # int() reads full-width digits too


def _short_candidates(lines: _Lines) -> list[int]:
    """Lines of at most 24 characters whose first character can open a page number (any
    form, a dash, a number) and whose every character can be in one: the lines that
    can be a page number or a part of one. Their offsets come with them: they anchor
    ``lines.start_of``."""
    text, content = lines.text, lines.content
    first = content[0]
    found = [0] if first and len(first) <= 24 and first[0] in _FORM_FIRST_CHARS and _page_chars(first) else []
    anchors, anchored = lines.anchors, lines.anchored
    in_order = len(anchored) == 1  # nothing but line 0 is anchored yet (the plan asks first)
    count = text.count
    line = last = 0
    for m in _SHORT_LINE_RE.finditer(text):
        pos = m.start() + 1
        line += count("\n", last, pos)
        last = pos
        found.append(line)
        anchors[line] = pos
        anchored.append(line)
    if not in_order:
        anchored.sort()
    if lines.feeds:  # a form feed inside the line is not in its content
        found = sorted(set(found).union(lines.feeds))
        return [
            i
            for i in found
            if content[i]
            and len(content[i]) <= 24
            and content[i][0] in _FORM_FIRST_CHARS
            and _page_chars(content[i])
        ]
    return found  # without form feeds a line's content is its text stripped: as matched


def _page_chars(content: str) -> bool:
    """Can every character of ``content`` be in a page-number line?"""
    return _PAGE_CHARS_ONLY.fullmatch(content) is not None


def _single_line_candidates(lines: _Lines, short: list[int]) -> list[_PageNumber]:
    found = []
    contents = lines.content
    for i in short:
        content = contents[i]
        form, has_total, pattern = _FORM_BY_FIRST[content[0]]
        m = pattern.match(content)
        if m:
            number = int(m.group("n"))  # int() reads full-width digits too
            total = _as_int(m.group("total")) if has_total else None
            if total is None or number <= total:
                found.append(_PageNumber(i, i, number, total, form, content))
    return found


def _short_kinds(lines: _Lines, short: list[int]) -> dict[int, str]:
    """Lines that can be part of a split page number: "dash" or "num"."""
    kinds = {}
    contents = lines.content
    for i in short:
        content = contents[i]
        if len(content) <= 4:
            if _DASH_ONLY.match(content):
                kinds[i] = "dash"
            elif _NUM_ONLY.match(content):
                kinds[i] = "num"
    return kinds


def _triple_candidates(
    lines: _Lines,
    kinds: dict[int, str],
    dashes: list[int],
    numbered: set[int],
    skip: set[int],
    sequence: Sequence[tuple[int, int]] = (),
) -> list[_PageNumber]:
    """pdfminer's ``—`` / ``—`` / ``N`` at a page break: two dash lines and a number line.

    Displaced range dashes (``18—40`` split into ``—`` / ``40`` / ``18``) look alike, so
    the triple must stand at a page break (the next page's form feed, the end of the
    text, or another page number follows it) or continue the page sequence: the page
    number just before it is N-1, or (none before it) the one after it is N+1. The
    sequence rule decides the same way once a later stage has removed the text that
    followed the triple. ``dashes``: the dash lines, ascending; ``sequence``: (line,
    number) of the page numbers found, ascending.
    """
    matches = []
    blank, n = lines.blank, lines.n
    get = kinds.get
    for a in dashes:
        if a in numbered or a in skip:
            continue
        # The next two lines; lines that go anyway (other page numbers, running
        # headers) do not separate the parts.
        found: list[int] = []
        i = a + 1
        while i < n:
            if not (blank[i] or i in numbered or i in skip):
                found.append(i)
                if len(found) == 2:
                    break
            i += 1
        if len(found) < 2:
            break  # nor will any later dash line have two lines after it
        b, c = found
        kb, kc = get(b), get(c)
        if kb == "dash" and kc == "num":
            matches.append((a, b, c, c))
        elif kb == "num" and kc == "dash":
            matches.append((a, b, c, b))
    found_numbers: list[_PageNumber] = []
    numbered = set(numbered)
    content = lines.content
    for a, b, c, number_line in reversed(matches):  # a later page number makes a break too
        number = int(content[number_line])
        if number >= 1 and (_at_page_break(lines, c, numbered, skip) or _continues(sequence, a, number)):
            found_numbers.append(_PageNumber(a, c, number, None, "triple", f"— {number} —", (a, b, c)))
            numbered.add(a)
    return found_numbers[::-1]


def _continues(sequence: Sequence[tuple[int, int]], line: int, number: int) -> bool:
    """Is the page number found last before ``line`` the number ``number - 1``, or, with
    none before it, the page number found first after it ``number + 1``?"""
    i = bisect_left(sequence, (line, -1))
    if i > 0:
        return sequence[i - 1][1] == number - 1
    return i < len(sequence) and sequence[i][1] == number + 1


def _at_page_break(lines: _Lines, last: int, numbered: set[int], skip: set[int]) -> bool:
    """Does a form feed, the end of the text or a page number follow line ``last``
    (passing over blank lines and lines that go anyway, such as running headers)?"""
    raws, blank = lines.raw, lines.blank
    if "\f" in raws[last]:
        return True
    for i in range(last + 1, lines.n):
        raw = raws[i]
        if "\f" in raw and "\f" in raw[: len(raw) - len(raw.lstrip())]:  # the next page's form feed
            return True
        if i in numbered:
            return True
        if blank[i] or i in skip:
            continue
        return False
    return True


def _glued_candidates(
    lines: _Lines, short: list[int], numbers: list[_PageNumber], dropped: set[int]
) -> list[_PageNumber]:
    """``…确保工作落实。—`` / ``2 —``: a page number whose first dash the extractor left at
    the end of the line before. Taken only where it continues the page sequence (the
    page number found before it is N-1, the one after it N+1, at least one of them
    there) and the line before has text before its dash: the dash goes from that line,
    the ``N —`` line goes whole."""
    content, raws = lines.content, lines.raw
    sequence: list[tuple[int, int]] | None = None  # (line, number), sorted when first needed
    found = []
    whole: set[int] = set()  # the ``N —`` lines taken so far: they give no dash
    for i in short:
        if i in dropped or "\f" in raws[i]:
            continue
        m = _NUM_DASH.match(content[i])
        if not m:
            continue
        p = i - 1
        while p >= 0 and not content[p] and p not in dropped:
            p -= 1
        if p < 0 or p in dropped or p in whole or "\f" in raws[p]:
            continue
        dash = _TRAILING_DASH.search(raws[p])
        if not dash or not raws[p][: dash.start()].strip():
            continue
        number = int(m.group("n"))
        if sequence is None:
            sequence = sorted([(pn.first, pn.number) for pn in numbers])
        k = bisect_left(sequence, (i, -1))
        before = sequence[k - 1][1] if k > 0 else None
        after = sequence[k][1] if k < len(sequence) else None
        if (
            (before is None and after is None)
            or before not in (None, number - 1)
            or after not in (None, number + 1)
        ):
            continue
        start = lines.start_of(p)
        whole.add(i)
        found.append(
            _PageNumber(
                p, i, number, None, "dash", f"— {number} —", (i,), (start + dash.start(), start + dash.end())
            )
        )
    return found


# Fields read by C-level maps (no comprehension to create and call per use).
_first = attrgetter("first")
_last = attrgetter("last")
_form = attrgetter("form")
_number = attrgetter("number")
_total = attrgetter("total")
_parts = attrgetter("parts")


def _accept(candidates: list[_PageNumber]) -> list[_PageNumber]:
    """Keep the strong forms; keep ``N/M`` only where several agree and run in order."""
    fraction_ok = _fractions_agree(candidates)
    accepted: list[_PageNumber] = []
    used: set[int] = set()
    last_number = 0
    for cand in sorted(candidates, key=_first):
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


def _rejected(single: list[_PageNumber], accepted: list[_PageNumber] | None = None) -> list[_PageNumber]:
    """The single-line candidates that ``_accept(single)`` (``accepted``, when known) leaves out."""
    if accepted is None:
        accepted = _accept(single)
    if len(accepted) == len(single):
        return []
    taken = {id(c) for c in accepted}
    return [c for c in single if id(c) not in taken]


def _page_break_spaces(lines: _Lines, dropped: set[int], ends: Set[int] = frozenset()) -> list[int]:
    """First lines of a new page that OCR marked only with a leading space.

    Only in text that puts a blank line between consecutive lines: there a line that
    follows the previous one directly and starts with one space is a page's first line.
    Judged on the lines that stay (without page numbers, headers, form-feed lines), so
    the stage decides the same way on its own output.

    The blank-line style is judged around each such line, by what reflow cannot create:
    the blank lines that cut a sentence (after a line that stops on a Chinese character
    or a comma) per character of text, spaces not counted, within ``_STYLE_WINDOW``
    characters on either side. Reflow joins lines (fewer cuts) and never moves a
    character, so text it has joined never looks more like the blank-line style than
    before: a leading space kept here is kept on the next run too. Counting the blank
    lines against the lines that follow each other directly flipped once reflow had
    joined some of those (``0，`` / ``—`` / `` 0`` kept its space, then ``0，—`` /
    `` 0`` lost it); a count of blank lines after any line took the blank lines between
    paragraphs, headings or table cells (reflow's own output among them) for the style.

    ``ends``: lines known to end a page (the page numbers' last lines). A line after one
    of them (past the lines that go) is left out, whatever the style: the plan takes the
    first line of every page found anyway, and its page break is known already.
    """
    content = lines.content
    # A line that opens with one space and follows a kept line that is not blank.
    candidates = []
    for i in lines.space_lines():
        if i in dropped:
            continue
        p = i - 1
        while p in dropped:
            p -= 1
        if p >= 0 and content[p] and (p == i - 1 or ends.isdisjoint(range(p + 1, i))):
            candidates.append(i)
    if not candidates or content.count("") < _MIN_CUTS:  # mostly none: no count
        return []
    # The lines that stay, joined by "\n" without the spaces (other stages take them
    # out), cut before each candidate to learn where its line starts.
    cuts_at = sorted(dropped)
    texts: list[str] = []
    pos = 0
    for d in cuts_at:
        if d > pos:
            texts += content[pos:d]
        pos = d + 1
    texts += content[pos:]
    m = len(texts)
    ks = [i - bisect_left(cuts_at, i) for i in candidates]  # their lines among those that stay
    parts = ["\n".join(texts[a:b]) for a, b in pairwise([0, *ks, m])]
    parts = [part.replace(" ", "").replace("\u3000", "").replace("\t", "") for part in parts]
    joined = "\n".join(parts)
    total = len(joined) - m + 1  # characters, without the "\n"s
    # A blank run at the very end stands between no two lines: windows stop before it.
    last_text = m
    while last_text and not texts[last_text - 1]:
        last_text -= 1
    end = len(joined) + 1 - (m - last_text)  # where line last_text would start
    out = []
    start = 0
    for i, k, part in zip(candidates, ks, parts, strict=False):
        start += len(part) + 1  # line k starts here: k lines and p characters before it
        style = _window_style(joined, start, start - k, total, end)
        if style is None:  # the window search did not settle: count every line
            style = _window_style_by_lines(texts, k, last_text)
        if style:
            out.append(i)
    return out


def _window_style(joined: str, start: int, p: int, total: int, end: int) -> bool | None:
    """The blank-line style test for the line at ``start`` in ``joined`` (``p`` characters
    before it, ``total`` in all, "\\n"s not counted; ``end``: where the windows stop at the
    latest). The window takes, on each side, the lines up to and including the one that
    holds the ``_STYLE_WINDOW``-th character from the line's start. Offsets in ``joined``
    that are so many characters away are found by counting the "\\n"s in between until
    the count settles; None when it does not settle within _SETTLE_ROUNDS rounds."""
    if p <= _STYLE_WINDOW:
        lo, window_start = 0, 0
    else:
        lo = p - _STYLE_WINDOW
        # The offset of character lo - 1: _STYLE_WINDOW + 1 characters before ``start``.
        # Each round counts only the "\n"s of the stretch the last one added.
        q = start - _STYLE_WINDOW - 1
        newlines = joined.count("\n", q, start)
        for _ in range(_SETTLE_ROUNDS):
            settled = start - _STYLE_WINDOW - 1 - newlines
            if settled == q:
                break
            newlines += joined.count("\n", settled, q)
            q = settled
        else:
            return None
        window_start = joined.rfind("\n", 0, q) + 1
    if total - p <= _STYLE_WINDOW:
        hi, window_end = total, end
    else:
        hi = p + _STYLE_WINDOW
        # The offset of character hi: _STYLE_WINDOW characters after ``start``.
        r = start + _STYLE_WINDOW
        newlines = joined.count("\n", start, r)
        for _ in range(_SETTLE_ROUNDS):
            settled = start + _STYLE_WINDOW + newlines
            if settled == r:
                break
            newlines += joined.count("\n", r, settled)
            r = settled
        else:
            return None
        if joined[r] == "\n":  # the line before ends there: the character is further on
            r = _NOT_NEWLINE.search(joined, r).start()  # type: ignore[union-attr]
        window_end = joined.find("\n", r) + 1 or len(joined) + 1
    cuts = len(_CUT_RE.findall(joined, window_start, window_end))
    return cuts >= _MIN_CUTS and cuts * _CHARS_PER_CUT >= hi - lo


def _window_style_by_lines(texts: list[str], k: int, last_text: int) -> bool:
    """:func:`_window_style` with every line's offset counted (no rounds to settle)."""
    joined = "\n".join(texts).replace(" ", "").replace("\u3000", "").replace("\t", "")
    before = list(accumulate(map(len, joined.split("\n")), initial=0))
    total = before[-1]
    p = before[k]
    lo, hi = max(0, p - _STYLE_WINDOW), min(total, p + _STYLE_WINDOW)
    a = max(0, bisect_left(before, lo) - 1)
    b = min(bisect_right(before, hi), last_text)
    cuts = len(_CUT_RE.findall(joined, before[a] + a, before[b] + b)) if a < b else 0
    return cuts >= _MIN_CUTS and cuts * _CHARS_PER_CUT >= hi - lo


def _space_start(raw: str) -> bool:
    bare = raw.lstrip("\f")
    return bare.startswith(" ") and not bare.startswith("  ")


def _key(content: str) -> str:
    return _SPACES_RE.sub("", _DIGITS_RE.sub("#", content)).translate(_HEADER_FOLD_TABLE)


def _running_headers(lines: _Lines, breaks: list[int], skip: set[int]) -> dict[str, list[int]]:
    """Lines repeated at the top or bottom of most pages: key -> line indices."""
    bounds = [-1, *sorted(set(breaks)), lines.n]
    if len(bounds) < 4:
        return {}  # fewer than three pages
    contents = lines.content
    hashed = _HEADER_FOLD.get
    # Each page's first two and last two usable lines (neither blank nor in ``skip``),
    # those short enough. Lines with equal keys open and end alike (a digit as #): count
    # the pages of each such pair first, and build keys only where enough pages share the
    # pair (mostly none does). A page counts where it has a usable line: its first one
    # is found for every page, the others only for the pages that the first proof reads.
    spans: list[tuple[int, int]] = []  # each page's first usable line and its end
    for lo, hi in pairwise(bounds):
        a = lo + 1
        while a < hi and (not contents[a] or a in skip):
            a += 1
        if a < hi:
            spans.append((a, hi))
    n_pages = len(spans)
    if n_pages < 3:
        return {}
    need = max(3, math.ceil(0.5 * n_pages))
    # A pair on ``need`` pages misses at most n_pages - need of them, so it is on two of
    # any n_pages - need + 2 pages: first look at the first page and the last
    # n_pages - need + 1 (a letterhead and a signature share no pair with each other).
    # A line of one character has no two letters: it is never a running header. One
    # loop in one frame: the page where each pair is seen first; stop at a second page.
    first_seen: dict[str, int] = {}
    for p, (a, hi) in enumerate((spans[0], *spans[need - 1 :])):
        for content in map(contents.__getitem__, _page_lines(contents, skip, a, hi)):
            if 1 < len(content) <= _MAX_RUNNING_HEADER:
                first, last = content[0], content[-1]
                if first_seen.setdefault(hashed(first, first) + hashed(last, last), p) != p:
                    break
        else:
            continue
        break
    else:
        return {}
    pages = [_page_lines(contents, skip, a, hi) for a, hi in spans]
    first_page_top = pages[0][:2]
    pages_of: dict[str, set[int]] = {}
    for p, page in enumerate(pages):
        for i in page:
            content = contents[i]
            if len(content) <= _MAX_RUNNING_HEADER:
                first, last = content[0], content[-1]
                ends = hashed(first, first) + hashed(last, last)
                if ends in pages_of:
                    pages_of[ends].add(p)
                else:
                    pages_of[ends] = {p}
    if max(map(len, pages_of.values()), default=0) < need:
        return {}
    where: dict[str, dict[int, int]] = {}
    for p, page in enumerate(pages):
        for i in page:
            content = contents[i]
            if len(content) <= _MAX_RUNNING_HEADER:
                first, last = content[0], content[-1]
                ends = hashed(first, first) + hashed(last, last)
                if len(pages_of[ends]) >= need and _TWO_WORDY.search(content):
                    where.setdefault(_key(content), {})[p] = i
    out: dict[str, list[int]] = {}
    for key, by_page in where.items():
        if len(by_page) >= need:
            # The letterhead on page 1 is the document's own header: keep it there.
            out[key] = sorted(i for p, i in by_page.items() if not (p == 0 and i in first_page_top))
    return out


def _page_lines(contents: list[str], skip: set[int], a: int, hi: int) -> list[int]:
    """A page's first two and last two usable lines, ascending and each once (a line among
    both counts once): ``a`` is its first usable line, ``hi`` the line after it ends."""
    b = a + 1
    while b < hi and (not contents[b] or b in skip):
        b += 1
    if b >= hi:
        return [a]
    d = hi - 1
    while not contents[d] or d in skip:  # stops at b
        d -= 1
    if b == d:
        return [a, b]
    c = d - 1
    while c > b and (not contents[c] or c in skip):
        c -= 1
    return [a, b, d] if c == b else [a, b, c, d]


class _Plan:
    __slots__ = ("dropped", "headers", "numbers", "removed", "spaces")

    def __init__(
        self,
        numbers: list[_PageNumber],
        headers: dict[str, list[int]],  # running header text -> line indices
        removed: set[int],  # page-number and running-header lines
        dropped: set[int],  # every line that goes (with the blank lines that belong to them)
        spaces: list[int],  # lines that lose their leading space
    ) -> None:
        self.numbers = numbers
        self.headers = headers
        self.removed = removed
        self.dropped = dropped
        self.spaces = spaces


def _plan(lines: _Lines, ctx: Context) -> _Plan:
    """Decide what goes. Running headers and split page numbers depend on each other (a
    triple counts at a page break, a removed header uncovers the break), so grow both
    until nothing changes: the stage then decides the same way on its own output."""
    short = _short_candidates(lines)
    if not short and not lines.feeds:
        # No line that can be a page number or a part of one, and no form feed: nothing
        # goes but page-break spaces, and with fewer than two of them there are fewer
        # than three pages to hold a running header (what the loop below finds then).
        spaces = _page_break_spaces(lines, set())
        if len(spaces) < 2:
            return _Plan([], {}, set(), set(), spaces)
    single = _single_line_candidates(lines, short)
    numbered = set(map(_first, single))
    raws, content = lines.raw, lines.content
    feeds = lines.feeds
    blank_feeds = {i for i in feeds if not content[i]} if feeds else set()
    # A page-number line is no dash line, number line or "2 —" (each form has a number
    # and a dash, 第, /...): the parts of split and glued numbers are among the other
    # short lines, mostly none.
    rest = [i for i in short if i not in numbered] if len(numbered) < len(short) else []
    kinds = _short_kinds(lines, rest) if rest else {}
    dashes = [i for i in rest if kinds.get(i) == "dash"] if kinds else []
    triples: dict[int, _PageNumber] = {}
    header_lines: dict[str, set[int]] = {}

    removal_stop = lines.removal_stop
    # Lines ascending, one number each: without fractions or triples all are accepted.
    plain = "fraction" not in map(_form, single)

    for _ in range(6):
        if triples:
            numbers = _accept(single + sorted(triples.values(), key=_first))
        else:
            numbers = single.copy() if plain else _accept(single)
        removed = set(chain.from_iterable(map(_parts, numbers)))
        dropped = set(blank_feeds)
        for i in removed:
            dropped.update(range(i, removal_stop(i)))
        ends = set(map(_last, numbers))
        spaces = _page_break_spaces(lines, dropped, ends)
        breaks = list(ends)
        if feeds:
            breaks += [i - 1 for i in feeds]
        if spaces:
            breaks += [i - 1 for i in spaces]
        changed = False
        for key, indices in _running_headers(lines, breaks, removed).items():
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
        if grown:  # else ``dropped`` is as the first call saw it
            spaces = _page_break_spaces(lines, dropped, ends)
        if dashes:
            sequence = sorted((pn.first, pn.number) for pn in numbers)
            for t in _triple_candidates(lines, kinds, dashes, numbered, dropped, sequence):
                if t.first not in triples:
                    triples[t.first] = t
                    changed = True
        if not changed:
            break
    glued = _glued_candidates(lines, rest, numbers, dropped) if numbers and rest else []
    if glued:
        numbers = sorted([*numbers, *glued], key=_first)
        for pn in glued:
            removed.add(pn.last)
            dropped.update(range(pn.last, removal_stop(pn.last)))
        spaces = _page_break_spaces(lines, dropped, set(map(_last, numbers)))
    headers: dict[str, list[int]] = {}
    if header_lines:  # mostly none: no comprehension to run
        taken = set(chain.from_iterable(map(_parts, numbers)))
        headers = {content[min(indices)]: sorted(indices - taken) for indices in header_lines.values()}
        headers = {k: v for k, v in headers.items() if v}
    # The first line of every page found (after a page number, a running header or a
    # form feed) loses the page-break space too, whatever the blank-line style.
    known = set(spaces)
    feed_set = set(feeds)
    n = lines.n
    kept = 0  # the first line after the last i that stays (i ascending, so it only grows)
    for i in sorted(removed | feed_set):
        if i in feed_set and content[i] and i not in removed:
            j: int | None = i
        else:
            kept = max(kept, i + 1)
            while kept < n and (not content[kept] or kept in dropped):
                kept += 1
            j = kept if kept < n else None
        if j is not None and j not in known:
            bare = raws[j].lstrip("\f") if feed_set else raws[j]  # as _space_start, in this frame
            if bare.startswith(" ") and not bare.startswith("  "):
                spaces.append(j)
                known.add(j)
    spaces.sort()
    if triples or len(numbers) != len(single):  # else every single-line candidate is taken
        for cand in _rejected(single, None if triples else numbers):
            ctx.flag(
                "pages.not-a-page-number",
                f"line {cand.first + 1} looks like a page number but does not fit the page sequence; kept",
            )
    return _Plan(numbers, headers, removed, dropped, spaces)


def break_lines_at_form_feeds(text: str, ctx: Context) -> list[Edit]:
    """Put a form feed that has text on both sides on its line at the start of a new line.

    pypdf and some OCR exports run the last line of a page and the first line of the
    next into one around the form feed (``……限期\f— 2 —``). The page judgement reads
    lines, so the new page's first line (here its page number) must be a line of its own,
    as it is in this stage's output once the form feed is gone: judged inside the joined
    line, the number would stay, and a second run would remove it.
    """
    edits: list[Edit] = []
    pos = text.find("\f")
    if pos == -1:
        # The pipeline hands remove_page_artifacts this same object right after (this
        # pass changed nothing): it then skips its own scan (see Context).
        ctx.feedless = text
    while pos != -1:
        # The text since the line's start or the form feed before (which starts a line).
        start = max(text.rfind("\n", 0, pos), text.rfind("\f", 0, pos)) + 1
        end = text.find("\n", pos)
        if text[start:pos].strip() and text[pos + 1 : len(text) if end == -1 else end].strip():
            edits.append(
                Edit(pos, pos, "\n", "form-feed", "form feed inside a line: the new page starts a line")
            )
        pos = text.find("\f", pos + 1)
    return edits


def remove_page_artifacts(text: str, ctx: Context) -> list[Edit] | Rewrite:
    feedless = text is ctx.feedless
    ctx.feedless = None  # (read once: a long text is not kept alive through later stages)
    lines = _Lines(text, feedless)
    plan = _plan(lines, ctx)
    numbers = list(map(_number, plan.numbers))
    ctx.metadata["pages"] = {
        "count": _page_count(text, lines.feed_at, plan.numbers, plan.spaces),
        "numbers": numbers,
        "running_headers": list(plan.headers),
    }
    if numbers and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        ctx.flag(
            "pages.sequence-gap", f"page numbers are not consecutive: {numbers}", detail={"numbers": numbers}
        )
    if not ctx.keep_log and not lines.feeds:
        rewrite = _rewrite(lines, plan)
        if rewrite is not None:
            return rewrite
    edits: list[Edit] = []
    for pn in plan.numbers:
        detail = {"number": pn.number, "form": pn.form}
        if pn.total is not None:
            detail["total"] = pn.total
        reason = f"page number {pn.shown}" + (" (split over three lines)" if len(pn.parts) > 1 else "")
        if pn.dash:
            reason += " (first dash at the end of the line before)"
            edits.append(Edit(*pn.dash, "", "page-number", reason, detail))
        for i in pn.parts:
            start, end = lines.removal(i)
            edits.append(Edit(start, end, "", "page-number", reason, detail))
    for indices in plan.headers.values():
        for i in indices:
            start, end = lines.removal(i)
            edits.append(Edit(start, end, "", "running-header", f"running header/footer {lines.content[i]}"))

    if lines.feeds or plan.spaces:
        _add_feeds_and_spaces(lines, plan.spaces, edits)
    return edits


def _rewrite(lines: _Lines, plan: _Plan) -> Rewrite | None:
    """What the edits give, applied and counted, for a run that keeps only counts and a
    text without form feeds: every edit is then a deletion (page-number and header lines
    with their blank lines, glued dashes, page-break spaces), so the text is the pieces
    between the spans and each span is one change. None where a span is empty or overlaps
    another (the edits' own rules decide then)."""
    removal = lines.removal
    spans: list[tuple[int, int]] = []  # in any order: sorted below
    for pn in plan.numbers:
        spans += map(removal, pn.parts)
        if pn.dash is not None:
            spans.append(pn.dash)
    for indices in plan.headers.values():
        spans += map(removal, indices)
    if not spans and not plan.spaces:
        return Rewrite(lines.text, 0)
    anchors = lines.anchors  # the space lines found are anchored
    for i in plan.spaces:  # no form feed before them
        pos = anchors.get(i)
        if pos is None:
            pos = lines.start_of(i)
        spans.append((pos, pos + 1))
    spans.sort()
    text = lines.text
    pieces = []
    cursor = 0
    for start, end in spans:
        if start < cursor or end <= start:
            return None
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    return Rewrite("".join(pieces), len(spans))


def _add_feeds_and_spaces(lines: _Lines, spaces: list[int], edits: list[Edit]) -> None:
    """Form feeds and page-break spaces that the page-number and header edits leave.

    A page-break space is on a line that stays (page-number and header edits take whole
    lines that go), before the text that a glued dash's edit follows: it is never inside
    another edit.
    """
    if lines.feeds:
        taken = sorted([(e.start, e.end) for e in edits])
        taken_starts = [a for a, _ in taken]

    def inside(pos: int) -> bool:
        i = bisect_right(taken_starts, pos) - 1
        return i >= 0 and pos < taken[i][1]

    for i in lines.feeds:
        if inside(lines.start_of(i)):
            continue
        if lines.blank[i]:  # a line of its own: drop it with its line end
            edits.append(Edit(lines.start_of(i), lines.stop(i), "", "form-feed", "form feed (page break)"))
            continue
        raw = lines.raw[i]
        for k in _find_all(raw, "\f"):
            pos = lines.start_of(i) + k
            if raw[:k].strip() and (raw[k + 1 :].strip() or i == len(lines.raw) - 1):
                # Text before it on the line, and text after it or the end of the text: the
                # page break is also the line's end (reflow decides whether the lines join).
                # Dropping it would run the last line of one page (or document) into the next.
                edits.append(
                    Edit(
                        pos, pos + 1, "\n", "form-feed", "form feed inside a line (page break): a line break"
                    )
                )
            else:
                edits.append(Edit(pos, pos + 1, "", "form-feed", "form feed (page break)"))
    for i in spaces:
        raw = lines.raw[i]
        pos = lines.start_of(i) + len(raw) - len(raw.lstrip("\f"))  # after a form feed
        edits.append(Edit(pos, pos + 1, "", "page-break-space", "leading space of a new page"))


def _page_count(text: str, feed_at: list[int], numbers: list[_PageNumber], spaces: list[int]) -> int:
    if feed_at:  # the pages between form feeds that hold any text
        cuts = [-1, *feed_at, len(text)]
        return sum(1 for a, b in pairwise(cuts) if _NONSPACE.search(text, a + 1, b))
    if numbers:
        return max(len(numbers), *map(_number, numbers), *filter(None, map(_total, numbers)))
    return len(spaces) + 1 if text and not text.isspace() else 0  # (text.strip(), without the copy)


PASSES = (break_lines_at_form_feeds, remove_page_artifacts)

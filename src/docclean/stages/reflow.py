"""Stage `reflow`: rebuild the author's paragraphs from hard-wrapped lines.

OCR and PDF extraction keep the printed line breaks, often with a blank line after
every line (pdfminer, the OCR samples)::

    课后服务是学校教育的延伸，是解决人民群众急难愁盼问题
    (blank)
    的民生工程，是促进学生全面发展、健康成长的有力举措。

becomes ``课后服务是学校教育的延伸，是解决人民群众急难愁盼问题的民生工程，是促进学生全面
发展、健康成长的有力举措。``: one paragraph per line.

Everything is decided from the document itself. Its *full width* is the most common
width of prose lines that stop mid-sentence (CJK characters count 1, digits ½, Latin
letters 0.6); with too little such evidence (already flowed text, reflow's own output)
nothing is joined by width. Then, for each pair of lines:

- a line that opens a block is never glued to the line before: outline numbering
  (一、 （一） 1. （1） 第一条), 附件, 抄送：, 联系人, （此件主动公开）, a date, a
  signature before a date, a lone number (a table cell);
- the header block (agency names, mark, document number, title: everything before the
  addressee line ending in ：) and the addressee line stay as they are; an addressee
  list that wraps onto the ： line is joined;
- a line that stops on a comma, an enumeration comma, an opening bracket or quote runs
  on, and so does a (nearly) full line, or a fairly long one cut on a function word
  (…人才计划对) or between a number and its unit (…12月31 / 日);
- a line that ends a sentence (。！？；：, closing quotes, a bracketed note after 。) ends
  its paragraph when it is shorter than the full width; a full one runs on, unless the
  next line is short and bare (a signature) or, in tightly typeset PDF text, indented;
- a heading without sentence punctuation (一、总体要求) runs on only when visibly cut or
  followed by its bracketed tail (（由市交通运输局牵头实施）).

A file may hold several circulars run together (a batch export): each later one is
found by its header block (no sentence punctuation since the last sentence before it, a
document number or a 关于…的通知 title, then an addressee line), and the width and the
header block are read per document, so that the batch reflows like its documents alone.

Short table cells and column headings never reach the full width, so they stay apart.
CJK meets CJK with nothing between; two Latin words keep one space; a Latin word split
by a hyphen at the line end is rejoined. Each join is one change that replaces the line
break (and the blank lines) between two lines, so the layout can be rebuilt. Where a
full line ends a sentence and the next line looks indented in OCR text, the stage
joins and flags ``reflow.paragraph-end-unsure``.

A second run changes nothing: when the paragraphs a run makes could read as wrapped lines
themselves (enough of them stop mid-sentence), reflow runs again on them and keeps the
joins of every run, as changes of its input.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import add, attrgetter, itemgetter, mul

from ..changes import Edit, Rewrite
from ..datafiles import data_lines
from ..patterns import CJK_RE, CN_DATE_RE, CN_DIGITS, DATE_RE, DOC_NUMBER_RE, LEAD_INS, OUTLINE_RE
from ..pipeline import Context

# Ends of a sentence or clause that closes a paragraph line (Chinese and Latin).
_STOPS = "。！？；：!?;:…"
_CLOSING_QUOTES = "”’」』\"'"
_BRACKET_PAIRS = {"）": "（", ")": "(", "]": "[", "】": "【", "〕": "〔", "］": "［", "》": "《", "〉": "〈"}
# Every last character that ends_sentence looks at twice.
_ENDINGS = frozenset(_STOPS + _CLOSING_QUOTES + "".join(_BRACKET_PAIRS) + ".：:；;")
# Last characters that end a sentence whatever comes before them (no quote to strip, no
# bracket to match, no colon that may sit inside brackets).
_PLAIN_STOPS = frozenset("。！？!?…")
# A line that ends on one of these is mid-sentence whatever its width. (A set: a line's
# last character is looked up in it for most lines, and a set lookup costs less than a
# search of the string.)
_RUNS_ON = frozenset("，、,（(《〈“‘【〔［[「『—–-－～~/·")
# A title's last words: a full line ending so is the title, not a wrapped addressee list.
_TITLE_ENDINGS = tuple("通知 意见 决定 报告 答复 批复 函 办法 方案 规定 细则 纪要".split())
# A date line: 2022年4月1日, 二〇二二年四月一日, optionally after a signature or before 印发.
_DATE_TAIL = re.compile(r"\s*(?:印发|发布|修订)?$")
_DATE_LAST = re.compile("[日发布订]")  # every date line ends on one of these
_MIN_WIDTH = 12.0  # narrower "full widths" are headings or table cells, not a text block
_TAIL = 600  # enough paragraph text to find the bracket a line-end note opened with
_NOTE = 60  # a bracket opened this close to the line end is still open on the next line


@lru_cache(maxsize=1)
def block_starts() -> tuple[str, ...]:
    """Line openings that start a block of their own (data/block_starts.txt)."""
    return tuple(line.strip() for line in data_lines("block_starts.txt"))


@lru_cache(maxsize=1)
def nonfinal_chars() -> frozenset[str]:
    """Function words a sentence never ends on (data/reflow_nonfinal.txt)."""
    return frozenset(line.strip() for line in data_lines("reflow_nonfinal.txt"))


@lru_cache(maxsize=8192)
def char_width(ch: str) -> float:
    """Printed width in ems: CJK and full-width forms 1, Latin letters about 0.6, the rest ½."""
    if ch in " \t":
        return 0.25
    if ch.isspace():
        return 0.0
    if unicodedata.east_asian_width(ch) in "WFA":
        return 1.0
    if ch.isascii() and ch.isalpha():
        return 0.6
    return 0.5


def line_width(s: str) -> float:
    return sum(map(char_width, s.strip()))


# --- Reading the lines ---------------------------------------------------------------------
#
# reflow looks at every line of a document, so everything per line is computed for the
# whole text at once: one regex split gives the stripped lines and the whitespace between
# them, C-level maps give their lengths and last characters, the ASCII bytes of the lines
# their widths and digits, and the few line kinds that matter (outline numbering, block
# openings, dates, brackets, characters that are not simple) are found by a scan of the
# text, of the lines joined (at their line breaks) or of the string of last characters,
# so that only the lines that have them cost any Python work. (A regex scan costs tens of
# instructions a character, a C-level map hundreds a line: each one is counted.) The
# lines are parallel lists, not objects.

# A line's content, from its first to its last non-space character: what str.strip keeps
# (re's \s and str.isspace agree). Splitting on it keeps the contents and the whitespace
# between them: [gap, content, gap, content, ..., gap].
_CONTENT = re.compile(r"(\S[^\n]*\S|\S)")

# Characters whose width line_width adds up exactly in any order: ASCII other than
# letters and control characters (½; space and tab ¼) and the usual characters of 3 UTF-8
# bytes that print wide (1). A line of them only is measured by counting: with c
# characters, a of them ASCII and s spaces or tabs, its width is c - a/2 - s/4.
_WIDE_CANDIDATES = (
    (0x2014, 0x2014),
    (0x2018, 0x2019),
    (0x201C, 0x201D),
    (0x2026, 0x2026),
    (0x2460, 0x24E9),
    (0x3001, 0x303E),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF01, 0xFF60),
    (0xFFE0, 0xFFE6),
)
# Unicode data versions (unicodedata.unidata_version) on which every candidate range was
# found wide and free of spaces (Pythons 3.8 to 3.13): the answer depends on that data
# only, so the check (some 5 ms, 30,000 characters) is skipped there.
_WIDE_CHECKED = frozenset({"12.1.0", "13.0.0", "14.0.0", "15.0.0", "15.1.0"})
_NOT_LETTER_BYTES = bytes(c for c in range(256) if not chr(c).isascii() or not chr(c).isalpha())
_NOT_SPACE_TAB_OR_NEWLINE = bytes(c for c in range(256) if c not in b" \t\n")
_NOT_DIGIT_OR_NEWLINE = bytes(c for c in range(256) if not (0x30 <= c <= 0x39 or c == 10))
_OPENERS = "（([【〔［"
_BRACKETS = "（([【〔［）)]】〕］"  # the brackets _inside_brackets looks at
_SENTENCE_STOP = re.compile("[。！？；]")


@lru_cache(maxsize=1)
def _special_char() -> re.Pattern[str]:
    """From where the last match ended, over line breaks and simple characters, to the
    next of: the brackets of a line that _inside_brackets looks at, from its first to its
    last one with only simple characters between, and the simple characters after them
    (group 1, up to the line end unless an odd character follows); a character whose
    width is not a multiple of ¼ or not known at a glance, and the rest of its line
    (group 2); the end of the text (no group). One scan of the text finds both (see
    ``_last_brackets``). The simple characters are a class of their own (not the
    others negated): a scan over them costs a third fewer instructions."""
    simple = [(0x09, 0x09), (0x20, 0x40), (0x5B, 0x60), (0x7B, 0x7E)]  # \t, ASCII but letters
    checked = unicodedata.unidata_version in _WIDE_CHECKED
    for lo, hi in _WIDE_CANDIDATES:  # keep the ranges this Python's Unicode data call wide
        if not checked:
            chars = "".join(map(chr, range(lo, hi + 1)))
            if not set(map(unicodedata.east_asian_width, chars)) <= {"W", "F", "A"} or any(
                map(str.isspace, chars)
            ):
                continue
        simple.append((lo, hi))
    # The simple characters but the brackets (all simple), as a character class.
    members = []
    for lo, hi in simple:
        cut = sorted(ord(b) for b in _BRACKETS if lo <= ord(b) <= hi)
        for a, b in zip([lo] + [c + 1 for c in cut], [c - 1 for c in cut] + [hi], strict=True):
            if a <= b:
                members.append(f"{re.escape(chr(a))}-{re.escape(chr(b))}")
    plain, brackets = f"[{''.join(members)}]", f"[{re.escape(_BRACKETS)}]"
    # Possessive repeats where re has them (Python 3.11): what a repeat took is never
    # given back, so no step is tried twice. (Greedy ones match the same here: what
    # follows each repeat is no character it takes.)
    p = "+" if sys.version_info >= (3, 11) else ""
    return re.compile(
        f"[\\n{''.join(members)}]*{p}(?:{brackets}(?:{plain}*{p}{brackets})*{p}({plain}*{p})|([^\\n]+{p})|\\Z)"
    )


@lru_cache(maxsize=1)
def _line_kind() -> re.Pattern[str]:
    """What a line opens, found at the line break before it in the framed lines (see
    ``_read_lines``): a lone number (a table cell), outline numbering (OUTLINE_RE) or a
    block opening (block_starts); ``lastgroup`` says which. A lone number is tried first
    ("1." is both: the caller asks OUTLINE_RE). A line that starts with none of their
    first characters costs one look."""
    outline = OUTLINE_RE.pattern
    assert outline.startswith("^\\s*"), "OUTLINE_RE changed shape: update _line_kind"
    outline = re.sub(r"\(\?P<\w+>", "(?:", outline[len("^\\s*") :])  # the inner names go
    outline = outline.replace("\\s", "[^\\S\\n]")  # spaces inside one line only
    starts = block_starts()
    # The characters these may start with (OUTLINE_RE's: keep in step with patterns.py;
    # tests/test_reflow_lines.py checks it on generated outline numbers).
    firsts = re.escape("".join(sorted({s[0] for s in starts}))) + "+\\-0-9.,%％‰（(\\d第" + CN_DIGITS
    return re.compile(
        f"\\n(?=[{firsts}])(?:(?P<lone>[+\\-]?[0-9.,%％‰]+(?=\\n))|(?P<outline>{outline})"
        f"|(?P<start>{'|'.join(map(re.escape, starts))}))"
    )


@dataclass(slots=True)
class _Lines:
    """The non-blank lines of a text as parallel lists (index: the line's position among them)."""

    parts: list[str]  # [gap, content, gap, content, ..., gap]: the text in pieces
    content: list[str]  # stripped
    gap: list[str]  # the whitespace before each line (line break, blank lines, indent)
    last: list[str]  # the last character
    last_text: str  # the same as one string
    width: list[float]
    latin: bool  # half the characters or more are ASCII letters
    digits: list[int] | None  # how many ASCII digits each line has; None if none has any
    outline: set[int]  # OUTLINE_RE matches the content
    block: set[int]  # opens a block: outline, lone number, date line, block_starts()
    lone: set[int]  # a lone number (a table cell)
    date: set[int]  # is_date_line(content)
    signature: set[int]  # no punctuation, right before a date line (and no block)
    bracket_end: dict[int, int]  # lines with a bracket: the last one's distance from the end
    opening: set[int]  # lines whose last bracket opens
    offsets: list[int] | None = None  # the ends of parts, once asked for (see start, end)

    @property
    def start(self) -> list[int]:
        """Offset of each line's first non-space character (counted when first asked:
        a run without the log never needs it)."""
        return self._offsets()[0:-1:2]

    @property
    def end(self) -> list[int]:
        """Offset just past each line's last non-space character."""
        return self._offsets()[1::2]

    def _offsets(self) -> list[int]:
        if self.offsets is None:
            self.offsets = list(accumulate(map(len, self.parts)))
        return self.offsets


def _read_lines(text: str) -> _Lines | None:
    """The non-blank lines of ``text`` and what reflow asks about them; None if fewer than 2."""
    parts = _CONTENT.split(text)
    content = parts[1::2]
    n = len(content)
    if n < 2:
        return None
    last = list(map(itemgetter(-1), content))
    last_text = "".join(last)
    joined = "\n".join(content)
    # Widths: a simple character beyond ASCII counts 1 (see _WIDE_CANDIDATES), an ASCII
    # one ½, a space or tab ¼. The ASCII characters of the lines are few: counted line
    # by line from their bytes (with the digits, which _Layout may count again).
    ascii_part = joined.encode("ascii", "ignore")
    width = list(map(float, map(len, content)))
    digits = None
    if len(ascii_part) > n - 1:  # more than the line breaks
        counts = list(map(len, ascii_part.split(b"\n")))
        for pos in compress(range(n), counts):
            width[pos] -= 0.5 * counts[pos]
        if b" " in ascii_part or b"\t" in ascii_part:
            spaces = ascii_part.translate(None, _NOT_SPACE_TAB_OR_NEWLINE).split(b"\n")
            for pos in compress(range(n), spaces):
                width[pos] -= 0.25 * len(spaces[pos])
        only_digits = ascii_part.translate(None, _NOT_DIGIT_OR_NEWLINE)
        if len(only_digits) > n - 1:
            digits = list(map(len, only_digits.split(b"\n")))
    letters = len(ascii_part.translate(None, _NOT_LETTER_BYTES))  # A-Z a-z
    latin = letters >= 0.5 * (len(joined) - (n - 1))
    framed = f"\n{joined}\n"
    bracket_end, opening = _last_brackets(framed, content, width)

    outline, block, lone = set(), set(), set()
    # A regex finds the lines that open a block at the line breaks before them, and only
    # those cost Python work (a line's index: the line breaks before it).
    pos = at = 0
    count = framed.count
    for m in _line_kind().finditer(framed):
        i = m.start()
        pos += count("\n", at, i)
        at = i
        block.add(pos)
        kind = m.lastgroup
        if kind == "outline":
            outline.add(pos)
        elif kind == "lone":
            lone.add(pos)
            if OUTLINE_RE.match(content[pos]):
                outline.add(pos)
    date = {m.start() for m in _DATE_LAST.finditer(last_text) if is_date_line(content[m.start()])}
    block |= date
    signature = {
        pos - 1
        for pos in date
        if pos > 0 and pos - 1 not in block and _SIGN_PUNCT.search(content[pos - 1]) is None
    }
    gap = parts[0:-1:2]
    return _Lines(
        parts,
        content,
        gap,
        last,
        last_text,
        width,
        latin,
        digits,
        outline,
        block,
        lone,
        date,
        signature,
        bracket_end,
        opening,
    )


def _last_brackets(framed: str, content: list[str], width: list[float]) -> tuple[dict[int, int], set[int]]:
    """The last bracket of each line that has one (what _inside_brackets looks at): its
    distance from the line end, and the lines where it opens. And the lines with a
    character that is not simple get their exact ``width`` (one scan finds both). Read
    in ``framed``: the lines joined, with a line break before and after each."""
    last = {}  # line: its last bracket's distance from the line end
    line, at = -1, 0
    count = framed.count
    # (finditer, not split: the text between the finds is never copied)
    for m in _special_char().finditer(framed):
        found = m.lastindex
        if found == 1:  # brackets, then simple characters up to j
            i, j = m.span(1)
            line += count("\n", at, i)  # (the line breaks before it, the first one framing)
            at = i
            last[line] = j - i + 1  # (an odd character before the line end: see below)
        elif found == 2:
            # A character that is not simple, and the rest of its line (its brackets
            # too: the line's last one is looked for again).
            i = m.start(2)
            line += count("\n", at, i)
            at = i
            c = content[line]
            width[line] = line_width(c)
            j = max(map(c.rfind, _BRACKETS))
            if j >= 0:
                last[line] = len(c) - j
        else:
            break  # the end of the text
    if not last:
        return {}, set()
    return last, {pos for pos, d in last.items() if content[pos][-d] in _OPENERS}


def ends_sentence(para: str) -> bool:
    """Does this paragraph text end a sentence? ``。`` ``！`` ``：`` ``。”`` ``。（责任单位：…）``."""
    if para and para[-1] not in _ENDINGS and not para[-1].isspace():
        return False  # the usual case: the text stops on a character that ends nothing
    s = para.rstrip()
    while s and s[-1] in _CLOSING_QUOTES:
        s = s[:-1]
    if not s:
        return False
    last = s[-1]
    if last in "：:；;" and _inside_brackets(s):
        return False  # （责任单位： — a colon inside an open bracket introduces its content
    if last in _STOPS:
        return True
    if last == "." and len(s) > 1 and not s[-2].isdigit():
        return True  # a Latin full stop, not the "." of "2." before "5%"
    if last in _BRACKET_PAIRS:
        opener = _matching_opener(s)
        # A bracketed note after a sentence (。（责任单位：…）) or a whole bracketed line.
        before = s[:opener].rstrip() if opener is not None else ""
        return opener is not None and (not before or before[-1] in _STOPS or before[-1] == ".")
    return False


def _matching_opener(s: str) -> int | None:
    close = s[-1]
    open_ = _BRACKET_PAIRS[close]
    depth = 0
    for i in range(len(s) - 1, -1, -1):
        if s[i] == close:
            depth += 1
        elif s[i] == open_:
            depth -= 1
            if depth == 0:
                return i
    return None


def _inside_brackets(s: str) -> bool:
    """Is a bracket open at the end of ``s`` (the last of （([【〔［ after every closing one)?"""
    rfind = s.rfind
    opened = max(rfind("（"), rfind("("), rfind("["), rfind("【"), rfind("〔"), rfind("［"))
    return (
        opened >= 0
        and max(rfind("）"), rfind(")"), rfind("]"), rfind("】"), rfind("〕"), rfind("］")) < opened
    )


def is_date_line(content: str) -> bool:
    """A line that is a date, maybe after a signature or before 印发: never part of a paragraph."""
    if "年" not in content:
        return False  # both date forms have it
    c = content.replace(" ", "")
    if len(c) > 40 or "，" in c or "。" in c or "；" in c:
        return False
    for pattern in (DATE_RE, CN_DATE_RE):
        m = pattern.search(c)
        if m and m.start() <= 24 and _DATE_TAIL.match(c, m.end()):
            return True
    return False


# --- The document's layout -----------------------------------------------------------------


def _estimate_width(evidence: Iterable[float]) -> tuple[float | None, bool, int]:
    """The document's full line width, and whether its lines are typeset tightly (PDF).

    Evidence is the widths of the prose lines (with some punctuation inside) that stop
    mid-sentence before an ordinary line: in wrapped text they pile up at the full width,
    or two ems short of it (indented first lines). Flowed text, reflow's own output among
    it, has no such pile, and then nothing is joined by width.
    """
    widths = sorted(evidence)
    total = len(widths)
    if not total:
        return None, False, 0
    # The mode: the most common rounded width, the larger on a tie. Sorted widths round
    # to sorted integers, so each one's widths are a run that ends where rounding goes up
    # (at r + ½, which rounds to the even neighbour).
    count, mode, i = 0, 0, 0
    while i < total:
        r = round(widths[i])
        j = bisect_right(widths, r + 0.5, i) if r % 2 == 0 else bisect_left(widths, r + 0.5, i)
        if j - i >= count:
            count, mode = j - i, r
        i = j
    near = bisect_right(widths, mode + 1) - bisect_left(widths, mode - 2.5)
    if near < 4 or near < 0.3 * total:
        return None, False, 0
    exact = bisect_right(widths, mode + 0.5) - bisect_left(widths, mode - 0.5)  # |w - mode| <= ½
    return float(mode), exact >= 0.5 * total, exact


_PUNCT = re.compile(r"[，、；：。！？,;:!?“”（）()《》]")
_PROSE = re.compile(r"[，、；：。,;“”（）《》]|[a-z] [a-z]")
_PROSE_CHARS = frozenset("，、；：。,;“”（）《》")


class _Layout:
    """What reflow knows about one document (lines ``lo`` to ``hi``): full width, header
    block, protected lines."""

    __slots__ = ("addressee_end", "body_start", "full", "hi", "lo", "tight", "tolerance")

    def __init__(
        self, lines: _Lines, lo: int, hi: int, addressee: int, latin: bool, skips: tuple[set[int], set[int]]
    ):
        width = lines.width
        self.lo, self.hi = lo, hi
        kept, late = _evidence_lines(lines, addressee + 1 if addressee >= 0 else lo, hi, *skips)
        # While the width is unknown, a signature (a short line before a date) opens a
        # block, so the lines before one ("late") are no evidence yet.
        self.full, self.tight, exact = _estimate_width(map(width.__getitem__, kept))
        # Digits printed full-width (２０２５) were made ASCII before this stage: if lines
        # with digits reach the full width only when digits count 1, they were. (Now a
        # signature opens a block only when it is short against the width just found.)
        full, wide_kept = self.full, kept
        if full is not None and late:
            wide_kept = kept + [p for p in late if width[p + 1] >= 0.8 * full]
        all_digits = lines.digits
        digits = list(map(all_digits.__getitem__, wide_kept)) if all_digits is not None else None
        if digits is not None and not any(digits):
            digits = None
        # (Nothing to win if the same evidence came again, or all of it is exact already.)
        if (digits is not None and exact < len(wide_kept)) or len(wide_kept) > len(kept):
            evidence = map(width.__getitem__, wide_kept)
            if digits is not None:
                evidence = map(add, evidence, map(mul, digits, repeat(0.5)))
            wide, wide_tight, wide_exact = _estimate_width(evidence)
            if wide is not None and wide_exact > exact:
                if all_digits is not None and any(all_digits[lo:hi]):
                    width[lo:hi] = map(add, width[lo:hi], map(mul, all_digits[lo:hi], repeat(0.5)))
                self.full, self.tight = wide, wide_tight
        # Ragged-right Latin text varies by a word; justified CJK text by an indent or two.
        self.tolerance = max(3.5, 0.25 * (self.full or 0)) if latin else 3.5
        self.body_start = self._addressee_start(lines, addressee) if addressee >= 0 else lo
        self.addressee_end = addressee

    def _addressee_start(self, lines: _Lines, pos: int) -> int:
        """An addressee list may wrap: full lines that run on into the ``：`` line."""
        content, width = lines.content, lines.width
        start = pos
        while start > self.lo and pos - start < 3:
            pc = content[start - 1]
            full = self.full is not None and width[start - 1] >= self.full - 1.0
            if (
                not (full or pc[-1] in "，、")
                or ends_sentence(pc)
                or ("号" in pc and DOC_NUMBER_RE.search(pc))  # (its search is slow: a CJK run first)
                or pc.endswith(_TITLE_ENDINGS)
            ):
                break
            start -= 1
        return start


def _find_addressee(lines: _Lines) -> int:
    """Position of the addressee line ending in ：, or -1."""
    # The first line that may be one (it ends in a colon, _is_addressee), and then no
    # sentence punctuation up to it (body text before any addressee: no header block).
    last_text, block = lines.last_text, lines.block
    m = _ADDRESSEE_END.search(last_text, 0, _HEADER_LINES)
    while m is not None:
        pos = m.start()
        if pos not in block:
            top = "".join(lines.content[: pos + 1])
            return -1 if "。" in top or "；" in top or "！" in top or "？" in top else pos
        m = _ADDRESSEE_END.search(last_text, pos + 1, _HEADER_LINES)
    return -1


def _is_addressee(c: str) -> bool:
    """A line ending in a colon that opens no block. (For line ``pos`` of _Lines that ends
    in one: ``pos not in lines.block``, since such a line is no lone number or date.)"""
    return c[-1] in "：:" and not OUTLINE_RE.match(c) and not c.startswith(block_starts())


_HEADER_LINES = 40  # a header block, addressee line included, is shorter than this
_ADDRESSEE_END = re.compile("[：:]")
_TITLE_ENDINGS_RE = re.compile(f"(?:{'|'.join(_TITLE_ENDINGS)})$")


def _documents(lines: _Lines) -> list[tuple[int, int]]:
    """The documents run together in the text: (first line, addressee line or -1) each.

    A batch export holds several circulars one after the other, and each has its own
    wrap width and header block. A later one starts with a header block: lines without
    sentence punctuation after the previous document's last sentence (its 抄送 line, or
    its signature and date), that hold a document number or a title (关于…的通知), up to
    an addressee line ending in ：. Found so on the text alone (form feeds are gone by
    now), the same documents are found again in the cleaned text.
    """
    content = lines.content
    n = len(content)
    addressee = _find_addressee(lines)
    docs = [(0, addressee)]
    if n < 4:
        return docs
    stop = _SENTENCE_STOP.search
    prev = max(addressee, 0)  # a header block starts after the last one's addressee
    for m in _ADDRESSEE_END.finditer(lines.last_text, prev + 2):
        pos = m.start()
        c = content[pos]
        if stop(c) or pos in lines.block or c.endswith(LEAD_INS):  # (not _is_addressee(c))
            continue
        first = pos
        floor = max(prev + 1, pos - _HEADER_LINES + 1)
        while first > floor and stop(content[first - 1]) is None:
            first -= 1
        if first == pos or stop(content[first - 1]) is None:
            continue  # no header lines, or no sentence before them
        header = content[first:pos]
        if any(line[-1] in "：:" for line in header):
            continue  # …以下工作： / 关于…的通知 / 具体要求如下： is body text
        if not (any(map(_TITLE_ENDINGS_RE.search, header)) and "关于" in "".join(header)) and not any(
            DOC_NUMBER_RE.search(line) for line in header if "号" in line
        ):
            continue
        docs.append((first, pos))
        prev = pos
    return docs


def _skipped(lines: _Lines) -> tuple[set[int], set[int]]:
    """The lines that are no evidence of the width (see _evidence_lines), and those that
    stand before a signature line."""
    return lines.outline.union([p - 1 for p in lines.block]), {p - 1 for p in lines.signature}


def _evidence_lines(
    lines: _Lines, offset: int, stop: int, skip: set[int], before_signature: set[int]
) -> tuple[list[int], list[int]]:
    """The lines from ``offset`` to the last but one before ``stop`` that may be evidence of the full width: prose (some
    punctuation inside) of some width that stops mid-sentence, no heading, and the next
    line no block opening. Those before a signature line come apart (see _Layout)."""
    content, width, last = lines.content, lines.width, lines.last
    stop -= 1  # the last line has no next line
    prose = _PROSE.search
    min_width, endings, plain_stops, prose_chars = _MIN_WIDTH, _ENDINGS, _PLAIN_STOPS, _PROSE_CHARS
    kept, late = [], []
    # (A line's content is read only for the lines that pass the cheaper tests first.)
    for pos, w, end in zip(
        range(offset, stop),
        width[offset:stop],  # (slices: islice would step over the lines before offset)
        last[offset:stop],
        strict=True,
    ):
        if (
            w < min_width
            or pos in skip
            or (end in endings and (end in plain_stops or ends_sentence(content[pos])))
            or (end not in prose_chars and "，" not in (c := content[pos]) and prose(c) is None)
        ):
            continue
        (late if pos in before_signature else kept).append(pos)
    return kept, late


_SIGN_PUNCT = re.compile("[，。；：]")


def _separator(a: str, b: str, ctx: Context) -> str:
    """What goes where two lines meet: nothing between CJK, one space between Latin words."""
    last, first = a[-1], b[0]
    latin_last, latin_first = last.isascii() and last.isalnum(), first.isascii() and first.isalnum()
    if last in "-—–":
        return ""
    if last.isascii() and first.isascii() and (latin_last or latin_first):
        if last.isdigit() and first.isdigit() and (CJK_RE.search(a[-12:]) or CJK_RE.search(b[:12])):
            return ""  # a number cut by the wrap inside Chinese text
        return " "
    if ctx.options.cjk_latin_space == "add" and (latin_last or latin_first):
        return " "
    return ""


_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")  # their printed width is uncertain

_BLANK = "blank line between wrapped lines"
_WRAP = "hard wrap"
_HYPHEN = "Latin word split by a hyphen at the line end"


def reflow(text: str, ctx: Context) -> list[Edit] | Rewrite:
    if not ctx.keep_log:
        # Counts only: the joins are made in the text's pieces, no Edit made. (When a second
        # run may join more, rare, the Edit path below maps its joins back: its flags too.)
        flagged = len(ctx.flags)
        rewrite, again = _reflow_once(text, ctx, rewrite=True)
        if not again:
            if text is ctx.ascii_spaced and type(rewrite) is Rewrite:
                # Joins write "" or " " and only drop other spaces: the fact width
                # proved for tidy (Context.ascii_spaced) holds on.
                ctx.ascii_spaced = rewrite.text
            return rewrite
        del ctx.flags[flagged:]
    edits, again = _reflow_once(text, ctx)
    assert isinstance(edits, list)
    # The paragraphs just made may read as wrapped lines in their turn (some that stop
    # mid-sentence and happen to reach one width): then a second run would join them, so
    # this one does, until nothing more joins (reflow's output is its own fixed point).
    while again and edits:
        joined = _joined(text, edits)
        inner = Context(ctx.options, ctx.source_name, stage=ctx.stage, step=ctx.step)
        more, again = _reflow_once(joined, inner)
        assert isinstance(more, list)
        if not more:
            break
        origin = _origin(edits)
        for edit in more:
            edit.start, edit.end = origin(edit.start), origin(edit.end)
        for flag in inner.flags:
            if flag.start is not None and flag.end is not None:
                flag.start, flag.end = origin(flag.start), origin(flag.end)
            ctx.flags.append(flag)
        edits = sorted(edits + more, key=attrgetter("start"))
    return edits


def _joined(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` (in order, apart) made."""
    pieces, at = [], 0
    for edit in edits:
        pieces += (text[at : edit.start], edit.after)
        at = edit.end
    pieces.append(text[at:])
    return "".join(pieces)


def _origin(edits: list[Edit]) -> Callable[[int], int]:
    """Where an offset of ``_joined(text, edits)`` outside the edits was in ``text``."""
    shifts, ends, shift = [0], [0], 0
    for edit in edits:
        shift += len(edit.after) - (edit.end - edit.start)
        ends.append(edit.end + shift)  # the offset just after the edit, once made
        shifts.append(shift)
    return lambda offset: offset - shifts[bisect_right(ends, offset) - 1]


def _reflow_once(text: str, ctx: Context, rewrite: bool = False) -> tuple[list[Edit] | Rewrite, bool]:
    """The joins of one run, and whether a run on their result may join more. With
    ``rewrite``, the joins are made in the text's pieces, no Edit: a Rewrite (or [] if
    nothing joins)."""
    lines = _read_lines(text)
    if lines is None:
        return [], False
    docs = _documents(lines)
    skips = _skipped(lines)
    if len(docs) == 1:
        layouts = [_Layout(lines, 0, len(lines.content), docs[0][1], lines.latin, skips)]
    else:
        ends = [lo for lo, _ in docs[1:]] + [len(lines.content)]
        layouts = [
            _Layout(lines, lo, hi, addressee, _is_latin(lines.content[lo:hi]), skips)
            for (lo, addressee), hi in zip(docs, ends, strict=True)
        ]
    # Lines never glued to the line before: block openings, short signatures, the lines
    # after a lone number or a date, the line after the addressee line.
    apart = set(lines.block)
    apart.update(p + 1 for p in lines.lone | lines.date)
    width = lines.width
    apart.update(layout.addressee_end + 1 for layout in layouts if layout.addressee_end >= 0)
    his = [layout.hi for layout in layouts]
    for p in lines.signature:  # a signature is short against its own document's width
        full = layouts[bisect_right(his, p)].full if len(layouts) > 1 else layouts[0].full
        if full is None or width[p] < 0.8 * full:
            apart.add(p)
    # What goes before each line: its gap, or what joined it to the line before (None:
    # a hyphen cut, the hyphen goes too). A copy: lines.gap stays as it was.
    seps: list[str | None] = lines.parts[0:-1:2]
    edits: list[Edit] | None = None if rewrite else []
    again, joins = False, 0
    for layout in layouts:
        loose, joined = _reflow_document(lines, layout, apart, seps, edits, ctx)
        again |= loose
        joins += joined
    if edits is not None:
        return edits, again
    if not joins:
        return [], again
    parts = lines.parts  # (no one reads it again)
    if "-" in lines.last_text and None in seps:  # hyphen cuts: the hyphen goes, nothing between
        for pos in [pos for pos, sep in enumerate(seps) if sep is None]:
            parts[2 * pos - 1] = lines.content[pos - 1][:-1]
            seps[pos] = ""
    parts[0:-1:2] = seps
    return Rewrite("".join(parts), joins), again


def _is_latin(content: list[str]) -> bool:
    """Half the characters or more are ASCII letters (as _Lines.latin, for some lines)."""
    joined = "".join(content)
    letters = len(joined.encode("ascii", "ignore").translate(None, _NOT_LETTER_BYTES))
    return letters >= 0.5 * (len(joined) or 1)


def _reflow_document(
    lines: _Lines,
    layout: _Layout,
    apart: set[int],
    seps: list[str | None],
    edits: list[Edit] | None,
    ctx: Context,
) -> tuple[bool, int]:
    """The joins inside one document (lines ``layout.lo`` to ``layout.hi``): in ``seps``,
    and as Edits in ``edits`` unless None. Whether enough of the paragraphs they make
    could be evidence of a full width (see _evidence_lines) for a run on the result to
    find one; and how many joins."""
    content, gap, width = lines.content, lines.gap, lines.width
    start, end = (lines.start, lines.end) if edits is not None else ([], [])
    outline, bracket_end, opening = lines.outline, lines.bracket_end, lines.opening
    n = layout.hi
    full = layout.full
    inf = float("inf")
    # Width thresholds: is_full (within the tolerance, within 1 em) and "fairly long".
    full_line = full - layout.tolerance if full is not None else inf
    full_line_1 = full - 1.0 if full is not None else inf
    long_line = 0.6 * full if full is not None else inf
    nonfinal = nonfinal_chars()

    # The paragraph so far (the header block before body_start stays as it is): its first
    # line; whether it is a heading (outline numbering, no sentence punctuation or comma);
    # the line of its last bracket if that one opens (-1: none, or it closes).
    first = layout.body_start
    if first >= n:
        return False, 0
    block = lines.block
    joins = 0
    loose = 0  # paragraphs that may be evidence (prose that stops mid-sentence, 12 or more)
    heading = first in outline and not _has_stop(content[first])
    open_line = first if first in opening else -1
    endings, plain_stops, runs_on = _ENDINGS, _PLAIN_STOPS, _RUNS_ON
    new_edit = Edit.__new__
    has_stop = _STOP.search  # (_has_stop without its call, in the loop)
    # (Line pos - 1 itself is read only where it matters, rarely: content[pos - 1].)
    for pos, last, wa, cb in zip(
        range(first + 1, n),
        lines.last[first : n - 1],  # (slices: islice would step over the documents before)
        width[first : n - 1],
        content[first + 1 : n],
        strict=True,
    ):
        if pos in apart:
            rule = None
        elif last in endings and (
            last in plain_stops or _ends_paragraph(lines, seps, first, pos - 1, open_line)
        ):
            # The paragraph so far ends a sentence: it runs on only after a full line
            # (not a note after the last sentence, 。（责任单位：…）), and maybe not then.
            rule = None
            if wa >= full_line_1 and last not in _BRACKET_PAIRS:
                rule = _after_full_sentence(layout, lines, pos - 1, pos, ctx)
        elif heading and (pos - 1 == first or _bracketed_tail(cb)):
            # A heading (一、总体要求) is indented like a first line: it runs on only if
            # it is visibly cut (open bracket, trailing comma) or really full, or into its
            # bracketed tail (五、建设…示范城市政策 / （由市交通运输局牵头实施）).
            rule = None
            if (
                _bracketed_tail(cb)
                or last in runs_on
                or (open_line >= 0 and _bracket_near(lines, seps, open_line, pos - 1, _NOTE))
                or wa >= full_line_1
            ):
                rule = "wrapped heading"
        elif last in runs_on and (pos - 1 > first or len(content[pos - 1]) > 1):
            rule = "mid-sentence"  # (a lone "、" is a cell of vertical text)
        elif open_line >= 0 and _bracket_near(lines, seps, open_line, pos - 1, _NOTE):
            rule = "inside brackets"  # （本列数据的勾稽关系为：…之和，等 / 于第三项加第四项之和）
        elif wa >= full_line:
            rule = "full line"
        elif wa >= long_line and (
            # Cut where no sentence ends: on a function word (…人才计划对 / “415X”…), or
            # between a number and its unit (…至2027年12月31 / 日。…).
            last in nonfinal or (last.isdigit() and _UNIT_START.match(cb))
        ):
            rule = "mid-sentence"
        else:
            rule = None
        if rule is None:  # line pos opens a new paragraph
            # (A paragraph is at most as wide as its characters and separators.)
            if (
                last not in plain_stops
                and first not in outline
                and pos not in block
                and sum(map(len, content[first:pos])) + pos - first >= _MIN_WIDTH
            ):
                loose += 1
            first = pos
            heading = pos in outline and has_stop(cb) is None
            open_line = pos if pos in opening else -1
            continue
        joins += 1
        if last >= "\x80" and cb >= "\x80":  # CJK meets CJK (cb[0] too): nothing between, no hyphen
            seps[pos] = ""
        elif last == "-" and len(ca := content[pos - 1]) > 1 and ca[-2].isalpha() and cb[0].islower():
            seps[pos] = None
        else:
            seps[pos] = _separator(content[pos - 1], cb, ctx)
        if edits is not None:
            # The Edit made without a call of its __init__: a third of its cost, and a
            # third of the lines are joined. (Every field is set: tests compare whole edits.)
            edit = new_edit(Edit)
            after = seps[pos]
            if after is None:
                edit.start, edit.after, edit.reason = end[pos - 1] - 1, "", _HYPHEN
            else:
                g = gap[pos]
                edit.start, edit.after = end[pos - 1], after
                edit.reason = _WRAP if g == "\n" or g.count("\n") < 2 else _BLANK
            edit.end, edit.kind, edit.detail = start[pos], "reflow", {"rule": rule}
            edits.append(edit)
        if heading and has_stop(cb) is not None:
            heading = False
        if pos in bracket_end:  # the paragraph's last bracket is now this line's
            open_line = pos if pos in opening else -1
    return loose >= 4, joins  # (_estimate_width needs 4 near its width)


def _bracket_near(lines: _Lines, seps: list[str | None], line: int, last: int, limit: int) -> bool:
    """Is the last bracket of ``line`` at most ``limit`` characters from the end of the
    paragraph that runs on from it to line ``last`` (separators in, hyphens out)? Counted
    from the end, so a long paragraph costs no more than ``limit`` characters' worth."""
    content = lines.content
    distance = lines.bracket_end[line]
    for pos in range(last, line, -1):
        if distance > limit:
            return False
        sep = seps[pos]
        distance += len(content[pos]) + (len(sep) if sep is not None else -1)
    return distance <= limit


def _paragraph_tail(content: list[str], seps: list[str | None], first: int, last: int) -> str:
    """The last ``_TAIL`` characters of the paragraph of lines ``first..last`` as joined."""
    pieces = [content[last]]
    size = len(pieces[0])
    pos = last
    while size < _TAIL and pos > first:
        sep, prev = seps[pos], content[pos - 1]
        if sep is None:  # a hyphen cut: the hyphen went
            sep, prev = "", prev[:-1]
        pieces += (sep, prev)
        size += len(sep) + len(prev)
        pos -= 1
    pieces.reverse()
    return "".join(pieces)[-_TAIL:]


def _ends_paragraph(lines: _Lines, seps: list[str | None], first: int, last: int, open_line: int) -> bool:
    """ends_sentence(the paragraph so far, lines ``first..last``), when it stops on a
    character of _ENDINGS other than 。！？: a colon ends it unless a bracket is open in
    the tail (_TAIL characters) that ends_sentence reads; the rest is rare."""
    s = lines.content[last].rstrip(_CLOSING_QUOTES)
    if s:
        end = s[-1]
        if end in "：:；;":
            return open_line < 0 or not _bracket_near(lines, seps, open_line, last, _TAIL)
        if end in _STOPS:
            return True
        if end == "." and len(s) > 1:
            return not s[-2].isdigit()
        if end != "." and end not in _BRACKET_PAIRS:
            return False
    return ends_sentence(_paragraph_tail(lines.content, seps, first, last))


def _after_full_sentence(layout: _Layout, lines: _Lines, a: int, pos: int, ctx: Context) -> str | None:
    """A full line ``a`` ends a sentence: "full line" if the paragraph still runs on into
    line ``pos``. In tightly typeset text an indented next line opens a new paragraph."""
    full = layout.full or 0.0
    wb, cb = lines.width[pos], lines.content[pos]
    if wb < 0.5 * full and not _PUNCT.search(cb):
        return None  # a short line without punctuation: a signature, a heading, a cell
    if wb > full + layout.tolerance:
        return None  # the next line is longer than any wrapped line: a flowed paragraph
    if full - 2.5 <= wb < full - 1 and not _ASCII_ALNUM.search(cb):
        # The next line is two ems short, like an indented first line. In tightly
        # typeset text that settles it; in OCR text widths wander, so join and flag.
        if layout.tight:
            return None
        ctx.flag(
            "reflow.paragraph-end-unsure",
            "a full line ends a sentence and the next line may be indented; joined",
            lines.start[a],
            lines.end[pos],
        )
    return "full line"


def _has_stop(s: str) -> bool:
    """Sentence punctuation, or a comma: a heading has neither (一、总体要求); an outline
    item that runs on into a paragraph has one early (（一）加强组织领导，…)."""
    return _STOP.search(s) is not None


_STOP = re.compile("[。！？；，]")


_UNIT_START = re.compile(r"^[年月日号时分秒个万亿元件人次家所项条名岁天%％]")


def _bracketed_tail(s: str) -> bool:
    """A short line that is one bracketed group: the tail of a heading (（由…牵头实施）)."""
    return (
        3 <= len(s) <= 16
        and s[0] in "（("
        and s[-1] in "）)"
        and _matching_opener(s) == 0
        and not any(ch in s for ch in "。！？；")
    )


PASSES = (reflow,)

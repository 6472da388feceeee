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

Short table cells and column headings never reach the full width, so they stay apart.
CJK meets CJK with nothing between; two Latin words keep one space; a Latin word split
by a hyphen at the line end is rejoined. Each join is one change that replaces the line
break (and the blank lines) between two lines, so the layout can be rebuilt. Where a
full line ends a sentence and the next line looks indented in OCR text, the stage
joins and flags ``reflow.paragraph-end-unsure``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..changes import Edit
from ..datafiles import data_lines
from ..patterns import CJK_RE, CN_DATE_RE, DATE_RE, DOC_NUMBER_RE, OUTLINE_RE
from ..pipeline import Context

# Ends of a sentence or clause that closes a paragraph line (Chinese and Latin).
_STOPS = "。！？；：!?;:…"
_CLOSING_QUOTES = "”’」』\"'"
_BRACKET_PAIRS = {"）": "（", ")": "(", "]": "[", "】": "【", "〕": "〔", "］": "［", "》": "《", "〉": "〈"}
# Every last character that ends_sentence looks at twice.
_ENDINGS = frozenset(_STOPS + _CLOSING_QUOTES + "".join(_BRACKET_PAIRS) + ".：:；;")
# A line that ends on one of these is mid-sentence whatever its width.
_RUNS_ON = "，、,（(《〈“‘【〔［[「『—–-－～~/·"
_LONE_NUMBER = re.compile(r"^[+\-]?[0-9.,%％‰]+$")
_LONE_FIRST = frozenset("+-0123456789.,%％‰")
_LATIN = re.compile(r"[A-Za-z0-9]")
# A title's last words: a full line ending so is the title, not a wrapped addressee list.
_TITLE_ENDINGS = tuple("通知 意见 决定 报告 答复 批复 函 办法 方案 规定 细则 纪要".split())
# A date line: 2022年4月1日, 二〇二二年四月一日, optionally after a signature or before 印发.
_DATE_TAIL = re.compile(r"\s*(?:印发|发布|修订)?$")
_MIN_WIDTH = 12.0  # narrower "full widths" are headings or table cells, not a text block
_TAIL = 600  # enough paragraph text to find the bracket a line-end note opened with
_NOTE = 60  # a bracket opened this close to the line end is still open on the next line


@lru_cache(maxsize=1)
def block_starts() -> tuple[str, ...]:
    """Line openings that start a block of their own (data/block_starts.txt)."""
    return tuple(line.strip() for line in data_lines("block_starts.txt"))


@lru_cache(maxsize=1)
def _block_start_chars() -> frozenset[str]:
    """The first characters of the block openings (a cheap test before ``startswith``)."""
    return frozenset(start[0] for start in block_starts())


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


@dataclass(slots=True)
class _Line:
    index: int
    start: int  # offset of the first non-space character
    end: int  # offset just past the last non-space character
    content: str
    width: float
    digits: int = -1  # ASCII digits, whose printed width the document decides (½ or 1); -1: not counted yet
    outline: bool = False  # OUTLINE_RE matches the content
    date: bool = False  # is_date_line(content)
    lone: bool = False  # a lone number (a table cell)
    _ends: bool | None = None

    @property
    def ends(self) -> bool:
        """ends_sentence(content), once."""
        if self._ends is None:
            self._ends = ends_sentence(self.content)
        return self._ends


# Characters whose width line_width adds up exactly in any order: ASCII other than
# letters and control characters (½; space and tab ¼) and the usual characters of 3 UTF-8
# bytes that print wide (1). A line of them only is measured by counting.
_SIMPLE_ASCII = "\t -@\\[-`{-~"
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
_DIGIT = re.compile("[0-9]")
_NOT_LETTER_BYTES = bytes(c for c in range(256) if not chr(c).isascii() or not chr(c).isalpha())


@lru_cache(maxsize=1)
def _complex_char() -> re.Pattern[str]:
    """A character whose width is not a multiple of ¼ or not known at a glance, and the
    rest of its line (see ``_lines``)."""
    ranges = []
    for lo, hi in _WIDE_CANDIDATES:  # keep the ranges this Python's Unicode data call wide
        chars = "".join(map(chr, range(lo, hi + 1)))
        if set(map(unicodedata.east_asian_width, chars)) <= {"W", "F", "A"} and not any(
            map(str.isspace, chars)
        ):
            ranges.append(f"{chr(lo)}-{chr(hi)}")
    return re.compile(f"[^\\n{_SIMPLE_ASCII}{''.join(ranges)}][^\\n]*")


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    outline = OUTLINE_RE.match
    tabs = "\t" in text
    # Lines with a character that is not simple are measured character by character.
    complex_lines = set()
    line, last = 0, 0
    for m in _complex_char().finditer(text):
        line += text.count("\n", last, m.start())
        last = m.start()
        complex_lines.add(line)
    for i, raw in enumerate(text.split("\n")):
        content = raw.strip()
        if content:
            start = pos + len(raw) - len(raw.lstrip())
            if i in complex_lines:
                width = line_width(content)
            else:
                # Exact: every width is a multiple of ¼, so the sum does not depend on order.
                wide = (len(content.encode("utf-8")) - len(content)) // 2
                spaces = content.count(" ") + content.count("\t") if tabs else content.count(" ")
                width = wide + 0.5 * (len(content) - wide - spaces) + 0.25 * spaces
            date = "年" in content and is_date_line(content)
            lone = content[0] in _LONE_FIRST and _LONE_NUMBER.match(content) is not None
            out.append(
                _Line(
                    i,
                    start,
                    start + len(content),
                    content,
                    width,
                    -1,
                    outline(content) is not None,
                    date,
                    lone,
                )
            )
        pos += len(raw) + 1
    return out


def _count_digits(ln: _Line) -> int:
    if ln.digits < 0:
        ln.digits = len(_DIGIT.findall(ln.content))
    return ln.digits


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
    if any(ch in c for ch in "，。；") or len(c) > 40:
        return False
    for pattern in (DATE_RE, CN_DATE_RE):
        m = pattern.search(c)
        if m and m.start() <= 24 and _DATE_TAIL.match(c, m.end()):
            return True
    return False


def _evidence_lines(lines: list[_Line]) -> list[int]:
    """The lines that may count as evidence of the full width, but for the next line
    (positions in ``lines``; their digits counted)."""
    found = [
        pos
        for pos, ln in enumerate(lines[:-1])
        if ln.width >= _MIN_WIDTH and _PROSE.search(ln.content) and not ln.ends and not ln.outline
    ]
    for pos in found:
        _count_digits(lines[pos])
    return found


def _estimate_width(
    lines: list[_Line],
    starts_block,
    digit: float = 0.5,
    candidates: list[int] | None = None,
) -> tuple[float | None, bool, int]:
    """The document's full line width, and whether its lines are typeset tightly (PDF).

    Evidence is the prose lines (with some punctuation inside) that stop mid-sentence
    before an ordinary line: in wrapped text they pile up at the full width, or two ems
    short of it (indented first lines). Flowed text, reflow's own output among it, has no
    such pile, and then nothing is joined by width.
    """
    if candidates is None:
        candidates = _evidence_lines(lines)
    evidence = [
        lines[pos].width + (digit - 0.5) * lines[pos].digits
        for pos in candidates
        if not starts_block(pos + 1)
    ]
    if not evidence:
        return None, False, 0
    counts = Counter(map(round, evidence))
    mode, _ = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    near = sum(1 for w in evidence if mode - 2.5 <= w <= mode + 1)
    if near < 4 or near < 0.3 * len(evidence):
        return None, False, 0
    exact = sum(1 for w in evidence if abs(w - mode) <= 0.5)
    return float(mode), exact >= 0.5 * len(evidence), exact


_PUNCT = re.compile(r"[，、；：。！？,;:!?“”（）()《》]")
_PROSE = re.compile(r"[，、；：。,;“”（）《》]|[a-z] [a-z]")


class _Layout:
    """What reflow knows about one document: widths, header block, protected lines."""

    def __init__(self, lines: list[_Line], ctx: Context):
        self.lines = lines
        self.ctx = ctx
        # What each line opens: "block", "signature" (see starts_block) or "".
        self.kinds = _block_kinds(lines)
        self.full: float | None = None
        self.tight = False
        self.body_start = self.addressee_end = -1
        addressee = self._find_addressee()
        body = lines[addressee + 1 :] if addressee >= 0 else lines
        offset = addressee + 1 if addressee >= 0 else 0
        starts = lambda p: self.starts_block(p + offset)  # noqa: E731
        candidates = _evidence_lines(body)
        self.full, self.tight, exact = _estimate_width(body, starts, 0.5, candidates)
        # Digits printed full-width (２０２５) were made ASCII before this stage: if lines
        # with digits reach the full width only when digits count 1, they were.
        wide, wide_tight, wide_exact = _estimate_width(body, starts, 1.0, candidates)
        if wide is not None and wide_exact > exact:
            for ln in lines:
                ln.width += 0.5 * _count_digits(ln)
            self.full, self.tight = wide, wide_tight
        joined = "".join([ln.content for ln in lines])
        latin = len(joined.encode("ascii", "ignore").translate(None, _NOT_LETTER_BYTES))  # A-Z a-z
        chars = len(joined) or 1
        # Ragged-right Latin text varies by a word; justified CJK text by an indent or two.
        self.tolerance = 3.5 if latin < 0.5 * chars else max(3.5, 0.25 * (self.full or 0))
        self.body_start = self._addressee_start(addressee) if addressee >= 0 else 0
        self.addressee_end = addressee

    def is_full(self, ln: _Line, slack: float | None = None) -> bool:
        if self.full is None:
            return False
        return ln.width >= self.full - (self.tolerance if slack is None else slack)

    def _find_addressee(self) -> int:
        """Position (in ``lines``) of the addressee line ending in ：, or -1."""
        for pos, ln in enumerate(self.lines[:40]):
            c = ln.content
            if any(ch in c for ch in "。！？；"):
                return -1  # body text before any addressee: no header block to protect
            if c[-1] in "：:" and not OUTLINE_RE.match(c) and not c.startswith(block_starts()):
                return pos
        return -1

    def _addressee_start(self, pos: int) -> int:
        """An addressee list may wrap: full lines that run on into the ``：`` line."""
        start = pos
        while start > 0 and pos - start < 3:
            prev = self.lines[start - 1]
            pc = prev.content
            if (
                not (self.is_full(prev, 1.0) or pc[-1] in "，、")
                or ends_sentence(pc)
                or DOC_NUMBER_RE.search(pc)
                or pc.endswith(_TITLE_ENDINGS)
            ):
                break
            start -= 1
        return start

    def starts_block(self, pos: int) -> bool:
        kind = self.kinds[pos]
        if kind == "signature":
            # A short line with no punctuation right before a date line.
            return self.full is None or self.lines[pos].width < 0.8 * self.full
        return kind == "block"


def _block_kinds(lines: list[_Line]) -> list[str]:
    """What each line opens: "block", "signature" (a line with no punctuation right
    before a date line) or ""."""
    firsts, starts = _block_start_chars(), block_starts()
    kinds = []
    last = len(lines) - 1
    for pos, ln in enumerate(lines):
        c = ln.content
        if ln.outline or ln.lone or ln.date or (c[0] in firsts and c.startswith(starts)):
            kinds.append("block")
        elif pos < last and lines[pos + 1].date and _SIGN_PUNCT.search(c) is None:
            kinds.append("signature")
        else:
            kinds.append("")
    return kinds


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


def reflow(text: str, ctx: Context) -> list[Edit]:
    lines = _lines(text)
    if len(lines) < 2:
        return []
    layout = _Layout(lines, ctx)
    edits: list[Edit] = []
    para = lines[0].content
    para_first = 0
    para_stop = _has_stop(para)  # the paragraph so far reads as prose, not a heading
    for pos in range(1, len(lines)):
        a, b = lines[pos - 1], lines[pos]
        join = _decide(layout, pos, para, para_first, para_stop)
        if join is None:
            para, para_first, para_stop = b.content, pos, _has_stop(b.content)
            continue
        blank = text.count("\n", a.end, b.start) > 1
        hyphen = (
            a.content.endswith("-")
            and len(a.content) > 1
            and a.content[-2].isalpha()
            and b.content[0].islower()
        )
        start = a.end - 1 if hyphen else a.end
        after = "" if hyphen else _separator(a.content, b.content, ctx)
        reason = "blank line between wrapped lines" if blank else "hard wrap"
        if hyphen:
            reason = "Latin word split by a hyphen at the line end"
        edits.append(Edit(start, b.start, after, "reflow", reason, {"rule": join}))
        para = (para[:-1] if hyphen else para) + after + b.content
        para_stop = para_stop or _has_stop(b.content)
        if len(para) > 2 * _TAIL:
            para = para[-_TAIL:]  # only the tail matters, and long texts stay linear
    return edits


def _decide(layout: _Layout, pos: int, para: str, para_first: int, para_stop: bool) -> str | None:
    """Why line ``pos`` continues the line before it, or None if it starts a new block."""
    lines = layout.lines
    a, b = lines[pos - 1], lines[pos]
    if pos - 1 < layout.body_start or pos - 1 == layout.addressee_end:
        return None  # header block, title and the addressee line stay as they are
    if pos == layout.body_start:
        return None
    kind = layout.kinds[pos]  # layout.starts_block(pos), inline
    if kind and (kind == "block" or layout.full is None or b.width < 0.8 * layout.full):
        return None
    if a.lone or a.date:
        return None
    tail = para[-_TAIL:]  # decide on the paragraph so far, so a second run decides alike
    heading = lines[para_first].outline and not para_stop
    # A paragraph of one line is that line (when the tail holds all of it).
    if a.ends if para_first == pos - 1 and len(para) <= _TAIL else ends_sentence(tail):
        if not layout.is_full(a, 1.0) or a.content[-1] in _BRACKET_PAIRS:
            return None  # a short line, or a note after the last sentence (。（责任单位：…）)
        # A full line that ends a sentence: the paragraph may end right there. In tightly
        # typeset text an indented next line (two ems short) opens a new paragraph.
        full = layout.full or 0.0
        if b.width < 0.5 * full and not _PUNCT.search(b.content):
            return None  # a short line without punctuation: a signature, a heading, a cell
        if b.width > full + layout.tolerance:
            return None  # the next line is longer than any wrapped line: a flowed paragraph
        if full - 2.5 <= b.width < full - 1 and not _ASCII_ALNUM.search(b.content):
            # The next line is two ems short, like an indented first line. In tightly
            # typeset text that settles it; in OCR text widths wander, so join and flag.
            if layout.tight:
                return None
            layout.ctx.flag(
                "reflow.paragraph-end-unsure",
                "a full line ends a sentence and the next line may be indented; joined",
                a.start,
                b.end,
            )
        return "full line"
    if heading and _bracketed_tail(b.content):
        return "wrapped heading"  # 五、建设…示范城市政策 / （由市交通运输局牵头实施）
    if heading and pos - 1 == para_first:
        # A heading (一、总体要求) is indented like a first line: it runs on only if it is
        # visibly cut (open bracket, trailing comma) or really full.
        if a.content[-1] in _RUNS_ON or _inside_brackets(tail[-_NOTE:]) or layout.is_full(a, 1.0):
            return "wrapped heading"
        return None
    last = a.content[-1]
    if last in _RUNS_ON and len(tail) > 1:  # a lone "、" is a cell of vertical text
        return "mid-sentence"
    if _inside_brackets(tail[-_NOTE:]):
        return "inside brackets"  # （本列数据的勾稽关系为：…之和，等 / 于第三项加第四项之和）
    if layout.is_full(a):
        return "full line"
    if layout.full is not None and a.width >= 0.6 * layout.full:
        # Cut where no sentence ends: on a function word (…人才计划对 / “415X”…), or
        # between a number and its unit (…至2027年12月31 / 日。…).
        if last in nonfinal_chars() or (last.isdigit() and _UNIT_START.match(b.content)):
            return "mid-sentence"
    return None


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

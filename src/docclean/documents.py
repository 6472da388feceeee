"""Where the circulars of a batch file start: several documents run together in one text.

An archive's extraction often holds a year's circulars in one file, one after the other,
separated by form feeds or just line breaks. The stages read one document's layout (its
header block, wrap width, running headers, repeated paragraphs), so the pipeline cleans
such a file document by document (see :func:`docclean.api.clean_text` and
:mod:`docclean.segments`). :func:`document_starts` finds the later documents' starts.

A later circular starts with a GB/T 9704 header block: lines without sentence punctuation
or commas (issuer lines, the 红头 mark, the document number, the title) right after the
previous document's last sentence or its tail (signature and date, 此件主动公开, page
number, 抄送), and ending in an addressee line ending in ``：``. The block must hold a
document number (``湘教发〔2022〕7号``) or a title (``关于…的通知``); ``…如下：`` lines,
outline headings and ``附件：`` are no addressee lines. The same test finds the same
starts in the raw text (letter-spaced names, a title cut in two, Founder-font
punctuation ``ꎮ``) and in the cleaned text, so a second cleaning splits the same way.

The start is the first line after the previous document's tail: after its last sentence,
date line, disclosure note, page number or 抄送/印发 line, or after a form feed between
them and the new header. A single circular is never split: its one header block has no
sentence before it. When in doubt there is no start.

This is a scan for the lines ending in ``：`` (two str.find loops: colons are few) below the
text's first sentence or comma, and a look at the few lines above each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from .patterns import CN_DATE_RE, DATE_RE, DOC_NUMBER_RE, LEAD_INS, OUTLINE_RE

# What follows the ： of a line ending in ： (an addressee line, or a lead-in / heading the
# checks below drop): spaces, then the line end.
_TAIL_SPACES = " \t\r\u3000\u00a0"
_COLON_TAIL = re.compile(f"[{_TAIL_SPACES}]*(?=\\n|\\r|\\f|\\Z)")
# Sentence punctuation and commas, also in the Founder-font code points (ꎮ ꎬ ꎻ ꎯ ꎿ).
_STOP = re.compile("[。！？；!?;ꎮꎻꎯꎿ]")
_COMMA = re.compile("[，,ꎬ]")
# What ends the walk up from an addressee line other than giving up: a sentence, a comma line.
_WALK_END = re.compile("[。！？；!?;ꎮꎻꎯꎿ，,ꎬ、]")
_SPACES = re.compile(r"[ \t\r\u3000\u00a0]+")
_HEADER_LINES = 40  # a header block, addressee line included, is shorter than this
_HEADER_CHARS = 4000  # and shorter than this (blank lines and letter spacing included)
_ADDRESSEE_CHARS = 200
_ADDRESSEE_WRAP = 3  # lines an addressee list wraps onto
_NO_ADDRESSEE = (
    "附件",
    "附:",
    "附：",
    "抄送",
    "抄报",
    "联系",
    "通讯地址",
    "邮政编码",
    "邮编",
    "传真",
    "电子邮箱",
    "签发人",
    "特此",
)
_TITLE_END = re.compile(
    "(?:通知|意见|决定|报告|答复|批复|函|办法|方案|规定|细则|纪要|通报|公告|通告|请示|命令)$"
)
# The previous document's tail: date (…印发), disclosure note, page number, 抄送 / 印发 lines.
_PAGE_NUMBER = re.compile(r"[-－—–_ ]*\d{1,4}[-－—–_ ]*")
_TAIL_STARTS = ("（此件", "(此件", "（信息公开", "(信息公开", "抄送", "抄报", "（联系人", "(联系人")


def document_starts(text: str) -> list[int]:
    """Offsets where later documents start (the first one, at 0, is not listed)."""
    starts: list[int] = []
    floor = 0  # a header block starts after the last addressee line
    # (Old Mac line ends. The test for \n first: it stops at the first line end.)
    newline = "\r" if "\n" not in text and "\r" in text else "\n"
    # The walk up ends other than by giving up only at a sentence or comma (see below): a
    # line that starts at or before the text's first one (ends before the next line break or
    # form feed after it) has none above, so its colons are not read. (The first document's
    # addressee line, the usual case, is then never looked at.)
    stop = _WALK_END.search(text)
    if stop is None:
        return starts
    line_end = text.find(newline, stop.start())
    if line_end < 0:
        line_end = len(text)
    feed = text.find("\f", stop.start(), line_end)
    for end, tail_end in _colon_ends(text, line_end if feed < 0 else feed):
        if end < floor:
            continue
        line_start = _line_start(text, end, newline)
        low = max(floor, line_start - _HEADER_CHARS)
        # The walk up from an addressee line (_header_start) reads lines from the one holding
        # ``low`` on, and ends other than by giving up only at a sentence or comma: with none
        # in there (the first document's header block, the usual case), the line is no start,
        # whatever it holds. This test first: it is cheaper than reading the line.
        above = _line_start(text, low, newline) if low else 0
        if _WALK_END.search(text, above, line_start) is None:
            continue
        addressee = _SPACES.sub("", text[line_start:tail_end])
        if not _is_addressee(addressee):
            continue
        cut = _header_start(text, line_start, low, newline)
        if cut is not None:
            starts.append(cut)
            floor = tail_end
    return starts


def _colon_ends(text: str, pos: int = 0) -> Iterator[tuple[int, int]]:
    """(where the ： is, where its line's spaces end) for each line ending in ： or : from
    offset ``pos`` on, in order.

    Two str.find scans: a text holds few colons, and a regex scan for the class ``[：:]``
    tests every character (it took more time than all the rest of :func:`document_starts`).
    """
    full, half = text.find("：", pos), text.find(":", pos)
    while full >= 0 or half >= 0:
        if half < 0 or 0 <= full < half:
            pos, full = full, text.find("：", full + 1)
        else:
            pos, half = half, text.find(":", half + 1)
        after = text[pos + 1 : pos + 2]
        if after in ("\n", "\f", ""):
            yield pos, pos + 1  # the usual line end: no need for the pattern
        elif after in _TAIL_SPACES:
            m = _COLON_TAIL.match(text, pos + 1)
            if m is not None:
                yield pos, m.end()
        # else a colon inside a line (时间：2022年…)


def _line_start(text: str, pos: int, newline: str) -> int:
    start = text.rfind(newline, 0, pos)
    return max(start, text.rfind("\f", start + 1, pos)) + 1


def _is_addressee(line: str) -> bool:
    return (
        1 < len(line) <= _ADDRESSEE_CHARS
        and _STOP.search(line) is None
        and not line.endswith(LEAD_INS)
        and not line.startswith(_NO_ADDRESSEE)
        and OUTLINE_RE.match(line) is None
    )


def _header_start(text: str, addressee_start: int, low: int, newline: str) -> int | None:
    """Where the document whose addressee line starts at ``addressee_start`` starts, or None.

    The walk up reads no further than ``low`` (the previous addressee line's end, at most
    :data:`_HEADER_CHARS` above); :func:`document_starts` has checked that a sentence or
    comma lies in between.
    """
    # The lines above, bottom up, up to the previous document's last sentence.
    lines: list[tuple[int, str]] = []  # (line start, content without spaces)
    feeds: list[int] = []  # line starts after a form feed
    pos = addressee_start
    wrap = 0  # the addressee list may wrap: lines with commas right above run on into it
    while True:
        if pos <= low:
            return None  # no sentence before: the first document, or too far to tell
        end = pos - 1  # the line break before ``pos``
        if text[end] == "\f":
            feeds.append(pos)
        start = _line_start(text, end, newline)
        content = _SPACES.sub("", text[start:end])
        pos = start
        if not content:
            continue
        if _STOP.search(content):
            break  # the previous document's last sentence
        if content[-1] in "：:":
            return None  # …以下工作： / 具体要求如下： is body text
        if _COMMA.search(content) or content[-1] in "、":
            if len(lines) == wrap and wrap < _ADDRESSEE_WRAP:
                wrap += 1  # part of the addressee list
                lines.append((start, content))
                continue
            break  # a body line: the previous document's end
        lines.append((start, content))
        if len(lines) >= _HEADER_LINES:
            return None
    lines = lines[wrap:]
    lines.reverse()  # top down: the previous document's tail, then the header block
    head = 0
    for i, (_, c) in enumerate(lines):
        if _is_mark(c) or "关于" in c or c.endswith(_TITLE_ENDS):
            break  # the header block has begun
        if _is_tail(c):
            head = i + 1
    block = lines[head:]
    if not block or any(OUTLINE_RE.match(c) for _, c in block) or not _names_document(block):
        return None
    cut = block[0][0]
    first_mark = next((s for s, c in block if _is_mark(c)), cut)
    # A form feed before the first number or title line, after the tail or before page
    # numbers only (``\f— 1 —``), is where the new document starts.
    numbers = {s for s, c in lines[:head] if _PAGE_NUMBER.fullmatch(c)}
    tail_starts = [s for s, _ in lines[:head]]
    for feed in sorted(feeds):
        if feed <= first_mark and (feed > cut or all(s in numbers for s in tail_starts if s >= feed)):
            cut = feed
            break
    return cut


def _is_tail(c: str) -> bool:
    return (
        c.startswith(_TAIL_STARTS)
        or c.endswith(("公开）", "公开)"))
        or _PAGE_NUMBER.fullmatch(c) is not None
        or (c[-1] in "日发订布" and _is_date(c, 4))
        or (c.endswith("印发") and _is_date(c, 30))
    )


def _is_date(c: str, rest: int) -> bool:
    m = DATE_RE.search(c) or CN_DATE_RE.search(c)
    return m is not None and len(c) - (m.end() - m.start()) <= rest


def _is_mark(c: str) -> bool:
    return _is_number(c) or (c.endswith(_TITLE_ENDS) and "关于" in c)


def _is_number(c: str) -> bool:
    """A document-number line (``湘教发〔2022〕7号``, maybe with 签发人), not a citation."""
    if "号" not in c:
        return False
    m = DOC_NUMBER_RE.search(c)
    if m is None or (m.start() > 0 and c[m.start() - 1] in "（(《"):
        return False  # (湘政发〔2022〕3号): a citation
    return len(c) - (m.end() - m.start()) <= 12


_TITLE_ENDS = (
    "通知",
    "意见",
    "决定",
    "报告",
    "答复",
    "批复",
    "函",
    "办法",
    "方案",
    "规定",
    "细则",
    "纪要",
    "通报",
)


def _names_document(block: list[tuple[int, str]]) -> bool:
    """The header lines hold a document number or a 关于…的通知 title (maybe cut in two)."""
    joined = "".join(c for _, c in block)
    if any(map(_is_number, (c for _, c in block))):
        return True
    # A number torn inside its brackets over two lines (湘教发〔2022 / 〕7号): reflow joins
    # it, and a second run must find the same documents as the first.
    if any(_is_number(a + b) for (_, a), (_, b) in pairwise(block) if "号" in b):
        return True
    return "关于" in joined and any(_TITLE_END.search(c) for _, c in block)

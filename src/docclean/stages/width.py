"""Stage ``width``: put every character in the width Chinese typesetting uses.

Two kinds of damage, both from the same real lines (a Founder-font PDF, pypdf):

    各市( 州) 、县( 市、区) 人民政府ꎬ……有关
    单位:
    ( 一) 加 大 创 业 信 贷 支 持 力 度ꎮ 创 业 担 保 贷 款……由 ３０ 万元提高至 ５０ 万元

* Full-width digits and Latin letters (``３０``, ``１５＋Ｎ``) become ASCII, as official
  documents set numbers; so do the symbols inside a number (``５．５％`` → ``5.5%``,
  the phone number ``0731－84715075`` → ``0731-84715075``).
* Half-width ``, : ; ? ! ( )`` next to Chinese become full-width (``单位:`` →
  ``单位：``, ``( 一)`` → ``（一）``; the spaces the extractor put inside the brackets
  go with them).

What stays: punctuation inside Latin text (``Hello, world``), numbers (``3.5``,
``1,000``), times (``10:30``), URLs and e-mail addresses. Chinese punctuation is never
turned into ASCII.
"""

from __future__ import annotations

import re

from ..changes import Edit
from ..patterns import CJK_CHARS, CJK_PUNCT, FULLWIDTH_ALNUM, FULLWIDTH_OFFSET, HSPACE_CHARS, URL_EMAIL_RE
from ..pipeline import Context

MAX_BRACKET = 200
# [x][x]* rather than [x]+: a pattern that opens with a plain class is searched fast.
_FULLWIDTH_RUN = re.compile(f"[{FULLWIDTH_ALNUM}][{FULLWIDTH_ALNUM}]*")
_DIGIT = "0-9\uff10-\uff19"
# Symbols that belong to a number when they sit between (or, for %, after) digits.
_NUMBER_SYMBOL = re.compile(f"(?<=[{_DIGIT}])(?:[．－／＋](?=[{_DIGIT}])|％)")
_PLUS_ALNUM = re.compile(
    f"(?<=[{_DIGIT}A-Za-z\uff21-\uff3a\uff41-\uff5a])＋(?=[{_DIGIT}A-Za-z\uff21-\uff3a\uff41-\uff5a])"
)
_HALF_PUNCT = re.compile(r"[,:;?!()]")
_CHINESE = re.compile(f"[{CJK_CHARS}{CJK_PUNCT}]")
# Looked through when judging a neighbour: spaces, quotes shared with Latin text, and
# the marks this stage reads or writes in either width, so a run like ``:(`` is judged
# as one and ``单位（盖章）:`` by 章; what the stage wrote is never evidence, so a
# second run over its output finds nothing new.
_SKIP = HSPACE_CHARS | set("\u2018\u2019\u201c\u201d\"',:;?!()，：；？！（）")
# Inside brackets, Chinese means Han or Chinese punctuation other than what this stage writes.
_OWN_OUTPUT = set("，：；？！（）")
_INVISIBLE = set("\ufeff\u200b\u200c\u200d")
_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


def to_ascii(text: str, ctx: Context) -> list[Edit]:
    """Full-width digits/letters → ASCII; symbols inside numbers → ASCII."""
    edits: list[Edit] = []
    for m in _FULLWIDTH_RUN.finditer(text):
        after = "".join(chr(ord(ch) - FULLWIDTH_OFFSET) for ch in m.group())
        edits.append(Edit(m.start(), m.end(), after, "width", "full-width digits/letters to ASCII"))
    taken = {e.start for e in edits}
    for rx, symbols in ((_NUMBER_SYMBOL, "．－／＋％"), (_PLUS_ALNUM, "＋")):
        if not any(symbol in text for symbol in symbols):
            continue  # every match is one of these symbols
        for m in rx.finditer(text):
            if m.start() in taken:
                continue
            taken.add(m.start())
            after = chr(ord(m.group()) - FULLWIDTH_OFFSET)
            edits.append(
                Edit(m.start(), m.end(), after, "width", "full-width symbol inside a number to ASCII")
            )
    return edits


def _neighbour(text: str, pos: int, step: int) -> str:
    """The nearest character from ``pos`` in direction ``step``, skipping spaces, quotes
    and line breaks (``“双减”,`` is judged by 减; a bracket wrapped onto the next line
    by the text it closes, as it will read once the lines are joined)."""
    i = pos + step
    while 0 <= i < len(text) and abs(i - pos) <= MAX_BRACKET:
        ch = text[i]
        if ch not in _SKIP and not ch.isspace() and ch not in _INVISIBLE:
            return ch
        i += step
    return ""


def _is_chinese(ch: str) -> bool:
    return bool(ch) and bool(_CHINESE.match(ch))


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9" or "\uff10" <= ch <= "\uff19"


# Every URL or e-mail address holds one of these, and none spans a line break.
_URL_MARKERS = ("://", "www.", "@")


def _url_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that hold a URL marker, in order."""
    starts: set[int] = set()
    for marker in _URL_MARKERS:
        pos = text.find(marker)
        while pos != -1:
            line_start = text.rfind("\n", 0, pos) + 1
            starts.add(line_start)
            line_end = text.find("\n", pos)
            if line_end == -1:
                break
            pos = text.find(marker, line_end)
    out = []
    for start in sorted(starts):
        end = text.find("\n", start)
        out.append((start, len(text) if end == -1 else end))
    return out


def _url_matches(text: str) -> list[re.Match[str]]:
    """``URL_EMAIL_RE.finditer(text)``, scanning only the lines that can hold a match."""
    return [m for a, b in _url_lines(text) for m in URL_EMAIL_RE.finditer(text, a, b)]


def _protected_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _url_matches(text):
        end = m.end()
        # A sentence's own punctuation after a URL is not part of it.
        while end > m.start() and text[end - 1] in ".,;:!?)":
            if text[end - 1] == ")" and text.count("(", m.start(), end) >= text.count(")", m.start(), end):
                break
            end -= 1
        spans.append((m.start(), end))
    return spans


_ROUND_BRACKET = re.compile("[(（)）]")


def _pair_brackets(text: str) -> dict[int, int]:
    """Match round brackets (ASCII or full-width): ``{open: close, close: open}``.

    Pairs may span line breaks (PDF lines wrap inside brackets) but not more than
    ``MAX_BRACKET`` characters, so a stray bracket does not pair with one pages later.
    """
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in _ROUND_BRACKET.finditer(text):
        i, ch = m.start(), m.group()
        if ch in "(（":
            stack.append(i)
        elif stack:
            j = stack.pop()
            if i - j <= MAX_BRACKET:
                pairs[j] = i
                pairs[i] = j
    return pairs


def _bracket_is_chinese(text: str, pos: int, pairs: dict[int, int]) -> bool:
    other = pairs.get(pos)
    if other is not None:
        start, end = min(pos, other), max(pos, other)
        if text[start] == "（" or text[end] == "）":
            return True  # the other half is already full-width
        if any(_is_chinese(ch) and ch not in _OWN_OUTPUT for ch in text[start + 1 : end]):
            return True
        return _is_chinese(_neighbour(text, start, -1)) or _is_chinese(_neighbour(text, end, 1))
    return _is_chinese(_neighbour(text, pos, -1)) or _is_chinese(_neighbour(text, pos, 1))


def to_fullwidth(text: str, ctx: Context) -> list[Edit]:
    """Half-width ``, : ; ? ! ( )`` → full-width where the text around them is Chinese."""
    protected = _protected_spans(text)
    pairs: dict[int, int] | None = None
    edits: list[Edit] = []
    cursor = 0
    pi = 0
    for m in _HALF_PUNCT.finditer(text):
        pos = m.start()
        while pi < len(protected) and protected[pi][1] <= pos:
            pi += 1
        if (pi < len(protected) and protected[pi][0] <= pos) or pos < cursor:
            continue
        ch = m.group()
        prev_ch = text[pos - 1] if pos else ""
        next_ch = text[pos + 1] if pos + 1 < len(text) else ""
        if ch in "()":
            if pairs is None:
                pairs = _pair_brackets(text)
            if not _bracket_is_chinese(text, pos, pairs):
                continue
            start, end = pos, pos + 1
            # The extractor pads brackets with spaces on the inside: ( 一) → （一）.
            if ch == "(":
                while end < len(text) and text[end] in HSPACE_CHARS:
                    end += 1
            else:
                while start > cursor and text[start - 1] in HSPACE_CHARS:
                    start -= 1
                if start == 0 or text[start - 1] == "\n":
                    start = pos  # a line-leading space is the pages stage's business
            edits.append(Edit(start, end, _TO_FULL[ch], "width", "half-width bracket in Chinese text"))
            cursor = end
            continue
        # 1,000 and 10:30 and 1;2 are numbers, not Chinese punctuation.
        if _is_digit(prev_ch) and _is_digit(next_ch):
            continue
        if not (_is_chinese(_neighbour(text, pos, -1)) or _is_chinese(_neighbour(text, pos, 1))):
            continue
        if ch == ":" and next_ch == "/":
            continue
        edits.append(Edit(pos, pos + 1, _TO_FULL[ch], "width", "half-width punctuation in Chinese text"))
        cursor = pos + 1
    return edits


PASSES = (to_ascii, to_fullwidth)

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
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..changes import Edit, Rewrite
from ..patterns import (
    CJK_CHARS,
    CJK_PUNCT,
    FULLWIDTH_ALNUM,
    FULLWIDTH_OFFSET,
    HSPACE_CHARS,
    OTHER_HSPACES,
    URL_EMAIL_RE,
    char_ranges,
)
from ..pipeline import Context

MAX_BRACKET = 200
# A pattern that opens with a plain class is searched fast (re scans for the class in C;
# a repeat first is tried at every character). The class is the digits and letters alone:
# a one-range class U+FF10-FF5A with a look back costs a match attempt at each ：and ；
# between them (most texts have dozens and no full-width letter: 1.15 → 0.78 ms a corpus).
_FULLWIDTH_RUN = re.compile(f"[{FULLWIDTH_ALNUM}][{FULLWIDTH_ALNUM}]*")
# The same run as a group, for re.split (counts-only runs).
_FULLWIDTH_SPLIT = re.compile(f"({_FULLWIDTH_RUN.pattern})")
# The first character of a run, or a space other than the ASCII one: most texts hold
# neither, and one search (at the cost of one for the runs alone) tells to_ascii so and
# proves for spacing what it would prove again (Context.ascii_spaced).
_RUN_OR_OTHER_SPACE = re.compile(f"[{FULLWIDTH_ALNUM}{re.escape(''.join(OTHER_HSPACES))}]")
_DIGIT = "0-9\uff10-\uff19"
# Symbols that belong to a number when they sit between (or, for %, after) digits.
_NUMBER_SYMBOL = re.compile(f"(?<=[{_DIGIT}])(?:[．－／＋](?=[{_DIGIT}])|％)")
_PLUS_ALNUM = re.compile(
    f"(?<=[{_DIGIT}A-Za-z\uff21-\uff3a\uff41-\uff5a])＋(?=[{_DIGIT}A-Za-z\uff21-\uff3a\uff41-\uff5a])"
)
_CHINESE_RANGES = char_ranges(CJK_CHARS + CJK_PUNCT)
# Looked through when judging a neighbour: spaces, quotes shared with Latin text, and
# the marks this stage reads or writes in either width, so a run like ``:(`` is judged
# as one and ``单位（盖章）:`` by 章; what the stage wrote is never evidence, so a
# second run over its output finds nothing new.
_SKIP = HSPACE_CHARS | set("\u2018\u2019\u201c\u201d\"',:;?!()，：；？！（）")
# Inside brackets, Chinese means Han or Chinese punctuation other than what this stage writes.
_OWN_OUTPUT = set("，：；？！（）")
_INVISIBLE = set("\ufeff\u200b\u200c\u200d")
# Full-width forms (U+FF01-FF5E) to ASCII, for str.translate.
_TO_ASCII = {cp: cp - FULLWIDTH_OFFSET for cp in range(0xFF01, 0xFF5F)}
_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


@lru_cache(maxsize=4096)
def _ascii_run(run: str) -> str:
    """``run`` of full-width digits/letters in ASCII. Runs recur (years, numbers), and
    translating looks every character up in a dict: a cached run costs one lookup."""
    return run.translate(_TO_ASCII)


_NUMBER_SYMBOLS = "．－／＋％"  # what _NUMBER_SYMBOL and _PLUS_ALNUM match


def to_ascii(text: str, ctx: Context) -> list[Edit] | Rewrite:
    """Full-width digits/letters → ASCII; symbols inside numbers → ASCII."""
    if _RUN_OR_OTHER_SPACE.search(text) is None:
        ctx.ascii_spaced = text  # (to_fullwidth hands it on: it adds no space)
        if not any(map(text.__contains__, _NUMBER_SYMBOLS)):
            return []  # no run, no symbol
    if not ctx.keep_log and not any(map(text.__contains__, _NUMBER_SYMBOLS)):
        # Counts only, and no symbol to judge: one change per run, made by one split.
        parts = _FULLWIDTH_SPLIT.split(text)  # text, run, text, run, ..., text
        if len(parts) == 1:
            return []
        parts[1::2] = map(_ascii_run, parts[1::2])
        return Rewrite("".join(parts), len(parts) // 2)
    edits: list[Edit] = []
    new_edit = Edit.__new__
    for m in _FULLWIDTH_RUN.finditer(text):
        # Made without a call of Edit.__init__ (a third of its cost); every field is set.
        edit = new_edit(Edit)
        edit.start, edit.end, edit.after = m.start(), m.end(), _ascii_run(m.group())
        edit.kind, edit.reason, edit.detail = "width", "full-width digits/letters to ASCII", None
        edits.append(edit)
    taken: set[int] | None = None
    for rx, symbols in ((_NUMBER_SYMBOL, _NUMBER_SYMBOLS), (_PLUS_ALNUM, "＋")):
        if not any(symbol in text for symbol in symbols):
            continue  # every match is one of these symbols
        if taken is None:
            taken = {e.start for e in edits}
        for m in rx.finditer(text):
            if m.start() in taken:
                continue
            taken.add(m.start())
            after = chr(ord(m.group()) - FULLWIDTH_OFFSET)
            edits.append(
                Edit(m.start(), m.end(), after, "width", "full-width symbol inside a number to ASCII")
            )
    return edits


def _skipped(ch: str) -> bool:
    """Looked through when judging a neighbour (see ``_SKIP``)."""
    return ch in _SKIP or ch.isspace() or ch in _INVISIBLE


def _is_chinese(ch: str) -> bool:
    return any(a <= ch <= b for a, b in _CHINESE_RANGES)


# What a character is to _neighbour_is_chinese, by character: skipped, Chinese, other.
_SKIPPED, _CHINESE_CHAR, _OTHER_CHAR = 0, 1, 2
_KINDS: dict[str, int] = {}


# The characters of _KINDS that are Chinese, as a set (see _turned_at_once).
_CHINESE_SEEN: set[str] = set()


def _kind_of(ch: str) -> int:
    if _skipped(ch):
        return _SKIPPED
    if _is_chinese(ch):
        _CHINESE_SEEN.add(ch)
        return _CHINESE_CHAR
    return _OTHER_CHAR


def _neighbour_is_chinese(text: str, pos: int, step: int) -> bool:
    """Whether the nearest character from ``pos`` in direction ``step`` is Chinese.

    Spaces, quotes and line breaks are skipped, up to ``MAX_BRACKET`` characters (``“双减”,``
    is judged by 减; a bracket wrapped onto the next line by the text it closes, as it will
    read once the lines are joined). What each character is gets cached.
    """
    kinds = _KINDS
    if step < 0:
        i, stop = pos - 1, max(-1, pos - MAX_BRACKET - 1)
    else:
        i, stop = pos + 1, min(len(text), pos + MAX_BRACKET + 1)
    while i != stop:
        ch = text[i]
        kind = kinds.get(ch)
        if kind is None:
            kind = kinds[ch] = _kind_of(ch)
        if kind != _SKIPPED:
            return kind == _CHINESE_CHAR
        i += step
    return False


_DIGITS = frozenset("0123456789\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19")


# Every URL or e-mail address holds one of these markers, and none spans a line break.
# A marker is searched for only when the text holds the character paired with it (one
# of its own): looking for one character is a memchr, several times cheaper than
# looking for the marker, and most Chinese texts hold neither "/" nor "w".
_URL_MARKERS = (("://", "/"), ("www.", "w"), ("@", "@"))


def _url_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that hold a URL marker, in order."""
    starts: set[int] = set()
    for marker, char in _URL_MARKERS:
        pos = text.find(marker) if char in text else -1
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


def _partner(text: str, pos: int) -> int | None:
    """The round bracket (ASCII or full-width) paired with the one at ``pos``, if any.

    Brackets pair as a stack does from the start of the text (a closing bracket with
    none open is ignored), but only within ``MAX_BRACKET`` characters, so a stray bracket
    does not pair with one pages later; pairs may span line breaks (PDF lines wrap inside
    brackets). Found locally: an opening bracket is closed by the first closing one after
    it that is not taken by a bracket opened in between, and a closing one closes the
    nearest opening one before it not closed in between (the brackets between them
    balance, so the stack had it on top). Nothing further than ``MAX_BRACKET`` can pair.
    """
    depth = 0
    if text[pos] in "(（":
        for m in _ROUND_BRACKET.finditer(text, pos + 1, pos + MAX_BRACKET + 1):
            if m.group() in "(（":
                depth += 1
            elif depth:
                depth -= 1
            else:
                return m.start()
        return None
    # Read backwards in two windows, the near one first: the partner is mostly a few
    # characters away, and the brackets of a window are found by one forward scan.
    end, start = pos, max(0, pos - _NEAR_BRACKET)
    while end > start:
        for i in reversed([m.start() for m in _ROUND_BRACKET.finditer(text, start, end)]):
            if text[i] in ")）":
                depth += 1
            elif depth:
                depth -= 1
            else:
                return i
        end, start = start, max(0, pos - MAX_BRACKET)
    return None


_NEAR_BRACKET = 24


def _holds_chinese(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a character of ``_is_chinese`` other than what this
    stage writes (_OWN_OUTPUT), read by the kind cache of _neighbour_is_chinese (filled
    as there): a Chinese kind is such a character (what the stage writes is skipped), an
    other kind is none, and a skipped one (spaces, quotes) takes the range test."""
    kinds = _KINDS
    for ch in text[start:end]:
        kind = kinds.get(ch)
        if kind is None:
            kind = kinds[ch] = _kind_of(ch)
        if kind == _CHINESE_CHAR or (kind == _SKIPPED and _is_chinese(ch) and ch not in _OWN_OUTPUT):
            return True
    return False


def _bracket_is_chinese(text: str, pos: int) -> bool:
    other = _partner(text, pos)
    if other is not None:
        start, end = min(pos, other), max(pos, other)
        if text[start] == "（" or text[end] == "）":
            return True  # the other half is already full-width
        if _holds_chinese(text, start + 1, end):
            return True
        return _neighbour_is_chinese(text, start, -1) or _neighbour_is_chinese(text, end, 1)
    return _neighbour_is_chinese(text, pos, -1) or _neighbour_is_chinese(text, pos, 1)


def _half_punct_positions(text: str, marks: Iterable[str] = _TO_FULL) -> list[int]:
    """Where ``marks`` (``, : ; ? ! ( )``) are, in order: seven ``str.find`` loops (memchr on
    Chinese text) take a third of the time of one regex scan, the matches being few."""
    positions = []
    for ch in marks:
        pos = text.find(ch)
        while pos != -1:
            positions.append(pos)
            pos = text.find(ch, pos + 1)
    positions.sort()
    return positions


def to_fullwidth(text: str, ctx: Context) -> list[Edit] | Rewrite:
    """Half-width ``, : ; ? ! ( )`` → full-width where the text around them is Chinese."""
    out = _to_fullwidth(text, ctx)
    if type(out) is Rewrite and text is ctx.ascii_spaced:
        ctx.ascii_spaced = out.text  # it writes full-width marks and drops spaces, adds none
    return out


def _to_fullwidth(text: str, ctx: Context) -> list[Edit] | Rewrite:
    keep_log = ctx.keep_log
    if keep_log:
        positions = _half_punct_positions(text)
        if not positions:
            return []
        protected = _protected_spans(text)
        replaced = ""
    else:
        marks = [ch for ch in _TO_FULL if ch in text]
        if not marks:
            return []
        protected = _protected_spans(text)
        # Counts only: a mark the loop below would turn everywhere (see _turned_at_once) is
        # turned by one str.replace on the output, and only the other marks are walked.
        replaced = "" if protected else _turned_at_once(text, marks)
        positions = _half_punct_positions(text, [ch for ch in marks if ch not in replaced])
    edits: list[Edit] = []
    # Counts only: the output text, piece by piece, instead of edits (they come in order
    # and never overlap: ``cursor`` is where the last one ended).
    pieces: list[str] = []
    new_edit = Edit.__new__
    kinds = _KINDS
    cursor = 0
    pi = 0
    for pos in positions:
        if protected:  # URLs and e-mail addresses (few texts have one)
            while pi < len(protected) and protected[pi][1] <= pos:
                pi += 1
            if pi < len(protected) and protected[pi][0] <= pos:
                continue
        if pos < cursor:
            continue
        ch = text[pos]
        prev_ch = text[pos - 1] if pos else ""
        next_ch = text[pos + 1] if pos + 1 < len(text) else ""
        if ch in "()":
            if not _bracket_is_chinese(text, pos):
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
            if keep_log:
                edits.append(Edit(start, end, _TO_FULL[ch], "width", "half-width bracket in Chinese text"))
            else:
                pieces += text[cursor:start], _TO_FULL[ch]
            cursor = end
            continue
        # 1,000 and 10:30 and 1;2 are numbers, not Chinese punctuation.
        if prev_ch in _DIGITS and next_ch in _DIGITS:
            continue
        # A Chinese character right before: the usual case, settled by the kind cache.
        if kinds.get(prev_ch) != _CHINESE_CHAR and not (
            _neighbour_is_chinese(text, pos, -1) or _neighbour_is_chinese(text, pos, 1)
        ):
            continue
        if ch == ":" and next_ch == "/":
            continue
        if keep_log:
            # The pass's usual edit, made without a call of Edit.__init__ (a third of its
            # cost); every field is set, as it would.
            edit = new_edit(Edit)
            edit.start, edit.end, edit.after = pos, pos + 1, _TO_FULL[ch]
            edit.kind, edit.reason, edit.detail = "width", "half-width punctuation in Chinese text", None
            edits.append(edit)
        else:
            pieces += text[cursor:pos], _TO_FULL[ch]
        cursor = pos + 1
    if keep_log:
        return edits
    if not replaced:
        if not pieces:
            return edits
        pieces.append(text[cursor:])
        return Rewrite("".join(pieces), len(pieces) // 2)
    changes = len(pieces) // 2
    if pieces:
        pieces.append(text[cursor:])
        out = "".join(pieces)
    else:
        out = text
    # Every such mark of the output is one of the text's: the pieces are the text's, less
    # the spaces padding a bracket, and what the loop wrote is full-width.
    for ch in replaced:
        changes += text.count(ch)
        out = out.replace(ch, _TO_FULL[ch])
    return Rewrite(out, changes)


# The character before each mark, by one findall (its literal opens the pattern: searched
# fast); a mark that opens the text has none.
_BEFORE = {mark: re.compile(f"{re.escape(mark)}(?<=(.){re.escape(mark)})", re.DOTALL) for mark in ",;?!:"}


def _turned_at_once(text: str, marks: list[str]) -> str:
    """The ``marks`` of ``text`` (not brackets) that to_fullwidth turns everywhere, when no
    URL or e-mail address is protected: those each of which follows a character the kind
    cache knows as Chinese (_CHINESE_SEEN: turned whatever follows, no digit being
    Chinese) or else turns by _turns, as in to_fullwidth's loop. A ``:/`` in the text
    leaves ``:`` out, and a mark that opens the text (none before it) its mark. One findall
    and one set test per mark instead of a walk of the loop per occurrence (most commas
    follow a Chinese character)."""
    turned = ""
    for mark in marks:
        if mark in "()" or (mark == ":" and ":/" in text) or text.startswith(mark):
            continue
        before = set(_BEFORE[mark].findall(text))
        if before <= _CHINESE_SEEN or all(
            _turns(text, at + 1) for ch in before - _CHINESE_SEEN for at in _finds(text, ch + mark)
        ):
            turned += mark
    return turned


def _finds(text: str, sub: str) -> Iterator[int]:
    """Where ``sub`` is in ``text``, overlaps too."""
    at = text.find(sub)
    while at >= 0:
        yield at
        at = text.find(sub, at + 1)


def _turns(text: str, pos: int) -> bool:
    """Whether to_fullwidth's loop turns the mark (not a bracket, ``:`` not before ``/``) at
    ``pos`` (> 0) outside a protected span."""
    if text[pos - 1] in _DIGITS and text[pos + 1 : pos + 2] in _DIGITS:
        return False
    return _neighbour_is_chinese(text, pos, -1) or _neighbour_is_chinese(text, pos, 1)


PASSES = (to_ascii, to_fullwidth)

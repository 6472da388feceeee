"""Stage ``glyphs``: restore punctuation that a PDF font mapped to the wrong code points.

Founder (方正) fonts, common in government PDFs, give their Chinese punctuation the
Unicode value of its GB2312 code, so text extractors copy out Yi syllables or
private-use characters instead. A real line from a Sichuan circular (pypdf):

    创业补贴覆盖对象扩大到离校 ５ 年内高校毕业生ꎬ……给予创业补贴 ５０００ 元ꎻ
    对不裁员或用工人数减少水平低于 ５􀆰 ５％ 的企业
    关于印发« 支持创业带动就业的若干政策措施» 的通知

``ꎬ`` (U+A3AC) is ``，``, ``ꎻ`` (U+A3BB) is ``；``, ``ꎮ`` (U+A3AE) is ``。``, the
private-use U+1001B0 is a decimal point and ``«»`` stand for ``《》``. The table lives
in ``data/font_punct.tsv``: the code points seen in real extractions plus the rest of
GB2312 row A3 by the same mapping (``ꎰ`` U+A3B0 is ``０``). A code point is replaced only in the context its table
row asks for: next to Chinese text (Yi text uses U+A3AC for a real syllable, and a
French quotation keeps its guillemets) or between digits. Private-use characters the
table does not know are flagged, never guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, count
from operator import add
from typing import NamedTuple

from ..changes import Edit, Rewrite
from ..datafiles import data_lines
from ..patterns import CJK_CHARS, CJK_PUNCT, FULLWIDTH_ALNUM, HSPACE, YI_SYLLABLES, char_ranges
from ..pipeline import Context

_CHINESE_RANGES = char_ranges(f"{CJK_CHARS}{CJK_PUNCT}{FULLWIDTH_ALNUM}")
# Yi syllables and radicals: real Yi text, where the U+A3xx code points are letters.
_YI_RANGES = char_ranges(YI_SYLLABLES)
_DIGIT = re.compile("[0-9\uff10-\uff19]")
_SPACES = re.compile(f"[{HSPACE}]*")
_TRAILING_SPACES = re.compile(f"[{HSPACE}]*$")
# Looked through when judging the context: spaces, digits, ASCII punctuation and the
# full-width marks the width stage makes of it, so later stages never change a verdict.
# How far to look for evidence (bounded: a long run of digits stays linear).
REACH = 80
_NEUTRAL_BODY = f"\\s{HSPACE}\ufeff\u200b-\u200d0-9\uff10-\uff19!-/:-@\\[-`{{-~，：；？！（）"
_NEUTRAL = re.compile(f"[{_NEUTRAL_BODY}]")
# What a character tells _context_is_chinese (with the default font table), by character:
# looked through, Yi text, Chinese text, or other text.
_SEE_THROUGH, _YI_TEXT, _CHINESE_TEXT, _OTHER_TEXT = 0, 1, 2, 3
_KINDS: dict[str, int] = {}
# Private-use code points, in the BMP and the planes 15-16: flagged when the table lacks them.
_BMP_PRIVATE_USE = ("\ue000", "\uf8ff")
_PRIVATE_USE_RANGES = (_BMP_PRIVATE_USE, ("\U000f0000", "\U0010ffff"))
_PRIVATE_USE = "".join(f"{lo}-{hi}" for lo, hi in _PRIVATE_USE_RANGES)  # a class body


@lru_cache(maxsize=1)
def font_table() -> dict[str, tuple[str, str]]:
    """``{code point: (replacement, context)}`` from ``data/font_punct.tsv``."""
    table: dict[str, tuple[str, str]] = {}
    for line in data_lines("font_punct.tsv"):
        code, replacement, context = line.split("\t")[:3]
        table[chr(int(code.removeprefix("U+"), 16))] = (replacement, context)
    return table


@lru_cache(maxsize=1)
def _table_pattern() -> re.Pattern[str]:
    """Any code point of :func:`font_table`, or a private-use one."""
    return re.compile("[" + "".join(re.escape(ch) for ch in font_table()) + _PRIVATE_USE + "]")


def _kind(ch: str, table: dict[str, tuple[str, str]]) -> int:
    """What ``ch`` tells about its context (cached per character in ``_KINDS``)."""
    if ch in table or _NEUTRAL.match(ch):
        return _SEE_THROUGH
    if any(a <= ch <= b for a, b in _YI_RANGES):
        return _YI_TEXT
    return _CHINESE_TEXT if any(a <= ch <= b for a, b in _CHINESE_RANGES) else _OTHER_TEXT


def _telling_kind(
    text: str, pos: int, step: int, table: dict[str, tuple[str, str]], kinds: dict[str, int]
) -> int:
    """The kind of the nearest character from ``pos`` in direction ``step`` (up to REACH
    away) that is not looked through; ``_SEE_THROUGH`` (0) when there is none. Mostly the
    very next one: a plain loop."""
    i = pos + step
    stop = max(-1, pos - REACH - 1) if step < 0 else min(len(text), pos + REACH + 1)
    while i != stop:
        kind = kinds.get(text[i])
        if kind is None:
            kind = kinds[text[i]] = _kind(text[i], table)
        if kind != _SEE_THROUGH:
            return kind
        i += step
    return _SEE_THROUGH


def _context_is_chinese(text: str, pos: int, table: dict[str, tuple[str, str]]) -> bool | None:
    """True: Chinese around ``pos``; False: Yi text around it; None: no evidence either way.

    The evidence is the nearest telling character on each side, looking through spaces,
    line breaks, digits, punctuation and other font-mapped marks (``共５ꎬ`` is judged
    by 共; a mark wrapped onto a line of its own by the line it ends).
    """
    kinds = _KINDS if table is font_table() else {}
    left = _telling_kind(text, pos, -1, table, kinds)
    right = _telling_kind(text, pos, 1, table, kinds)
    if left == _YI_TEXT or right == _YI_TEXT:
        return False
    return True if _CHINESE_TEXT in (left, right) else None


def _between_digits(text: str, pos: int) -> tuple[bool, int]:
    """Whether ``text[pos]`` sits between two digits (spaces allowed); returns the end of
    the spaces after it, which the repair absorbs (``５􀆰 ５`` → ``5.5`` once widths are fixed)."""
    before = _TRAILING_SPACES.sub("", text[max(0, pos - 16) : pos])
    after_end = _SPACES.match(text, pos + 1).end()  # type: ignore[union-attr]
    ok = bool(before) and bool(_DIGIT.match(before[-1])) and bool(_DIGIT.match(text, after_end))
    return ok, after_end


@lru_cache(maxsize=256)
def _code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _is_private_use(ch: str) -> bool:
    return any(lo <= ch <= hi for lo, hi in _PRIVATE_USE_RANGES)


class _Plan(NamedTuple):
    """What the pass reads from :func:`font_table` for texts without astral characters
    (every code point one UTF-16 unit), built once."""

    # bytes.translate table: 1 for the high bytes (UTF-16) of the candidates, 0 for the rest.
    marks: bytes
    # The table's code points below U+0100 (« »: high byte 0), found by str.find.
    low: str
    # No ASCII character is a candidate (an ASCII text has none).
    ascii_free: bool
    # {code point: replacement} of the rows replaced next to Chinese text (context cjk).
    cjk: dict[str, str]
    # A candidate that keeps the pass from replacing them all at once (see _scan_plan).
    exception: re.Pattern[str]
    # Any code point of ``cjk``.
    cjk_hit: re.Pattern[str]


# Characters certainly Chinese text for _kind (CJK unified ideographs: no table code point,
# none looked through): a small class for the exception pattern.
_HAN = "\u4e00-\u9fff"


@lru_cache(maxsize=1)
def _scan_plan() -> _Plan:
    """The candidates of a text without astral characters are the table's code points and
    the characters of the blocks (one UTF-16 high byte each) of Yi text (U+A000-A4FF: high
    bytes A0-A4, the table's row A3 among them; Yi ends at A4CF) and private use
    (U+E000-F8FF: E0-F8): a superset of what ``_table_pattern()`` finds, and all the
    characters whose kind is Yi text.

    ``exception`` finds a candidate that is not replaced next to Chinese text (Yi text,
    private use, a ``digits`` row, another character of those blocks such as Lisu
    U+A4D0-A4FF), or one with no CJK ideograph right before it nor,
    looking through what _kind looks through, within REACH after it. Where it finds none
    the text holds no Yi text and every candidate is a ``cjk`` row with Chinese text on
    one side: _context_is_chinese says True for each, so the pass replaces every one, by
    one edit each (none longer than its code point, none flagged).
    """
    table = font_table()
    marks = bytearray(256)
    bmp = [ch for ch in table if ord(ch) <= 0xFFFF]
    for ch in bmp:
        if ord(ch) >= 0x100:
            marks[ord(ch) >> 8] = 1
    for lo, hi in [*_YI_RANGES, _BMP_PRIVATE_USE]:
        for high in range(ord(lo) >> 8, min(ord(hi), 0xFFFF) // 256 + 1):
            marks[high] = 1
    low = "".join(ch for ch in table if ord(ch) < 0x100)
    cjk = {ch: replacement for ch, (replacement, context) in table.items() if context == "cjk"}
    if set(cjk.values()) & table.keys():  # a replacement the table would map again: no bulk
        cjk = {}
    # (Every character of a marked block: one the table lacks, such as Lisu U+A4D0, is no
    # ``cjk`` row, so the bulk path never meets it.)
    blocks = "".join(f"{chr(high << 8)}-{chr(high << 8 | 0xFF)}" for high in range(256) if marks[high])
    candidate = "[" + re.escape("".join(bmp)) + blocks + "]"
    cjk_class = "[" + re.escape("".join(cjk)) + "]" if cjk else r"[^\s\S]"
    see = "[" + _NEUTRAL_BODY + re.escape("".join(table)) + "]"
    exception = re.compile(
        f"{candidate}(?:(?<!{cjk_class})|(?<![{_HAN}].)(?!{see}{{0,{REACH - 1}}}[{_HAN}]))", re.DOTALL
    )
    return _Plan(
        bytes(marks), low, not any(ch.isascii() for ch in low), cjk, exception, re.compile(cjk_class)
    )


@lru_cache(maxsize=1)
def candidate_class() -> str:
    """A character-class body holding every BMP character repair_glyphs looks at: those of
    the marked blocks and the low code points of _scan_plan. A text without any of them
    and without astral characters gets [] from repair_glyphs (mojibake's search proves
    the first on the way: see Context.rare_free)."""
    plan = _scan_plan()
    blocks = "".join(f"{chr(high << 8)}-{chr(high << 8 | 0xFF)}" for high in range(256) if plan.marks[high])
    return blocks + re.escape(plan.low)


def _offsets(text: str, marks: bytes, low: str) -> list[int]:
    """The offsets of a text's candidates (see _scan_plan), in order, from its marked
    high bytes (``marks``: 1 where a candidate is) and the ``low`` code points."""
    found: list[int] = []
    if 1 in marks:
        # Hit k (from 0) is at the length of the first k + 1 pieces plus the k hits before.
        found = list(map(add, accumulate(map(len, marks.split(b"\x01")[:-1])), count()))
    high_hits = len(found)
    for ch in low:
        i = text.find(ch)
        while i != -1:
            found.append(i)
            i = text.find(ch, i + 1)
    if len(found) > high_hits:  # (runs in order, merged: a handful of offsets)
        found.sort()
    return found


def repair_glyphs(text: str, ctx: Context) -> list[Edit] | Rewrite:
    plan = _scan_plan()
    if plan.ascii_free and text.isascii():
        return []
    # The candidates (see _scan_plan) found in C: characters with a marked high byte (one
    # encode, one slice, one translate), the low code points by str.find; not the class
    # test of _table_pattern() on every character (~75 instructions each).
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) != 2 * len(text):  # astral characters (surrogate pairs): the plain scan
        return _repair_one_by_one(text, ctx, [m.start() for m in _table_pattern().finditer(text)])
    if text is ctx.rare_free:
        return []  # no character of candidate_class(): mojibake's search proved it
    marks = data[1::2].translate(plan.marks)
    # The first candidate and how many there are (a memchr or a find before each count:
    # most texts have none).
    first = marks.find(1)
    count = 0 if first == -1 else marks.count(1)
    for ch in plan.low:
        at = text.find(ch)
        if at != -1:
            count += text.count(ch, at)
            first = at if first == -1 else min(first, at)
    if not count:
        return []  # (the usual text: nothing font-mapped)
    if plan.exception.search(text, first) is not None:
        return _repair_one_by_one(text, ctx, _offsets(text, marks, plan.low))
    # Every candidate is replaced, one edit each (see _scan_plan).
    cjk = plan.cjk
    if not ctx.keep_log:
        # What apply_edits_counted makes of those edits: each code point replaced (each
        # character of the table found, then all of it replaced).
        hit = plan.cjk_hit.search(text, first)
        while hit is not None:
            ch = hit.group()
            text = text.replace(ch, cjk[ch])
            hit = plan.cjk_hit.search(text, hit.start())
        return Rewrite(text, count)
    edits: list[Edit] = []
    new_edit = Edit.__new__
    for pos in _offsets(text, marks, plan.low):
        # The pass's usual edit, made without a call of Edit.__init__ (a third of its
        # cost); every field is set, as it would.
        ch = text[pos]
        edit = new_edit(Edit)
        edit.start, edit.end, edit.after = pos, pos + 1, cjk[ch]
        edit.kind, edit.reason = "font-glyph", "font-mapped punctuation"
        edit.detail = {"code_point": _code_point(ch)}
        edits.append(edit)
    return edits


def _repair_one_by_one(text: str, ctx: Context, hits: list[int]) -> list[Edit]:
    """The pass on every candidate in turn: verdicts, flags and edits as they come."""
    table = font_table()
    kinds = _KINDS
    last = len(text) - 1
    edits: list[Edit] = []
    new_edit = Edit.__new__
    cursor = 0  # the end of the last edit
    unknown: dict[str, list[int]] = {}
    for pos in hits:
        ch = text[pos]
        entry = table.get(ch)
        if entry is None:
            if _is_private_use(ch):  # (else Yi text: no candidate of the pattern)
                unknown.setdefault(ch, []).append(pos)
            continue
        if pos < cursor:
            continue
        replacement, context = entry
        detail = {"code_point": _code_point(ch)}
        if context == "digits":
            ok, end = _between_digits(text, pos)
            if ok:
                edits.append(Edit(pos, end, replacement, "font-glyph", "font-mapped decimal point", detail))
                cursor = end
            else:
                ctx.flag(
                    "font-glyph-unsure",
                    f"U+{ord(ch):04X} looks font-mapped but is not between digits; left as is",
                    pos,
                    pos + 1,
                    detail,
                )
            continue
        # What _context_is_chinese finds, looking only where the answer is not known yet:
        # with Chinese right before, the verdict hangs on whether Yi text comes after
        # (mostly the next character tells), and the reverse.
        verdict: bool | None
        if pos and kinds.get(text[pos - 1]) == _CHINESE_TEXT:
            after = kinds.get(text[pos + 1]) if pos < last else None
            verdict = (
                after in (_CHINESE_TEXT, _OTHER_TEXT) or _telling_kind(text, pos, 1, table, kinds) != _YI_TEXT
            )
        elif pos < last and kinds.get(text[pos + 1]) == _CHINESE_TEXT:
            verdict = _telling_kind(text, pos, -1, table, kinds) != _YI_TEXT
        else:
            verdict = _context_is_chinese(text, pos, table)
        if verdict:
            edit = new_edit(Edit)  # (as in repair_glyphs)
            edit.start, edit.end, edit.after = pos, pos + 1, replacement
            edit.kind, edit.reason, edit.detail = "font-glyph", "font-mapped punctuation", detail
            edits.append(edit)
            cursor = pos + 1
        elif verdict is None and ch not in "«»":
            ctx.flag(
                "font-glyph-unsure",
                f"U+{ord(ch):04X} may be font-mapped {replacement} but has no Chinese context",
                pos,
                pos + 1,
                detail,
            )
    for ch, positions in unknown.items():
        ctx.flag(
            "private-use-glyph",
            f"unmapped private-use character U+{ord(ch):04X} ({len(positions)}x), probably a font-mapped glyph",
            positions[0],
            positions[0] + 1,
            {"code_point": f"U+{ord(ch):04X}", "count": len(positions)},
        )
    return edits


PASSES = (repair_glyphs,)

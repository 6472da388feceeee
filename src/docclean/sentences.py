"""Sentence units of Chinese official text, with offsets, for repeat detection.

Chinese sentences end in 。！？； (or their half-width forms between Chinese
characters); a ``.`` never ends one, so ``2.5%``, ``3.14`` and ``1.`` numbering
stay whole. In hard-wrapped text (raw OCR output, reflow skipped) line breaks are *not*
boundaries: a sentence runs over several lines with blank lines between them.
After reflow each line is a paragraph and every line end is a boundary. Three
layout boundaries hold in both cases, since without them a heading or an
addressee line would glue onto the next sentence:

- a line that starts with outline numbering (``十一、``, ``（三）``, ``2.``) starts a unit;
- a short outline heading without a comma or sentence end (``二、主要任务``) ends one;
- a line ending in ``：`` (the addressee line, ``附件：``) ends one.

:func:`comparison_key` gives the text repeats are compared on: no whitespace, no
leading outline number (``十一、`` repeating ``九、`` is still a repeat), half-width
punctuation folded to full width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import CJK_CHARS, CLOSING_QUOTES, CN_DIGITS, OUTLINE_RE, SENTENCE_END

HALF_ENDS = "!?;"
# Half-width punctuation OCR emits for the full-width forms; folded for comparison only.
_FOLD = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"})
_WS_RE = re.compile(r"\s+")
# A heading line: outline number, then no comma or sentence end, short.
_HEADING_MAX = 40
_HEADING_STOP = re.compile(f"[，,{SENTENCE_END}]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence-like unit: ``text == source[start:end]``, never starting or ending in whitespace."""

    start: int
    end: int
    text: str


def _line_boundaries(text: str) -> tuple[set[int], set[int]]:
    """Offsets where a unit must start (outline items) and must end (headings, ``：`` lines)."""
    starts: set[int] = set()
    ends: set[int] = set()
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            if OUTLINE_RE.match(stripped):
                starts.add(pos + lead)
                if len(stripped) <= _HEADING_MAX and not _HEADING_STOP.search(stripped):
                    ends.add(pos + len(line.rstrip()))
            if stripped.endswith(("：", ":")):
                ends.add(pos + len(line.rstrip()))
        pos += len(line) + 1
    return starts, ends


# A sentence end (a half-width one next to a Chinese character) and the ends and closing
# quotes right after it; the unit ends after them.
_END_RE = re.compile(
    f"(?:[{SENTENCE_END}]|(?<=[{CJK_CHARS}])[{re.escape(HALF_ENDS)}]|[{re.escape(HALF_ENDS)}](?=[{CJK_CHARS}]))"
    f"[{SENTENCE_END}{CLOSING_QUOTES}]*"
)
_LINE_DONE = set(SENTENCE_END + CLOSING_QUOTES + "：:]】〕")


def looks_hard_wrapped(text: str) -> bool:
    """Whether lines are cut at a fixed width (raw OCR/PDF) rather than one paragraph each.

    Most lines of a wrapped text stop mid-sentence; after reflow, nearly every long
    line ends a sentence, a heading or a bracketed note.
    """
    long_lines = [ln.rstrip() for ln in text.split("\n") if len(ln.strip()) >= 15]
    if len(long_lines) < 5:
        return False
    open_ended = sum(1 for ln in long_lines if ln[-1] not in _LINE_DONE)
    # Measured on the samples: raw extractions 42-98% open-ended, reflowed output 3-25%.
    return open_ended >= 0.3 * len(long_lines)


def split_sentences(text: str, wrapped: bool | None = None) -> list[Sentence]:
    """Split ``text`` into sentence units covering every non-space character, in order.

    ``wrapped`` says whether line breaks are hard wraps (None: guess with
    :func:`looks_hard_wrapped`). When they are not, every line end is a boundary too,
    so a note like ``（责任单位：市委金融办）`` does not run into the next paragraph.
    """
    starts, ends = _line_boundaries(text)
    cuts: set[int] = set(ends) | starts
    if wrapped is None:
        wrapped = looks_hard_wrapped(text)
    if not wrapped:
        pos = text.find("\n")
        while pos != -1:
            cuts.add(pos)
            pos = text.find("\n", pos + 1)
    n = len(text)
    for m in _END_RE.finditer(text):
        cuts.add(m.end())
    units: list[Sentence] = []
    prev = 0
    for cut in sorted(cuts | {n}):
        if cut <= prev:
            continue
        chunk = text[prev:cut]
        stripped = chunk.strip()
        if stripped:
            s = prev + (len(chunk) - len(chunk.lstrip()))
            units.append(Sentence(s, s + len(stripped), stripped))
        prev = cut
    return units


def outline_prefix(text: str) -> str:
    """The leading outline number of ``text`` (``十一、``, ``(三)``, ``2.``), or ''."""
    m = OUTLINE_RE.match(text)
    return m.group(0) if m else ""


def strip_outline(text: str) -> str:
    """``text`` without its leading outline number."""
    return text[len(outline_prefix(text)) :]


def comparison_key(text: str) -> str:
    """What repeats are compared on: no spaces, no outline number, punctuation folded."""
    return _WS_RE.sub("", strip_outline(text.strip())).translate(_FOLD)


def comparison_keys(texts: list[str]) -> list[str]:
    """:func:`comparison_key` of each of ``texts``, folded in one pass over them all."""
    if not texts:
        return []
    if any("\0" in text for text in texts):
        return [comparison_key(text) for text in texts]
    joined = _WS_RE.sub("", "\0".join([strip_outline(text.strip()) for text in texts]))
    # The folded characters are ASCII and fold to characters not folded again, so
    # replacing them one by one is translate(_FOLD), without its per-character lookups.
    for half, full in _FOLD.items():
        joined = joined.replace(chr(half), full)
    return joined.split("\0")


_CN_VALUES = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(s: str) -> int | None:
    """Value of a Chinese numeral as used in outline numbering (十一 → 11, 二十三 → 23)."""
    if not s or any(ch not in CN_DIGITS for ch in s):
        return None
    total = 0
    digit = 0
    for ch in s:
        if ch in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
        else:
            digit = _CN_VALUES[ch]
    return total + digit


@dataclass(frozen=True, slots=True)
class OutlineItem:
    """One outline number at a line start: its level (l1 ``一、`` … l4 ``(1)``, article) and value."""

    level: str
    number: int
    label: str
    start: int
    end: int
    line: int


_LEVEL_RANK = {"article": 0, "l1": 1, "l2": 2, "l3": 3, "l4": 4}


def outline_items(text: str) -> list[OutlineItem]:
    """Outline numbers found at line starts, in order."""
    items: list[OutlineItem] = []
    pos = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        m = OUTLINE_RE.match(line)
        # 第二十条第（一）项 cites an article; it is not one.
        if m and not (m.lastgroup == "article" and line[m.end() :].lstrip().startswith("第")):
            level = m.lastgroup or ""
            label = m.group(level)
            digits = re.sub(r"[^0-9" + CN_DIGITS + "]", "", label)
            if level == "article":
                digits = label[1:-1]
            value = int(digits) if digits.isdigit() else cn_number(digits)
            if value is not None:
                start = pos + m.start(level)
                items.append(OutlineItem(level, value, label, start, start + len(label), lineno))
        pos += len(line) + 1
    return items


@dataclass(frozen=True, slots=True)
class OutlineBreak:
    """An outline number that does not follow its predecessor: ``kind`` is "back" or "skip"."""

    item: OutlineItem
    expected: int
    previous: OutlineItem | None
    kind: str


def outline_breaks(items: list[OutlineItem]) -> list[OutlineBreak]:
    """Numbers that jump back (repeat or restart) or skip, per level.

    Under a new higher-level item a level may restart at 1 or continue the count
    across sections (（三） under 二、 after （二） under 一、): both are normal.
    """
    last: dict[str, OutlineItem | None] = dict.fromkeys(_LEVEL_RANK)
    overall: dict[str, OutlineItem | None] = dict.fromkeys(_LEVEL_RANK)
    out: list[OutlineBreak] = []
    for item in items:
        rank = _LEVEL_RANK[item.level]
        for level, r in _LEVEL_RANK.items():
            if r > rank:
                last[level] = None
        prev = last[item.level]
        expected = prev.number + 1 if prev else 1
        continued = (
            prev is None and (seen := overall[item.level]) is not None and item.number == seen.number + 1
        )
        if item.number != expected and not continued:
            kind = "back" if prev and item.number < expected else "skip"
            out.append(OutlineBreak(item, expected, prev, kind))
        last[item.level] = item
        overall[item.level] = item
    return out

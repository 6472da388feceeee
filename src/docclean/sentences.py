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
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from .patterns import (
    CJK_CHARS,
    CLOSING_QUOTES,
    CN_DIGITS,
    OUTLINE_RE,
    SENTENCE_END,
    SPACES_BUT_LF,
    WHITESPACE,
)

HALF_ENDS = "!?;"
# Half-width punctuation OCR emits for the full-width forms; folded for comparison only.
_FOLD = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"})
_FOLD_PAIRS = [(chr(half), full) for half, full in _FOLD.items()]
# Those of a text without half-width sentence ends (see comparison_keys' ``spaceless``).
_FOLD_PAIRS_BUT_ENDS = [(half, full) for half, full in _FOLD_PAIRS if half not in HALF_ENDS]
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


# Where an outline number can begin: OUTLINE_RE's alternatives all start with a Chinese
# numeral, an opening bracket, a digit or 第 (never with a space). A line whose first
# non-space character is none of these is no outline item: the regex need not run on it.
# Searched for from a line break (a literal the regex engine finds fast); the first line
# is matched on its own.
_OUTLINE_FIRST = rf"[^\S\n]*(?=[{CN_DIGITS}（(第\d])"
_OUTLINE_LINE_RE = re.compile("\n" + _OUTLINE_FIRST)
_OUTLINE_FIRST_RE = re.compile(_OUTLINE_FIRST)
# The last non-space character of a line is a colon. One regex per colon: a literal
# is found much faster than a character class.
_COLON_END_RES = tuple(re.compile(rf"{colon}(?=[^\S\n]*$)", re.M) for colon in "：:")


def _line_boundaries(text: str) -> tuple[set[int], set[int]]:
    """Offsets where a unit must start (outline items) and must end (headings, ``：`` lines)."""
    starts: set[int] = set()
    ends: set[int] = set()
    for first in _outline_line_starts(text):
        line_end = text.find("\n", first)
        stripped = text[first : len(text) if line_end == -1 else line_end].rstrip()
        if OUTLINE_RE.match(stripped):
            starts.add(first)
            if len(stripped) <= _HEADING_MAX and not _HEADING_STOP.search(stripped):
                ends.add(first + len(stripped))
    for colon_end in _COLON_END_RES:
        ends.update([m.end() for m in colon_end.finditer(text)])
    return starts, ends


def _outline_line_starts(text: str) -> list[int]:
    """The first non-space character of each line that may start with an outline number."""
    first = _OUTLINE_FIRST_RE.match(text)
    found = [m.end() for m in _OUTLINE_LINE_RE.finditer(text)]
    if first:
        found.insert(0, first.end())
    return found


# A sentence end (a half-width one next to a Chinese character) and the ends and closing
# quotes right after it; the unit ends after them.
# Written with one leading character class, which the regex engine scans for quickly
# (a leading lookbehind would be tried at every position): an end mark, kept when it is
# a full-width one or a half-width one with a Chinese character before or after it.
_END_RE = re.compile(
    f"[{SENTENCE_END}{re.escape(HALF_ENDS)}]"
    f"(?:(?<=[{SENTENCE_END}])|(?<=[{CJK_CHARS}].)|(?=[{CJK_CHARS}]))"
    f"[{SENTENCE_END}{CLOSING_QUOTES}]*"
)
_LINE_DONE = set(SENTENCE_END + CLOSING_QUOTES + "：:]】〕")
# A line of 15 or more characters between its first and last non-space character;
# the group is that last character when it is not in _LINE_DONE (an open end), else
# empty: findall's empty strings are the done lines, counted in C. Searched for from a
# line break (a literal the regex engine finds fast, where ``^`` in MULTILINE mode is
# tried at every position); the first line is matched on its own.
_DONE_CLASS = re.escape("".join(sorted(_LINE_DONE)))
_LONG_LINE = rf"[{SPACES_BUT_LF}]*\S[^\n]{{14,}}(?:(?<=[{_DONE_CLASS}])|(?<=(\S)))"
_LONG_LINE_RE = re.compile("\n" + _LONG_LINE)
_LONG_FIRST_LINE_RE = re.compile(_LONG_LINE)


def looks_hard_wrapped(text: str) -> bool:
    """Whether lines are cut at a fixed width (raw OCR/PDF) rather than one paragraph each.

    Most lines of a wrapped text stop mid-sentence; after reflow, nearly every long
    line ends a sentence, a heading or a bracketed note.
    """
    open_ends = _LONG_LINE_RE.findall(text)  # "" for a line that ends done
    first = _LONG_FIRST_LINE_RE.match(text)
    if first:
        open_ends.append(first.group(1) or "")
    if len(open_ends) < 5:
        return False
    open_ended = len(open_ends) - open_ends.count("")
    # Measured on the samples: raw extractions 42-98% open-ended, reflowed output 3-25%.
    return open_ended >= 0.3 * len(open_ends)


def split_sentences(text: str, wrapped: bool | None = None) -> list[Sentence]:
    """Split ``text`` into sentence units covering every non-space character, in order.

    ``wrapped`` says whether line breaks are hard wraps (None: guess with
    :func:`looks_hard_wrapped`). When they are not, every line end is a boundary too,
    so a note like ``（责任单位：市委金融办）`` does not run into the next paragraph.
    """
    if wrapped is None:
        wrapped = looks_hard_wrapped(text)
    # Sentence is frozen: its __init__ sets each field through object.__setattr__.
    # Setting the slots directly builds the same object in half the time.
    new, set_start, set_end, set_text = object.__new__, _SET_START, _SET_END, _SET_TEXT
    units: list[Sentence] = []
    append = units.append
    if not wrapped:
        # Every line break cuts; the layout boundaries would add nothing: they lie at a
        # line's first or last non-space character, with only spaces between them and
        # the break (or the text's start or end), which no unit keeps. So one search
        # finds each unit (see _UNIT_RE); only spaces before a line break come off.
        for m in _UNIT_RE.finditer(text):
            start = m.start()
            body = m.group().rstrip()
            unit = new(Sentence)
            set_start(unit, start)
            set_end(unit, start + len(body))
            set_text(unit, body)
            append(unit)
        return units
    starts, ends = _line_boundaries(text)
    cuts = starts | ends
    cuts.update([m.end() for m in _END_RE.finditer(text)])
    cuts.add(len(text))
    cuts.discard(0)
    prev = 0
    for cut in sorted(cuts):
        lead = text[prev:cut].lstrip()
        if lead:
            body = lead.rstrip()
            start = cut - len(lead)
            unit = new(Sentence)
            set_start(unit, start)
            set_end(unit, start + len(body))
            set_text(unit, body)
            append(unit)
        prev = cut
    return units


# A unit of unwrapped text, where the cuts are the line breaks and the ends of _END_RE's
# matches: from a non-space character to the end of the first sentence end (an _END_RE
# match) that starts at or after it, or to its line's end, whichever comes first. No
# _END_RE match starts in the spaces before a unit or holds a line break, so this is
# the stretch between two cuts. Runs without end marks are taken whole, and an end
# mark that _END_RE does not take there (a half-width one between non-Chinese) is
# passed over.
_MARKS = f"{SENTENCE_END}{re.escape(HALF_ENDS)}"
# Written as the run up to the first mark or line break, then the usual case first: a
# full-width mark, which _END_RE always takes (with the marks and closing quotes after
# it); else the loop over the marks _END_RE does not take there. (The loop always stops
# where the end matches, so it never backtracks.)
_UNIT_RE = re.compile(
    rf"(?=\S)[^\n{_MARKS}]*(?:[{SENTENCE_END}][{SENTENCE_END}{CLOSING_QUOTES}]*"
    rf"|(?:(?!{_END_RE.pattern})[{_MARKS}][^\n{_MARKS}]*)*(?:{_END_RE.pattern}|(?=\n|\Z)))"
)


@cache
def _unit_gap_re() -> re.Pattern[str]:
    """A unit and the spaces after it: the next unit starts right after them (see
    sentence_units). Compiled on first use, as are the unit searches below: each takes
    milliseconds to compile, and a text needs one of them."""
    return re.compile(rf"(?:{_UNIT_RE.pattern})\s*")


def _class_without(chars: str) -> str:
    """The body of a character class of every character but ``chars``, as ranges.

    The regex engine tests a negated class (``[^...]``) by testing the class and then
    negating, a second call per character; its complement written as ranges is one table
    lookup (measured: the full-width unit search below 31.7M → 26.5M instructions over
    the corpus's dedup inputs).
    """
    ranges, low = [], 0
    for code in sorted(set(map(ord, chars))):
        if code > low:
            ranges.append((low, code - 1))
        low = code + 1
    if low <= sys.maxunicode:
        ranges.append((low, sys.maxunicode))
    return "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges)


# Possessive runs where re has them (Python 3.11 on).
_PLUS = "+" if sys.version_info >= (3, 11) else ""


# _unit_gap_re() for a text without half-width marks, where every sentence end is a full-width
# one, which _END_RE always takes: a unit runs up to its first sentence end (then takes it and
# the ends and closing quotes after it) or line break. All after the first run is optional, so
# the first try matches and nothing is ever given back: possessive runs (Python 3.11 on) say
# so, and the regex engine keeps no state to backtrack (measured: 12% fewer instructions, and
# less time, than _unit_gap_re()). Searched for from the text's first non-space character, the
# units and the spaces after them tile the rest of the text, so each match starts at a
# non-space character but the last, an empty match at the text's end (sentence_spans drops
# it): no look-ahead for that non-space character (measured: 26.5M → 24.8M instructions).
@cache
def _full_unit_gap_re() -> re.Pattern[str]:
    return re.compile(
        rf"[{_class_without(chr(10) + SENTENCE_END)}]*{_PLUS}"
        rf"(?:[{SENTENCE_END}][{SENTENCE_END}{CLOSING_QUOTES}]*{_PLUS})?{_PLUS}\s*{_PLUS}"
    )


def sentence_spans(text: str, wrapped: bool | None = None) -> tuple[list[int], list[str]]:
    """The starts and texts of :func:`split_sentences`, without a Sentence object each."""
    starts, texts, _ = sentence_units(text, wrapped)
    return starts, texts


def sentence_units(text: str, wrapped: bool | None = None) -> tuple[list[int], list[str], bool]:
    """:func:`sentence_spans`, and whether the units are known to hold no space at all
    (then :func:`comparison_keys` of them need not look for spaces: ``spaceless=True``).
    Only a text without half-width sentence ends (``!?;``) is said to have such units.

    Unwrapped text (the usual case) needs no per-unit Python step: a unit never fails
    to match where a non-space character is (see _UNIT_RE), so the units and the spaces
    after them tile the text from its first non-space character on, and each start is
    the previous one plus the length of what came before.
    """
    if wrapped is None:
        wrapped = looks_hard_wrapped(text)
    if wrapped:
        units = split_sentences(text, True)
        return [u.start for u in units], [u.text for u in units], False
    lead = len(text) - len(text.lstrip())
    spaceless = False
    if "!" in text or "?" in text or ";" in text:  # HALF_ENDS
        pieces = _unit_gap_re().findall(text, lead)
    else:
        if " " not in text:  # the likeliest space first, by one search
            pieces = _spaceless_unit_gap_re().findall(text, lead)
            pieces.pop()  # the empty match at the end
            starts = list(accumulate(map(len, pieces), initial=lead))
            # No space: the pieces tile the text (see _spaceless_unit_gap_re).
            spaceless = starts.pop() == len(text)
        if not spaceless:
            pieces = _full_unit_gap_re().findall(text, lead)
            pieces.pop()
    if not spaceless:
        starts = list(accumulate(map(len, pieces), initial=lead))
        starts.pop()
    return starts, list(map(str.rstrip, pieces)), spaceless


# _full_unit_gap_re() for a text without spaces but line breaks, whose units then hold no space
# at all (a unit never holds a line break): the units' class leaves out every space, and only
# line breaks follow a unit. Any other space in the text is then matched by nothing but an
# empty match before the text's end, after which findall steps over it: so the pieces are
# _full_unit_gap_re()'s exactly when they tile the text (the only empty one is the last).
@cache
def _spaceless_unit_gap_re() -> re.Pattern[str]:
    return re.compile(
        rf"[{_class_without(WHITESPACE + SENTENCE_END)}]*{_PLUS}"
        rf"(?:[{SENTENCE_END}][{SENTENCE_END}{CLOSING_QUOTES}]*{_PLUS})?{_PLUS}\n*{_PLUS}"
    )


_SET_START = Sentence.start.__set__  # type: ignore[attr-defined]
_SET_END = Sentence.end.__set__  # type: ignore[attr-defined]
_SET_TEXT = Sentence.text.__set__  # type: ignore[attr-defined]


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


# What joined_comparison_keys joins the keys with: a private-use character, not a space,
# not folded and no part of an outline number.
KEY_SEP = "\ue000"
# A KEY_SEP and OUTLINE_RE (``^\\s*`` then a number) after it: the outline number at the start
# of each text joined by KEY_SEP. Its inner spaces cannot run past the text: the number ends
# in a non-space character. A literal first character makes the search fast, and the
# lookahead (a space or a character a number starts with) fails most texts at once.
assert OUTLINE_RE.pattern.startswith("^") and not OUTLINE_RE.flags & (re.M | re.S)
_LEADING_OUTLINE_RE = re.compile(rf"{KEY_SEP}(?=[\s{CN_DIGITS}（(第\d])" + OUTLINE_RE.pattern[1:])


def comparison_keys(texts: list[str], spaceless: bool = False) -> list[str]:
    """:func:`comparison_key` of each of ``texts``, folded in one pass over them all.

    ``spaceless``: the caller knows that no text holds a space nor a half-width sentence
    end (``!?;``): :func:`sentence_units` tells. Neither is looked for.
    """
    return joined_comparison_keys(texts, spaceless)[0]


def joined_comparison_keys(texts: list[str], spaceless: bool = False) -> tuple[list[str], str]:
    """:func:`comparison_keys`, and the keys joined by KEY_SEP (made on the way, mostly)."""
    if not texts:
        return [], ""
    joined = KEY_SEP + KEY_SEP.join(texts)
    # The outline number after each separator goes (with the spaces before it, which go
    # anyway), then all spaces: str.split() splits on exactly the characters \s matches,
    # and much faster than a regex scans for them.
    joined = _LEADING_OUTLINE_RE.sub(KEY_SEP, joined)
    if not spaceless:
        joined = "".join(joined.split())
    # The folded characters are ASCII and fold to characters not folded again, so
    # replacing them one by one is translate(_FOLD), without its per-character lookups.
    # Most are absent, which a search (memchr) tells faster than replace's count.
    for half, full in _FOLD_PAIRS_BUT_ENDS if spaceless else _FOLD_PAIRS:
        if half in joined:
            joined = joined.replace(half, full)
    keys = joined.split(KEY_SEP)
    # Each step keeps the separators: one more key than texts means a text holds one.
    if len(keys) != len(texts) + 1:
        keys = [comparison_key(text) for text in texts]
        return keys, KEY_SEP.join(keys)
    del keys[0]
    return keys, joined[1:]


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
# An item of a level starts the count afresh for the levels below it.
_RESET_BELOW = {
    level: dict.fromkeys([lower for lower, r in _LEVEL_RANK.items() if r > rank])
    for level, rank in _LEVEL_RANK.items()
}


def outline_items(text: str) -> list[OutlineItem]:
    """Outline numbers found at line starts, in order."""
    items: list[OutlineItem] = []
    new, set_level, set_number, set_label, set_start, set_end, set_line = _OUTLINE_ITEM_SETTERS
    lineno, counted = 1, 0
    for m in _outline_line_matches(text):
        level = m.lastgroup or ""
        label = m.group(level)
        # 第二十条第（一）项 cites an article; it is not one.
        if level == "article":
            line_end = text.find("\n", m.end())
            if text[m.end() : len(text) if line_end == -1 else line_end].lstrip().startswith("第"):
                continue
        value = _label_value(level, label)
        if value is not None:
            start = m.start(level)
            lineno += text.count("\n", counted, start)
            counted = start
            item = new(OutlineItem)  # what OutlineItem(...) builds, as for Sentence
            set_level(item, level)
            set_number(item, value)
            set_label(item, label)
            set_start(item, start)
            set_end(item, start + len(label))
            set_line(item, lineno)
            items.append(item)
    return items


_OUTLINE_ITEM_SETTERS = (
    object.__new__,
    *(getattr(OutlineItem, name).__set__ for name in ("level", "number", "label", "start", "end", "line")),
)


# OUTLINE_RE for a line inside a text: its spaces may not run into the next line. On a
# line of its own a ``\\s`` never meets a line break, and the ``(?!\\d)`` after ``2.`` sees
# the same non-digit (the break instead of the line's end), so at a line start this
# matches exactly where OUTLINE_RE matches the line. Searched for from a line break
# (a literal the regex engine finds fast); the first line is matched on its own.
assert "\\\\" not in OUTLINE_RE.pattern
_OUTLINE_IN_LINE = OUTLINE_RE.pattern[1:].replace("\\s", "[^\\S\\n]")
# The lookahead (a space or a character a number starts with) fails most lines at once.
_OUTLINE_AT_LINE_RE = re.compile(f"\n(?=[^\\S\\n]*[{CN_DIGITS}（(第\\d])" + _OUTLINE_IN_LINE)
_OUTLINE_AT_START_RE = re.compile(_OUTLINE_IN_LINE)


def _outline_line_matches(text: str) -> list[re.Match[str]]:
    """OUTLINE_RE's match of every line that starts with an outline number, in order."""
    found = list(_OUTLINE_AT_LINE_RE.finditer(text))
    first = _OUTLINE_AT_START_RE.match(text)
    if first:
        found.insert(0, first)
    return found


@lru_cache(maxsize=1024)
def _label_value(level: str, label: str) -> int | None:
    """The number of an outline label (``十一、`` → 11, ``第三条`` → 3); labels recur a lot."""
    digits = label[1:-1] if level == "article" else _NOT_NUMERAL_RE.sub("", label)
    return int(digits) if digits.isdigit() else cn_number(digits)


_NOT_NUMERAL_RE = re.compile(r"[^0-9" + CN_DIGITS + "]")


@dataclass(frozen=True, slots=True)
class OutlineBreak:
    """An outline number that does not follow its predecessor: ``kind`` is "back" or "skip"."""

    item: OutlineItem
    expected: int
    previous: OutlineItem | None
    kind: str


def text_outline_breaks(text: str) -> list[OutlineBreak]:
    """``outline_breaks(outline_items(text))``, building an OutlineItem only for the items a break names."""
    if not _may_break(text):
        return []
    last: dict[str, tuple[int, re.Match[str]] | None] = dict.fromkeys(_LEVEL_RANK)
    overall: dict[str, tuple[int, re.Match[str]] | None] = dict.fromkeys(_LEVEL_RANK)
    found: list[tuple[re.Match[str], int, int, re.Match[str] | None, str]] = []
    for m in _outline_line_matches(text):
        level = m.lastgroup or ""
        if level == "article":  # 第二十条第（一）项 cites an article; it is not one
            line_end = text.find("\n", m.end())
            if text[m.end() : len(text) if line_end == -1 else line_end].lstrip().startswith("第"):
                continue
        number = _label_value(level, m.group(level))
        if number is None:
            continue
        last.update(_RESET_BELOW[level])
        prev = last[level]
        expected = prev[0] + 1 if prev else 1
        continued = prev is None and (seen := overall[level]) is not None and number == seen[0] + 1
        if number != expected and not continued:
            kind = "back" if prev and number < expected else "skip"
            found.append((m, number, expected, prev[1] if prev else None, kind))
        last[level] = overall[level] = (number, m)
    return [
        OutlineBreak(
            _outline_item(text, m, number), expected, _outline_item(text, prev) if prev else None, kind
        )
        for m, number, expected, prev, kind in found
    ]


# The label of each outline number at a line start, as one group (OUTLINE_RE without its
# named groups), searched for in the text after a line break. 第二十条第（一）项 cites an
# article, it is not one: the article alternative may not be followed by 第 on its line.
_LABEL_IN_LINE = re.sub(r"\(\?P<\w+>", "(?:", _OUTLINE_IN_LINE).replace("条)", "条(?![^\\S\\n]*第))")
assert _LABEL_IN_LINE.startswith("[^\\S\\n]*(?:") and _LABEL_IN_LINE.count("条(?!") == 1
# The lookahead fails most lines at once: it tests one character, where _OUTLINE_AT_LINE_RE's
# would run over the spaces first.
_OUTLINE_LABEL_RE = re.compile(
    f"\n(?=[{CN_DIGITS}（(第\\d{SPACES_BUT_LF}])[{SPACES_BUT_LF}]*(" + _LABEL_IN_LINE[len("[^\\S\\n]*(?:") :]
)


def _may_break(text: str) -> bool:
    """Whether :func:`text_outline_breaks` finds a break: its check, on the labels alone.

    Most circulars number their items in order. Their labels come from one findall
    (no match object, no group looked up) and each label's level and number from a
    cache; only a text with a break goes through the full search for its items.
    """
    last: list[int | None] = [None] * len(_LEVEL_RANK)  # by rank: since a higher item
    overall: list[int | None] = [None] * len(_LEVEL_RANK)  # by rank: ever
    # A line break put before the text stands for its start.
    for found in map(_rank_and_number, _OUTLINE_LABEL_RE.findall("\n" + text)):
        if found is None:
            continue
        rank, number = found
        prev = last[rank]
        if prev is None:
            seen = overall[rank]
            if number != 1 and (seen is None or number != seen + 1):
                return True
        elif number != prev + 1:
            return True
        last[rank] = overall[rank] = number
        last[_BELOW[rank]] = _NO_NUMBERS_BELOW[rank]
    return False


# The ranks below each rank, and no number for each of them (made once: a slice a call costs).
_BELOW = [slice(rank + 1, len(_LEVEL_RANK)) for rank in range(len(_LEVEL_RANK))]
_NO_NUMBERS_BELOW = [(None,) * (len(_LEVEL_RANK) - 1 - rank) for rank in range(len(_LEVEL_RANK))]


@lru_cache(maxsize=1024)
def _rank_and_number(label: str) -> tuple[int, int] | None:
    """The rank (_LEVEL_RANK) and number of an outline label, None without a number.

    OUTLINE_RE matches the label alone by the alternative that took it in its line:
    the alternatives start with different characters, except l2 and l4 (a numeral or
    a digit inside the brackets), and only l3's lookahead reads past the label.
    """
    m = OUTLINE_RE.match(label)
    level = m.lastgroup if m else None
    number = _label_value(level, label) if level else None
    return None if number is None else (_LEVEL_RANK[level], number)


def _outline_item(text: str, m: re.Match[str], number: int | None = None) -> OutlineItem:
    """The OutlineItem of an outline match (see outline_items)."""
    level = m.lastgroup or ""
    label = m.group(level)
    if number is None:
        number = _label_value(level, label)
    start = m.start(level)
    return OutlineItem(level, number, label, start, start + len(label), text.count("\n", 0, start) + 1)


def outline_breaks(items: list[OutlineItem]) -> list[OutlineBreak]:
    """Numbers that jump back (repeat or restart) or skip, per level.

    Under a new higher-level item a level may restart at 1 or continue the count
    across sections (（三） under 二、 after （二） under 一、): both are normal.
    """
    last: dict[str, OutlineItem | None] = dict.fromkeys(_LEVEL_RANK)
    overall: dict[str, OutlineItem | None] = dict.fromkeys(_LEVEL_RANK)
    out: list[OutlineBreak] = []
    for item in items:
        last.update(_RESET_BELOW[item.level])
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

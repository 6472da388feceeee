"""Bytes to text, never guessing silently.

Order:

1. ``--encoding NAME`` overrides everything (any codec Python knows).
2. A byte-order mark decides (UTF-8, UTF-16, UTF-32). The BOM stays in the text as
   U+FEFF so the ``encoding`` stage records its removal in the change log.
3. NUL bytes or mostly control bytes: refused as binary, unless chardet clearly
   detects BOM-less UTF-16 and the strict decode is plausible text.
4. Strict UTF-8.
5. Bytes that chardet confidently calls Korean or Japanese (EUC-KR Hangul also
   decodes as common GB2312 characters) are refused: ``--encoding`` decides then.
6. The Chinese legacy encodings: GB2312/GBK/GB18030 are all decoded as ``gb18030``
   (the superset: GB2312 refuses 镕, 堃, 喆), Big5 as ``big5hkscs``. chardet (>= 7)
   ranks them, but its confidence on a short circular is 0.1-0.4 even when right, so
   the decision rests on evidence: each candidate must decode *strictly* and the
   result must look like Chinese text (mostly common characters and CJK punctuation,
   see :func:`plausibility`). chardet's choice wins unless another candidate is
   clearly more plausible.

There is no single-byte fallback (Latin-1 "decodes" anything, which is silent
mojibake). Bytes that nothing decodes are a :class:`DecodeError` naming the byte
offset; with ``errors="replace"`` they become U+FFFD and every replacement is listed
in :attr:`EncodingInfo.replacements` (the API records each as a change of the
``encoding`` stage, see :func:`replacement_changes`).
"""

from __future__ import annotations

import codecs
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .patterns import COMMON_CJK_PUNCT, COMMON_SYMBOLS

if TYPE_CHECKING:
    from .changes import Change


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


class BinaryInputError(DecodeError):
    """The bytes look like a binary file (NUL bytes, control bytes)."""


@dataclass
class Replacement:
    """One undecodable byte sequence replaced by U+FFFD."""

    offset: int  # character offset of the U+FFFD in the decoded text
    byte_offset: int
    data: bytes

    def as_dict(self) -> dict[str, Any]:
        return {"offset": self.offset, "byte_offset": self.byte_offset, "bytes": self.data.hex(" ")}


@dataclass
class EncodingInfo:
    """How the bytes were decoded, so a user can round-trip them.

    ``confidence`` is 1.0 for an override, a BOM or strict UTF-8; for legacy codecs it
    is chardet's confidence in the chosen codec (0 if chardet did not name it).
    ``method`` says what decided: override, empty, bom, utf-8, plausible (one legacy
    codec decodes strictly into clearly Chinese text and no other comes close; chardet
    is not asked and ``confidence`` is that plausibility), chardet, strict-decode
    (chardet unsure or wrong; the only plausible strict decode won) or replace.
    """

    name: str
    confidence: float
    bom: bool = False
    newline: str = "none"  # "LF", "CRLF", "CR", "mixed" or "none"
    replacements: list[Replacement] = field(default_factory=list)
    method: str = "utf-8"
    plausibility: float | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "name": self.name,
            "confidence": round(self.confidence, 3),
            "bom": self.bom,
            "newline": self.newline,
            "method": self.method,
            "replacements": len(self.replacements),
        }
        if self.replacements:
            out["first_replacement_byte_offset"] = self.replacements[0].byte_offset
        return out


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)

# The legacy codecs we accept, and how chardet's names map onto them.
LEGACY = ("gb18030", "big5hkscs")
_CHARDET_NAMES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz-gb-2312": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
    "utf-16": "utf-16-le",
}
_CHARDET_INCLUDE = ("GB18030", "Big5", "UTF-16-LE", "UTF-16-BE")
# Other East Asian legacy codecs whose bytes GB18030 also decodes (EUC-KR Hangul reads as
# common GB2312 characters): asked only to *refuse* input that is clearly one of them.
_CHARDET_RIVALS = ("EUC-KR", "CP949", "Shift_JIS", "CP932", "EUC-JP")

# A legacy decode must be at least this plausible to be accepted without --encoding.
MIN_PLAUSIBILITY = 0.6
# Another candidate overrides chardet's choice only when it is this much more plausible.
OVERRIDE_MARGIN = 0.15
# Only this many characters are scored: enough to tell encodings apart, cheap on big files.
_SCORE_CHARS = 20000


def newline_style(text: str) -> str:
    if "\r" not in text:  # the usual case: one scan, not three
        return "LF" if "\n" in text else "none"
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


# --- how Chinese does a text look ---------------------------------------------------

_COMMON_SYMBOLS = frozenset(COMMON_SYMBOLS)
_CJK_PUNCT = frozenset(COMMON_CJK_PUNCT)


@lru_cache(maxsize=65536)
def common_in(ch: str) -> int:
    """Bit set: 1 = common in Simplified text, 2 = common in Traditional text, 3 = both.

    Common Han characters are the frequency-ordered first levels of the national
    standards, which the codecs themselves give us: GB 2312 level 1 (rows B0-D7, the
    3,755 most used Simplified characters) and Big5 level 1 (A440-C67E, 5,401 common
    Traditional characters). ASCII text, everyday CJK punctuation and full-width forms
    are common in both.
    """
    cp = ord(ch)
    if cp < 0x80:
        return 3 if (ch.isprintable() or ch in "\t\n\r\f") else 0
    if 0xFF01 <= cp <= 0xFF5E or ch in _COMMON_SYMBOLS or ch in _CJK_PUNCT:
        return 3
    bits = 0
    try:
        gb = ch.encode("gb2312")
        if 0xB0 <= gb[0] <= 0xD7:
            bits |= 1
    except UnicodeEncodeError:
        pass
    try:
        b5 = int.from_bytes(ch.encode("big5"), "big")
        if 0xA440 <= b5 <= 0xC67E:
            bits |= 2
    except UnicodeEncodeError:
        pass
    return bits


@lru_cache(maxsize=65536)
def char_score(ch: str) -> float:
    """1 for a character common in Chinese documents, 0 for one that signals a wrong decode.

    Common (see :func:`common_in`) scores 1; other Han characters and the rarer CJK
    punctuation 0.25 (real but rare, and what a wrong decode produces most); kana,
    bopomofo, box drawing, Hangul, Latin-1 letters, private use and control
    characters 0.
    """
    if common_in(ch):
        return 1.0
    cp = ord(ch)
    if 0x3000 <= cp <= 0x303F:
        # The rest of the block (〞〝〡...) mostly appears when Big5 is read as GBK.
        return 0.25
    if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x3FFFF or 0xF900 <= cp <= 0xFAFF:
        return 0.25
    return 0.0


def plausibility(text: str) -> float:
    """Mean :func:`char_score` over the non-ASCII characters (1.0 if there are none)."""
    return _profile(text)[0]


@lru_cache(maxsize=65536)
def _char_profile(ch: str) -> tuple[float, int, int]:
    """(:func:`char_score`, 1 if a unified Han character, 1 if in GB 2312 rows C9-F7); ASCII scores -1."""
    cp = ord(ch)
    if cp < 0x80:
        return -1.0, 0, 0
    han = int(0x4E00 <= cp <= 0x9FFF)
    upper = 0
    if han:
        try:
            upper = int(0xC9 <= ch.encode("gb2312")[0] <= 0xF7)
        except UnicodeEncodeError:
            pass
    return char_score(ch), han, upper


def _profile(text: str) -> tuple[float, int, int]:
    """(plausibility, Han characters, of which in GB 2312 rows C9-F7) over the scored prefix.

    Equal to :func:`_profile_by_counting`, which it falls back on for text that is not
    mostly GB 2312 (a Big5 decode); see :func:`_gb18030_profile` for how.
    """
    sample = text[:_SCORE_CHARS]
    try:
        data = sample.encode("gb18030")
    except UnicodeEncodeError:  # a lone surrogate
        return _profile_by_counting(sample)
    profile = _gb18030_profile(data, sample)
    return profile if profile is not None else _profile_by_counting(sample)


def _gb18030_profile(data: bytes, text: str) -> tuple[float, int, int] | None:
    """:func:`_profile` of ``text``, which ``data`` is the GB 18030 encoding of, or None
    if the text is not GB 2312 enough for this way of counting.

    Most characters are never looked at one by one. GB 18030 encodes a GB 2312 character
    as GB 2312 does: a lead byte for the row, then a trail byte, both A1-FE (checked on
    every code in the tests). So the row of each non-ASCII character is counted from the
    lead bytes in C: rows B0-D7 are level 1 (common Han, score 1), rows C9-F7 "upper" Han,
    rows A1 and A3 the punctuation and full-width forms (scored from a charmap encoding
    of the text, also in C). Only the few characters of other rows (level 2, rare
    symbols) and the Founder-font marks (ꎬ for ，, 4-byte codes cut from the bytes) are
    counted character by character. Any other code that is not two bytes with a trail
    byte A1-FE (most GBK-only characters, other 4-byte codes), D7FA-D7FE (empty in
    GB 2312, U+E810-E814 in GB 18030) or a text longer than the scored prefix give None.
    """
    if len(text) > _SCORE_CHARS:
        return None
    # The non-ASCII bytes, with 80-A0 (GBK rows 81-A0, GBK trail bytes 80-A0) made 0.
    pairs = data.translate(_HIGH_BYTES, _ASCII_BYTES)
    marks = ""
    # One byte per ASCII character; are there two bytes >= 0x80 per other one? A 4-byte
    # code (two of its bytes are ASCII digits) or a trail byte < 0x80 makes fewer.
    if len(pairs) != 2 * (len(data) - len(text)):
        for mark in _FOUNDER_MARKS:
            n = text.count(mark)
            if n:
                code = mark.encode("gb18030")
                # The code cannot overlap itself (tested), so as many in the bytes as in
                # the text means none of them is a false match across characters.
                if data.count(code) != n:
                    return None
                data = data.replace(code, b"")
                marks += mark * n
        pairs = data.translate(_HIGH_BYTES, _ASCII_BYTES)
        if len(pairs) != 2 * (len(data) - len(text) + len(marks)):
            return None
    if b"\0" in pairs:
        pairs = data.translate(None, _ASCII_BYTES)
        if pairs[1::2].translate(None, _TRAIL_BYTES):
            return None  # GBK trail bytes 80-A0
    leads = pairs[::2]
    # Rows B0-C8 (most characters) dropped, so the counts that follow read fewer bytes.
    rest = leads.translate(_ROW_CLASS, _LOW_LEADS)
    low = len(leads) - len(rest)
    high, symbols = rest.count(1), rest.count(3)
    charmap, symbol_class = _symbol_charmap()
    classes = codecs.charmap_encode(text, "ignore", charmap)[0].translate(symbol_class)
    common, rare, odd, empty = map(classes.count, b"\1\2\3\4")
    if empty or common + rare + odd != symbols:
        return None  # D7FA-D7FE (the other test cannot fail: a code of row A1/A3 is one character)
    # The characters counted one by one: mostly none (a Counter costs ~3 µs to make).
    singles = marks
    level2 = 0
    if len(rest) > high + symbols:
        level2, others = _pairs_of_rows(pairs, leads.translate(_ROW_CLASS))
        singles += others.decode("gb18030")
    level1 = low + high
    total, han, score = level1 + symbols, level1, level1 + common + 0.25 * rare
    for ch, n in Counter(singles).items() if singles else ():
        s, h, _ = _char_profile(ch)
        total += n
        score += s * n
        han += h * n
    return (score / total if total else 1.0), han, high + level2


def _pairs_of_rows(pairs: bytes, rows: bytes) -> tuple[int, bytes]:
    """The number of level 2 pairs, and the pairs (in row order, not text order) of level 2
    and the rows other than B0-D7, A1, A3."""
    found = []
    for row in b"\2\4":
        i = rows.find(row)
        while i >= 0:
            found.append(pairs[2 * i : 2 * i + 2])
            i = rows.find(row, i + 1)
        if row == 2:
            level2 = len(found)
    return level2, b"".join(found)


_ASCII_BYTES = bytes(range(0x80))
_TRAIL_BYTES = bytes(range(0xA1, 0xFF))
_HIGH_BYTES = bytes(range(0x80)) + bytes(0xA1 - 0x80) + bytes(range(0xA1, 0x100))
# Lead byte to row class: 0 level 1 below C9, 1 level 1 from C9, 2 level 2 (D8-F7),
# 3 punctuation and full-width forms (A1, A3), 4 any other row.
_ROW_CLASS = bytearray(b"\4" * 256)
_ROW_CLASS[0xB0:0xC9] = b"\0" * (0xC9 - 0xB0)
_ROW_CLASS[0xC9:0xD8] = b"\1" * (0xD8 - 0xC9)
_ROW_CLASS[0xD8:0xF8] = b"\2" * (0xF8 - 0xD8)
_ROW_CLASS[0xA1] = _ROW_CLASS[0xA3] = 3
_LOW_LEADS = bytes(range(0xB0, 0xC9))
_D7_EMPTY = "\ue810\ue811\ue812\ue813\ue814"  # GB 18030 D7FA-D7FE
# The Founder-font marks (patterns.YI_SYLLABLES) that OCR leaves in the text: 4-byte codes in GB 18030.
_FOUNDER_MARKS = "ꎬꎮꎻꎯꎿ"


@lru_cache(maxsize=1)
def _symbol_charmap() -> tuple[Any, bytes]:
    """A charmap encoding (:func:`codecs.charmap_build`) of the characters of rows A1 and A3
    (punctuation and full-width forms) and of D7FA-D7FE, and the class of each byte it
    encodes to: 1, 2, 3 for a score of 1, 0.25, 0 (none of them is Han); 4 for D7FA-D7FE;
    0 for NUL, which byte 0 must stand for."""
    codes = b"".join(bytes((lead, trail)) for lead in (0xA1, 0xA3) for trail in range(0xA1, 0xFF))
    chars = codes.decode("gb18030")
    classes = bytes([0, *({1.0: 1, 0.25: 2, 0.0: 3}[char_score(ch)] for ch in chars), 4, 4, 4, 4, 4])
    table = "\0" + chars + _D7_EMPTY
    table += "\ufffe" * (256 - len(table))  # U+FFFE: no character for this byte
    return codecs.charmap_build(table), classes.ljust(256, b"\0")


def _profile_by_counting(text: str) -> tuple[float, int, int]:
    """:func:`_profile` character by character (the reference, and for text mostly outside GB 2312)."""
    # One count per distinct character. The scores (0, 0.25, 1) and their sums are exact
    # in floating point, so the mean is the same as summing character by character.
    total = han = upper = 0
    score = 0.0
    for ch, n in Counter(text[:_SCORE_CHARS]).items():
        s, h, u = _char_profile(ch)
        if s >= 0:
            total += n
            score += s * n
            han += h * n
            upper += u * n
    return (score / total if total else 1.0), han, upper


def common_fraction(text: str, script: int = 3) -> float:
    """Share of non-ASCII characters common in ``script`` (1 Simplified, 2 Traditional, 3 either)."""
    chars = [ch for ch in text if ord(ch) >= 0x80]
    return sum(1 for ch in chars if common_in(ch) & script) / len(chars) if chars else 1.0


# --- binary input ----------------------------------------------------------------------


# Control characters that do not occur in text: below 32, except \t \n \f \r and ESC.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_CONTROL_CHAR = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text, or None. NUL bytes are legal only in UTF-16/32."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # also covers UTF-32 BOMs
        return None
    if b"\x00" in data:
        return f"contains NUL bytes (first at byte offset {data.index(0)}); not a text file"
    sample = data[:65536]
    # Text rarely holds any: one memchr per control byte is cheaper than counting them
    # (each byte an int: a plain memchr; by map, without a generator's frame per byte).
    if not any(map(sample.__contains__, _CONTROL_BYTES)):
        return None
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls / len(sample) > 0.05:
        return "looks binary (too many control bytes); not a text file"
    return None


def _refuse_binary_text(text: str) -> None:
    """The byte test for text decoded from UTF-16/32 (or after a BOM): NUL and control characters."""
    if "\x00" in text:
        raise BinaryInputError(
            f"contains NUL characters (first at character {text.index(chr(0))}); not a text file"
        )
    sample = text[:65536]
    controls = len(_CONTROL_CHAR.findall(sample))
    if sample and controls / len(sample) > 0.05:
        raise BinaryInputError("looks binary (too many control characters); not a text file")


def _bomless_utf16(data: bytes) -> tuple[str, str, float] | None:
    """(text, codec, chardet confidence) if ``data`` is clearly UTF-16 without a BOM."""
    if len(data) % 2:
        return None
    nul_even = data[0::2].count(0)
    nul_odd = data[1::2].count(0)
    # ASCII (newlines, digits) in UTF-16 puts its NULs on one side; only characters
    # like 一 (U+4E00) put some on the other. A binary file scatters them evenly.
    if max(nul_even, nul_odd) < 3 * min(nul_even, nul_odd):
        return None
    codec = "utf-16-le" if nul_odd > nul_even else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    guess = _chardet_candidates(data)
    confidence = guess.get(codec, 0.0)
    if confidence < 0.5 or plausibility(text) < 0.9 or any(char_score(c) == 0 for c in text if ord(c) < 0x80):
        return None
    return text, codec, confidence


# --- decoding ----------------------------------------------------------------------------


def decode(data: bytes, encoding: str | None = None, errors: str = "strict") -> tuple[str, EncodingInfo]:
    """Decode ``data``; the text keeps its BOM (as U+FEFF) and its line ends.

    Raises :class:`BinaryInputError` for binary input and :class:`DecodeError` when no
    accepted encoding decodes the bytes strictly (unless ``errors="replace"``).
    """
    if errors not in ("strict", "replace"):
        raise DecodeError(f"unknown errors mode {errors!r} (use strict or replace)")
    if encoding:
        return _decode_override(data, encoding, errors)
    if not data:
        return "", EncodingInfo("utf-8", 1.0, method="empty")
    if data.startswith(_BOM_PREFIXES):  # (one test for the usual file, which has none)
        name = next(name for bom, name in _BOMS if data.startswith(bom))  # UTF-32 first
        text, repl = _decode_with(data, name, errors)
        _refuse_binary_text(text)
        return text, _info(text, name, 1.0, "bom", repl, bom=True)
    why = binary_reason(data)
    if why:
        utf16 = _bomless_utf16(data) if b"\x00" in data else None
        if utf16 is None:
            raise BinaryInputError(why)
        text, codec, confidence = utf16
        return text, _info(text, codec, confidence, "chardet", [])
    try:
        text = data.decode("utf-8")
        return text, _info(text, "utf-8", 1.0, "utf-8", [])
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, errors)


def _decode_override(data: bytes, encoding: str, errors: str) -> tuple[str, EncodingInfo]:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise DecodeError(f"unknown encoding {encoding!r}") from None
    bom = False
    if name in ("utf-8-sig", "utf-16", "utf-32"):
        # Keep the BOM as U+FEFF (the encoding stage records its removal); without a
        # BOM, UTF-16/32 default to little-endian like Python does on this platform.
        for mark, bom_name in _BOMS:
            if data.startswith(mark) and bom_name.startswith(name.removesuffix("-sig")):
                name, bom = bom_name, True
                break
        else:
            name = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}[name]
    elif name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        bom = True
    if not name.startswith(("utf-16", "utf-32")):
        why = binary_reason(data)
        if why:
            raise BinaryInputError(why)
    text, repl = _decode_with(data, name, errors)
    _refuse_binary_text(text)
    return text, _info(text, name, 1.0, "override", repl, bom=bom)


def _info(
    text: str, name: str, confidence: float, method: str, repl: list[Replacement], bom: bool = False
) -> EncodingInfo:
    return EncodingInfo(
        name,
        confidence,
        bom=bom,
        newline=newline_style(text),
        replacements=repl,
        method="replace" if repl else method,
    )


def _chardet_candidates(data: bytes, rivals: bool = False) -> dict[str, float]:
    """chardet's confidence per accepted codec (chardet imported lazily: ~0.1 s).

    With ``rivals``, non-Chinese East Asian codecs are ranked too, under their own
    lower-case names.
    """
    import warnings

    import chardet

    found: dict[str, float] = {}
    with warnings.catch_warnings():
        # chardet warns that its no-match default (cp1252) is outside our include list:
        # exactly what we want, no single-byte answer.
        warnings.simplefilter("ignore")
        include = _CHARDET_INCLUDE + (_CHARDET_RIVALS if rivals else ())
        guesses = chardet.detect_all(data, ignore_threshold=True, include_encodings=include)
    for guess in guesses:
        raw = str(guess.get("encoding") or "").lower()
        name = _CHARDET_NAMES.get(raw, raw if rivals else None)
        if name and name not in found:
            found[name] = float(guess.get("confidence") or 0.0)
    return found


# A strict decode this plausible, with every other candidate failing or clearly worse, is
# decisive on its own (chardet could not change the choice), given enough characters.
DECISIVE_PLAUSIBILITY = 0.9
_DECISIVE_MIN_CHARS = 100
# Korean EUC-KR Hangul reads as GB 2312 rows B0-C8 (common characters, so plausible);
# Chinese text also uses rows C9-F7, about 40% of its characters.
_MIN_UPPER_ROWS = 0.1


_Scored = dict[str, tuple[str, tuple[float, int, int]]]


def _strict_decodes(data: bytes) -> _Scored:
    """Each legacy codec that decodes ``data`` strictly: its text and :func:`_profile`."""
    scored: _Scored = {}
    for name in LEGACY:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        profile = _gb18030_profile(data, text) if name == "gb18030" else None
        scored[name] = (text, _profile(text) if profile is None else profile)
    return scored


def _decisive_decode(scored: _Scored) -> tuple[str, EncodingInfo] | None:
    """The one legacy decode (of :func:`_strict_decodes`) that the evidence settles without
    chardet, or None.

    chardet (pure Python) costs more than the rest of decoding together; it is only
    needed when candidates compete, when the text is short, or when GB 18030 may be
    reading Korean (see :data:`_MIN_UPPER_ROWS`).
    """
    if not scored:
        return None
    best = max(scored, key=lambda n: scored[n][1][0])
    text, (score, han, upper) = scored[best]
    if score < DECISIVE_PLAUSIBILITY or any(
        other != best and p[0] + OVERRIDE_MARGIN >= score for other, (_, p) in scored.items()
    ):
        return None
    if han < _DECISIVE_MIN_CHARS:
        return None
    if best == "gb18030" and upper < _MIN_UPPER_ROWS * han:
        return None
    info = _info(text, best, score, "plausible", [])
    info.plausibility = round(score, 3)
    return text, info


def _decode_legacy(data: bytes, errors: str) -> tuple[str, EncodingInfo]:
    scored = _strict_decodes(data)
    decisive = _decisive_decode(scored)
    if decisive is not None:
        return decisive
    ranked = _chardet_candidates(data, rivals=True)
    chardet_pick = max(ranked, key=ranked.__getitem__) if ranked else None
    if chardet_pick is not None and chardet_pick not in _CHARDET_NAMES.values():
        rival_conf = ranked[chardet_pick]
        ours = max((v for k, v in ranked.items() if k in LEGACY), default=0.0)
        # Refuse only when chardet is confident; on short text its guesses are noise.
        if rival_conf >= 0.5 and rival_conf > 2 * ours:
            raise DecodeError(
                f"looks like {chardet_pick} (confidence {rival_conf:.2f}), not Chinese text; "
                f"give --encoding {chardet_pick} to decode it anyway"
            )
    decoded = {name: (text, profile[0]) for name, (text, profile) in scored.items()}
    if decoded:
        best = max(decoded, key=lambda n: decoded[n][1])
        choice, method = best, "strict-decode"
        if chardet_pick in decoded and decoded[chardet_pick][1] + OVERRIDE_MARGIN >= decoded[best][1]:
            choice, method = chardet_pick, "chardet"
        text, score = decoded[choice]
        if score >= MIN_PLAUSIBILITY:
            info = _info(text, choice, ranked.get(choice, 0.0), method, [])
            info.plausibility = round(score, 3)
            return text, info
    # Nothing decodes both strictly and plausibly. Name the first bad byte of the codec
    # that fails least (UTF-8 with a stray byte is the usual case), unless every failing
    # codec fails often and a strict decode exists: then implausibility is the story.
    failing = [name for name in ("utf-8", *LEGACY) if name not in decoded]
    counted = {name: _count_errors(data, name) for name in failing}
    best = min(failing, key=lambda n: (counted[n][0], -counted[n][1]))
    if errors != "replace":
        count, offset, bad = counted[best]
        if decoded and count > max(3, len(data) // 1000):
            name = max(decoded, key=lambda n: decoded[n][1])
            raise DecodeError(
                f"decodes as {name} but does not look like Chinese text "
                f"(plausibility {decoded[name][1]:.2f}); give --encoding if it really is {name}"
            )
        others = " or ".join(n for n in ("utf-8", *LEGACY) if n != best)
        raise DecodeError(
            f"undecodable bytes {bad.hex(' ')} at byte offset {offset} "
            f"(as {best}; not {others} either); use --encoding NAME or --errors replace"
        )
    # --errors replace never picks an implausible codec: U+FFFD is honest, a wrong codec is not.
    text, repl = _decode_with(data, best, "replace")
    info = _info(text, best, ranked.get(best, 0.0), "replace", repl)
    info.plausibility = round(plausibility(text), 3)
    return text, info


class _ErrorLog(threading.local):
    def __init__(self) -> None:
        self.errors: list[tuple[int, bytes]] = []


_log = _ErrorLog()


def _record(replacement: str) -> Any:
    def handler(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        _log.errors.append((exc.start, exc.object[exc.start : exc.end]))
        return replacement, exc.end

    return handler


# Registered once: codecs keeps error handlers forever, so no per-call registration.
codecs.register_error("docclean-skip", _record(""))
codecs.register_error("docclean-mark", _record("\udcff"))


def _decode_logged(data: bytes, name: str, handler: str) -> tuple[str, list[tuple[int, bytes]]]:
    _log.errors = []
    try:
        return data.decode(name, errors=handler), _log.errors
    finally:
        _log.errors = []


def _count_errors(data: bytes, name: str) -> tuple[int, int, bytes]:
    """(number of bad sequences, first bad byte offset, first bad bytes) for ``name``."""
    _, errs = _decode_logged(data, name, "docclean-skip")
    offset, bad = errs[0] if errs else (-1, b"")
    return len(errs), offset, bad


# Decoding with errors="replace" marks each undecodable sequence with this lone
# surrogate first (strict decoders never produce one), so its text offset is exact
# even if the input also holds genuine U+FFFD characters.
_MARK = "\udcff"


def _decode_with(data: bytes, name: str, errors: str) -> tuple[str, list[Replacement]]:
    """Decode strictly; with ``errors="replace"`` record each U+FFFD's byte origin."""
    try:
        return data.decode(name), []
    except UnicodeDecodeError as exc:
        if errors != "replace":
            bad = exc.object[exc.start : exc.end]
            raise DecodeError(
                f"undecodable bytes {bad.hex(' ')} at byte offset {exc.start} (as {name}); "
                "use --errors replace to replace them with U+FFFD"
            ) from None
    except LookupError:
        raise DecodeError(f"unknown encoding {name!r}") from None
    marked, origins = _decode_logged(data, name, "docclean-mark")
    replacements: list[Replacement] = []
    pos = marked.find(_MARK)
    for byte_offset, bad in origins:
        replacements.append(Replacement(pos, byte_offset, bad))
        pos = marked.find(_MARK, pos + 1)
    return marked.replace(_MARK, "\ufffd"), replacements


def replacement_changes(text: str, info: EncodingInfo | None) -> list[Change]:
    """The U+FFFD replacements of ``errors="replace"`` as change-log records.

    Each is a change of the ``encoding`` stage with ``before == after == "\\ufffd"``:
    the decoded text already holds the U+FFFD, so ``rebuild`` stays exact, while the
    reason and ``detail`` name the original bytes and their byte offset, which the text
    itself can no longer show. They form step 0 (decoding, before the first pass);
    :func:`docclean.api.clean_bytes` moves the pipeline's steps up by one to make room.
    """
    if info is None or not info.replacements:
        return []  # (before the import: an import statement costs ~1 µs a call)
    from .changes import Change, LineIndex

    index = LineIndex(text)
    out: list[Change] = []
    for r in info.replacements:
        change = Change(
            stage="encoding",
            kind="undecodable",
            start=r.offset,
            end=r.offset + 1,
            before="\ufffd",
            after="\ufffd",
            reason=f"undecodable bytes {r.data.hex(' ')} at byte offset {r.byte_offset} "
            f"({info.name}) replaced by U+FFFD",
            step=0,
            detail={"byte_offset": r.byte_offset, "bytes": r.data.hex(), "encoding": info.name},
        )
        change.source = index.span(r.offset, r.offset + 1)
        out.append(change)
    return out

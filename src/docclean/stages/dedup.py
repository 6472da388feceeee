"""Stage `dedup`: remove repeated sentence runs inside a document.

Scans repeat themselves: a page fed twice, a run of sentences duplicated with OCR
differences and cut off at the page edge, numbered items repeated under new
numbers. A real example (湘教发〔2022〕7号, hard-wrapped as scanned)::

    建立职业院校质量年度报告发布制度，定期发布……接受社会监督。建立职业院校质量监督评估制度，……
    ……要追究有关责任人的责任。建立职业院校质量年度报告制度，定期发布……接受社会监督。
    建立职业院校质量监督评估制度，……建立职业院校质量监测制度，……要依法依规处理，限期

The second copy lost ``发布`` and stops after ``限期``. The stage keeps the first full
copy and removes the repeat, its truncated tail included, as one change whose
detail names the kept block, the similarity and the OCR variants
(``[["发布", ""]]``). Items ``十一、`` … ``十三、`` repeating the bodies of ``九、`` and
``十、`` are found the same way, since numbers are left out of the comparison.

What is compared: sentence units (:mod:`docclean.sentences`), so repeats are found
across paragraph and line boundaries, with or without reflow before. A repeat is a
run of consecutive units each close to the unit at the same distance before it;
the run must hold ``dedup_min_chars`` characters (``特此通知。`` or a one-clause item
alone is never evidence) and reach ``dedup_threshold`` as a whole. Parallel items
(``（一）加强组织领导。`` / ``（二）加强经费保障。``) differ, so they stay.

Outline numbering that jumps back or skips (``（一）`` … ``（三）`` with no ``（二）``) is
flagged for the archivist whether or not anything was removed.

Positions in an edit's ``detail["kept"]`` (offsets, lines) are in the text this stage
read, like the edit's own span; the JSON report maps them to the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress
from math import ceil
from typing import Any

from ..changes import Edit, Rewrite
from ..patterns import CJK_CHARS, SENTENCE_END
from ..sentences import (
    KEY_SEP,
    Sentence,
    comparison_key,
    joined_comparison_keys,
    outline_prefix,
    sentence_units,
    text_outline_breaks,
)

# Units inside a run may fall this far below the threshold when the run as a whole
# reaches it: OCR noise concentrates in one sentence more often than one expects.
INNER_SLACK = 12.0
# A truncated tail must keep at least this many characters to be recognised.
MIN_TAIL = 4
MAX_VARIANTS = 30
# Seeds per unit, and the number of units compared all-pairs (above: blocking).
SEED_CAP = 12
EXACT_UNITS = 600
MIN_SEED = 4
# Length bounds on a ratio leave this much room for rounding: they rule out only what
# scores clearly below the cutoff. (process.extract rounds its cutoff to single
# precision: a score up to 4e-6 below the cutoff can pass.)
_MARGIN = 1e-4
# Sentence units as parallel lists: their starts and texts (each ends at start + len(text)).
_Units = tuple[list[int], list[str]]


@cache
def _fuzz() -> Any:
    """rapidfuzz's ``fuzz`` module, imported on first use (a heavy import)."""
    from rapidfuzz import fuzz

    return fuzz


@dataclass
class Repeat:
    """A run of units ``copy`` repeating the earlier run ``kept``."""

    copy_first: int
    copy_last: int  # inclusive unit index
    kept_first: int
    kept_last: int
    copy_end: int  # offset where the removed copy ends (a truncated tail may stop mid-unit)
    kept_end: int
    similarity: float
    truncated: bool
    variants: list[list[str]]


def _prefix_score(part: str, ref: str) -> float:
    """How well ``part`` matches the start of ``ref`` (a copy cut off at the page edge)."""
    ratio = _fuzz().ratio
    best = 0.0
    for delta in (0, -1, 1, -2, 2, -3, 3):
        size = len(part) + delta
        if 0 < size <= len(ref):
            best = max(best, ratio(part, ref[:size]))
    return best


def _tail_cut(start: int, text: str, ref_key: str, threshold: float) -> tuple[int, str] | None:
    """If the unit ``text`` (at ``start``) begins with a cut-off copy of ``ref``, the offset where the copy ends.

    The cut must be a line end or the end of a unit that lacks its sentence end:
    a complete sentence that happens to start like another one is not a truncation.
    """
    if _whole_line_sentence(text):
        return None
    cuts: list[int] = []
    pos = text.find("\n")
    while pos != -1:
        cuts.append(pos)
        pos = text.find("\n", pos + 1)
    if text[-1] not in SENTENCE_END:
        cuts.append(len(text))
    for cut in sorted(cuts, reverse=True):
        part = comparison_key(text[:cut])
        if len(part) < MIN_TAIL or len(part) >= len(ref_key):
            continue
        if _prefix_score(part, ref_key) >= threshold:
            end = start + len(text[:cut].rstrip())
            return end, part
    return None


def _whole_line_sentence(text: str) -> bool:
    """A whole sentence on one line: no truncated copy ends in it."""
    return text[-1] in SENTENCE_END and "\n" not in text


def variants(kept: str, copy: str) -> list[list[str]]:
    """The differing characters side by side: ``[[kept, copy], ...]``."""
    if kept == copy:  # most repeats are exact: no differences, no alignment needed
        return []
    from rapidfuzz.distance import Levenshtein

    out: list[list[str]] = []
    for op in Levenshtein.opcodes(kept, copy):
        if op.tag != "equal":
            out.append([kept[op.src_start : op.src_end], copy[op.dest_start : op.dest_end]])
    return out


def evidence(key: str) -> int:
    """How much of ``key`` counts as evidence of a repeat: its Chinese characters, and its
    digits when it is a sentence (8+ Chinese characters: 于2025年5月4日前报送).

    Flattened tables repeat columns of ``0`` and punctuation; that is layout, not text.
    """
    # Counted as the length of what the runs of other characters leave, and the
    # lengths of the runs of digits: no string made per character.
    cjk = len(_NOT_CJK_RUNS_RE.sub("", key))
    if cjk < 8:
        return cjk
    return cjk + sum(map(len, _DIGIT_RUNS_RE.findall(key)))


# Formulas recur in a document and across documents (逾期未报送的，予以通报。 was 40% of
# the evidence asked for in the corpus): their evidence is counted once.
_recurring_evidence = lru_cache(maxsize=1024)(evidence)


def _usable(keys: list[str]) -> list[int]:
    """Indices of the keys with :func:`evidence` of at least ``MIN_SEED``.

    Evidence below 8 is the count of Chinese characters and evidence from 8 up is at
    least 8, so evidence reaches ``MIN_SEED`` (4) exactly when the key holds
    ``MIN_SEED`` Chinese characters. They are counted in C, on the high bytes of the
    keys' UTF-16 code units (see _CJK_HIGH), for all keys at once.
    """
    return _usable_of_high(keys, _KEY_SEP.join(keys).encode("utf-16-le", "surrogatepass")[1::2])


def _usable_of_high(keys: list[str], high: bytes) -> list[int]:
    """:func:`_usable` from the high bytes of the keys joined by ``_KEY_SEP`` in UTF-16."""
    # Keys holding a character of the separator's block U+E000-E0FF or of U+4D00-4DFF
    # (only partly Chinese) go through the regex, which stops at the fourth Chinese character.
    if high.count(0xE0) != len(keys) - 1 or 0x4D in high:
        return list(compress(range(len(keys)), map(_seed_cjk_re().match, keys)))
    pieces = high.translate(_CJK_HIGH, _NOT_CJK_HIGH).split(b"|")
    # A comprehension: ``map(MIN_SEED.__le__, ...)`` calls a slot wrapper per key, slower.
    return [i for i, piece in enumerate(pieces) if len(piece) >= MIN_SEED]


def _usable_and_coarse(keys: list[str], joined: str | None = None) -> tuple[list[int], list[bytes] | None]:
    """:func:`_usable`, and the :func:`_low_bytes` of every key, from one UTF-16 encoding of them all
    (``joined``: the keys joined by ``_KEY_SEP``, when made already).

    The high bytes count the Chinese characters; the low bytes, split at the separator
    U+E000 (of low byte 0), are the coarse keys, as in :func:`_low_bytes_each`. 一 and
    开 are read as U+4E01 and U+5F02: Chinese still, of the same high byte, and of the
    low bytes 1 and 2 that :func:`_low_bytes` gives them. No coarse keys (None) when a
    key holds another character of low byte 0 or one beyond the BMP.
    """
    if joined is None:
        joined = _KEY_SEP.join(keys)
    joined = joined.replace("一", "\u4e01").replace("开", "\u5f02")
    data = joined.encode("utf-16-le", "surrogatepass")
    usable = _usable_of_high(keys, data[1::2])
    low = data[::2]
    if len(data) != 2 * len(joined) or low.count(0) != len(keys) - 1:
        return usable, None
    return usable, low.split(b"\0")


def is_annotation(text: str) -> bool:
    """A unit wholly in brackets (``[市体育局，各区、县（市）政府]``, ``（责任单位：…）``).

    Such notes legitimately recur item after item, so alone they are no evidence.
    """
    body = text.rstrip("。；")
    return len(body) >= 2 and body[0] in _OPEN and body[-1] == _OPEN[body[0]]


_OPEN = {"[": "]", "【": "】", "（": "）", "(": ")", "〔": "〕", "［": "］"}
_DIGITS = set("0123456789０１２３４５６７８９")
_DIGIT_RUNS_RE = re.compile("[0-9０-９]+")
_NOT_CJK_RUNS_RE = re.compile(f"[^{CJK_CHARS}]+")


@cache
def _seed_cjk_re() -> re.Pattern[str]:
    """``MIN_SEED`` Chinese characters, each after any others: written out, since a
    counted repeat of a group runs much slower in the regex engine than repeats of one
    class. Compiled on first use: its eight Chinese classes take ~10 ms to compile, and
    few texts need it."""
    return re.compile(f"[^{CJK_CHARS}]*[{CJK_CHARS}]" * MIN_SEED)


# The high bytes of the UTF-16 code units in CJK_CHARS (U+3400-4DBF, U+4E00-9FFF,
# U+F900-FAFF), which are Chinese whatever their low byte, read as ``c``; that of the
# separator U+E000 (private use) as ``|``; all others deleted. (0x4D is not among them:
# U+4DC0-4DFF are hexagrams.)
_KEY_SEP = KEY_SEP
assert _KEY_SEP == "\ue000"
_CJK_HIGH_BYTES = bytes([*range(0x34, 0x4D), *range(0x4E, 0xA0), 0xF9, 0xFA])
assert CJK_CHARS == "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_HIGH = bytes.maketrans(_CJK_HIGH_BYTES + b"\xe0", b"c" * len(_CJK_HIGH_BYTES) + b"|")
_NOT_CJK_HIGH = bytes(set(range(256)) - set(_CJK_HIGH_BYTES) - {0xE0})


def word_swaps(found: list[list[str]]) -> int:
    """Differences where a word of two or more characters stands for another (落实/提升)."""
    return sum(1 for a, b in found if len(a) > 1 and len(b) > 1)


def differences_are_meaningful(found: list[list[str]]) -> bool:
    """Differences that OCR noise does not make: numbers, or one word swapped more than once.

    ``200万元`` vs ``300万元`` are two rules, not two scans of one; ``评估`` replaced
    by ``监测`` three times is a parallel sentence (建立…监督评估制度 / 建立…监测制度).
    """
    swaps: dict[tuple[str, str], int] = {}
    for a, b in found:
        # A number changed or dropped; a digit misread as a character is noise.
        da, db = _DIGITS.intersection(a), _DIGITS.intersection(b)
        if (da and db) or (da and not b) or (db and not a):
            return True
        # OCR confuses one glyph consistently (己/已); a swapped word is a different sentence.
        if len(a) > 1 and len(b) > 1:
            swaps[a, b] = swaps.get((a, b), 0) + 1
            if swaps[a, b] > 1:
                return True
    return False


def _stands_alone(text: str, units: _Units, i: int, j: int) -> bool:
    """Unit ``i`` (repeating unit ``j``) is a block of its own, not a sentence inside running text.

    Either both are numbered items (``十三、`` repeating ``九、``), or the copy fills its line.
    """
    starts, texts = units
    if outline_prefix(texts[i]) and outline_prefix(texts[j]):
        return True
    start = starts[i]
    if start and "\n" not in text[starts[i - 1] + len(texts[i - 1]) if i else 0 : start]:
        return False
    if i + 1 < len(starts):
        return "\n" in text[start + len(texts[i]) : starts[i + 1]]
    return True


def _seed_pairs(
    keys: list[str], usable: list[int], threshold: float, coarse_keys: list[bytes] | None = None
) -> dict[tuple[int, int], float]:
    """Pairs ``(i, j)``, ``j < i``, of ``usable`` units at least ``threshold`` alike: where runs start.

    A circular has a few hundred units: compare them all (rapidfuzz loops in C), or
    rather all those whose lengths allow the threshold (:func:`_length_windows`),
    first by their coarse keys, a block of keys per call (:func:`_block_hits`).
    A long input (a batch concatenated, a book) goes through the corpus blocking,
    so the stage stays near-linear. Units with almost no Chinese text (table
    figures: too little :func:`evidence`) are not ``usable``: they start nothing.
    """
    sim: dict[tuple[int, int], float] = {}
    if len(usable) <= EXACT_UNITS and not 0.0 <= threshold <= 100.0:
        from rapidfuzz import fuzz, process

        # rapidfuzz refuses such a cutoff: let it say so, as it did before the shortcuts.
        subset = [keys[i] for i in usable]
        for n in range(1, len(subset)):
            for _, score, m in process.extract(
                subset[n], subset[:n], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            ):
                sim[usable[n], usable[m]] = score
        return sim
    if len(usable) <= EXACT_UNITS:
        ordered, lengths, shortest = _length_order(keys, usable, threshold)
        if coarse_keys is None:  # the :func:`_low_bytes` of each key, given when read already
            coarse = _low_bytes_each([keys[i] for i in ordered])
        else:
            coarse = list(map(coarse_keys.__getitem__, ordered))
        # The coarse keys rule out most pairs that cannot reach the threshold; the few
        # left are scored on the keys themselves, by the same ``extract`` call as ever
        # (so the scores are the same whatever let them through). Most are equal keys,
        # which score 100. Below the threshold by a margin wider than ``extract``'s
        # rounding, so the coarse keys let through every pair that passes.
        near = max(0.0, threshold - _MARGIN)
        rows = _block_hits(coarse, lengths, shortest, near)
        if rows is None:
            rows = _window_hits(coarse, _firsts(lengths, shortest), threshold, near)
        for n, hits in rows:
            a = ordered[n]
            key = keys[a]
            others = []
            for m in hits:
                b = ordered[m]
                if keys[b] == key:
                    sim[(a, b) if a > b else (b, a)] = 100.0
                else:
                    others.append(b)
            if others:  # few rows (most hits are equal keys): the import is paid here only
                from rapidfuzz import process

                choices = [keys[b] for b in others]
                found = process.extract(
                    key, choices, scorer=_fuzz().ratio, score_cutoff=threshold, limit=None
                )
                for _, score, h in found:
                    b = others[h]
                    sim[(a, b) if a > b else (b, a)] = score
        return sim
    from ..corpus import similar_pairs

    for a, b, score in similar_pairs([keys[i] for i in usable], threshold, workers=1):
        sim[usable[b], usable[a]] = score
    return sim


# Consecutive keys (in order of length) whose windows one ``cdist`` call covers.
_BLOCK = 12
# Every nonzero byte read as 1, so that ``find`` (memchr) walks from hit to hit.
_NONZERO_AS_ONE = bytes([0] + [1] * 255)
_Hits = list[tuple[int, list[int]]]


def _block_hits(coarse: list[bytes], lengths: list[int], shortest: list[int], near: float) -> _Hits | None:
    """For each ``n`` (in order), the ``m`` of its window (:func:`_length_windows`) whose
    coarse keys score ``near`` or more; None when rapidfuzz's matrix call cannot be used.

    One ``cdist`` call scores a block of ``_BLOCK`` consecutive keys against all keys
    from the first one's window start to the block's end: windows start later for
    longer keys, so that holds every window of the block. It scores about twice the
    pairs the windows hold, but a pair of short bytes costs ~20 ns there (SIMD, several
    keys at once) against ~85 ns, and ~0.6 µs per call, in ``extract``. The scores come
    back as bytes, rounded to whole numbers and 0 below the cutoff: with a cutoff of 1
    or more, a pair that reaches it is never 0.
    """
    matrix_call = _cdist_uint8()
    if matrix_call is None or near < 1.0:
        return None
    cdist, uint8, ratio = matrix_call
    rows: _Hits = []
    size = len(coarse)
    for g0 in range(0, size, _BLOCK):
        g1 = g0 + _BLOCK if g0 + _BLOCK < size else size
        f0 = bisect_left(lengths, shortest[lengths[g0]])  # the block's first window start
        width = g1 - 1 - f0  # the block's last key is no earlier key of any in it
        if not width:
            continue
        # Only the pairs before each key's own column count: the rest are the key
        # itself (100) or pairs met the other way round.
        scores = cdist(
            coarse[g0:g1], coarse[f0 : g1 - 1], scorer=ratio, score_cutoff=near, dtype=uint8, workers=1
        )
        found = int.from_bytes(scores, "little") & _before_diagonal(g1 - g0, width)
        if not found:
            continue
        flags = found.to_bytes((g1 - g0) * width, "little").translate(_NONZERO_AS_ONE)
        last = -1
        at = flags.find(1)
        while at >= 0:
            r, col = divmod(at, width)
            r += g0
            col += f0
            if lengths[col] >= shortest[lengths[r]]:  # in the window of ``r``
                if r != last:
                    hits: list[int] = []
                    rows.append((r, hits))
                    last = r
                hits.append(col)
            at = flags.find(1, at + 1)
    return rows


@lru_cache(maxsize=512)
def _before_diagonal(height: int, width: int) -> int:
    """A mask of the bytes of a ``height`` x ``width`` matrix (row after row, read as a little-endian
    int) left of the diagonal that ends just right of the bottom right corner."""
    skip = width + 1 - height
    mask = b"".join(b"\xff" * (skip + i) + bytes(height - 1 - i) for i in range(height))
    return int.from_bytes(mask, "little")


@cache
def _cdist_uint8() -> tuple[Callable[..., Any], Any, Callable[..., float]] | None:
    """rapidfuzz's ``cdist``, its ``dtype`` for a matrix of bytes and ``fuzz.ratio``; None if they do not work so.

    The public ``process.cdist`` wraps the matrix in a numpy array, and numpy is not a
    dependency: ``process_cpp_impl.cdist`` (private; the same from rapidfuzz 3.6 to
    3.14 at least) returns the matrix itself, whose scores the buffer protocol gives.
    A probe checks its layout (one byte per score, row after row); anything else
    falls back to ``extract`` per key.
    """
    from rapidfuzz import fuzz

    try:
        from rapidfuzz.process_cpp_impl import UINT8, cdist

        probe = cdist(
            [b"ab", b"b"], [b"ab", b"cd", b""], scorer=fuzz.ratio, score_cutoff=60.0, dtype=UINT8, workers=1
        )
        view = memoryview(probe)
        layout = (view.format, view.shape, view.nbytes)
        scores = bytes(view)
    except Exception:  # not built, or a scorer run through Python (which needs numpy)
        return None
    if layout != ("B", (2, 3), 6) or scores[0] != 100 or not scores[3] or scores.count(0) != 4:
        return None
    return cdist, UINT8, fuzz.ratio


def _window_hits(coarse: list[bytes], firsts: list[int], threshold: float, near: float) -> _Hits:
    """For each ``n`` with any, the ``m`` of its window whose coarse keys may reach the
    threshold: one ``extract`` call per window, where :func:`_block_hits` cannot be used."""
    from rapidfuzz import fuzz, process

    extract, ratio = process.extract, fuzz.ratio
    rows: _Hits = []
    for n, first in enumerate(firsts):
        if first == n:
            continue
        # A window of one key is compared by a direct call, a third of what ``extract``
        # costs (it goes through ``extractOne`` then). Below the threshold by a margin
        # wider than ``extract``'s rounding: the pairs it lets through are scored again.
        if first == n - 1:
            if ratio(coarse[n], coarse[first], score_cutoff=near) >= near:
                rows.append((n, [first]))
            continue
        found = extract(coarse[n], coarse[first:n], scorer=ratio, score_cutoff=threshold, limit=None)
        if found:
            rows.append((n, [first + m for _, _, m in found]))
    return rows


def _low_bytes(key: str) -> bytes:
    """The low byte of each character's code point, never 0: a coarse key for a quick first comparison.

    Characters equal in ``key`` stay equal; only some unequal ones become equal. So
    the longest common subsequence of two coarse keys is at least that of the keys,
    and with their lengths unchanged, ``fuzz.ratio`` of the coarse keys is at least
    that of the keys: a pair whose coarse keys miss the threshold misses it too.
    rapidfuzz compares bytes much faster than Chinese text (an array lookup per
    character instead of a hash map). No byte is 0, so that joined coarse keys can be
    split at a 0 (:func:`_low_bytes_each`): 一 (U+4E00) and 开 (U+5F00), common in
    Chinese text, read as 1 and 2, the other characters whose low byte is 0 as 3.
    """
    return _zero_low_read(key).encode("utf-32-le", "surrogatepass")[::4].replace(b"\0", b"\3")


def _zero_low_read(text: str) -> str:
    """``text`` with 一 and 开 (low byte 0) replaced by characters of low byte 1 and 2."""
    return text.replace("一", "\x01").replace("开", "\x02")


def _low_bytes_each(keys: list[str]) -> list[bytes]:
    """:func:`_low_bytes` of each key, encoded in one go and split in C.

    The keys are joined with ``\\0`` and encoded in UTF-16: one code unit, low byte
    then high byte, per character when none lies beyond the BMP. Once 一 and 开 read
    as 1 and 2, the separators are usually the only characters whose low byte is 0.
    """
    joined = _zero_low_read("\0".join(keys))
    data = joined.encode("utf-16-le", "surrogatepass")
    low = data[::2]
    # Characters beyond the BMP take two code units, and a key may hold a 0 byte still.
    if len(data) != 2 * len(joined) or low.count(0) != len(keys) - 1:
        return list(map(_low_bytes, keys))
    return low.split(b"\0")


def _length_windows(keys: list[str], usable: list[int], threshold: float) -> tuple[list[int], list[int]]:
    """``usable`` in order of key length, and for each ``n`` the ``first`` unit it may match (``n``: none).

    ``fuzz.ratio`` is ``200 * LCS / (la + lb)`` and ``LCS <= lb`` for ``lb <= la``: a
    pair reaches ``threshold`` only if ``lb >= la * threshold / (200 - threshold)``.
    In order of length, the keys that can match ``ordered[n]`` from below are the
    slice ``ordered[first:n]``; comparing each key with its slice compares every pair
    that can reach the threshold exactly once (the ratio is symmetric), and a pair
    left out scores below the threshold. A small margin keeps rounding on the safe side.
    """
    ordered, lengths, shortest = _length_order(keys, usable, threshold)
    return ordered, _firsts(lengths, shortest)


def _length_order(
    keys: list[str], usable: list[int], threshold: float
) -> tuple[list[int], list[int], list[int]]:
    """``usable`` in order of key length, their lengths, and the :func:`_shortest_partners` table
    that covers them: the window of ``n`` starts at the first length ``shortest[lengths[n]]``."""
    length_of = list(map(len, keys)).__getitem__
    ordered = sorted(usable, key=length_of)
    lengths = list(map(length_of, ordered))
    # A power of two above the longest length: few distinct tables to cache.
    shortest = _shortest_partners(threshold, 1 << (lengths[-1] if lengths else 0).bit_length())
    return ordered, lengths, shortest


def _firsts(lengths: list[int], shortest: list[int]) -> list[int]:
    """For each ``n``, where its window starts (:func:`_length_windows`)."""
    # For integer lengths, ``length < n * factor`` is ``length < ceil(n * factor)``; the
    # latter is at most ``n`` (factor < 1 for a threshold up to 100), so ``first <= n``.
    firsts: list[int] = []
    first = 0
    for length in lengths:
        least = shortest[length]
        while lengths[first] < least:
            first += 1
        firsts.append(first)
    return firsts


@lru_cache(maxsize=16)
def _shortest_partners(threshold: float, size: int) -> list[int]:
    """For each key length below ``size``, the shortest length that may reach ``threshold``."""
    factor = (threshold - _MARGIN) / max(_MARGIN, 200.0 - threshold + _MARGIN)
    return [ceil(n * factor) for n in range(size)]


def find_repeats(
    text: str, units: list[Sentence], threshold: float = 90.0, min_chars: int = 24, keep: str = "first"
) -> list[Repeat]:
    """Runs of units that repeat an earlier run, non-overlapping, in document order.

    A run of one unit counts only when that unit stands alone as a paragraph or
    item; a sentence inside running text that recurs is too often a formula.
    """
    return _find_repeats(
        text, ([u.start for u in units], [u.text for u in units]), threshold, min_chars, keep
    )


def _find_repeats(
    text: str, units: _Units, threshold: float, min_chars: int, keep: str, spaceless: bool = False
) -> list[Repeat]:
    """:func:`find_repeats` on units given as lists (no Sentence objects); ``spaceless``:
    no unit holds a space (:func:`sentence_units` says so).

    Most seeds are short formulas (``逾期未报送的，予以通报。``) recurring in running
    text: a run of that one unit never holds ``min_chars``. Such a seed is extended
    only when a run through it can hold more (:func:`_may_hold`).
    """
    texts = units[1]
    keys, joined = joined_comparison_keys(texts, spaceless)
    usable, coarse_keys = _usable_and_coarse(keys, joined)
    coarse = _low_bytes_each(keys) if coarse_keys is None else coarse_keys
    sim = _seed_pairs(keys, usable, threshold, coarse)
    weights: dict[int, int] = {}  # evidence of the units it was asked for (0 for annotations)
    seeds = _seed_lists(sim)

    def weight(u: int) -> int:
        if u not in weights:
            weights[u] = 0 if is_annotation(texts[u]) else _recurring_evidence(keys[u])
        return weights[u]

    low = max(50.0, threshold - INNER_SLACK)
    removed: set[int] = set()
    # Removed unit -> first unit of the block it repeated: a third copy of a stutter
    # follows the second one, removed already, and repeats the same kept block.
    kept_of: dict[int, int] = {}
    found: list[Repeat] = []
    after = 0  # units before this one are removed or kept already
    # A unit without seeds starts nothing: visit the others in order (``seeds``' own).
    for i in seeds:
        if i < after:
            continue
        best: Repeat | None = None
        best_len = 0
        tries = 0
        for j in seeds[i]:
            if j in removed:
                continue
            # Many copies of one boilerplate sentence: try a few, not all of them.
            tries += 1
            if tries > SEED_CAP:
                break
            if not _may_hold(units, keys, coarse, removed, i, j, low, min_chars, weight):
                continue
            rep = _extend(units, keys, sim, removed, i, j, threshold)
            if rep is None:
                continue
            # A bare outline number just before the copy (``（一）`` left at a line end)
            # belongs to the copy.
            while (
                rep.copy_first - 1 > rep.kept_last
                and not keys[rep.copy_first - 1]
                and rep.copy_first - 1 not in removed
            ):
                rep.copy_first -= 1
            swaps = word_swaps(rep.variants) if rep.variants else 0
            # A sentence printed twice in a row with only OCR noise between the copies is
            # a stutter of the scan, not a formula, even inside running text; so is a
            # third (fourth…) print, when all between it and the kept one are earlier
            # copies of that same block, removed already.
            stutter = not swaps and all(
                kept_of.get(u) == rep.kept_first for u in range(rep.kept_last + 1, rep.copy_first)
            )
            content = [u for u in range(rep.copy_first, rep.copy_last + 1) if keys[u]]
            if (
                len(content) == 1
                and not stutter
                and not _stands_alone(text, units, content[0], rep.kept_first)
            ):
                continue
            size = sum(map(weight, range(rep.copy_first, rep.copy_last + 1)))
            # A swapped word (落实/提升) hints at a parallel sentence: ask for more text.
            if size < min_chars * (1 + 2 * swaps):
                continue
            if size > best_len:
                best, best_len = rep, size
        if best is None:
            continue
        if keep == "longest":
            best = _prefer_longest(keys, best)
        found.append(best)
        removed.update(range(best.copy_first, best.copy_last + 1))
        kept_of.update(dict.fromkeys(range(best.copy_first, best.copy_last + 1), best.kept_first))
        after = max(i, best.copy_last) + 1
    return found


def _seed_lists(sim: dict[tuple[int, int], float]) -> dict[int, list[int]]:
    """The seeds of each copy ``i`` of ``sim``, in order of ``i``: the best kept copy ``j``
    first, then the earliest.

    Most score 100 (equal keys): taken in order of ``(i, j)``, only the lists with
    other scores are sorted, by score alone (a stable sort keeps equal ones in order).
    """
    seeds: dict[int, list[int]] = {}
    for i, j in sorted(sim):
        if i in seeds:
            seeds[i].append(j)
        else:
            seeds[i] = [j]
    for i in {i for (i, _), score in sim.items() if score != 100.0}:
        js = seeds[i]
        if len(js) > 1:
            js.sort(key=lambda j: -sim[i, j])
    return seeds


def _may_hold(
    units: _Units,
    keys: list[str],
    coarse: list[bytes],
    removed: set[int],
    i: int,
    j: int,
    low: float,
    min_chars: int,
    weight: Callable[[int], int],
) -> bool:
    """Whether :func:`_extend` of the seed copy ``i`` / kept ``j`` may give a run holding ``min_chars``.

    False only when it cannot: without a step forwards from the seed or backwards from
    it (the first steps :func:`_extend` tries), the run is the seed pair alone, and
    its copy is unit ``i`` with at most the truncated start of unit ``i + 1`` (a tail,
    which :func:`_tail_cut` never finds in a whole sentence on one line) and bare
    outline numbers before it (no evidence). Their weights bound the run's size, and
    a run below ``min_chars`` is never taken (nor is one below more, for word swaps).
    ``coarse``: the :func:`_low_bytes` of each key, which the steps are scored on first.
    """
    size = weight(i)
    starts, texts = units
    t, r = i + 1, j + 1
    n = len(starts)
    if t < n and r < i and r not in removed and keys[r] and not _whole_line_sentence(texts[t]):
        size += weight(t)
    if size >= min_chars:
        return True
    # The bounds of _step(t, r, forwards, copy_floor=0, kept_ceiling=i) and of
    # _step(i, j, backwards, copy_floor=r, kept_ceiling=i); -1: no second unit.
    if t < n and r < i and t not in removed and r not in removed:
        c2 = t + 1 if t + 1 < n and t + 1 not in removed else -1
        k2 = r + 1 if r + 1 < i and r + 1 not in removed else -1
        if _any_step(keys, coarse, low, t, c2, r, k2, True):
            return True
    c1, k1 = i - 1, j - 1
    if r <= c1 and k1 >= 0 and c1 not in removed and k1 not in removed:
        c2 = c1 - 1 if r <= c1 - 1 and c1 - 1 not in removed else -1
        k2 = k1 - 1 if k1 >= 1 and k1 - 1 not in removed else -1
        return _any_step(keys, coarse, low, c1, c2, k1, k2, False)
    return False


def _any_step(
    keys: list[str], coarse: list[bytes], low: float, c1: int, c2: int, k1: int, k2: int, forward: bool
) -> bool:
    """Whether :func:`_step` finds a step whose first units are ``c1`` / ``k1`` (and whose
    second, in a merged shape, ``c2`` / ``k2``; -1 where that shape is out of bounds).

    Each shape is scored on the coarse keys first: a ratio at least that of the keys
    (see :func:`_low_bytes`) at a quarter of the cost, ruling out most shapes; the
    keys score only what it lets through. The first shape that reaches ``low`` answers.
    """
    ratio = _fuzz().ratio
    bound = low - _MARGIN
    a, b = coarse[c1], coarse[k1]
    la, lb = len(a), len(b)
    if 200 * (la if la < lb else lb) >= bound * (la + lb) and ratio(a, b, score_cutoff=low):
        if ratio(keys[c1], keys[k1], score_cutoff=low):
            return True
    if c2 >= 0:  # two copy units, one kept
        a2 = coarse[c2]
        la2 = la + len(a2)
        if 200 * (la2 if la2 < lb else lb) >= bound * (la2 + lb):
            if ratio(a + a2 if forward else a2 + a, b, score_cutoff=low):
                merged = keys[c1] + keys[c2] if forward else keys[c2] + keys[c1]
                if ratio(merged, keys[k1], score_cutoff=low):
                    return True
    if k2 >= 0:  # one copy unit, two kept
        b2 = coarse[k2]
        lb2 = lb + len(b2)
        if 200 * (la if la < lb2 else lb2) >= bound * (la + lb2):
            if ratio(a, b + b2 if forward else b2 + b, score_cutoff=low):
                merged = keys[k1] + keys[k2] if forward else keys[k2] + keys[k1]
                if ratio(keys[c1], merged, score_cutoff=low):
                    return True
    return False


# One aligned step of a run: copy units [c_lo, c_hi) against kept units [k_lo, k_hi).
Step = tuple[int, int, int, int, float]
# Noise that eats or invents a 。 merges or splits sentences: a step may pair one
# unit with two. 1:1 first, so ties keep the plain pairing.
_SHAPES = ((1, 1), (2, 1), (1, 2))


def _step(
    keys: list[str],
    removed: set[int],
    c: int,
    k: int,
    forward: bool,
    copy_floor: int,
    kept_ceiling: int,
    low: float,
) -> Step | None:
    """The best-scoring step next to copy unit ``c`` / kept unit ``k`` (after them or before them).

    Each shape (``_SHAPES``) takes the unit next to ``c`` (``k``) and maybe the one after it,
    going away from the seed: copy units within ``copy_floor`` … the end, kept units
    below ``kept_ceiling``, none removed.
    """
    if forward:
        c1, c2, k1, k2 = c, c + 1, k, k + 1
    else:
        c1, c2, k1, k2 = c - 1, c - 2, k - 1, k - 2
    size = len(keys)
    if not (copy_floor <= c1 < size and 0 <= k1 < kept_ceiling) or c1 in removed or k1 in removed:
        return None
    ratio = _fuzz().ratio
    bound = low - _MARGIN
    a, b = keys[c1], keys[k1]
    la, lb = len(a), len(b)
    best_score = 0.0
    best_shape = 0
    # ratio <= 200 * min / (la + lb): lengths alone rule out most merged shapes.
    if 200 * (la if la < lb else lb) >= bound * (la + lb):
        best_score = ratio(a, b, score_cutoff=low)
        best_shape = 1 if best_score else 0
    if copy_floor <= c2 < size and c2 not in removed:  # two copy units, one kept
        la2 = la + len(keys[c2])
        if 200 * (la2 if la2 < lb else lb) >= bound * (la2 + lb):
            score = ratio(a + keys[c2] if forward else keys[c2] + a, b, score_cutoff=low)
            if score > best_score:
                best_score, best_shape = score, 2
    if 0 <= k2 < kept_ceiling and k2 not in removed:  # one copy unit, two kept
        lb2 = lb + len(keys[k2])
        if 200 * (la if la < lb2 else lb2) >= bound * (la + lb2):
            score = ratio(a, b + keys[k2] if forward else keys[k2] + b, score_cutoff=low)
            if score > best_score:
                best_score, best_shape = score, 3
    if not best_shape:
        return None
    dc, dk = _SHAPES[best_shape - 1]
    if forward:
        return (c, c + dc, k, k + dk, best_score)
    return (c - dc, c, k - dk, k, best_score)


def _extend(
    units: _Units,
    keys: list[str],
    sim: dict[tuple[int, int], float],
    removed: set[int],
    i: int,
    j: int,
    threshold: float,
) -> Repeat | None:
    """The longest run through the seed pair copy ``i`` / kept ``j`` that holds up as a whole.

    Steps pair up (forwards, then backwards) while each is within the slack; the
    kept copy always lies wholly before the repeat. Then the run is shortened from
    its end until the whole reaches the threshold without meaningful differences,
    so a parallel sentence after a true repeat is not swept along with it.
    """
    low = max(50.0, threshold - INNER_SLACK)
    steps: list[Step] = [(i, i + 1, j, j + 1, sim[i, j])]
    while True:  # forwards: kept units must end before the copy starts
        st = _step(keys, removed, steps[-1][1], steps[-1][3], True, 0, i, low)
        if st is None:
            break
        steps.append(st)
    kept_end = steps[-1][3]
    while True:  # backwards: the copy must still start after the kept run ends
        st = _step(keys, removed, steps[0][0], steps[0][2], False, kept_end, i, low)
        if st is None:
            break
        steps.insert(0, st)
    # The run's ends must be solid; only inner steps may use the slack.
    while len(steps) > 1 and steps[0][4] < threshold:
        steps.pop(0)
    while len(steps) > 1 and steps[-1][4] < threshold:
        steps.pop()
    for n in range(len(steps), 0, -1):
        rep = _candidate(units, keys, removed, steps[:n], threshold, with_tail=n == len(steps))
        if rep is not None:
            return rep
    return None


def _candidate(
    units: _Units,
    keys: list[str],
    removed: set[int],
    steps: list[Step],
    threshold: float,
    with_tail: bool,
) -> Repeat | None:
    starts, texts = units
    i, j = steps[0][0], steps[0][2]
    c_last, k_last = steps[-1][1] - 1, steps[-1][3] - 1
    copy_key = "".join(keys[i : c_last + 1])
    kept_key = "".join(keys[j : k_last + 1])
    copy_end = starts[c_last] + len(texts[c_last])
    kept_end = starts[k_last] + len(texts[k_last])
    truncated, tail_units = False, 0
    last, ref = keys[c_last], keys[k_last]
    if (
        texts[c_last][-1] not in SENTENCE_END
        and MIN_TAIL <= len(last) < len(ref)
        and _prefix_score(last, ref) >= threshold
    ):
        # The last unit of the copy is itself cut off: compare it with the start of its original.
        kept_key = "".join(keys[j:k_last]) + ref[: len(last)]
        truncated, with_tail = True, False
    t, r = c_last + 1, k_last + 1
    if with_tail and t < len(starts) and r < i and r not in removed and keys[r]:
        tail = _tail_cut(starts[t], texts[t], keys[r], threshold)
        if tail is not None:
            copy_end, part = tail
            copy_key += part
            kept_key += keys[r][: len(part)]
            kept_end, truncated, tail_units = starts[r] + len(texts[r]), True, 1
    # Most repeats are exact: ratio of equal keys is 100 (of two empty ones too).
    score = 100.0 if kept_key == copy_key else _fuzz().ratio(kept_key, copy_key)
    if score < threshold:
        return None
    found = variants(kept_key, copy_key)
    if differences_are_meaningful(found):
        return None
    return Repeat(
        copy_first=i,
        copy_last=c_last + tail_units,
        kept_first=j,
        kept_last=k_last + tail_units,
        copy_end=copy_end,
        kept_end=kept_end,
        similarity=round(score, 1),
        truncated=truncated,
        variants=found,
    )


def _prefer_longest(keys: list[str], rep: Repeat) -> Repeat:
    """With ``keep=longest``, remove the earlier copy instead when the later one holds more."""
    kept_len = sum(len(k) for k in keys[rep.kept_first : rep.kept_last + 1])
    copy_len = sum(len(k) for k in keys[rep.copy_first : rep.copy_last + 1])
    if rep.truncated or copy_len <= kept_len:
        return rep
    return Repeat(
        copy_first=rep.kept_first,
        copy_last=rep.kept_last,
        kept_first=rep.copy_first,
        kept_last=rep.copy_last,
        copy_end=rep.kept_end,
        kept_end=rep.copy_end,
        similarity=rep.similarity,
        truncated=False,
        variants=[[b, a] for a, b in rep.variants],
    )


def removal_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a removal that takes whole lines to the following line breaks, so no empty line stays."""
    line_start = start == 0 or text[start - 1] == "\n"
    after = end
    while after < len(text) and text[after] in " \t\u3000":
        after += 1
    if after == len(text) or text[after] == "\n":
        if line_start:
            while after < len(text) and text[after].isspace():
                after += 1
            return start, after
        return start, end
    # The removal stops mid-line: take the spaces up to the next unit too.
    return start, after


def _span_dict(text: str, start: int, end: int) -> dict[str, Any]:
    excerpt = text[start:end]
    if len(excerpt) > 60:
        excerpt = excerpt[:28] + "…" + excerpt[-28:]
    return {"start": start, "end": end, "text": excerpt}


def remove_repeats(text: str, ctx: Any) -> list[Edit] | Rewrite:
    """The pass: flag outline breaks, then remove each repeated run as one edit (counts
    only: a Rewrite, whose changes are all duplicate removals)."""
    _flag_outline(text, ctx)
    starts, texts, spaceless = sentence_units(text)
    if len(starts) < 2:
        return []
    opts = ctx.options
    units = starts, texts
    repeats = _find_repeats(
        text, units, opts.dedup_threshold, opts.dedup_min_chars, opts.dedup_keep, spaceless
    )
    if not repeats:
        return []
    edits: list[Edit] = []
    keep_log = ctx.keep_log
    spans: list[tuple[int, int]] = []  # counts only: what each removal takes
    for rep in repeats:
        start, end = removal_span(text, starts[rep.copy_first], rep.copy_end)
        label = outline_prefix(texts[rep.copy_first])
        if not keep_log:
            spans.append((start, end))
            if not label:  # no flag to raise: nothing more to make
                continue
        kept_start = starts[rep.kept_first]
        kept = _span_dict(text, kept_start, rep.kept_end)
        # No line numbers here: this stage reads reflowed text (one document of a batch
        # file at a time), so its lines are not the raw file's. The quote is unambiguous,
        # and the reports give the kept copy's raw position from ``kept``'s span.
        quote = "".join(text[kept_start : rep.kept_end].split())[:10]
        detail: dict[str, Any] = {
            "kept": kept,
            "similarity": rep.similarity,
            "variants": rep.variants[:MAX_VARIANTS],
            "sentences": rep.copy_last - rep.copy_first + 1,
            "truncated": rep.truncated,
        }
        kept_label = outline_prefix(texts[rep.kept_first])
        if label:
            detail["renumbered"] = [kept_label, label]
            ctx.flag(
                "outline-repeat",
                f"item {label.strip()} repeats the body of {kept_label.strip() or 'an earlier block'} "
                f"“{quote}…”",
                start,
                end,
                {"kept": kept, "similarity": rep.similarity},
            )
        if not keep_log:
            continue
        tail = ", truncated copy" if rep.truncated else ""
        edits.append(
            Edit(
                start,
                end,
                "",
                "repeat",
                f"repeated block, {rep.similarity:g}% like the earlier “{quote}…”{tail}",
                detail,
            )
        )
    return edits if keep_log else _counted(text, spans, ctx)


def _counted(text: str, spans: list[tuple[int, int]], ctx: Any) -> list[Edit] | Rewrite:
    """Counts only: the text without ``spans`` and their number, as apply_edits_counted would
    give for their edits, each of them a duplicate removal (its detail names a kept copy)."""
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        if start < pos or start == end:  # never seen: apply_edits' own rules then
            return [Edit(start, end, "", "repeat", "", _COUNTED_DETAIL) for start, end in spans]
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    out = "".join(pieces)
    if text is ctx.ascii_spaced:  # a removal writes no space: handed on (see Context)
        ctx.ascii_spaced = out
    return Rewrite(out, len(spans), len(spans))


# The detail of a counted removal (see _counted): it names a kept copy, as every
# removal's detail does, which is what makes the removal count as a duplicate one.
_COUNTED_DETAIL: dict[str, Any] = {"kept": {}}


def _flag_outline(text: str, ctx: Any) -> None:
    for brk in text_outline_breaks(text):
        item = brk.item
        prev = brk.previous.label if brk.previous else "the start"
        what = "jumps back" if brk.kind == "back" else "skips"
        ctx.flag(
            "outline-sequence",
            f"outline numbering {what}: {item.label} after {prev} (expected number {brk.expected})",
            item.start,
            item.end,
            {"found": item.label, "expected": brk.expected, "previous": prev, "line": item.line},
        )


PASSES = (remove_repeats,)

"""Stage ``mojibake``: repair UTF-8 text that was once decoded as GBK.

The damage: somewhere upstream a UTF-8 file was opened as GBK and saved again, so
each pair of UTF-8 bytes became one GBK character. ``关于发布通知`` is the bytes
``E5 85 B3 E4 BA 8E E5 8F 91 E5 B8 83 ...``; read two at a time as GBK they are
``鍏充簬鍙戝竷閫氱煡``: rare characters, mostly outside the common 3,755 of GB 2312
level 1. Such text still decodes "fine", so only the text itself gives it away.

The repair is the exact inverse: encode a stretch as GB18030 and decode the bytes
as UTF-8, strictly. A stretch is repaired only when

* the bytes are valid UTF-8 and end on a character boundary (no guessing of lost
  bytes),
* the result has at least two non-ASCII characters, some of them CJK, and hardly any
  implausible ones (Latin-1 letters, kana, box drawing; no control characters), and
* the result is clearly better Chinese: at least 80% common characters and CJK
  punctuation, and 40 points more than the stretch it replaces, in Simplified or in
  Traditional terms (mojibake characters are often common Traditional ones: 細 為).

Normal Chinese text practically never passes the first test (GB2312 bytes are
rarely valid UTF-8 on character boundaries) and never the third: all samples, in
Simplified and Traditional, yield no change and no flag. Short words (制度 read as
鍒跺害, where 跺 and 害 are common too) and single characters pass only in a
document that already has two clear repairs; alone, a word is flagged
(``mojibake.ambiguous``) and left as it is. Characters next to a repair whose bytes
were lost in the first bad decode (``鍙戝竷浼�``: the last UTF-8 byte of 会 went
missing with the U+FFFD) are flagged ``mojibake.lost-bytes``, never invented.

Damaged text wrapped afterwards (OCR of a printout, a PDF layout) may break a line
inside a character's bytes: ``鍏充簬鍙戝`` / ``竷閫氱煡`` is 关于发布通知 cut inside 布. A
repair runs on across such a break, and the break goes after the character it cut
(``关于发布`` / ``通知``); at a break between characters it stops, as at a line end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import accumulate, chain

from ..changes import Edit
from ..decoding import char_score, common_fraction
from ..patterns import YI_SYLLABLES
from ..pipeline import Context
from .glyphs import candidate_class

# A run of non-ASCII characters, on across line breaks between two of them: text wrapped
# after the bad decode may break a line inside a character's bytes (鍙戝 / 竷 for 发布).
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+(?:\n+[^\x00-\x7f]+)*")
_BREAK_THEN_WIDE = re.compile(r"\n+[^\x00-\x7f]")
# Byte stretches shaped like UTF-8. ASCII is included: a GBK trail byte 40-7E is an
# ASCII letter that followed a character whose last UTF-8 byte was left over (发A → 鍙慉).
_UTF8_SHAPED = re.compile(
    rb"(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}){2,}"
)
# What every repair holds: a CJK character's UTF-8 bytes (3: U+3000-303F, U+3400-9FFF,
# U+FF01-FF5E; 4: U+20000-3FFFF), and, the repair being two characters of at least two
# bytes, a second UTF-8 character next to a 3-byte one. A run without it is skipped
# before any character-by-character work: most runs of normal text.
_UNIT = rb"(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})"
_CJK3 = rb"[\xe3-\xe9\xef][\x80-\xbf]{2}"
_MAY_REPAIR = re.compile(_CJK3 + _UNIT + b"|" + _UNIT + _CJK3 + rb"|\xf0[\x80-\xbf]{3}")
# Minimum share of common characters/punctuation in a repair, and how much better
# than the replaced stretch it must be.
MIN_COMMON = 0.8
MIN_GAIN = 0.4
# Round-trips at least this common are flagged when they are not clearly better.
FLAG_COMMON = 0.5
# Short or small-gain repairs are accepted only next to this many clear ones.
MIN_SURE_FOR_SHORT = 2


def _utf8_stretch(data: bytes, starts: list[int], i: int, stop: int) -> tuple[int, str] | None:
    """The longest stretch of characters ``i:j`` (``j <= stop``) whose bytes are complete UTF-8.

    ``starts[k]`` is the offset of character ``k`` in ``data`` (its GB18030 bytes).
    """
    lo = starts[i]
    chunk = data[lo : starts[stop]]
    try:
        chunk.decode("utf-8")
        limit = len(chunk)
    except UnicodeDecodeError as exc:
        limit = exc.start  # the bytes before it are valid UTF-8
    # The last character boundary inside the valid prefix that is also a UTF-8 boundary.
    j = bisect_right(starts, lo + limit, i, stop + 1) - 1
    while j > i:
        try:
            return j, data[lo : starts[j]].decode("utf-8")
        except UnicodeDecodeError:
            j -= 1
    return None


def _candidate_ranges(run: str) -> Iterator[tuple[bytes, list[int], int, int]]:
    """Character ranges of ``run`` whose GB18030 bytes lie in one stretch shaped like UTF-8.

    One regex pass over the bytes: normal text rarely has such a stretch of two
    characters, so the character-by-character search runs only where it can succeed.
    """
    try:
        data = run.encode("gb18030")
        lengths = None
        if _MAY_REPAIR.search(data) is None:
            return
    except UnicodeEncodeError:  # lone surrogates: never part of mojibake
        pieces = [_encode(ch) for ch in run]
        data, lengths = b"".join(pieces), [len(x) for x in pieces]
    starts: list[int] | None = None
    for m in _UTF8_SHAPED.finditer(data):
        if m.end() - m.start() < 4:  # two characters at least
            continue
        if starts is None:
            starts = list(accumulate(lengths or map(_gb_len, run), initial=0))
        first = bisect_left(starts, m.start())
        stop = bisect_right(starts, m.end()) - 1
        if stop - first >= 2:
            yield data, starts, first, stop


@lru_cache(maxsize=65536)
def _gb_len(ch: str) -> int:
    return len(_encode(ch))


_ARTIFACTS_RE = re.compile(f"[{YI_SYLLABLES}]")


def _sans_artifacts(text: str) -> str:
    """Drop Yi syllables (ꎬ ꎮ ꎻ): PDF font artifacts of the source, judged by ``glyphs``."""
    return _ARTIFACTS_RE.sub("", text)


def _is_cjk(ch: str) -> bool:
    """Han, CJK punctuation or full-width forms (a repair to only ·§ or Greek is no repair)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x3FFFF
        or 0x3000 <= cp <= 0x303F
        or 0xFF01 <= cp <= 0xFF5E
    )


def _looks_like_text(decoded: str, min_wide: int) -> bool:
    """Enough non-ASCII characters, some CJK, no control characters, hardly any implausible ones.

    A misaligned read of normal GB text yields Latin, Greek or Cyrillic letters.
    """
    if any((ch < " " and ch not in "\t\n\r\f") or "\x7f" <= ch <= "\x9f" for ch in decoded):
        return False
    wide = [ch for ch in _sans_artifacts(decoded) if ord(ch) >= 0x80]
    if len(wide) < min_wide or not any(_is_cjk(ch) for ch in wide):
        return False
    odd = sum(1 for ch in wide if char_score(ch) == 0)
    return odd <= len(wide) // 10


def _improvement(before: str, decoded: str) -> tuple[float, float]:
    """(common share of the repair, gain over the replaced stretch), in the better script.

    Script-aware because mojibake characters are often common *Traditional* ones
    (細, 為 from GBK's extension rows) while the repair is Simplified, or the reverse.
    """
    before, decoded = _sans_artifacts(before), _sans_artifacts(decoded)
    best = (0.0, -1.0)
    for script in (1, 2):
        common = common_fraction(decoded, script)
        best = max(best, (common, common - common_fraction(before, script)))
    return best


def _encode(ch: str) -> bytes:
    try:
        return ch.encode("gb18030")
    except UnicodeEncodeError:  # lone surrogates: never part of mojibake
        return b"\x80"


def _gb_chars(leads: Iterable[int], trails: Iterable[int]) -> str:
    """A character class of the characters decoded from the two-byte GB18030 codes ``lead trail``."""
    trails = list(trails)
    data = bytes(b for lead in leads for trail in trails for b in (lead, trail))
    # Every two-byte code decodes to one (non-ASCII) character.
    return "[" + re.escape(data.decode("gb18030")) + "]"


@cache
def _first_of_pair() -> re.Pattern[str]:
    """The first character of the pair every repair holds, or a lone surrogate.

    Every repair holds a CJK character: three UTF-8 bytes from ``E3-E9``/``EF`` or four from
    ``F0``. In GB18030 a non-ASCII character is two bytes ``[81-FE] [40-7E 80-FE]`` or four
    ``[81-FE] [30-39] [81-FE] [30-39]``, and a four-byte one never lies inside valid UTF-8
    (``30-39`` is no continuation byte, and the third byte would have to start a UTF-8
    character). Read a repair character by character from its first one: a CJK character
    that starts on a lead byte is a character ``[E3-E9 EF F0] [80-BF]``; one that starts on
    a trail byte needs a UTF-8 character left open at the boundary before, with the lead
    byte as its last byte, and the first such one opens on a character ``[E0-EF] [80-BF]``
    (``[C2-DF] [80-BF]`` is whole, ``[F0-F4] [80-BF]`` is closed by the next character's
    trail byte). Either way the repair holds a character ``[E0-F0] [80-BF]`` and, a UTF-8
    character being open after it, the (non-ASCII) character after it: a pair rare in
    normal text (level-2 Hanzi such as 甬), so clean text takes one search. Lone surrogates
    (one byte each in ``_candidate_ranges``) are not covered: a text with one takes every run.
    """
    return re.compile(_first_of_pair_class())


def _first_of_pair_class() -> str:
    """:func:`_first_of_pair` as a character class (the pattern compiled only where used)."""
    return _gb_chars(range(0xE0, 0xF1), range(0x80, 0xC0))[:-1] + "\ud800-\udfff]"


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@cache
def _rare() -> re.Pattern[str]:
    """:func:`_first_of_pair`'s characters and those glyphs looks at (its candidate_class):
    one class, one search for both stages' questions. Most texts hold none of them; the
    glyphs pass that reads the same text then skips its own scan (see Context.rare_free)."""
    return re.compile(_first_of_pair_class()[:-1] + candidate_class() + "]")


def _runs(text: str) -> Iterator[tuple[str, int]]:
    """The non-ASCII runs of ``text`` that may hold a repair, with their offsets."""
    first = _first_of_pair()
    hit = first.search(text)
    if hit is None:
        return
    if _SURROGATE_RE.search(text, hit.start()) is not None:
        for m in _NON_ASCII_RUN.finditer(text):
            yield m.group(), m.start()
        return
    while hit is not None:
        start = hit.start()
        after = text[start + 1 : start + 2]
        if not after or (after < "\x80" and (after != "\n" or not _BREAK_THEN_WIDE.match(text, start + 1))):
            hit = first.search(text, start + 1)  # not followed by a non-ASCII character
            continue
        # The pair is two non-ASCII characters, so it lies inside one run: find its start.
        start = _run_start(text, start)
        run = _NON_ASCII_RUN.match(text, start)
        assert run is not None
        yield run.group(), start
        hit = first.search(text, run.end())


def _run_start(text: str, pos: int) -> int:
    """Where the run (see _NON_ASCII_RUN) holding the non-ASCII character at ``pos`` starts."""
    while pos:
        prev = text[pos - 1]
        if prev >= "\x80":
            pos -= 1
        elif prev == "\n":
            k = pos - 1
            while k and text[k - 1] == "\n":
                k -= 1
            if not k or text[k - 1] < "\x80":
                break
            pos = k - 1
        else:
            break
    return pos


def _unwrapped(run: str) -> tuple[str, list[int] | None]:
    """``run`` without its line breaks, and the offset in ``run`` of each character left
    (None when it has no line break)."""
    if "\n" not in run:
        return run, None
    at = [k for k, ch in enumerate(run) if ch != "\n"]
    return run.replace("\n", ""), at


def _within_lines(
    found: tuple[int, str], data: bytes, starts: list[int], at: list[int], i: int
) -> tuple[int, str]:
    """The stretch ``found`` from character ``i`` (of an unwrapped run), cut at its first line
    break that falls between two of its repaired characters: a repair runs on across a break
    only when the break cut a character's bytes (wrapped after the bad decode). A file read
    whole as GBK breaks its lines between characters, and the next line may start with
    normal text whose bytes happen to read as UTF-8 (执 is D6 B4, a Hebrew point)."""
    j, decoded = found
    breaks = [b for b in range(i + 1, j) if at[b] - at[b - 1] > 1]
    if breaks:
        ends = set(accumulate(len(ch.encode("utf-8", "surrogatepass")) for ch in decoded))
        for b in breaks:
            if starts[b] - starts[i] in ends:
                return b, data[starts[i] : starts[b]].decode("utf-8")
    return found


def _rewrapped(decoded: str, run: str, at: list[int], starts: list[int], i: int, j: int) -> str:
    """``decoded`` (the repair of the unwrapped characters ``i:j``) with the line breaks that
    lay between them put back, each after the repaired character its break cut into (the
    bytes before a break hold its start): 鍙戝 / 竷 → 发布 / ."""
    breaks = [
        (starts[b] - starts[i], run[at[b - 1] + 1 : at[b]]) for b in range(i + 1, j) if at[b] - at[b - 1] > 1
    ]
    if not breaks:
        return decoded
    pieces: list[str] = []
    pos = k = 0  # bytes of ``decoded`` so far; breaks put back
    for ch in decoded:
        while k < len(breaks) and breaks[k][0] <= pos:
            pieces.append(breaks[k][1])
            k += 1
        pieces.append(ch)
        pos += len(ch.encode("utf-8", "surrogatepass"))
    pieces += [newlines for _, newlines in breaks[k:]]
    return "".join(pieces)


def repair_mojibake(text: str, ctx: Context) -> list[Edit]:
    if _rare().search(text) is None:
        ctx.rare_free = text  # and so no pair for _runs to find
        return []
    runs = _runs(text)
    first_run = next(runs, None)
    if first_run is None:
        return []  # (most texts: one search finds no pair, and nothing else is made)
    sure: list[tuple[int, int, str]] = []  # (start, end, repair): clearly better on its own
    likely: list[tuple[int, int, str, int]] = []  # better, but short or a small gain; + wide count
    unsure: list[tuple[int, int, str]] = []
    for wrapped, base in chain((first_run,), runs):
        run, at = _unwrapped(wrapped)
        for data, starts, first, stop in _candidate_ranges(run):
            i = first
            while i < stop:
                # A UTF-8 character starts with C2-F4; anything else cannot begin a repair.
                if not 0xC2 <= data[starts[i]] <= 0xF4:
                    i += 1
                    continue
                found = _utf8_stretch(data, starts, i, stop)
                if found is not None and at is not None:
                    found = _within_lines(found, data, starts, at, i)
                if found is None or found[0] - i < 2 or not _looks_like_text(found[1], 1):
                    i += 1
                    continue
                j, decoded = found
                common, gain = _improvement(run[i:j], decoded)
                wide = sum(1 for ch in _sans_artifacts(decoded) if ord(ch) >= 0x80)
                start, end = (base + i, base + j) if at is None else (base + at[i], base + at[j - 1] + 1)
                if at is not None:
                    decoded = _rewrapped(decoded, wrapped, at, starts, i, j)
                if common >= MIN_COMMON and gain >= MIN_GAIN and wide >= 2:
                    sure.append((start, end, decoded))
                elif common >= MIN_COMMON and gain > 0:
                    likely.append((start, end, decoded, wide))
                elif common >= FLAG_COMMON and gain > 0 and wide >= 2:
                    unsure.append((start, end, decoded))
                else:
                    i += 1
                    continue
                i = j
    # A short word (制度 read as 鍒跺害: two of the three are common characters too) or a
    # lone character (元ꎻ from 鍏冴幓) is too little evidence on its own, but enough in a
    # document where longer stretches were surely UTF-8 read as GBK. Alone, words are
    # flagged and single characters left alone (too little to bother a reader with).
    if len(sure) >= MIN_SURE_FOR_SHORT:
        sure += [(start, end, decoded) for start, end, decoded, _ in likely]
    else:
        unsure += [(start, end, decoded) for start, end, decoded, wide in likely if wide >= 2]
    edits = [_repair_edit(text, start, end, decoded) for start, end, decoded in sorted(sure)]
    for start, end, decoded in sorted(unsure):
        ctx.flag(
            "mojibake.ambiguous",
            f"{_one_line(text[start:end])} might be UTF-8 read as GBK ({_one_line(decoded)}); left unchanged",
            start,
            end,
            {"candidate": decoded},
        )
    for _, end, _ in sure:
        _flag_lost_bytes(ctx, text, end)
    return edits


def _repair_edit(text: str, start: int, end: int, decoded: str) -> Edit:
    """The repair of ``text[start:end]`` as one edit.

    A UTF-8 byte-order mark read as GBK with the text (锘夸负… → U+FEFF 为…) comes back as
    U+FEFF: the repair drops it, as the encoding stage drops every BOM (else a second run
    would).
    """
    note = ""
    if "\ufeff" in decoded:
        decoded, note = decoded.replace("\ufeff", ""), " (its byte-order mark dropped)"
    if "\n" in decoded:
        note += " (across a line break)"
    reason = f"UTF-8 text read as GBK: {_one_line(text[start:end])[:12]} → {_one_line(decoded)[:8]}{note}"
    return Edit(start, end, decoded, "mojibake", reason)


def _one_line(text: str) -> str:
    return text.replace("\n", "")


def _flag_lost_bytes(ctx: Context, text: str, end: int) -> None:
    """Flag the characters after a repair when they hold a U+FFFD of the first bad decode."""
    rest = text[end : end + 4]
    k = rest.find("\ufffd")
    if k != -1 and all(ord(ch) >= 0x80 for ch in rest[:k]):
        ctx.flag(
            "mojibake.lost-bytes",
            f"{rest[: k + 1]} lost bytes when this UTF-8 text was read as GBK; cannot repair",
            end,
            end + k + 1,
        )


PASSES = (repair_mojibake,)

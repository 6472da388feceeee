"""Stage `structure`: read the GB/T 9704-2012 structure of the cleaned text into metadata.

It runs last and changes nothing (its pass returns no edits). A circular is laid out
in fixed parts, and once the earlier stages have repaired the text each part is a
line of its own::

    湖南省教育厅                            发文机关标志 (issuers, mark)
    湘教复字〔2023〕283号                   发文字号 (doc_number)
    对省政协十三届一次会议第0400号提案的答复  标题 (title)
    叶玉泉、颜肇臻委员：                      主送机关 (addressees)
    ...                                      正文
    湖南省教育厅                            发文机关署名 (signatories)
    2023年6月5日                            成文日期 (date, ISO 2023-06-05)
    （此件主动公开）                         附注 (disclosure)
    联系人：... 联系电话：...                (contact)
    抄送：省政府办公厅（2），省政协提案委（2）。 (cc, a list)
    ZJAC00-2024-0001                        统一编号 (registration_code)

How the two header-aware stages combine: the ``header`` stage writes what it saw
while repairing the header to ``ctx.metadata["header"]`` (it alone saw the fragments
and the glued mark). This stage takes issuers, mark, doc_number and title from there
when the header stage ran, and otherwise parses the final text with the header
stage's own reader (read-only, on a scratch context). Everything below the title it
reads from the final text. The fields land at the top level of ``ctx.metadata``;
a field that is absent is ``None`` (``[]`` for lists).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ..changes import Edit
from ..lexicon import load_lexicon
from ..patterns import CN_DIGITS
from ..pipeline import Context
from . import header as header_stage

WS = header_stage.WS
FIELDS = (
    "issuers",
    "mark",
    "doc_number",
    "title",
    "addressees",
    "signatories",
    "date",
    "disclosure",
    "cc",
    "contact",
    "registration_code",
)
DATE_LINE = re.compile(r"(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
CN_DATE_LINE = re.compile(
    rf"(?P<y>(?=[^年]*[一二三四五六七八九])[〇○零OoＯ0一二三四五六七八九]{{4}})年"
    rf"(?P<m>[{CN_DIGITS}]{{1,3}})月(?P<d>[{CN_DIGITS}]{{1,3}})日"
)
# Month and day numbers of one or two ASCII digits up to 31, as two digits.
_TWO_DIGITS = {str(i): f"{i:02d}" for i in range(32)} | {f"{i:02d}": f"{i:02d}" for i in range(10)}
# The longest text either date pattern matches in full: 二〇二二年十二月三十一日 (4+1+3+1+3+1).
MAX_DATE_LINE = 13
DISCLOSURE = re.compile(r"[（(]此件[^（）()]{1,16}[)）]")
CC_LINE = re.compile(r"抄送[：:](?P<rest>.*)")
_CC_OPENERS = ("抄送：", "抄送:")  # how a line CC_LINE matches opens
_CC_SEPARATORS = "、，,；;"
CC_SPLIT = re.compile(f"[{_CC_SEPARATORS}]")
# The items of a cc list, 。 a separator too (one findall: a split, a filter and a list of
# the pieces made more calls and objects).
_CC_ITEMS = re.compile(f"[^{_CC_SEPARATORS}。]+")
CONTACT_LABELS = {
    "联系人": "person",
    "联系电话": "phone",
    "电话": "phone",
    "联系地址": "address",
    "地址": "address",
    "邮政编码": "postcode",
    "邮编": "postcode",
    "电子邮箱": "email",
    "传真": "fax",
}
CONTACT_RE = re.compile("(" + "|".join(sorted(CONTACT_LABELS, key=len, reverse=True)) + ")[：:]")
CONTACT_START = re.compile(r"[（(]?联系(?:人|电话|地址)[：:]")
# ``"联系" in text`` (a two-character ``in`` scans the text at a third of this search's speed,
# and 联 alone is common: 联合, 联动).
_CONTACT_WORD = re.compile("联系")
# OCR often reads the 〇 of 二〇二二 as a letter O or a digit 0.
_CN_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": 0,
    "○": 0,
    "O": 0,
    "o": 0,
    "Ｏ": 0,
    "0": 0,
    "两": 2,
}
# A line that is one of 年 月 日 (spaces aside; [^\S\n] is str.isspace but the line end).
_DATE_PIECE_LINE = re.compile(r"^[^\S\n]*[年月日][^\S\n]*$", re.MULTILINE)
# The 日 that ends a line (what every date line ends with). (A loop of one-character finds
# over the 日 of a text costs more instructions than this search.)
_ENDS_IN_DAY = re.compile(r"日[^\S\n]*$", re.MULTILINE)
CC_ITEM_MAX = 24
TOP_LINES = header_stage.MAX_TOP_LINES  # the title and document number are up there
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


_TORN_MAX = max(header_stage.TORN_OPEN_MAX, header_stage.TORN_PIECE_MAX)


def _is_torn_piece(s: str) -> bool:
    s = "".join(s.split())  # (squeeze, inline: this runs for every text)
    if len(s) > _TORN_MAX:
        return False  # longer than either kind of piece
    return bool(header_stage.is_torn_open(s) or header_stage.TORN_PIECE.fullmatch(s))


def cn_number(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十一 → 21, 三十 → 30."""
    if not s:
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_VALUE.get(tens, -1) if tens else 1
        o = _CN_VALUE.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 else t * 10 + o
    if len(s) == 1:
        return _CN_VALUE.get(s)
    return None


def parse_date(line: str) -> str | None:
    """A line that is only a date → ISO: ``2023年 6月 5日`` and ``二〇二二年四月一日``."""
    # Full-width digits (２０２５) when the width stage did not run.
    if "日" not in line:
        return None
    # A line DATE_LINE matches as it is holds no whitespace: it is its squeezed self (the
    # usual date line, without the squeeze).
    m = DATE_LINE.fullmatch(line)
    if m is None:
        s = "".join(line.split())  # (squeeze, inline)
        if len(s) > MAX_DATE_LINE:
            return None  # longer than anything DATE_LINE or CN_DATE_LINE matches
        # (Translated only when needed: \d and int() take full-width digits alike, so a line
        # DATE_LINE matches as it is gives the same numbers translated.)
        s = s.translate(FULLWIDTH_DIGITS)
        m = DATE_LINE.fullmatch(s)
    if m:
        ys, ms, ds = m.groups()
        mo2, d2 = _TWO_DIGITS.get(ms), _TWO_DIGITS.get(ds)
        if mo2 is not None and d2 is not None and ys.isascii():
            # ASCII digits (the usual case): the ISO date is made of the digits as they are.
            return f"{ys}-{mo2}-{d2}" if "00" < mo2 <= "12" and d2 != "00" else None
        y, mo, d = int(ys), int(ms), int(ds)
    else:
        m = CN_DATE_LINE.fullmatch(s)
        if not m:
            return None
        y = int("".join(str(_CN_VALUE[c]) for c in m["y"]))
        mo_, d_ = cn_number(m["m"]), cn_number(m["d"])
        if mo_ is None or d_ is None:
            return None
        mo, d = mo_, d_
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


_squeeze = header_stage.squeeze


def read_structure(text: str, ctx: Context) -> list[Edit]:
    # The text is read line by line only where a field can be: the top (down to the
    # addressees) and the lines that hold a field's word (日, 此件, 抄, 联系, -), which
    # str.find finds. A "content" line has more than WS (see _first_content).
    lex = load_lexicon(ctx.options.lexicon)
    head = ctx.metadata.get("header")
    if not head:
        scratch = Context(options=ctx.options, source_name=ctx.source_name)
        header_stage.repair_header(text, scratch)
        head = scratch.metadata["header"]
    title, doc_number = head.get("title"), head.get("doc_number")

    # Where the body starts: after the title, else after the document number, else the top.
    # (The Sichuan layout puts the document number below the title: take the later one.)
    # (squeeze inline: this runs for every text)
    below = _after_top_line(text, "".join(title.split())) if title else 0  # the body is below
    if doc_number:
        target = "".join(doc_number.split())
        # (Usually the number is a line above the title: then it cannot move the body down.)
        if not _line_ending_by(text, target, below):
            below = max(below, _after_top_line(text, target))
    first = _first_content(text, below)
    # Pieces of a torn document number sit between the title and the addressees.
    while first is not None and _is_torn_piece(first[2]):
        first = _first_content(text, first[1] + 1)
    body = len(text) + 1 if first is None else first[0]  # where the body's first line starts

    addressees = None if first is None or not (title or doc_number) else _addressees(text, first)
    date_at, date, signed_at, signature = _date(text, body, lex)
    if date_at is None:
        # A lone 年/月/日 line right under a signature: the date was torn apart.
        torn = next(
            (
                m.start()
                for m in _DATE_PIECE_LINE.finditer(text, body)
                if m.start() > body and lex.segment("".join(_previous(text, m.start()).split()))
            ),
            None,
        )
        if torn is not None:
            ctx.flag(
                "date_torn",
                "成文日期 torn into pieces by the PDF extractor; no date read",
                torn,
                _line_end(text, torn),
            )
        date_at = torn
    if signature:  # under a signature, _date has read its last line: go on from there
        signatories = _signatories(text, signed_at, lex, list(signature))
    else:
        signatories = [] if date_at is None else _signatories(text, date_at, lex, [])
    # The fields below the date are read from the lines holding a given word (此件, 抄,
    # 联系, -): _holding finds those. (One store per field, in FIELDS order: a dict literal
    # and its update cost more.)
    meta = ctx.metadata
    meta["issuers"] = list(head.get("issuers") or [])
    meta["mark"] = head.get("mark")
    meta["doc_number"] = doc_number
    meta["title"] = title
    meta["addressees"] = addressees
    meta["signatories"] = signatories
    meta["date"] = date
    meta["disclosure"] = _first_full(DISCLOSURE, text, body, "此件")
    meta["cc"] = _cc(text, body)
    # (Most texts hold no 联系 and no -: one search or ``in`` says so, without the calls; a
    # 联系 above ``body`` only gives _contact no line, so None too.)
    meta["contact"] = _contact(_holding(text, body, "联系")) if _CONTACT_WORD.search(text) else None
    meta["registration_code"] = _first_full(header_stage.REG_CODE, text, 0, "-") if "-" in text else None
    return []


def _first_full(pattern: re.Pattern[str], text: str, body: int, needle: str) -> str | None:
    """The first line from ``body`` down holding ``needle`` that ``pattern`` matches in full
    once squeezed, squeezed (_holding's loop, inline: this runs for every text)."""
    pos = _find(text, needle, body)
    while pos >= 0:
        end = text.find("\n", pos)
        s = "".join(text[text.rfind("\n", 0, pos) + 1 : end if end >= 0 else len(text)].split())
        if pattern.fullmatch(s):
            return s
        if end < 0:
            return None
        pos = _find(text, needle, end + 1)
    return None


def _find(text: str, word: str, pos: int) -> int:
    """``text.find(word, pos)`` by one-character finds of the word's first character: those
    are a memchr, several times faster than a find of two characters when the first is rare
    (此 of 此件)."""
    first = word[0]
    pos = text.find(first, pos)
    while pos >= 0 and not text.startswith(word, pos):
        pos = text.find(first, pos + 1)
    return pos


def _same_squeezed(s: str, target: str) -> bool:
    """``_squeeze(s) == target`` for a squeezed ``target`` (squeezing only shortens)."""
    return s == target or (len(s) > len(target) and _squeeze(s) == target)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


# From a line start: the lines of WS only, then the first content line (group 1), the first
# line holding a character that is neither WS nor the line end.
_FIRST_CONTENT = re.compile(r"(?:[ \t\u3000\u00a0]*\n)*([ \t\u3000\u00a0]*[^ \t\u3000\u00a0\n][^\n]*)")


def _first_content(text: str, pos: int) -> tuple[int, int, str] | None:
    """The first content line from the line starting at ``pos`` down, or None: its start,
    its end (its "\\n" or the end of the text) and its text stripped of WS."""
    # (One match from the line start: a search for the content character and the finds of
    # its line's ends cost more calls.)
    m = _FIRST_CONTENT.match(text, pos)
    if m is None:
        return None
    start, end = m.span(1)
    return start, end, text[start:end].strip(WS)


def _content_below(text: str, pos: int) -> Iterator[tuple[int, int, str]]:
    """The content lines from the line starting at ``pos`` down (see _first_content)."""
    while (line := _first_content(text, pos)) is not None:
        yield line
        pos = line[1] + 1


def _previous(text: str, pos: int) -> str:
    """The content line above the line starting at ``pos`` (callers know there is one)."""
    while pos > 0:
        end = pos - 1
        pos = text.rfind("\n", 0, end) + 1
        s = text[pos:end].strip(WS)
        if s:
            return s
    return ""


def _after_top_line(text: str, target: str) -> int:
    """Where the line after the first of the first TOP_LINES content lines that squeezes to
    ``target`` (squeezed) starts, or 0 if there is none."""
    pos = text.find(target) if target else -1
    end = pos + len(target)
    if pos >= 0 and text[pos - 1 : pos] in ("\n", "") and text[end : end + 1] in ("\n", ""):
        # Usually ``target`` is a line of its own, where str.find finds it first. A line
        # above that squeezed to it too would hold it with spaces inside (not as it is:
        # find found that first), so it would be longer than ``target``.
        # The lines above hold ``pos - breaks`` characters in all: when that is no more
        # than ``target``'s length, none is longer (one count, without the lines' list).
        breaks = text.count("\n", 0, pos)
        if breaks < TOP_LINES and pos - breaks <= len(target):
            return end + 1
        above = text[:pos].split("\n")
        if len(above) <= TOP_LINES and max(map(len, above)) <= len(target):
            return end + 1
    for _, line_end, s in islice(_content_below(text, 0), TOP_LINES):
        if _same_squeezed(s, target):
            return line_end + 1
    return 0


def _line_ending_by(text: str, target: str, limit: int) -> bool:
    """Is the first ``target`` in ``text`` a whole line that ends before ``limit``? Then
    _after_top_line(text, target) <= limit: it gives the end of that line (+1), of a line
    above it that squeezes to ``target`` too, or 0."""
    pos = text.find(target) if target else -1
    end = pos + len(target)
    return (
        pos >= 0 and end < limit and text[pos - 1 : pos] in ("\n", "") and text[end : end + 1] in ("\n", "")
    )


def _holding(text: str, body: int, needle: str) -> Iterator[tuple[int, str]]:
    """The content lines from offset ``body`` (a line start) down that hold ``needle``, in
    order: one str.find per such line instead of a look at every line."""
    pos = text.find(needle, body)
    while pos >= 0:
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        if end < 0:
            yield start, text[start:].strip(WS)
            return
        yield start, text[start:end].strip(WS)
        pos = text.find(needle, end + 1)


def _addressees(text: str, line: tuple[int, int, str] | None) -> str | None:
    """主送机关: the first line(s) of the body, from ``line`` (its first content line),
    ending in ：(a wrapped one is joined)."""
    parts: list[str] = []
    for _ in range(3):
        if line is None:
            return None
        s = line[2]
        if "。" in s or s.startswith(("附件", "联系", "抄送")):
            return None
        parts.append(s)
        if s.endswith(("：", ":")):
            joined = "".join(parts)[:-1].strip(WS)
            return joined or None
        line = _first_content(text, line[1] + 1)
    return None


def _date(text: str, body: int, lex: Any) -> tuple[int | None, str | None, int, tuple[str, ...]]:
    """成文日期: the first date line under a signature, else the first date line at all, from
    offset ``body`` down: (the line's start, ISO date, and for a date under a signature the
    start of the signature line right above it and its names, else (0, ())).

    Only lines whose last character is 日 can be a date line (parse_date).
    """
    first: tuple[int | None, str | None, int, tuple[str, ...]] = (None, None, 0, ())
    # (A search per line, not finditer: the usual text has one such line, under its
    # signature, and needs no search past it.)
    search = _ENDS_IN_DAY.search
    m = search(text, body)
    while m is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        stop = m.end()
        iso = parse_date(text[start:stop].strip(WS))
        if iso:
            if first[0] is None:
                first = (start, iso, 0, ())
            if start > body:
                # The content line above (_previous, inline, with where it starts:
                # _signatories goes on from there with its names).
                pos, s = start, ""
                while pos > 0 and not s:
                    end = pos - 1
                    pos = text.rfind("\n", 0, end) + 1
                    s = text[pos:end].strip(WS)
                # (segment_names without its calls: squeeze inline, the lexicon's memo
                # without a copy)
                names = lex.segment("".join(s.split()))
                if names:
                    return start, iso, pos, names
        m = search(text, stop)
    return first


def _signatories(text: str, pos: int, lex: Any, names: list[str]) -> list[str]:
    """发文机关署名: the agency-name lines right above the line starting at ``pos`` (several
    per line allowed), before ``names`` (those of the lines below, up to the date)."""
    while pos > 0:  # (_content_above's loop, inline)
        end = pos - 1
        pos = text.rfind("\n", 0, end) + 1
        line = text[pos:end]
        if not line:
            continue
        # (A line no name can end, running text, is told without squeezing it: its last
        # character is the squeezed line's.)
        tail = line.rstrip()
        if tail and not lex.can_end_name(tail, len(tail)):
            break
        s = "".join(line.split())  # (squeeze, inline)
        if not s:
            if line.strip(WS):
                break  # a content line of spaces WS does not hold: no name
            continue
        found = lex.segment(s)  # (segment_names without the call and the copy)
        if not found:
            break
        names[:0] = found
    return names


def _cc(text: str, body: int) -> list[str]:
    """抄送: the first line from ``body`` down that starts with 抄送：, and the rest of its list."""
    pos = text.find("抄", body)
    while pos >= 0:  # (_holding's loop, inline: this runs for every text)
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        # (CC_LINE's match by startswith: a squeezed line holds no "\n" for its ``.*`` to
        # stop at, so its rest is all after the three characters.)
        line = "".join(text[text.rfind("\n", 0, pos) + 1 : end].split())
        if not line.startswith(_CC_OPENERS):
            pos = text.find("抄", end + 1)
            continue
        rest = line[3:]
        # A cc list may wrap or run over several lines (each ending in 。); it stops at the
        # 印发 line, a label, a date, or anything that is not a list of short names.
        # (Most cc lists end the text: one match says so, without the generators below.)
        # (A line that ends the text, "\n" or not, has none below: no match needed.)
        below = (
            _content_below(text, end + 1)
            if end + 1 < len(text) and _FIRST_CONTENT.match(text, end + 1)
            else ()
        )
        for _, _, more in islice(below, 4):
            more = _squeeze(more)
            items = [x for x in CC_SPLIT.split(more.rstrip("。")) if x]
            if "印发" in more or "：" in more or ":" in more or parse_date(more):
                break
            if not items or any(len(x) > CC_ITEM_MAX for x in items):
                break
            # After a closed line (。) only another closed line continues the list; the
            # 印发机关 line below the cc list has no 。.
            if rest.endswith("。") and not more.endswith("。"):
                break
            rest += ("" if rest.endswith(("。", "、", "，")) else "、") + more
        # (``rest`` is squeezed lines and 、: no item has WS or 。 to strip.)
        return _CC_ITEMS.findall(rest)
    return []


def _contact(after: Iterable[tuple[int, str]]) -> dict[str, str] | None:
    contact: dict[str, str] = {}
    for _, s in after:
        if not CONTACT_START.match(s):
            continue
        body = s.strip("（）()")
        marks = list(CONTACT_RE.finditer(body))
        for m, nxt in zip(marks, [*marks[1:], None], strict=True):
            value = body[m.end() : nxt.start() if nxt else len(body)].strip(WS + "，,；;。")
            key = CONTACT_LABELS[m.group(1)]
            if value and key not in contact:
                contact[key] = value
    return contact or None


PASSES = (read_structure,)

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
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import repeat
from operator import itemgetter
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
# The longest text either date pattern matches in full: 二〇二二年十二月三十一日 (4+1+3+1+3+1).
MAX_DATE_LINE = 13
DISCLOSURE = re.compile(r"[（(]此件[^（）()]{1,16}[)）]")
CC_LINE = re.compile(r"抄送[：:](?P<rest>.*)")
CC_SPLIT = re.compile(r"[、，,；;]")
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
DATE_PIECE = re.compile(r"年|月|日")
CC_ITEM_MAX = 24
TOP_LINES = header_stage.MAX_TOP_LINES  # the title and document number are up there
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _is_torn_piece(s: str) -> bool:
    s = _squeeze(s)
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
    s = _squeeze(line)
    if len(s) > MAX_DATE_LINE:
        return None  # longer than anything DATE_LINE or CN_DATE_LINE matches
    s = s.translate(FULLWIDTH_DIGITS)
    m = DATE_LINE.fullmatch(s)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
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
    lex = load_lexicon(ctx.options.lexicon)
    lines = text.split("\n")
    # (index, stripped line) of the lines that are not blank
    content = list(filter(itemgetter(1), enumerate(map(str.strip, lines, repeat(WS)))))
    meta: dict[str, Any] = {"issuers": [], "signatories": [], "cc": []}

    head = ctx.metadata.get("header")
    if not head:
        scratch = Context(options=ctx.options, source_name=ctx.source_name)
        header_stage.repair_header(text, scratch)
        head = scratch.metadata["header"]
    for key in ("issuers", "mark", "doc_number", "title"):
        meta[key] = head.get(key)
    meta["issuers"] = list(meta["issuers"] or [])

    # Where the body starts: after the title, else after the document number, else the top.
    # (The Sichuan layout puts the document number below the title: take the later one.)
    body_from = 0  # where `after` starts in `content`: just below the anchor line
    for wanted in (meta["title"], meta["doc_number"]):
        if wanted:
            target = _squeeze(wanted)
            at = next((k for k, (_, s) in enumerate(content[:TOP_LINES]) if _same_squeezed(s, target)), -1)
            body_from = max(body_from, at + 1)
    after = content[body_from:]
    # Pieces of a torn document number sit between the title and the addressees.
    while after and _is_torn_piece(after[0][1]):
        after = after[1:]

    meta["addressees"] = _addressees(after) if (meta["title"] or meta["doc_number"]) else None
    date_at, meta["date"] = _date(after, _holding(after, text, "日"), lex)
    if date_at is None:
        # A lone 年/月/日 line right under a signature: the date was torn apart.
        torn = next(
            (
                i
                for k, (i, s) in enumerate(after)
                if k
                and DATE_PIECE.fullmatch(_squeeze(s))
                and header_stage.segment_names(_squeeze(after[k - 1][1]), lex)
            ),
            None,
        )
        if torn is not None:
            start = sum(len(line) + 1 for line in lines[:torn])
            ctx.flag(
                "date_torn",
                "成文日期 torn into pieces by the PDF extractor; no date read",
                start,
                start + len(lines[torn]),
            )
        date_at = torn
    if date_at is not None:
        meta["signatories"] = _signatories(content, date_at, lex)
    # Each field below is read from lines holding a given word: _holding finds those.
    meta["disclosure"] = next(
        (
            _squeeze(after[k][1])
            for k in _holding(after, text, "此件")
            if DISCLOSURE.fullmatch(_squeeze(after[k][1]))
        ),
        None,
    )
    meta["cc"] = _cc(after, _holding(after, text, "抄"))
    meta["contact"] = _contact(after[k] for k in _holding(after, text, "联系"))
    meta["registration_code"] = next(
        (
            _squeeze(content[k][1])
            for k in _holding(content, text, "-")
            if header_stage.REG_CODE.fullmatch(_squeeze(content[k][1]))
        ),
        None,
    )
    for key in FIELDS:
        ctx.metadata[key] = meta.get(key)
    return []


def _same_squeezed(s: str, target: str) -> bool:
    """``_squeeze(s) == target`` for a squeezed ``target`` (squeezing only shortens)."""
    return s == target or (len(s) > len(target) and _squeeze(s) == target)


def _holding(entries: list[tuple[int, str]], text: str, needle: str) -> Iterator[int]:
    """The positions in ``entries`` (content lines of ``text``, in order) of the lines that
    hold ``needle``, in order: one str.find per such line instead of a test of every line."""
    pos = text.find(needle)
    line = counted = 0
    while pos >= 0:
        line += text.count("\n", counted, pos)
        counted = pos
        k = bisect_left(entries, line, key=itemgetter(0))
        if k < len(entries) and entries[k][0] == line:
            yield k
        end = text.find("\n", pos)
        if end < 0:
            return
        pos = text.find(needle, end + 1)


def _addressees(after: list[tuple[int, str]]) -> str | None:
    """主送机关: the first line(s) after the title, ending in ：(a wrapped one is joined)."""
    parts: list[str] = []
    for _, s in after[:3]:
        if "。" in s or s.startswith(("附件", "联系", "抄送")):
            return None
        parts.append(s)
        if s.endswith(("：", ":")):
            joined = "".join(parts)[:-1].strip(WS)
            return joined or None
    return None


def _date(after: list[tuple[int, str]], candidates: Iterable[int], lex: Any) -> tuple[int | None, str | None]:
    """成文日期: the first date line under a signature, else the first date line at all.

    ``candidates``: the positions in ``after`` that may hold a date (the lines with 日).
    """
    first: tuple[int | None, str | None] = (None, None)
    for k in candidates:
        i, s = after[k]
        iso = parse_date(s)
        if not iso:
            continue
        if first[0] is None:
            first = (i, iso)
        if k and header_stage.segment_names(_squeeze(after[k - 1][1]), lex):
            return i, iso
    return first


def _signatories(content: list[tuple[int, str]], date_at: int, lex: Any) -> list[str]:
    """发文机关署名: the agency-name lines right above the date (several per line allowed)."""
    names: list[str] = []
    below = bisect_left(content, date_at, key=itemgetter(0))  # content[:below]: the lines above
    for _, s in reversed(content[:below]):
        found = header_stage.segment_names(_squeeze(s), lex)
        if not found:
            break
        names[:0] = found
    return names


def _cc(after: list[tuple[int, str]], candidates: Iterable[int]) -> list[str]:
    """抄送: ``candidates`` are the positions in ``after`` of the lines with 抄."""
    for k in candidates:
        m = CC_LINE.match(_squeeze(after[k][1]))
        if not m:
            continue
        rest = m["rest"]
        # A cc list may wrap or run over several lines (each ending in 。); it stops at the
        # 印发 line, a label, a date, or anything that is not a list of short names.
        for _, more in after[k + 1 : k + 5]:
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
        return [x.strip(WS + "。") for x in CC_SPLIT.split(rest.replace("。", "、")) if x.strip(WS + "。")]
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

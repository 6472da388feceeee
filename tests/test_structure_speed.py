"""The structure stage agrees with its plain form (every line of the text read into a list of
content lines, each field looked for among them) on generated texts."""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import repeat
from operator import itemgetter
from typing import Any

from conftest import CIRCULAR, REALDOCS, SEEDS
from docclean.lexicon import load_lexicon
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import header as header_stage
from docclean.stages import structure as S

_squeeze = header_stage.squeeze
WS = S.WS


def plain_read_structure(text: str, ctx: Context) -> None:
    """read_structure as it was: a list of every content line, then each field."""
    lex = load_lexicon(ctx.options.lexicon)
    lines = text.split("\n")
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
    body_from = 0
    for wanted in (meta["title"], meta["doc_number"]):
        if wanted:
            target = _squeeze(wanted)
            at = next((k for k, (_, s) in enumerate(content[: S.TOP_LINES]) if _squeeze(s) == target), -1)
            body_from = max(body_from, at + 1)
    after = content[body_from:]
    while after and S._is_torn_piece(after[0][1]):
        after = after[1:]
    meta["addressees"] = _addressees(after) if (meta["title"] or meta["doc_number"]) else None
    date_at, meta["date"] = _date(after, _holding(after, text, "日"), lex)
    if date_at is None:
        torn = next(
            (
                i
                for k, (i, s) in enumerate(after)
                if k
                and _squeeze(s) in ("年", "月", "日")
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
    meta["disclosure"] = next(
        (
            _squeeze(after[k][1])
            for k in _holding(after, text, "此件")
            if S.DISCLOSURE.fullmatch(_squeeze(after[k][1]))
        ),
        None,
    )
    meta["cc"] = _cc(after, _holding(after, text, "抄"))
    meta["contact"] = S._contact(after[k] for k in _holding(after, text, "联系"))
    meta["registration_code"] = next(
        (
            _squeeze(content[k][1])
            for k in _holding(content, text, "-")
            if header_stage.REG_CODE.fullmatch(_squeeze(content[k][1]))
        ),
        None,
    )
    for key in S.FIELDS:
        ctx.metadata[key] = meta.get(key)


def _holding(entries: list[tuple[int, str]], text: str, needle: str) -> Iterator[int]:
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
    first: tuple[int | None, str | None] = (None, None)
    for k in candidates:
        i, s = after[k]
        iso = plain_parse_date(s)
        if not iso:
            continue
        if first[0] is None:
            first = (i, iso)
        if k and header_stage.segment_names(_squeeze(after[k - 1][1]), lex):
            return i, iso
    return first


def _signatories(content: list[tuple[int, str]], date_at: int, lex: Any) -> list[str]:
    names: list[str] = []
    below = bisect_left(content, date_at, key=itemgetter(0))
    for _, s in reversed(content[:below]):
        found = header_stage.segment_names(_squeeze(s), lex)
        if not found:
            break
        names[:0] = found
    return names


def _cc(after: list[tuple[int, str]], candidates: Iterable[int]) -> list[str]:
    for k in candidates:
        m = S.CC_LINE.match(_squeeze(after[k][1]))
        if not m:
            continue
        rest = m["rest"]
        for _, more in after[k + 1 : k + 5]:
            more = _squeeze(more)
            items = [x for x in S.CC_SPLIT.split(more.rstrip("。")) if x]
            if "印发" in more or "：" in more or ":" in more or plain_parse_date(more):
                break
            if not items or any(len(x) > S.CC_ITEM_MAX for x in items):
                break
            if rest.endswith("。") and not more.endswith("。"):
                break
            rest += ("" if rest.endswith(("。", "、", "，")) else "、") + more
        return [x.strip(WS + "。") for x in S.CC_SPLIT.split(rest.replace("。", "、")) if x.strip(WS + "。")]
    return []


def plain_parse_date(line: str) -> str | None:
    if "日" not in line:
        return None
    s = _squeeze(line)
    if len(s) > S.MAX_DATE_LINE:
        return None
    s = s.translate(S.FULLWIDTH_DIGITS)
    m = S.DATE_LINE.fullmatch(s)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    else:
        m = S.CN_DATE_LINE.fullmatch(s)
        if not m:
            return None
        y = int("".join(str(S._CN_VALUE[c]) for c in m["y"]))
        mo_, d_ = S.cn_number(m["m"]), S.cn_number(m["d"])
        if mo_ is None or d_ is None:
            return None
        mo, d = mo_, d_
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# Lines that steer the fields: dates (also torn, full-width, out of range), signatures,
# disclosure notes, cc lists, contacts, registration codes, torn document numbers.
EXTRA = [
    "2023年6月5日",
    "2023年 6月 5日 ",
    "２０２５年４月３０日",
    "2023年13月5日",
    "2023年6月32日",
    "2023年06月05日",
    "二〇二二年四月一日",
    "二O二二年十二月三十一日",
    "到2023年6月5日前完成。",
    "年",
    " 月",
    "日\u3000",
    "湖南省教育厅",
    "湖南省教育厅 湖南省财政厅",
    "（此件主动公开）",
    "(此件依申请公开)",
    "抄送：省政府办公厅（2），省政协提案委（2）。",
    "抄 送：教育部办公厅、",
    "省财政厅。",
    "湖南省教育厅办公室 2023年6月5日印发",
    "联系人：张三，联系电话：0731-1234567",
    "（联系人：李四；电话：123）",
    "ZJAC00-2024-0001",
    "湘教发〔",
    "2022",
    "〕",
    "号",
    "各市州教育局：",
    "\r",
    "\u3000",
    "",
    "",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    docs = [CIRCULAR] + [p.read_text(encoding="utf-8") for p in [*SEEDS, *REALDOCS]]
    out = [*docs]
    for _ in range(n):
        lines = rng.choice(docs).split("\n")
        for _ in range(rng.randint(1, 8)):
            at = rng.randint(0, len(lines))
            r = rng.random()
            if r < 0.6:
                lines.insert(at, rng.choice(EXTRA))
            elif r < 0.8 and lines:
                del lines[min(at, len(lines) - 1)]
            elif r < 0.9 and lines:  # a letter-spaced copy of a line above it
                k = min(at, len(lines) - 1)
                lines.insert(rng.randint(0, k), " ".join(lines[k]))
            elif lines:  # letter-space or indent a line
                k = min(at, len(lines) - 1)
                lines[k] = (
                    rng.choice([" ", "\u3000", ""]).join(lines[k]) if rng.random() < 0.5 else "  " + lines[k]
                )
        out.append("\n".join(lines) + rng.choice(["", "\n"]))
    return out


def test_read_structure_agrees_with_the_plain_form() -> None:
    options = Options()
    for text in _texts(400, 11):
        # With the header stage's metadata and without (structure reads the header itself).
        heads = [{}]
        scratch = Context(options=options)
        header_stage.repair_header(text, scratch)
        heads.append({"header": scratch.metadata["header"]})
        for meta in heads:
            want, got = (
                Context(options=options, metadata=dict(meta)),
                Context(options=options, metadata=dict(meta)),
            )
            plain_read_structure(text, want)
            S.read_structure(text, got)
            assert got.metadata == want.metadata, text
            assert got.flags == want.flags, text


def test_parse_date_agrees_with_the_plain_form() -> None:
    rng = random.Random(3)
    pieces = [
        "19",
        "20",
        "２０",
        "0",
        "1",
        "2",
        "3",
        "9",
        "０",
        "３",
        "٣",
        "年",
        "月",
        "日",
        " ",
        "二",
        "〇",
        "十",
        "O",
    ]
    lines = [*EXTRA, "2023年1月1日", "1999年12月31日", "2023年00月5日", "2023年6月0日", "2023年6月00日"]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) + "日" for _ in range(20000)]
    for line in lines:
        assert S.parse_date(line) == plain_parse_date(line), line


# (text, the header stage's fields) for the corners random texts seldom reach.
CASES = [
    # The title is an agency name: the date right below it is not "under a signature".
    ("湖南省教育厅\n2023年6月5日\n正文。\n湖南省财政厅\n2023年7月1日\n", {"title": "湖南省教育厅"}),
    # A line of a character WS does not strip ends the signature block.
    ("标题\n正文。\n湖南省教育厅\n\r\n湖南省财政厅\n2023年6月5日", {"title": "标题"}),
    ("标题\n正文。\n湖南省教育厅\n \n湖南省财政厅\n\n2023年6月5日", {"title": "标题"}),
    # A letter-spaced copy of the document number above it, and one more than 60 lines down.
    ("湘 教 发〔2022〕7号\n湘教发〔2022〕7号\n标题\n各单位：", {"doc_number": "湘教发〔2022〕7号"}),
    ("\n" * 70 + "湘教发〔2022〕7号\n各单位：", {"doc_number": "湘教发〔2022〕7号"}),
    ("甲\n" * 70 + "湘教发〔2022〕7号\n各单位：", {"doc_number": "湘教发〔2022〕7号"}),
    # The title inside a longer line first, then on its own; at the very end of the text.
    ("关于印发办法的通知（草稿）\n关于印发办法的通知\n各单位：\n", {"title": "关于印发办法的通知"}),
    ("湖南省教育厅\n关于印发办法的通知", {"title": "关于印发办法的通知"}),
    # A torn date under a signature; a cc list over several lines, the last one a date.
    ("标题\n各单位：\n正文。\n湖南省教育厅\n年\n", {"title": "标题"}),
    ("标题\n正文。\n抄送：省政府办公厅，\n省财政厅。\n2023年6月5日\n", {"title": "标题"}),
]


def test_read_structure_corners() -> None:
    options = Options()
    for text, fields in CASES:
        head = {"issuers": [], "mark": None, "doc_number": None, "title": None, "resolved": True, **fields}
        want = Context(options=options, metadata={"header": head})
        got = Context(options=options, metadata={"header": dict(head)})
        plain_read_structure(text, want)
        S.read_structure(text, got)
        assert got.metadata == want.metadata, text
        assert got.flags == want.flags, text

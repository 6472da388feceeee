"""documents.document_starts agrees with its plain form (a regex scan for every line ending
in ：, and the walk up from every addressee line) on generated batch texts."""

from __future__ import annotations

import random
import re

from docclean import documents as D
from docclean.documents import document_starts
from test_documents import circular

# The plain form the fast paths replace.
_COLON_END = re.compile(r"[：:][ \t\r\u3000\u00a0]*(?=\n|\r|\f|\Z)")


def plain_document_starts(text: str) -> list[int]:
    starts: list[int] = []
    floor = 0
    newline = "\r" if "\r" in text and "\n" not in text else "\n"
    for m in _COLON_END.finditer(text):
        end = m.start()
        if end < floor:
            continue
        line_start = D._line_start(text, end, newline)
        if not D._is_addressee(D._SPACES.sub("", text[line_start : m.end()])):
            continue
        cut = plain_header_start(text, line_start, floor, newline)
        if cut is not None:
            starts.append(cut)
            floor = m.end()
    return starts


def plain_header_start(text: str, addressee_start: int, floor: int, newline: str) -> int | None:
    """documents._header_start without the look for a sentence or comma before the walk."""
    lines: list[tuple[int, str]] = []
    feeds: list[int] = []
    pos = addressee_start
    low = max(floor, addressee_start - D._HEADER_CHARS)
    wrap = 0
    while True:
        if pos <= low:
            return None
        end = pos - 1
        if text[end] == "\f":
            feeds.append(pos)
        start = D._line_start(text, end, newline)
        content = D._SPACES.sub("", text[start:end])
        pos = start
        if not content:
            continue
        if D._STOP.search(content):
            break
        if content[-1] in "：:":
            return None
        if D._COMMA.search(content) or content[-1] in "、":
            if len(lines) == wrap and wrap < D._ADDRESSEE_WRAP:
                wrap += 1
                lines.append((start, content))
                continue
            break
        lines.append((start, content))
        if len(lines) >= D._HEADER_LINES:
            return None
    lines = lines[wrap:]
    lines.reverse()
    head = 0
    for i, (_, c) in enumerate(lines):
        if D._is_mark(c) or "关于" in c or c.endswith(D._TITLE_ENDS):
            break
        if D._is_tail(c):
            head = i + 1
    block = lines[head:]
    if not block or any(D.OUTLINE_RE.match(c) for _, c in block) or not D._names_document(block):
        return None
    cut = block[0][0]
    first_mark = next((s for s, c in block if D._is_mark(c)), cut)
    numbers = {s for s, c in lines[:head] if D._PAGE_NUMBER.fullmatch(c)}
    tail_starts = [s for s, _ in lines[:head]]
    for feed in sorted(feeds):
        if feed <= first_mark and (feed > cut or all(s in numbers for s in tail_starts if s >= feed)):
            cut = feed
            break
    return cut


# Lines that steer the walk: colons with trailing spaces, lead-ins, commas, sentences, tails.
EXTRA = [
    "各市州教育局：",
    "各市州教育局: \u3000",
    "各单位：\r",
    "具体要求如下：",
    "附件：1.名单",
    "一、总体要求：",
    "湖南省教育厅，",
    "省直有关单位、",
    "现将有关事项通知如下。",
    "请认真贯彻执行ꎮ",
    "10:30",
    "：",
    ":",
    "- 3 -",
    "（此件主动公开）",
    "2022年4月1日印发",
    "湘教发〔2022〕7号",
    "关于加强管理的通知",
    "",
    " ",
]


HEADERISH = [
    "湖南省教育厅",
    "文件",
    "湘教发〔2022〕7号",
    "关于加强管理的通知",
    "第0400号提案的答复",
    "省直有关单位、",
    "湖南省教育厅，",
    "2022年4月1日",
    "（此件主动公开）",
    "- 2 -",
    "",
    "\f",
    "为做好工作。",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = [line for kind in range(4) for line in circular(kind).split("\n")] + EXTRA
    docs = [circular(kind) for kind in range(4)]
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.3:  # a few header-like lines (few with punctuation) and an addressee line
            lines = [rng.choice(HEADERISH) for _ in range(rng.randint(1, 8))]
            text = "\n".join([*lines, rng.choice(EXTRA[:3]), rng.choice(pool)])
        elif r < 0.6:  # whole circulars with noise lines between them
            parts = []
            for _ in range(rng.randint(1, 4)):
                parts.append(rng.choice(docs))
                parts.extend(rng.choice(pool) for _ in range(rng.randint(0, 3)))
            text = rng.choice(["\n", "\f", "\f\n", "\n\n"]).join(parts)
        else:  # lines drawn from the pool
            lines = [rng.choice(pool) for _ in range(rng.randint(0, 40))]
            text = "".join(
                line + rng.choice(["\n", "\n", "\n", "\f", "\r\n", "\r", "\n\f"]) for line in lines
            )
        if rng.random() < 0.2:
            text = text.replace("\n", rng.choice(["\r\n", "\r"]))
        out.append(text)
    return out


def test_document_starts_agrees_with_the_plain_scan() -> None:
    found = 0
    for text in _texts(3000, 7):
        want = plain_document_starts(text)
        assert document_starts(text) == want, repr(text)
        found += bool(want)
    assert found > 600  # the generated texts do hold later documents

"""The header stage's shortcut for a wrapped title without spaces (joins from line end to
line start, the title read as the lines' text) agrees with the full reading, which also
finds and removes the spaces of spaced titles; and the characters a title line must hold
for one of the tests that end a title to hold."""

from __future__ import annotations

import random
from itertools import pairwise
from operator import attrgetter

from docclean.changes import Edit
from docclean.stages import header as H


def plain_apply_local(line: H.Line, edits: list[Edit]) -> str:
    """_apply_local without its shortcut for a line without spaces."""
    out = line.text
    for e in sorted(edits, key=attrgetter("start"), reverse=True):
        if line.start <= e.start and e.end <= line.end:
            out = out[: e.start - line.start] + e.after + out[e.end - line.start :]
    return out.strip()


def plain_title_edits(title_lines: list[tuple[int, H.Line]]) -> tuple[list[Edit], str]:
    """_title_edits without its shortcut for lines without spaces."""
    edits: list[Edit] = []
    for _, line in title_lines:
        edits += H._title_space_edits(line)
    for (_, a), (_, b) in pairwise(title_lines):
        a_end = a.start + len(a.text.rstrip())
        b_start = b.start + (len(b.text) - len(b.text.lstrip()))
        left, right = a.text.rstrip()[-1:], b.text.lstrip()[:1]
        glue = " " if (left.isascii() and left.isalnum() and right.isascii() and right.isalnum()) else ""
        edits = [e for e in edits if not (a_end <= e.start and e.end <= b_start)]
        edits.append(Edit(a_end, b_start, glue, "title-join", "title split over lines"))
    return edits, "".join([plain_apply_local(line, edits) for _, line in title_lines])


def test_title_edits_agree_with_the_full_reading() -> None:
    rng = random.Random(13)
    titles = [
        "关于印发《湖南省加强老旧小区改造资金管理若干措施》的通知",
        "对省政协十三届一次会议第0400号提案的答复",
        "关于开展2023年度PPP项目绩效评价工作的通知（试行）",
        "关于转发教育部 Web 3.0 试点工作方案的通知",
    ]
    spaces = [" ", "\u3000", "\t", "\u00a0", "\u2003", "\x1c"]
    plain = 0
    for _ in range(3000):
        title = rng.choice(titles)
        cuts = sorted(rng.sample(range(1, len(title)), rng.choice([1, 1, 2, 3])))
        pieces = [title[a:b] for a, b in pairwise([0, *cuts, len(title)])]
        if rng.random() < 0.4:  # spaces inside, before or after some pieces
            pieces = [
                rng.choice(["", rng.choice(spaces)]) + p + rng.choice(["", "", rng.choice(spaces)])
                for p in pieces
            ]
        lines = H.split_lines("前\n" + "\n".join(pieces))[1:]
        title_lines = [(i, line) for i, line in enumerate(lines, 1) if not line.blank]
        if len(title_lines) == len(pieces) and "".join(pieces).isprintable() and " " not in "".join(pieces):
            plain += 1
        assert H._title_edits(title_lines) == plain_title_edits(title_lines), pieces
    assert plain > 1000


def test_apply_local_of_a_line_without_spaces_is_its_text() -> None:
    line = H.split_lines("前\n关于印发办法的通知")[1]
    edits = [Edit(0, 1, "", "title-join", "x"), Edit(line.end, line.end + 2, "", "title-join", "y")]
    assert H._apply_local(line, edits) == plain_apply_local(line, edits) == line.text


def test_title_line_stops_need_their_characters() -> None:
    """_title_lines runs its stop tests (registration code, page mark, document number whole,
    torn or split) only on lines with a character one of them needs: without one, none holds."""
    rng = random.Random(17)
    pool = "湘教发湖南省教育厅关于通知号签发人：AZ-—－–0123456789２０〔〕[]【】()（）［］〖〗{} \u3000"
    seen = 0
    for _ in range(20000):
        text = rng.choice(["", "", "湘教发〔", "湘教发〔202", "- 3", "ZJAC00-2024-", "湘教发〔2022〕7"])
        text += "".join(rng.choice(pool) for _ in range(rng.randint(0, 6)))
        lines = H.split_lines(text + "\n2022〕7号\n" + rng.choice(["", "〕", "号"]))
        s = lines[0].squeezed
        if not s:
            continue
        stops = bool(
            H._skippable(lines[0])
            or H.match_doc_number(s)
            or H.is_torn_open(s)
            or H._split_number(lines, 0, range(len(lines)))
        )
        if stops:
            seen += 1
            assert s[0] in H._SKIPPABLE_FIRST or "号" in s or s[-1] in H._OPEN or s[-1].isdigit(), text
    assert seen > 300

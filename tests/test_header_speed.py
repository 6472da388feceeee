"""The header stage's fast paths agree with their plain definitions: Line's eager squeezed
text and blank flag, the lazy rest of split_lines, and the cheap rejections in front of
match_doc_number, _skippable, whitespace_runs and _title_space_edits."""

from __future__ import annotations

import random
import re

from docclean.patterns import HSPACE_RE
from docclean.stages import header as H

_OPEN = "〔[【(（［〖{"
_CLOSE = "〕]】)）］〗}"
# Spaces of every kind str.isspace knows (and \n, which split_lines cuts at).
SPACES = " \t\u3000\u00a0\u2000\u200a\u202f\u205f\r\x0b\x0c\x1c\x85\u2028"
POOL = "湘教发湖南省教育厅文件号签发人：AZ-—－–0123456789２０" + _OPEN + _CLOSE + SPACES + "\n"


def _strings(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = ["", " ", "\n", "湘教发〔2022〕7号", "湘 教 发 [2022] 7 号", "- 3 -", "ZJAC00-2024-0001", "文 件"]
    for _ in range(n):
        out.append("".join(rng.choice(POOL) for _ in range(rng.randint(0, 16))))
    return out


def test_lines_are_their_plain_definitions() -> None:
    for s in _strings(3000, 1):
        for limit in (-1, 0, 1, 2, 5):
            lines = H.split_lines(s, limit)
            want = s.split("\n", limit)
            assert [line.text for line in lines] == want
            pos = 0
            for line, raw in zip(lines, want, strict=True):
                assert (line.start, line.end) == (pos, pos + len(raw))
                assert line.squeezed == H.squeeze(raw)
                assert line.blank == (not raw or raw.isspace())
                assert line.char_positions() == [pos + i for i, c in enumerate(raw) if not c.isspace()]
                pos += len(raw) + 1


PLAIN_DOC_NUMBER = re.compile(
    rf"(?P<prefix>[^{re.escape(_OPEN)}]{{1,12}})(?P<open>[{re.escape(_OPEN)}])"
    rf"(?P<year>(?:19|20|１９|２０)\d\d)(?P<close>[{re.escape(_CLOSE)}])(?P<num>\d{{1,5}})号"
    rf"(?P<signer>签发人[：:].{{1,20}})?"
)


def test_cheap_rejections_agree_with_the_patterns() -> None:
    for s in _strings(3000, 2):
        line = H.split_lines(s.replace("\n", ""))[0]
        sq = line.squeezed
        m = PLAIN_DOC_NUMBER.fullmatch(sq)
        want = m if m is not None and H.all_cjk(m["prefix"]) and m["prefix"][0] != "号" else None
        got = H.match_doc_number(sq)
        assert (got is None) == (want is None), s
        assert H._skippable(line) == bool(H.REG_CODE.fullmatch(sq) or H.PAGE_MARK.fullmatch(sq)), s
        runs = [(line.start + m.start(), line.start + m.end()) for m in HSPACE_RE.finditer(line.text)]
        assert H.whitespace_runs(line) == runs, s
    # _title_space_edits: no whitespace, no edit (it only edits SPACES runs).
    assert H._title_space_edits(H.split_lines("关于印发办法的通知")[0]) == []
    assert H._title_space_edits(H.split_lines(" 关于 印发")[0]) != []

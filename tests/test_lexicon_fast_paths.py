"""The fast paths of the lexicon and the header stage agree with their plain definitions."""

from __future__ import annotations

import random
import re

from docclean.lexicon import all_cjk, load_lexicon
from docclean.patterns import CJK_CHARS, CJK_PUNCT, char_ranges
from docclean.stages import header

_OPEN = "〔[【(（［〖{"
_CLOSE = "〕]】)）］〗}"
# The definitions the fast paths replace.
DOC_NUMBER = re.compile(
    rf"(?P<prefix>[{CJK_CHARS}]{{1,12}})(?P<open>[{re.escape(_OPEN)}])(?P<year>(?:19|20|１９|２０)\d\d)"
    rf"(?P<close>[{re.escape(_CLOSE)}])(?P<num>\d{{1,5}})号(?P<signer>签发人[：:].{{1,20}})?"
)
TORN_OPEN = re.compile(rf"[{CJK_CHARS}]{{1,12}}[{re.escape(_OPEN)}]")
TITLE_GLUE = re.compile(f"[{CJK_CHARS}{CJK_PUNCT}«»]")
# Characters at the edges of the CJK ranges, and some that are not CJK.
EDGES = "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uf8ff\uf900\ufaff\ufb00\U00020000a1 \u3000"


def _strings(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = EDGES + "湘教发川办规签发人：号" + _OPEN + _CLOSE + "0123456789２０"
    out = ["", "湘教发〔2022〕7号", "川办规〔２０２５〕６号", "湘教〔2023〕5号签发人：张三", "川办规〔"]
    for _ in range(n):
        if rng.random() < 0.5:
            out.append("".join(rng.choice(pool) for _ in range(rng.randint(0, 14))))
        else:
            prefix = "".join(rng.choice("湘教发川办规a" + EDGES[:12]) for _ in range(rng.randint(0, 14)))
            year = rng.choice(["2022", "２０２５", "1999", "203"])
            out.append(
                prefix + rng.choice(_OPEN) + year + rng.choice(_CLOSE) + str(rng.randint(0, 99999)) + "号"
            )
    return out


def test_all_cjk_is_the_cjk_class() -> None:
    whole = re.compile(f"[{CJK_CHARS}]+")
    for s in _strings(3000, 1):
        assert all_cjk(s) == bool(whole.fullmatch(s)), s


def test_doc_number_and_torn_open_match_their_patterns() -> None:
    for s in _strings(3000, 2):
        old, new = DOC_NUMBER.fullmatch(s), header.match_doc_number(s)
        assert (old is None) == (new is None), s
        if old and new:
            assert [old.span(g) for g in range(7)] == [new.span(g) for g in range(7)], s
        assert bool(TORN_OPEN.fullmatch(s)) == header.is_torn_open(s), s


def test_title_glue_is_the_class() -> None:
    for c in map(chr, range(0x10000)):
        assert header._title_glue(c) == bool(TITLE_GLUE.match(c)), hex(ord(c))


def test_char_ranges() -> None:
    assert char_ranges("a-cx-") == (("a", "c"), ("x", "x"), ("-", "-"))


def test_segment_splits_joint_headers() -> None:
    lex = load_lexicon()
    assert lex.segment("教育部国家发展改革委财政部") == ("教育部", "国家发展改革委", "财政部")
    assert lex.segment("本通知自2024年4月3日起施行。") is None
    assert header.segment_names("湖南省教育厅湖南省财政厅", lex) == ["湖南省教育厅", "湖南省财政厅"]


def test_an_empty_user_ending_turns_the_final_character_filter_off(tmp_path) -> None:
    extra = tmp_path / "lex.tsv"
    extra.write_text("ending\t \tx\n", encoding="utf-8")
    lex = load_lexicon([extra])
    assert "" in lex.endings and lex.can_end_name("湖南省财", 4)
    # Any body then ends a name: the index by last character must not rule one out.
    assert lex.is_agency_name("湖南省财")
    assert lex.segment("湖南省财湖南省教育厅") == ("湖南省财", "湖南省教育厅")
    for s in ("湖南省财", "湖南省教育厅", "的", ""):
        assert lex.endings_of(s)[-1:] == [""]

"""The header stage's memo of line kinds agrees with reading each line afresh, for one
lexicon and when the lexicon changes between calls (a user lexicon knows more names)."""

from __future__ import annotations

import random

from conftest import generated_circulars
from docclean.lexicon import Lexicon, Region, data_words, load_lexicon
from docclean.stages import header as H


def plain_classify(line: H.Line, lex: Lexicon) -> H.HeaderLine | None:
    """_classify as it was before its memo."""
    s = line.squeezed
    if not s:
        return None
    marks = data_words("marks.txt")
    if s in marks:
        return H.HeaderLine(line, "mark", None, "", s, s)
    body, mark = H.split_mark(s) if s.endswith(marks) else (s, "")
    names = lex.segment(body)
    if names:
        return H.HeaderLine(line, "names", list(names), "", mark, s)
    if lex.is_name_tail(body):
        return H.HeaderLine(line, "tail", None, body, mark, s)
    if not mark and H.is_fragment(s, lex):
        return H.HeaderLine(line, "fragment", None, "", "", s)
    return None


def fields(h: H.HeaderLine | None) -> tuple | None:
    if h is None:
        return None
    return (h.line, h.kind, h.names, h.tail, h.mark, h.squeezed, h.at, h.prefix, h.note)


def header_lines() -> list[str]:
    """The first lines of generated circulars, and pieces of them cut and glued."""
    rng = random.Random(11)
    tops = [line for text in generated_circulars(40) for line in text.split("\n")[:12]]
    out = list(tops)
    for _ in range(1500):
        s = rng.choice(tops)
        a = rng.randrange(len(s) + 1)
        b = rng.randrange(a, len(s) + 1)
        out.append(s[a:b] + rng.choice(["", "文件", " 文 件", "委员会", "\u3000"]))
    return out


def test_classify_memo_agrees_with_a_fresh_reading() -> None:
    default = load_lexicon()
    # A second lexicon that knows one more region: the memo must not answer for it with
    # the default lexicon's kinds (and back).
    user = Lexicon(
        {**default.regions, "雄安新区": Region("雄安新区", ("雄安",), "user")},
        default.endings,
        default.names,
        default.party_prefixes,
        default.national_prefixes,
    )
    rng = random.Random(3)
    kinds = set()
    for text in [*header_lines(), "雄安新区教育局", "雄安新区", "雄安"]:
        line = H.split_lines(text)[0]
        for lex in rng.sample([default, user, default], 3):
            got = H._classify(line, lex)
            assert fields(got) == fields(plain_classify(line, lex)), (text, lex is user)
            kinds.add(got.kind if got else None)
    assert kinds == {"names", "tail", "mark", "fragment", None}


def test_classify_gives_each_line_its_own_names_list() -> None:
    lex = load_lexicon()
    line = H.split_lines("湖南省教育厅\n湖南省教育厅")
    a, b = H._classify(line[0], lex), H._classify(line[1], lex)
    assert a is not None and b is not None
    assert a.names == b.names == ["湖南省教育厅"] and a.names is not b.names

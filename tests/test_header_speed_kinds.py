"""The header stage's memo of line kinds agrees with reading each line afresh, for one
lexicon and when the lexicon changes between calls (a user lexicon knows more names); so
does its memo of fragments joined to name lines."""

from __future__ import annotations

import random
from bisect import bisect_left

from conftest import generated_circulars
from docclean.changes import Edit
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


def user_lexicon() -> Lexicon:
    """The default lexicon and one more region: some lines read otherwise with it."""
    default = load_lexicon()
    return Lexicon(
        {**default.regions, "雄安新区": Region("雄安新区", ("雄安",), "user")},
        default.endings,
        default.names,
        default.party_prefixes,
        default.national_prefixes,
    )


def test_classify_memo_agrees_with_a_fresh_reading() -> None:
    # The memo must not answer for the user lexicon with the default one's kinds (and back).
    default, user = load_lexicon(), user_lexicon()
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


def plain_name_line_edits(
    hl: H.HeaderLine, prefix: str, mark_target: str | None, fragment_note: str
) -> list[Edit]:
    """_name_line_edits as it was, without its shortcut for a line of one name and no space."""
    line = hl.line
    runs = H.whitespace_runs(line)
    if not (prefix or runs or len(hl.names) > 1 or (mark_target is not None and hl.mark)):
        return []
    positions = line.char_positions()
    s = hl.squeezed
    name_len = len(s) - len(hl.mark)
    cuts: set[int] = set()
    acc = 0
    for name in hl.names[:-1]:
        acc += len(name)
        cuts.add(acc)
    edits: list[Edit] = []
    if prefix:
        edits.append(Edit(positions[0], positions[0], prefix, "header-prefix", fragment_note))
    run_at = {}
    for a, b in runs:
        idx = bisect_left(positions, a)
        run_at[idx] = (a, b)
    for idx, (a, b) in run_at.items():
        if idx == 0 or idx == len(s):
            edits.append(Edit(a, b, "", "letter-spacing", "space around an agency name in the header"))
        elif idx >= name_len and mark_target is not None and hl.mark:
            continue
        elif idx in cuts:
            edits.append(Edit(a, b, "\n", "joint-header", "joint header: one agency name per line"))
        else:
            edits.append(Edit(a, b, "", "letter-spacing", "letter-spaced agency name"))
    for idx in cuts - set(run_at):
        edits.append(
            Edit(
                positions[idx], positions[idx], "\n", "joint-header", "joint header: one agency name per line"
            )
        )
    if mark_target is not None and hl.mark:
        start = run_at[name_len][0] if name_len in run_at else positions[name_len]
        end = positions[-1] + 1
        if mark_target:
            edits.append(
                Edit(
                    start, end, mark_target, "mark", f"mark {hl.mark} on its own line below the agency names"
                )
            )
        else:
            edits.append(Edit(start, end, "", "mark", f"mark {hl.mark} moved below the last agency name"))
    return edits


def test_name_line_edits_agree_with_the_full_reading() -> None:
    lex = load_lexicon()
    rng = random.Random(7)
    names = ["湖南省教育厅", "湖南省财政厅", "教育部", "国家发展改革委", "长沙市人民政府"]
    spaces = ["", "", "", " ", "\u3000", "\t", "\u00a0"]
    seen = {"one": 0, "more": 0}
    for _ in range(3000):
        picked = rng.sample(names, rng.choice([1, 1, 1, 2, 3]))
        mark = rng.choice(["", "", "文件"])
        chars = "".join(picked) + mark
        if rng.random() < 0.5:  # letter-spaced here and there
            text = "".join(c + (rng.choice(spaces) if rng.random() < 0.3 else "") for c in chars)
        else:
            text = chars
        text = rng.choice(spaces) + text + rng.choice(spaces)
        line = H.split_lines("前\n" + text)[1]
        hl = H._classify(line, lex)
        assert hl is not None and hl.kind == "names", text
        seen["one" if len(hl.names) == 1 else "more"] += 1
        prefix = rng.choice(["", "", "湖南"])
        target = rng.choice([None, "", "\n" + hl.mark]) if hl.mark else None
        note = "note" if prefix else ""
        got = H._name_line_edits(hl, prefix, target, note)
        assert got == plain_name_line_edits(hl, prefix, target, note), (text, prefix, target)
    assert min(seen.values()) > 500


def plain_join(fragment: str, tail: str, lex: Lexicon) -> tuple[str, int] | None:
    """join_with_overlap without its memo."""
    for k in range(H.MAX_OVERLAP, -1, -1):
        if k > len(fragment) or k > len(tail) or fragment[len(fragment) - k :] != tail[:k]:
            continue
        if lex.is_agency_name(fragment + tail[k:]):
            return fragment + tail[k:], k
    return None


def test_join_memo_agrees_with_a_fresh_join() -> None:
    default, user = load_lexicon(), user_lexicon()
    rng = random.Random(9)
    names = ["湖南省发展和改革委员会", "湖南省教育厅", "雄安新区教育局", "中共湖南省委办公厅", "教育部"]
    joined = 0
    for _ in range(2000):
        name = rng.choice(names)
        cut = rng.randrange(len(name) + 1)
        fragment = name[: cut + rng.randrange(3)]
        tail = name[max(0, cut - rng.randrange(3)) :]
        for lex in rng.sample([default, user, default], 3):
            got = H.join_with_overlap(fragment, tail, lex)
            assert got == plain_join(fragment, tail, lex), (fragment, tail, lex is user)
            joined += got is not None
    assert joined > 1000
    assert H.join_with_overlap("雄安新区", "教育局", default) is None
    assert H.join_with_overlap("雄安新区", "教育局", user) == ("雄安新区教育局", 0)


def test_the_end_of_a_lines_last_character_is_its_rstripped_length() -> None:
    """The mark re-inserted after the last name line goes after its last character."""
    rng = random.Random(21)
    spaces = [" ", "\u3000", "\t", "\u00a0", "\u2003", "\x1c", "\u2028", "\x85"]
    for _ in range(2000):
        text = "".join(rng.choice(["湖", "南", "省", "厅", *spaces]) for _ in range(rng.randint(1, 12)))
        line = H.split_lines("前\n" + text + "湖" + rng.choice(["", *spaces]))[1]
        assert line.start + len(line.text.rstrip()) == line.char_positions()[-1] + 1, text

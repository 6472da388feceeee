"""Stage glyphs: candidates found from UTF-16 high bytes, the exception pattern's proof
that every candidate is replaced, and the counts-only Rewrite give exactly what the
plain pass (``old_repair_glyphs``: the table pattern, the two-sided look) gives."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.changes import Rewrite, apply_edits_counted
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import glyphs
from docclean.stages.glyphs import (
    _CHINESE_TEXT,
    _HAN,
    _KINDS,
    REACH,
    _is_private_use,
    _kind,
    _offsets,
    _scan_plan,
    _table_pattern,
    font_table,
)
from test_glyphs_speed import old_repair_glyphs

# Chinese (ideographs, CJK punctuation, full-width forms), spaces and line breaks, digits,
# Yi text, the table's marks (row A3, guillemets), private use, Hangul, Latin.
BMP = "创业年元用经，。；（）《》５  \u3000\n\t5,.ꆈꌠꅉ\ua3a0\ua3ffꎬꎮꎻꎰ«»\ue000\uf8ff가abé"
ASTRAL = "\U001001b0\U00020000"


def _texts(alphabet: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        if rng.random() < 0.2:  # evidence at the edge of REACH
            gap = " " * rng.choice([REACH - 2, REACH - 1, REACH, REACH + 1])
            text = rng.choice(["", "创", "ꌠ"]) + gap + text + gap + rng.choice(["", "创", "ꌠ"])
        texts.append(text)
    return texts


def _same(text: str) -> None:
    old_ctx, log_ctx, bulk_ctx = Context(Options()), Context(Options()), Context(Options(), keep_log=False)
    old = old_repair_glyphs(text, old_ctx)
    assert glyphs.repair_glyphs(text, log_ctx) == old, repr(text)
    assert log_ctx.flags == old_ctx.flags, repr(text)
    bulk = glyphs.repair_glyphs(text, bulk_ctx)
    assert bulk_ctx.flags == old_ctx.flags, repr(text)
    if type(bulk) is Rewrite:
        assert tuple(bulk) == apply_edits_counted(text, old), repr(text)
    else:
        assert bulk == old, repr(text)


def test_generated_texts_give_the_plain_pass() -> None:
    # Both with an empty kind cache and with a warm one (the pass fills it as it goes).
    _KINDS.clear()
    for text in _texts(BMP, 1500, 5) + _texts(BMP + ASTRAL, 300, 6):
        _same(text)


def test_edge_texts_give_the_plain_pass() -> None:
    # Lone surrogates (one UTF-16 unit each), marks at the edges, Latin-1 and ASCII texts.
    for text in [
        "\ud800ꎬ创",
        "创ꎬ\udfff",
        "ꎬ",
        "ꎬ创",
        "创ꎬ",
        "«»",
        "a«b»c",
        "abc",
        "",
        "创ꎬ\U00020000",
    ]:
        _same(text)


def test_texts_of_marks_between_chinese_take_the_bulk_path() -> None:
    rng = random.Random(7)
    bulk = 0
    for _ in range(300):
        pieces = [rng.choice(["创业", "元", " 用 ", "经\n", "年\n\n", "《办法》"]) for _ in range(8)]
        text = "".join(p + rng.choice(["ꎬ", "ꎮ", "ꎻ", "«", ""]) for p in pieces) + "创"
        _same(text)
        bulk += _scan_plan().exception.search(text) is None
    assert 100 < bulk < 300  # both paths taken


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=BMP, max_size=60))
def test_hypothesis_texts_give_the_plain_pass(text: str) -> None:
    _same(text)


def test_candidates_hold_the_table_pattern_and_all_yi_text() -> None:
    plan = _scan_plan()
    table = font_table()
    for text in _texts(BMP, 500, 8):
        data = text.encode("utf-16-le", "surrogatepass")
        offsets = _offsets(text, data[1::2].translate(plan.marks), plan.low)
        assert offsets == sorted(set(offsets))
        found = [m.start() for m in _table_pattern().finditer(text)]
        assert [i for i in offsets if text[i] in table or _is_private_use(text[i])] == found
        yi = [i for i, ch in enumerate(text) if _kind(ch, table) == 1]
        assert set(yi) <= set(offsets), repr(text)


def test_every_bmp_character_of_a_kind_the_bulk_path_reads_is_a_candidate() -> None:
    plan = _scan_plan()
    table = font_table()
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        candidate = ch in plan.low or plan.marks[cp >> 8] == 1
        if ch in table or _is_private_use(ch) or _kind(ch, table) == 1:
            assert candidate, hex(cp)


def test_the_han_class_is_chinese_text() -> None:
    table = font_table()
    lo, hi = (ord(c) for c in _HAN.split("-"))
    assert all(_kind(chr(cp), table) == _CHINESE_TEXT for cp in range(lo, hi + 1))


def test_no_replacement_is_a_code_point_of_the_table() -> None:
    # (else replacing each character in turn could replace a replacement again)
    assert _scan_plan().cjk
    assert not set(_scan_plan().cjk.values()) & font_table().keys()

"""mojibake's one search (``_rare``) answers glyphs' question too: a text it finds nothing
in gets nothing from mojibake reading every run and, unless it holds an astral character
(which glyphs looks for itself), nothing from the plain glyphs pass, so glyphs may skip its
own scan of that text (``Context.rare_free``)."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import glyphs, mojibake
from docclean.stages.glyphs import _BMP_PRIVATE_USE, _YI_RANGES, candidate_class, font_table
from test_glyphs_speed import old_repair_glyphs
from test_mojibake_prefilter import GB2, PIECES

EVERY_RUN = re.compile("[^\x00-\x7f]+")

# Chinese, spaces and line breaks, digits, Latin, Yi text, the glyph table's marks (row A3,
# guillemets), private use, Hangul, astral characters, and GBK readings of UTF-8 (GB2).
ALPHABET = "创业年元用经，。；（）《》５  \u3000\n\t5,.abé가ꆈꌠꅉ\ua3a0\ua3ffꎬꎮꎻꎰ«»\ue000\uf8ff\U001001b0\U00020000"


def _mojibake_every_run(text: str, ctx: Context) -> list:
    runs = mojibake._runs
    mojibake._runs = lambda text: ((m.group(), m.start()) for m in EVERY_RUN.finditer(text))  # type: ignore[assignment]
    try:
        return mojibake.repair_mojibake(text, ctx)
    finally:
        mojibake._runs = runs


def _check(text: str) -> None:
    for keep_log in (True, False):
        ctx = Context(Options(), keep_log=keep_log)
        found = mojibake.repair_mojibake(text, ctx)
        proven = ctx.rare_free is text
        assert proven == (mojibake._rare().search(text) is None), repr(text)
        if proven:
            # What the search skipped: mojibake reading every run, and the plain glyphs pass.
            every = Context(Options(), keep_log=keep_log)
            assert found == [] == _mojibake_every_run(text, every) and not every.flags, repr(text)
            if all(ch <= "\uffff" for ch in text):  # (glyphs looks for astral characters itself)
                plain = Context(Options())
                assert old_repair_glyphs(text, plain) == [] and not plain.flags, repr(text)
        if not found:
            # glyphs after mojibake, as in the pipeline, against glyphs alone.
            alone = Context(Options(), keep_log=keep_log)
            before = len(ctx.flags)  # (mojibake's own)
            assert glyphs.repair_glyphs(text, ctx) == glyphs.repair_glyphs(text, alone), repr(text)
            assert ctx.flags[before:] == alone.flags, repr(text)


def test_the_class_holds_every_character_glyphs_looks_at() -> None:
    cls = re.compile(f"[{candidate_class()}]")
    bmp = [ch for ch in font_table() if ord(ch) <= 0xFFFF]
    blocks = [chr(cp) for lo, hi in [*_YI_RANGES, _BMP_PRIVATE_USE] for cp in range(ord(lo), ord(hi) + 1)]
    assert all(cls.match(ch) for ch in bmp + blocks)
    assert not cls.search("创业年元用经，。；（）《》５  \u3000\n\t5,.abé가")


def test_random_texts() -> None:
    rng = random.Random(8)
    for _ in range(1500):
        # Rare characters now and then: most texts hold none, as most circulars.
        common = "".join(rng.choice(ALPHABET[:26]) for _ in range(rng.randrange(0, 40)))
        rare = "".join(
            rng.choice(ALPHABET[26:] + "".join(rng.sample(GB2, 8))) for _ in range(rng.randrange(3))
        )
        cut = rng.randrange(len(common) + 1)
        _check(common[:cut] + rare + common[cut:])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=12).map("\n".join))
def test_damaged_texts(text: str) -> None:
    _check(text)


def test_what_the_passes_read_of_generated_circulars() -> None:
    for text in corpus_pass_inputs()["mojibake.repair_mojibake"]:
        _check(text)

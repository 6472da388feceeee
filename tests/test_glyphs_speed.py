"""Stage glyphs: the pass's shortcuts (known neighbours, one-sided looks, Edits made
without __init__) give exactly what the plain two-sided look of the old pass gives."""

from __future__ import annotations

import dataclasses
import random

from docclean.changes import Edit
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import glyphs
from docclean.stages.glyphs import REACH, _between_digits, _kind, _table_pattern, font_table


def old_context_is_chinese(text: str, pos: int, table: dict[str, tuple[str, str]]) -> bool | None:
    """The two mirrored loops of the pass before the shortcuts, with no cache."""
    left = right = 0
    i, stop = pos - 1, max(-1, pos - REACH - 1)
    while i > stop:
        kind = _kind(text[i], table)
        if kind != 0:
            left = kind
            break
        i -= 1
    i, stop = pos + 1, min(len(text), pos + REACH + 1)
    while i < stop:
        kind = _kind(text[i], table)
        if kind != 0:
            right = kind
            break
        i += 1
    if left == 1 or right == 1:  # Yi text
        return False
    return True if 2 in (left, right) else None  # Chinese text


def old_repair_glyphs(text: str, ctx: Context) -> list[Edit]:
    table = font_table()
    edits: list[Edit] = []
    unknown: dict[str, list[int]] = {}
    for m in _table_pattern().finditer(text):
        pos = m.start()
        ch = text[pos]
        entry = table.get(ch)
        if entry is None:
            unknown.setdefault(ch, []).append(pos)
            continue
        if edits and pos < edits[-1].end:
            continue
        replacement, context = entry
        detail = {"code_point": f"U+{ord(ch):04X}"}
        if context == "digits":
            ok, end = _between_digits(text, pos)
            if ok:
                edits.append(Edit(pos, end, replacement, "font-glyph", "font-mapped decimal point", detail))
            else:
                ctx.flag(
                    "font-glyph-unsure",
                    f"U+{ord(ch):04X} looks font-mapped but is not between digits; left as is",
                    pos,
                    pos + 1,
                    detail,
                )
            continue
        verdict = old_context_is_chinese(text, pos, table)
        if verdict:
            edits.append(Edit(pos, pos + 1, replacement, "font-glyph", "font-mapped punctuation", detail))
        elif verdict is None and ch not in "«»":
            ctx.flag(
                "font-glyph-unsure",
                f"U+{ord(ch):04X} may be font-mapped {replacement} but has no Chinese context",
                pos,
                pos + 1,
                detail,
            )
    for ch, positions in unknown.items():
        ctx.flag(
            "private-use-glyph",
            f"unmapped private-use character U+{ord(ch):04X} ({len(positions)}x), probably a font-mapped glyph",
            positions[0],
            positions[0] + 1,
            {"code_point": f"U+{ord(ch):04X}", "count": len(positions)},
        )
    return edits


# Chinese, Yi syllables, Latin, looked-through characters, the table's marks, private use.
ALPHABET = "创业青年ꆈꌠꅉabé 　\n5５,，（»«ꎬꎮꎻ\U001001b0\ue000"


def _texts(count: int = 2000) -> list[str]:
    rng = random.Random(11)
    texts = []
    for _ in range(count):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 24)))
        if rng.random() < 0.2:  # a mark far from any telling character (REACH)
            text = text + " " * rng.choice([REACH - 1, REACH, REACH + 1]) + rng.choice("ꎬ创ꌠ")
        texts.append(text)
    return texts


def test_repairs_and_flags_are_those_of_the_plain_look() -> None:
    for text in _texts():
        ctx, old_ctx = Context(Options()), Context(Options())
        new = glyphs.repair_glyphs(text, ctx)
        assert new == old_repair_glyphs(text, old_ctx), repr(text)
        assert [repr(e) for e in new] == [repr(Edit(*dataclasses.astuple(e))) for e in new]
        assert ctx.flags == old_ctx.flags, repr(text)

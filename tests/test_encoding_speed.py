"""Stage encoding: U+FEFF found by a regex gives the edits of the old str.find loop."""

from __future__ import annotations

import random

from docclean.changes import Edit
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages.encoding import normalise_bom_and_newlines


def _old_boms(text: str) -> list[Edit]:
    edits = []
    pos = text.find("\ufeff")
    while pos != -1:
        reason = "byte-order mark dropped" if pos == 0 else "stray byte-order mark (U+FEFF) dropped"
        edits.append(Edit(pos, pos + 1, "", "bom", reason))
        pos = text.find("\ufeff", pos + 1)
    return edits


def test_every_bom_as_before() -> None:
    rng = random.Random(7)
    pieces = ["\ufeff", "\ufeff\ufeff", "通知", "，", "（）", "ab", "\n", "\uffef", "\ufefe", "\u00ff"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        edits = normalise_bom_and_newlines(text, Context(Options()))
        assert edits == _old_boms(text), repr(text)

"""The header stage's counts-only result: where it hands back its output text and count
(``Rewrite``), they are what the pipeline makes of the edits the full-log run gives
(``apply_edits_counted``), and flags and metadata are the same. Out-of-order edits (the
blank lines inside the stack, a moved mark) are among the inputs, and so are edits that
overlap, which the stage leaves to the pipeline."""

from __future__ import annotations

import random

from conftest import both_ways, corpus_pass_inputs
from docclean.changes import _pieces_in_order
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import header as H
from test_header_fixtures import BODY, FIXTURES


def _texts() -> list[str]:
    """Corpus inputs, the fixtures, and stacks shuffled, spaced and cut at random."""
    corpus = corpus_pass_inputs()["header.repair_header"]
    texts = [*corpus, *(fx.text + BODY for fx in FIXTURES)]
    rng = random.Random(8)
    for _ in range(300):
        fx = rng.choice(FIXTURES)
        lines = fx.text.split("\n")
        rng.shuffle(lines)
        out = []
        for line in lines:
            out.append(rng.choice(["", " ", "\u3000"]) + line + rng.choice(["", " ", " 文件", "文 件"]))
            if rng.random() < 0.4:
                out.append(rng.choice(["", " ", "\t"]))
        texts.append("\n".join(out) + BODY)
    return texts


def test_counts_only_result_is_what_the_edits_give() -> None:
    rewrites = unordered = 0
    for text in _texts():
        edits_way, bulk_way, edits = both_ways(H.repair_header, text)
        assert bulk_way == edits_way, text
        if edits and _pieces_in_order(text, edits) is None:
            unordered += 1
        rewrites += bool(edits)
    assert rewrites > 200 and unordered > 50  # both paths are taken


def test_no_edit_gives_no_rewrite() -> None:
    text = "湖南省教育厅关于做好工作的通知。\n各市州教育局：\n"
    assert H.repair_header(text, Context(Options(), keep_log=False)) == []

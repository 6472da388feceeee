"""reflow without the log makes its joins in the pieces of the split text (each line's
gap replaced by what joins it, a hyphen cut dropped from the line before): the same
text and count as its Edits applied, whatever the gaps (blank lines, CRLF, indents,
trailing spaces) and however many circulars run together."""

from __future__ import annotations

import random
import textwrap

from docclean.changes import Rewrite, apply_edits_counted
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages.reflow import _read_lines, reflow
from test_reflow_speed import _wrapped

_GAPS = ["\n", "\n\n", "\n \n", "\r\n", "\r\n\r\n", " \n", "\n\u3000\u3000", "\t\n\n  "]


def _counts_and_log(text: str) -> None:
    ctx = Context(Options())
    ctx.keep_log = False
    fast = reflow(text, ctx)
    edits = reflow(text, Context(Options()))
    assert isinstance(edits, list)
    out, changes, _ = apply_edits_counted(text, edits)
    if type(fast) is Rewrite:
        assert tuple(fast) == (out, changes, 0)
    else:  # nothing joined, or a second run may join more: the Edit path
        assert fast == edits


def test_any_gaps_rewrite_as_their_edits() -> None:
    rng = random.Random(20261124)
    for _ in range(60):
        lines = _wrapped(rng).splitlines()
        text = "".join(line + rng.choice(_GAPS) for line in lines)
        _counts_and_log(text)


def test_hyphen_cuts_rewrite_as_their_edits() -> None:
    body = (
        "The after-school service is an extension of school education and a livelihood project, "
        "which helps students grow in an all-round way, and it is a useful measure for families. "
    ) * 3
    text = "\n".join(textwrap.wrap(body, 30, break_on_hyphens=False)) + "\n"
    text = text.replace("education and", "edu-\ncation and").replace("livelihood", "liveli-\nhood") * 2
    for sep in ("\n", "\r\n", "\n\n"):
        ctx = Context(Options())
        ctx.keep_log = False
        assert type(reflow(text.replace("\n", sep), ctx)) is Rewrite  # (hyphens cut in the pieces)
        _counts_and_log(text.replace("\n", sep))


def test_line_offsets_are_counted_only_when_asked() -> None:
    text = "课后服务是学校教育的延伸\n\n  是解决人民群众急难愁盼问题 \n的民生工程。\n"
    lines = _read_lines(text)
    assert lines is not None and lines.offsets is None
    assert [text[a:b] for a, b in zip(lines.start, lines.end, strict=True)] == lines.content

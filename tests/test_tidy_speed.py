"""tidy and encoding: the literal-search shortcuts propose exactly the edits of the plain scans."""

from __future__ import annotations

import random
import re

from docclean.changes import Edit
from docclean.options import Options
from docclean.patterns import HSPACE, HSPACE_CHARS
from docclean.pipeline import Context
from docclean.stages.encoding import normalise_bom_and_newlines
from docclean.stages.tidy import tidy_lines, tidy_spaces

_RUN = re.compile(f"[{HSPACE}](?:[{HSPACE}]+|$)", re.M)
_BLANK_RUN = re.compile(r"\n\n\n+")
_LEADING_NEWLINES = re.compile(r"\A\n+")
_LINE_END = re.compile(r"\r\n?")


def old_tidy_spaces(text: str) -> list[Edit]:
    """tidy_spaces before the shortcuts: one class scan of every text."""
    edits: list[Edit] = []
    n = len(text)
    for m in _RUN.finditer(text):
        start, end = m.span()
        if end == n or text[end] == "\n":
            edits.append(Edit(start, end, "", "whitespace", "trailing space"))
            continue
        run = m.group()
        if start == 0 or text[start - 1] == "\n":
            kept = "".join(ch for ch in run if ch == "\u3000")
            edits.append(Edit(start, end, kept, "whitespace", "indentation"))
        else:
            keep = "\t" if "\t" in run else run[0]
            edits.append(Edit(start, end, keep, "whitespace", "run of spaces"))
    return edits


def old_tidy_lines(text: str) -> list[Edit]:
    """tidy_lines before the shortcuts: a regex scan for blank runs."""
    edits: list[Edit] = []
    lead = _LEADING_NEWLINES.match(text)
    if lead:
        edits.append(Edit(0, lead.end(), "", "blank-line", "blank lines at the start"))
    floor = lead.end() if lead else 0
    for m in _BLANK_RUN.finditer(text, floor):
        if m.end() == len(text):
            edits.append(Edit(m.start(), m.end(), "\n", "blank-line", "blank lines at the end"))
        else:
            edits.append(Edit(m.start(), m.end(), "\n\n", "blank-line", "run of blank lines"))
    n = len(text)
    if n - floor >= 2 and text.endswith("\n\n") and (n - floor == 2 or text[n - 3] != "\n"):
        edits.append(Edit(n - 2, n, "\n", "blank-line", "blank lines at the end"))
    return edits


def old_newlines(text: str) -> list[Edit]:
    edits: list[Edit] = []
    pos = text.find("\ufeff")
    while pos != -1:
        reason = "byte-order mark dropped" if pos == 0 else "stray byte-order mark (U+FEFF) dropped"
        edits.append(Edit(pos, pos + 1, "", "bom", reason))
        pos = text.find("\ufeff", pos + 1)
    for m in _LINE_END.finditer(text):
        reason = "CRLF line end → LF" if m.group() == "\r\n" else "CR line end → LF"
        edits.append(Edit(m.start(), m.end(), "\n", "newline", reason))
    return edits


def _texts(count: int = 3000) -> list[str]:
    rng = random.Random(4)
    spaces = sorted(HSPACE_CHARS)
    texts = []
    for i in range(count):
        # Mostly no space or ASCII spaces only (the shortcuts), sometimes any kind of space.
        alphabet = ["文", "字", "a", "\n", "\n", "\r", "\ufeff"] + [" "] * (i % 3)
        if i % 4 == 0:
            alphabet += rng.sample(spaces, 2)
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(30)))
        if i % 5 == 0:  # long enough for the proof (_PROOF_MIN_CHARS)
            text = "文" * 500 + text
        texts.append(text)
    return texts


def test_tidy_and_encoding_shortcuts_propose_the_old_edits() -> None:
    ctx = Context(Options())
    for text in _texts():
        assert tidy_spaces(text, ctx) == old_tidy_spaces(text), repr(text)
        assert tidy_lines(text, ctx) == old_tidy_lines(text), repr(text)
        assert normalise_bom_and_newlines(text, ctx) == old_newlines(text), repr(text)

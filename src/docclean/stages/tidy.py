"""Stage ``tidy``: the last word on white space, after every stage that moved text.

OCR and PDF extraction leave runs of spaces, trailing spaces and stacks of blank
lines (pdfminer puts a blank line after every line; earlier stages that remove a page
number leave its blank lines behind):

    "\\n\\n湖南省教育厅   文件  \\n\\n\\n\\n湘教发〔2022〕7号\\n\\n"

becomes ``"湖南省教育厅 文件\\n\\n湘教发〔2022〕7号\\n"``:

* runs of spaces inside a line collapse to their first character (to a tab if they
  hold one: tabs separate table columns);
* spaces and tabs at the end of a line go;
* indentation of two or more spaces goes (layout, not text), except the full-width
  spaces of a paragraph indent (``　　``), which are the document's own typography;
  a single leading space is kept because it marks a page break when ``pages`` did
  not run;
* blank lines at the start of the file go, runs of blank lines become one, and a
  file that ends in newlines ends in exactly one.
"""

from __future__ import annotations

import re

from ..changes import Edit, Rewrite
from ..patterns import HSPACE, only_ascii_spaces
from ..pipeline import Context

# The runs of spaces tidy_spaces acts on: two or more, or any at the end of a line. One
# scan finds the maximal runs, and the code tells trailing ones, indentation and inner
# runs apart.
_RUN = re.compile(f"[{HSPACE}](?:[{HSPACE}]+|$)", re.M)
# The same where the ASCII space is the only kind of space in the text: re searches for a
# pattern that opens with a literal ~10x faster than for one that opens with a class.
_ASCII_RUN = re.compile(" (?: +|$)", re.M)
_NEWLINES = re.compile("\n*")
_LEADING_NEWLINES = re.compile(r"\A\n+")


# Below this length the class scan costs less than the proof's 15 searches (~10K
# instructions a call however short the text; CI batches have many tiny files).
_PROOF_MIN_CHARS = 500


def _run_pattern(text: str, ctx: Context) -> re.Pattern[str] | None:
    """A pattern that finds every run tidy_spaces acts on in ``text``; None: it has no space."""
    # (Context.ascii_spaced: proved by width, handed on by each pass that kept it so.)
    if text is not ctx.ascii_spaced and (len(text) < _PROOF_MIN_CHARS or not only_ascii_spaces(text)):
        return _RUN
    return _ASCII_RUN if " " in text else None


def tidy_spaces(text: str, ctx: Context) -> list[Edit]:
    edits: list[Edit] = []  # in text order: the pipeline applies them without a sort
    runs = _run_pattern(text, ctx)
    if runs is None:
        return edits
    n = len(text)
    for m in runs.finditer(text):
        start, end = m.span()
        if end == n or text[end] == "\n":
            # Trailing, or a line of spaces.
            edits.append(Edit(start, end, "", "whitespace", "trailing space"))
            continue
        run = m.group()
        if start == 0 or text[start - 1] == "\n":
            # Full-width indentation (　　) is the document's typography; the rest is layout.
            kept = "".join(ch for ch in run if ch == "\u3000")
            edits.append(Edit(start, end, kept, "whitespace", "indentation"))
        else:
            # A tab separates table columns: a run that has one keeps it (spacing keeps those too).
            keep = "\t" if "\t" in run else run[0]
            edits.append(Edit(start, end, keep, "whitespace", "run of spaces"))
    return edits


def tidy_lines(text: str, ctx: Context) -> list[Edit] | Rewrite:
    # (start, end, after, reason) of each blank run, in text order; a text mostly has none.
    runs: list[tuple[int, int, str, str]] = []
    floor = 0
    if text.startswith("\n"):
        floor = _LEADING_NEWLINES.match(text).end()  # type: ignore[union-attr]
        runs.append((0, floor, "", "blank lines at the start"))
    n = len(text)
    # Runs of three or more newlines: str.find (a fast substring search) for their start.
    start = text.find("\n\n\n", floor)
    while start != -1:
        end = _NEWLINES.match(text, start + 3).end()  # type: ignore[union-attr]
        if end == n:
            runs.append((start, end, "\n", "blank lines at the end"))
        else:
            runs.append((start, end, "\n\n", "run of blank lines"))
        start = text.find("\n\n\n", end)
    # Exactly two newlines at the end (three or more are a blank run, above).
    if n - floor >= 2 and text.endswith("\n\n") and (n - floor == 2 or text[n - 3] != "\n"):
        runs.append((n - 2, n, "\n", "blank lines at the end"))
    if not runs:
        return []
    if not ctx.keep_log:
        # Each run shrinks (a change each), none overlaps the next: the text between
        # them and their replacements is what the edits give.
        pieces = []
        cursor = 0
        for start, end, after, _ in runs:
            pieces += (text[cursor:start], after)
            cursor = end
        pieces.append(text[cursor:])
        return Rewrite("".join(pieces), len(runs))
    return [Edit(start, end, after, "blank-line", reason) for start, end, after, reason in runs]


PASSES = (tidy_spaces, tidy_lines)

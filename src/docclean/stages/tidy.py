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

from ..changes import Edit
from ..patterns import HSPACE
from ..pipeline import Context

# The runs of spaces tidy_spaces acts on: two or more, or any at the end of a line. One
# scan (the pattern opens with a plain character class, so re scans for it fast) finds
# the maximal runs, and the code tells trailing ones, indentation and inner runs apart.
_RUN = re.compile(f"[{HSPACE}](?:[{HSPACE}]+|$)", re.M)
_BLANK_RUN = re.compile(r"\n\n\n+")
_LEADING_NEWLINES = re.compile(r"\A\n+")


def tidy_spaces(text: str, ctx: Context) -> list[Edit]:
    edits: list[Edit] = []  # in text order: the pipeline applies them without a sort
    n = len(text)
    for m in _RUN.finditer(text):
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


def tidy_lines(text: str, ctx: Context) -> list[Edit]:
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
    # Exactly two newlines at the end (three or more are a blank run, above).
    n = len(text)
    if n - floor >= 2 and text.endswith("\n\n") and (n - floor == 2 or text[n - 3] != "\n"):
        edits.append(Edit(n - 2, n, "\n", "blank-line", "blank lines at the end"))
    return edits


PASSES = (tidy_spaces, tidy_lines)

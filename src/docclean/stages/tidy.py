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

# Patterns open with a plain character class, not a repeat, so that re scans for it fast.
_TRAILING = re.compile(f"[{HSPACE}][{HSPACE}]*$", re.M)
_INNER_RUN = re.compile(f"(?<=[^{HSPACE}\\n])[{HSPACE}]{{2,}}(?=[^{HSPACE}\\n])")
_INDENT = re.compile(f"^[{HSPACE}]{{2,}}(?=[^{HSPACE}\\n])", re.M)
_RUN = re.compile(f"[{HSPACE}][{HSPACE}]+")  # two or more
_BLANK_RUN = re.compile(r"\n\n\n+")
_LEADING_NEWLINES = re.compile(r"\A\n+")
_TRAILING_NEWLINES = re.compile(r"\n\n+\Z")


def tidy_spaces(text: str, ctx: Context) -> list[Edit]:
    edits = [Edit(m.start(), m.end(), "", "whitespace", "trailing space") for m in _TRAILING.finditer(text)]
    # _INNER_RUN and _INDENT match whole runs of two or more spaces: find the runs (a
    # regex starting with a character class scans fast) and tell them apart here.
    indents: list[Edit] = []
    n = len(text)
    for m in _RUN.finditer(text):
        start, end = m.span()
        if end == n or text[end] == "\n":
            continue  # trailing, or a line of spaces
        run = m.group()
        if start == 0 or text[start - 1] == "\n":
            # Full-width indentation (　　) is the document's typography; the rest is layout.
            kept = "".join(ch for ch in run if ch == "\u3000")
            indents.append(Edit(start, end, kept, "whitespace", "indentation"))
        else:
            # A tab separates table columns: a run that has one keeps it (spacing keeps those too).
            keep = "\t" if "\t" in run else run[0]
            edits.append(Edit(start, end, keep, "whitespace", "run of spaces"))
    edits += indents
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
    tail = _TRAILING_NEWLINES.search(text, floor)
    if tail and not _BLANK_RUN.fullmatch(tail.group()):
        edits.append(Edit(tail.start(), tail.end(), "\n", "blank-line", "blank lines at the end"))
    return edits


PASSES = (tidy_spaces, tidy_lines)

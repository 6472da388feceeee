"""tidy: the one-scan passes propose exactly what the per-rule regexes describe."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.options import Options
from docclean.patterns import HSPACE
from docclean.pipeline import Context
from docclean.stages.tidy import tidy_lines, tidy_spaces

# The rules, one regex each.
TRAILING = re.compile(f"[{HSPACE}]+$", re.M)
INNER_RUN = re.compile(f"(?<=[^{HSPACE}\\n])[{HSPACE}]{{2,}}(?=[^{HSPACE}\\n])")
INDENT = re.compile(f"^[{HSPACE}]{{2,}}(?=[^{HSPACE}\\n])", re.M)
BLANK_RUN = re.compile(r"\n\n\n+")
LEADING_NEWLINES = re.compile(r"\A\n+")
TRAILING_NEWLINES = re.compile(r"\n\n+\Z")


def spans(edits: list) -> set[tuple[int, int, str, str]]:
    return {(e.start, e.end, e.after, e.reason) for e in edits}


def expected_spaces(text: str) -> set[tuple[int, int, str, str]]:
    out = {(m.start(), m.end(), "", "trailing space") for m in TRAILING.finditer(text)}
    for m in INNER_RUN.finditer(text):
        keep = "\t" if "\t" in m.group() else m.group()[0]
        out.add((m.start(), m.end(), keep, "run of spaces"))
    for m in INDENT.finditer(text):
        out.add(
            (
                m.start(),
                m.end(),
                m.group().replace(" ", "").replace("\t", "").replace("\u00a0", ""),
                "indentation",
            )
        )
    return out


def expected_lines(text: str) -> set[tuple[int, int, str, str]]:
    out = set()
    lead = LEADING_NEWLINES.match(text)
    floor = lead.end() if lead else 0
    if lead:
        out.add((0, floor, "", "blank lines at the start"))
    for m in BLANK_RUN.finditer(text, floor):
        at_end = m.end() == len(text)
        out.add(
            (
                m.start(),
                m.end(),
                "\n" if at_end else "\n\n",
                "blank lines at the end" if at_end else "run of blank lines",
            )
        )
    tail = TRAILING_NEWLINES.search(text, floor)
    if tail and len(tail.group()) == 2:
        out.add((tail.start(), tail.end(), "\n", "blank lines at the end"))
    return out


TEXT = st.text(alphabet="正文a1 \t\u3000\n\u00a0", max_size=60)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_spaces_follow_the_rules(text: str) -> None:
    assert spans(tidy_spaces(text, Context(Options()))) == expected_spaces(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="文 \n", max_size=12))
def test_lines_follow_the_rules(text: str) -> None:
    assert spans(tidy_lines(text, Context(Options()))) == expected_lines(text)

"""Shared patterns whose written-out classes must equal what they stand for."""

from __future__ import annotations

import re
import sys

from docclean.patterns import SPACES_BUT_LF, WHITESPACE

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_whitespace_is_what_backslash_s_matches() -> None:
    assert sorted(WHITESPACE) == re.findall(r"\s", EVERY_CHARACTER)
    assert [c for c in EVERY_CHARACTER if c.isspace()] == sorted(WHITESPACE)


def test_spaces_but_line_break_are_the_negated_class() -> None:
    written = re.compile(f"[{SPACES_BUT_LF}]")
    assert written.findall(EVERY_CHARACTER) == re.findall(r"[^\S\n]", EVERY_CHARACTER)

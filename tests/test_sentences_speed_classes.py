"""The character classes the sentence regexes spell as ranges hold what their negated forms hold."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.patterns import CN_DIGITS, SENTENCE_END, SPACES_BUT_LF
from docclean.sentences import _class_without

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_unit_class_is_the_negated_class() -> None:
    chars = "\n" + SENTENCE_END
    ranges = re.compile(f"[{_class_without(chars)}]")
    negated = re.compile(f"[^{re.escape(chars)}]")
    assert ranges.findall(EVERY_CHARACTER) == negated.findall(EVERY_CHARACTER)


def test_outline_label_search_opens_with_one_class_for_two() -> None:
    first = re.compile(f"[{CN_DIGITS}（(第\\d{SPACES_BUT_LF}]")
    assert first.findall(EVERY_CHARACTER) == re.findall(f"[{CN_DIGITS}（(第\\d]|[^\\S\\n]", EVERY_CHARACTER)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=6) | st.sampled_from(["\x00", "\U0010ffff", "\\]-^", "\x00\U0010ffff"]))
def test_class_without_any_characters(chars) -> None:
    ranges = re.compile(f"[{_class_without(chars)}]")
    # Each range ends next to an excluded character: probe those and the ends of Unicode.
    codes = {0, 1, 255, 256, sys.maxunicode - 1, sys.maxunicode}
    codes.update(code + step for code in map(ord, chars) for step in (-2, -1, 0, 1, 2))
    for code in (code for code in codes if 0 <= code <= sys.maxunicode):
        assert bool(ranges.fullmatch(chr(code))) == (chr(code) not in chars)

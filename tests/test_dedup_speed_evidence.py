"""dedup.evidence counts without a string per character: the same as counting the regex's matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.patterns import CJK_RE
from docclean.stages import dedup


def old_evidence(key: str) -> int:
    """evidence before: one findall match per Chinese character and per digit."""
    cjk = len(CJK_RE.findall(key))
    if cjk < 8:
        return cjk
    return cjk + len(re.findall("[0-9０-９]", key))


# Block edges of the Chinese ranges and the characters next to them, digits of both
# widths and their neighbours, a character beyond the BMP, spaces and punctuation.
ALPHABET = "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uf8ff\uf900\ufaff\ufb00\U00020000建立，。/:09０９\uff0f\uff1a a\n"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_evidence_is_the_count_of_matches(key) -> None:
    assert dedup.evidence(key) == old_evidence(key)

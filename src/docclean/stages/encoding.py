"""Text-level half of decoding: byte-order mark and line ends.

Decoding (:mod:`docclean.decoding`) keeps a UTF-8/UTF-16 BOM as U+FEFF and CRLF/CR
line ends as they were, so that the change log can rebuild the decoded text exactly;
this stage then removes them, one recorded change each.
"""

from __future__ import annotations

import re

from ..changes import Edit
from ..pipeline import Context

_LINE_END = re.compile(r"\r\n?")


def normalise_bom_and_newlines(text: str, ctx: Context) -> list[Edit]:
    edits: list[Edit] = []
    if text.startswith("\ufeff"):
        edits.append(Edit(0, 1, "", "bom", "byte-order mark dropped"))
    for m in _LINE_END.finditer(text):
        reason = "CRLF line end → LF" if m.group() == "\r\n" else "CR line end → LF"
        edits.append(Edit(m.start(), m.end(), "\n", "newline", reason))
    return edits


PASSES = (normalise_bom_and_newlines,)

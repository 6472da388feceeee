"""Stage ``encoding``: the text-level half of decoding: byte-order mark and line ends.

The damage: files saved on Windows start with a BOM (``EF BB BF``, or ``FF FE`` for
UTF-16) and end lines with CRLF; some old Mac-made files use a bare CR. Left alone,
``\ufeff湖南省教育厅`` is not ``湖南省教育厅`` to a search, and ``\r`` breaks every
line-based rule downstream.

Decoding (:mod:`docclean.decoding`) keeps the BOM as U+FEFF and the line ends as they
were, so that the change log rebuilds the decoded text exactly; this stage then drops
the BOM and turns CRLF/CR into LF, one recorded change each. The original newline
style is reported in :class:`~docclean.decoding.EncodingInfo` for byte round trips.
Undecodable bytes replaced under ``--errors replace`` are logged by the API as
``encoding`` changes of a step 0 of their own (see :func:`docclean.decoding.replacement_changes`).
"""

from __future__ import annotations

import re

from ..changes import Edit
from ..pipeline import Context

_LINE_END = re.compile(r"\r\n?")
# U+FEFF by a regex: re scans for a literal character one unit at a time, where str.find
# memchrs for its low byte, 0xFF, the high byte of every full-width mark (，：；（）).
_BOM = re.compile("\ufeff")


def normalise_bom_and_newlines(text: str, ctx: Context) -> list[Edit]:
    """Drop U+FEFF (a leading BOM, or one left mid-text by concatenated files: as a
    "zero-width no-break space" it is deprecated since Unicode 3.2, and a BOM that tidy
    later brings to the start would otherwise be dropped only on a second run);
    CRLF and lone CR become LF."""
    edits: list[Edit] = []
    bom = _BOM.search(text)
    while bom is not None:
        pos = bom.start()
        reason = "byte-order mark dropped" if pos == 0 else "stray byte-order mark (U+FEFF) dropped"
        edits.append(Edit(pos, pos + 1, "", "bom", reason))
        bom = _BOM.search(text, pos + 1)
    if "\r" not in text:  # memchr: most texts have no CR, and the scan is ~10x dearer
        return edits
    for m in _LINE_END.finditer(text):
        reason = "CRLF line end → LF" if m.group() == "\r\n" else "CR line end → LF"
        edits.append(Edit(m.start(), m.end(), "\n", "newline", reason))
    return edits


PASSES = (normalise_bom_and_newlines,)

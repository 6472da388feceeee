"""The comparison baseline: what a plain Python script would do in a few lines.

Join hard-wrapped lines (a line that does not end a sentence continues on the next
non-blank line), drop blank lines, then drop any sentence already seen verbatim.
No encoding detection, no change log, no header or page handling. The benchmarks run
it on the same corpus so docclean's speed and quality read as ratios to it.
"""

from __future__ import annotations

import re

ENDS = "。！？；：”）》"
SENTENCE = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+$")


def reflow(text: str) -> str:
    paragraphs: list[str] = []
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        current += line
        if current.endswith(tuple(ENDS)) or len(line) < 20:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs) + "\n"


def drop_exact_duplicates(text: str) -> str:
    seen: set[str] = set()
    out_lines = []
    for line in text.splitlines():
        kept = []
        for sentence in SENTENCE.findall(line):
            if len(sentence) >= 8 and sentence in seen:
                continue
            seen.add(sentence)
            kept.append(sentence)
        if kept:
            out_lines.append("".join(kept))
    return "\n".join(out_lines) + "\n"


def baseline(data: bytes) -> str:
    return drop_exact_duplicates(reflow(data.decode("utf-8", errors="replace")))

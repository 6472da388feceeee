"""A standard unified diff of decoded input → clean text, for ``patch``, ``git apply`` and review tools.

The line blocks come from the change log (:mod:`docclean.report.hunks`), not from a
diff algorithm, so the diff is exact and linear in the size of the file. The
text after each ``@@ … @@`` names the stages behind the hunk; ``patch`` and
``git apply`` ignore it. The diff applies to the *decoded* input written as UTF-8
(with its BOM and CRLF line ends as they were), which is what ``rebuild`` returns.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..changes import Change
from .hunks import Block, blocks, segments

if TYPE_CHECKING:
    from ..api import CleanResult

NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    """Split on LF only (``str.splitlines`` would also split on form feeds and U+2028)."""
    if not text:
        return []
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _range(start_line: int, count: int) -> str:
    if count == 1:
        return str(start_line)
    return f"{start_line - 1 if count == 0 else start_line},{count}"


def _emit(prefix: str, lines: list[str]) -> Iterator[str]:
    for line in lines:
        yield prefix + line
        if not line.endswith("\n"):
            yield "\n" + NO_NEWLINE


def group_blocks(all_blocks: Sequence[Block], context: int) -> list[tuple[int, int]]:
    """Ranges ``[i, j)`` of blocks to show: changed blocks with ``context`` unchanged lines around.

    Unchanged blocks are single lines, so counting blocks counts lines.
    """
    changed = [i for i, b in enumerate(all_blocks) if b.changed]
    groups: list[tuple[int, int]] = []
    for i in changed:
        lo, hi = max(0, i - context), min(len(all_blocks), i + 1 + context)
        if groups and lo <= groups[-1][1]:
            groups[-1] = (groups[-1][0], hi)
        else:
            groups.append((lo, hi))
    return groups


def stages_of(block_list: Sequence[Block], changes: Sequence[Change]) -> list[str]:
    seen: dict[str, None] = {}
    for block in block_list:
        for seg in block.segments:
            for i in seg.changes or ():
                seen.setdefault(changes[i].stage, None)
    return list(seen)


def diff_path(path: str) -> str:
    """The path as it goes after ``a/`` and ``b/``: relative, with forward slashes."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path.lstrip("/") or "stdin.txt"


def unified_diff(
    source: str, clean: str, changes: Sequence[Change], path: str = "stdin.txt", context: int = 3
) -> str:
    """The unified diff turning ``source`` into ``clean``; empty when nothing changed."""
    if not changes or source == clean:
        return ""
    all_blocks = blocks(source, clean, segments(source, changes))
    name = diff_path(path)
    out: list[str] = [f"--- a/{name}\n", f"+++ b/{name}\n"]
    for lo, hi in group_blocks(all_blocks, context):
        shown = all_blocks[lo:hi]
        body: list[str] = []
        src_count = out_count = 0
        for block in shown:
            old = _lines(source[block.src_start : block.src_end])
            if block.changed:
                new = _lines(clean[block.out_start : block.out_end])
                body.extend(_emit("-", old))
                body.extend(_emit("+", new))
                src_count += len(old)
                out_count += len(new)
            else:
                body.extend(_emit(" ", old))
                src_count += len(old)
                out_count += len(old)
        label = ", ".join(stages_of(shown, changes))
        first = shown[0]
        out.append(
            f"@@ -{_range(first.src_line, src_count)} +{_range(first.out_line, out_count)} @@ {label}\n"
        )
        out.extend(body)
    return "".join(out)


def result_diff(result: CleanResult, path: str, context: int = 3) -> str:
    """:func:`unified_diff` of one cleaning result."""
    return unified_diff(result.source_text, result.text, result.changes, path, context)

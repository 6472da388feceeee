"""The terminal diff (``docclean clean FILE --diff``): one inline view per hunk, labelled.

Each hunk shows the raw lines with removed text struck through in red and inserted
text in green, then one label per (stage, reason) with a count. Whitespace and
invisible characters inside a change are drawn visibly (``·`` space, ``⏎`` line
end, ``⟨BOM⟩``), since "a space was removed" is most of what OCR cleaning does.

Colour only on a terminal: when stdout is piped, or ``NO_COLOR`` is set, the same
view is printed with wdiff-style markers ``[-removed-]{+inserted+}`` instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .hunks import Block, blocks, segments, trim, visible
from .unified import group_blocks

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ..api import CleanResult
    from ..changes import Change

STYLE_DEL = "bold red strike"
STYLE_INS = "bold green underline"
STYLE_HUNK = "cyan"
STYLE_LABEL = "yellow"
STYLE_CONTEXT = "dim"


def uses_colour(console: Console) -> bool:
    return console.is_terminal and not console.no_color and console.color_system is not None


class _Writer:
    def __init__(self, colour: bool):
        from rich.text import Text

        self.colour = colour
        self.text: Text = Text(no_wrap=False, end="")

    def plain(self, s: str, style: str = "") -> None:
        self.text.append(s, style=style if self.colour else "")

    def removed(self, s: str) -> None:
        self._mark(s, STYLE_DEL, "[-", "-]")

    def inserted(self, s: str) -> None:
        self._mark(s, STYLE_INS, "{+", "+}")

    def _mark(self, s: str, style: str, opening: str, closing: str) -> None:
        # A removed/inserted line end is drawn as ⏎ and still breaks the line, so
        # the view keeps the raw layout.
        parts = s.split("\n")
        for k, part in enumerate(parts):
            last = k == len(parts) - 1
            shown = visible(part) + ("" if last else "⏎")
            if shown:
                if self.colour:
                    self.text.append(shown, style=style)
                else:
                    self.text.append(f"{opening}{shown}{closing}")
            if not last:
                self.text.append("\n")


def _labels(block_list: Sequence[Block], changes: Sequence[Change]) -> list[tuple[str, str, int]]:
    counts: Counter[tuple[str, str]] = Counter()
    for block in block_list:
        for seg in block.segments:
            for i in seg.changes or ():
                counts[(changes[i].stage, changes[i].reason)] += 1
    return [(stage, reason, n) for (stage, reason), n in counts.items()]


def render_text(result: CleanResult, path: str, colour: bool, context: int = 1) -> Text:
    """The diff of one result as a rich ``Text`` (styled, or with markers when ``colour`` is off)."""
    source, clean, changes = result.locate().source_text, result.text, result.changes
    w = _Writer(colour)
    per_stage = Counter(c.stage for c in changes)
    summary = ", ".join(f"{stage} {n}" for stage, n in per_stage.items()) or "no changes"
    w.plain(f"━━ {path}", "bold")
    w.plain(f"  {len(changes)} change{'s' if len(changes) != 1 else ''} ({summary})", "bold")
    if result.flags:
        w.plain(f", {len(result.flags)} flag{'s' if len(result.flags) != 1 else ''}", "bold magenta")
    w.plain("\n")
    all_blocks = blocks(source, clean, segments(source, changes)) if changes else []
    for lo, hi in group_blocks(all_blocks, context):
        shown = all_blocks[lo:hi]
        src_lines = sum(source.count("\n", b.src_start, b.src_end) for b in shown)
        out_lines = sum(clean.count("\n", b.out_start, b.out_end) for b in shown)
        w.plain(f"@@ -{shown[0].src_line},{src_lines} +{shown[0].out_line},{out_lines} @@\n", STYLE_HUNK)
        for block in shown:
            if not block.changed:
                line = source[block.src_start : block.src_end]
                w.plain("  " + line if line.endswith("\n") else "  " + line + "\n", STYLE_CONTEXT)
                continue
            sub = _Writer(colour)
            cursor = block.src_start
            for seg in block.segments:
                before = source[seg.src_start : seg.src_end]
                after = clean[seg.out_start : seg.out_end]
                p, q = trim(before, after)
                sub.plain(source[cursor : seg.src_start + p])
                sub.removed(before[p : len(before) - q])
                sub.inserted(after[p : len(after) - q])
                cursor = seg.src_end - q
            sub.plain(source[cursor : block.src_end])
            if sub.text.plain.endswith("\n"):
                sub.text.right_crop(1)
            for line in sub.text.split("\n", allow_blank=True):
                w.plain("│ ", STYLE_HUNK)
                w.text.append_text(line)
                w.plain("\n")
        for stage, reason, n in _labels(shown, changes):
            count = f" ×{n}" if n > 1 else ""
            w.plain(f"  ↳ {stage}: {reason}{count}\n", STYLE_LABEL)
    for flag in result.flags:
        where = f" (line {flag.source.line})" if flag.source else ""
        w.plain(f"  ⚑ {flag.stage}/{flag.code}{where}: {flag.message}\n", "magenta")
    return w.text


def print_diff(result: CleanResult, path: str, console: Console | None = None, context: int = 1) -> None:
    """Print the diff of one result (to stdout by default)."""
    if console is None:
        console = make_console()
    console.print(render_text(result, path, uses_colour(console), context), soft_wrap=True, end="")


def make_console(**kwargs: Any) -> Console:
    from rich.console import Console

    return Console(highlight=False, **kwargs)

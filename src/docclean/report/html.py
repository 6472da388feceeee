"""The HTML review page: one self-contained file an archivist opens in a browser.

Layout: a sticky toolbar (stage legend with toggles, expand/collapse, a file
filter, "only changed lines", "reasons inline"), a summary table that doubles as
the file index, then one collapsible section per file with its metadata, flags,
removed duplicates and a side-by-side view of the decoded input and the clean text.

The side-by-side rows come from the change log (:mod:`docclean.report.hunks`): each
row is a run of whole lines on both sides, so a paragraph that ``reflow`` joined
from eight raw lines sits next to its one clean line. Every change is highlighted
in its stage's colour with its reason as a tooltip (or inline). Nothing here runs a
diff algorithm, so the page is written in time linear in the batch size.

Everything (CSS, JS) is inlined: no network, no external fonts or scripts. The
page reads fine with JavaScript off; the script only adds the toolbar actions.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from html import escape
from importlib import resources
from typing import TYPE_CHECKING, Any

from .hunks import Segment, blocks, segments, trim, visible
from .json_report import duplicates, summary

if TYPE_CHECKING:
    from ..api import CleanResult
    from ..batch import Outcome
    from ..changes import Change

# One colour per stage, in pipeline order; unknown stages get a hue from their name.
STAGE_COLOURS = {
    "encoding": "#6b7280",
    "mojibake": "#92400e",
    "convert": "#7c3aed",
    "glyphs": "#ea580c",
    "width": "#0891b2",
    "pages": "#059669",
    "spacing": "#d97706",
    "header": "#2563eb",
    "reflow": "#db2777",
    "dedup": "#be123c",
    "tidy": "#65a30d",
    "structure": "#0f766e",
}
OPEN_UP_TO = 5  # batches this small start with every file expanded
# Bigger batches keep each side-by-side view as inert text until its file is opened,
# so a 1,000-file page loads in seconds instead of building a huge DOM up front.
LAZY_OVER = 50
MAX_REASONS = 6  # per tooltip


def stage_colour(stage: str) -> str:
    if stage in STAGE_COLOURS:
        return STAGE_COLOURS[stage]
    hue = sum(ord(ch) * 31 for ch in stage) % 360
    return f"hsl({hue} 60% 40%)"


@lru_cache(maxsize=256)
def css_name(stage: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stage)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _esc(text: str) -> str:
    return escape(text, quote=False)


def _shown(text: str) -> str:
    """Escaped changed text with whitespace drawn; a line end still breaks the line."""
    if text == " ":  # most OCR changes: one removed space
        return "·"
    if "\n" not in text:
        return _esc(visible(text))
    return "⏎\n".join(_esc(visible(part)) for part in text.split("\n"))


def _lines_label(first: int, text: str) -> str:
    n = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
    if n <= 1:
        return str(first)
    return f"{first}–{first + n - 1}"


class _FileRenderer:
    """Renders one result's side-by-side view; ``fid`` prefixes every element id."""

    def __init__(self, fid: str, result: CleanResult, dups: list[dict[str, Any]], ins_titles: bool = True):
        self.fid = fid
        # Without its own tooltip, an inserted span borrows its raw twin's (page script).
        self.ins_titles = ins_titles
        self.source = result.source_text
        self.clean = result.text
        self.changes: Sequence[Change] = result.changes
        self.segs = segments(self.source, self.changes)
        self.dups = dups
        self.dup_of_change = {d["change"]: k for k, d in enumerate(dups)}
        changed = [s for s in self.segs if s.changed]
        starts = [s.src_start for s in changed]
        # Markers in the raw column: kept copies of duplicates and flagged spots.
        anchors: list[tuple[int, int, str]] = []
        for k, dup in enumerate(dups):
            pos = dup["kept"]["source"]["start"]
            line = dup["removed"].get("source", {}).get("line", "?")
            anchors.append(
                (
                    pos,
                    0,
                    f'<a class="kept-mark" id="{fid}-k{k}" href="#{fid}-d{k}" '
                    f'title="kept copy; its repeat at line {line} was removed">◆ kept</a>',
                )
            )
        for k, flag in enumerate(result.flags):
            if flag.source is None:
                continue
            anchors.append(
                (
                    flag.source.start,
                    1,
                    f'<span class="flag-mark" id="{fid}-g{k}" '
                    f'title="{escape(f"{flag.stage}/{flag.code}: {flag.message}")}">⚑</span>',
                )
            )
        # A marker inside a changed span goes to the start of the span.
        fixed = []
        for pos, order, html in anchors:
            i = bisect_right(starts, pos) - 1
            if i >= 0 and changed[i].src_start < pos < changed[i].src_end:
                pos = changed[i].src_start
            fixed.append((pos, order, html))
        self.anchors = sorted(fixed, key=lambda a: (a[0], a[1]))
        self.next_anchor = 0
        # The kept copies of removed duplicates, underlined where their text is untouched.
        kept: list[list[int]] = []
        for dup in sorted(dups, key=lambda d: d["kept"]["source"]["start"]):
            k0, k1 = dup["kept"]["source"]["start"], dup["kept"]["source"]["end"]
            if kept and k0 <= kept[-1][1]:
                kept[-1][1] = max(kept[-1][1], k1)
            elif k1 > k0:
                kept.append([k0, k1])
        self.kept = kept
        self.next_kept = 0

    # -- raw column -------------------------------------------------------------------
    def _flush(self, out: list[str], upto: int) -> None:
        """Emit markers positioned at or before ``upto``."""
        while self.next_anchor < len(self.anchors) and self.anchors[self.next_anchor][0] <= upto:
            out.append(self.anchors[self.next_anchor][2])
            self.next_anchor += 1

    def _raw(self, out: list[str], start: int, end: int) -> None:
        """Untouched raw text ``[start, end)`` with any markers placed inside it."""
        anchors = self.anchors
        while self.next_anchor < len(anchors) and anchors[self.next_anchor][0] < end:
            pos = max(start, anchors[self.next_anchor][0])
            self._text(out, start, pos)
            out.append(anchors[self.next_anchor][2])
            self.next_anchor += 1
            start = pos
        self._text(out, start, end)

    def _text(self, out: list[str], start: int, end: int) -> None:
        """Escaped raw text, with the parts inside a kept copy wrapped (calls come in order)."""
        kept = self.kept
        while self.next_kept < len(kept) and kept[self.next_kept][1] <= start:
            self.next_kept += 1
        k = self.next_kept
        while start < end and k < len(kept) and kept[k][0] < end:
            k0, k1 = kept[k]
            if start < k0:
                out.append(_esc(self.source[start:k0]))
                start = k0
            stop = min(end, k1)
            if start < stop:
                out.append(f'<span class="kept">{_esc(self.source[start:stop])}</span>')
                start = stop
            if k1 <= end:
                k += 1
            else:
                break
        if start < end:
            out.append(_esc(self.source[start:end]))

    def _label(self, seg: Segment) -> tuple[str, str]:
        """The segment's colour class and its tooltip.

        The colour is the stage that had the last word: when ``reflow`` joins a line
        whose CRLF ``encoding`` had already turned into LF, the join is what matters;
        when ``dedup`` removes a block that ``spacing`` had touched, the removal is.
        """
        idx = seg.changes or []
        if len(idx) == 1:  # the common case, kept cheap for big batches
            change = self.changes[idx[0]]
            return css_name(change.stage), f"{change.stage}: {change.reason}"
        main = max(
            idx,
            key=lambda i: (self.changes[i].step, len(self.changes[i].before) + len(self.changes[i].after)),
        )
        counts: Counter[tuple[str, str]] = Counter(
            (self.changes[i].stage, self.changes[i].reason) for i in idx
        )
        parts = [f"{s}: {r}" + (f" ×{n}" if n > 1 else "") for (s, r), n in counts.most_common(MAX_REASONS)]
        if len(counts) > MAX_REASONS:
            parts.append(f"… {len(counts) - MAX_REASONS} more")
        return css_name(self.changes[main].stage), "; ".join(parts)

    def rows(self) -> str:
        out: list[str] = []
        source, clean = self.source, self.clean
        eq_start: tuple[int, int, int, int] | None = None  # src_start, out_start, src_line, out_line
        eq_end = (0, 0)

        def close_eq() -> None:
            nonlocal eq_start
            if eq_start is None:
                return
            s0, o0, sl, ol = eq_start
            s1, o1 = eq_end
            out.append(f'<tr class="eq"><td class="ln">{_lines_label(sl, source[s0:s1])}</td><td class="t">')
            self._raw(out, s0, s1)
            out.append(
                f'</td><td class="ln">{_lines_label(ol, clean[o0:o1])}</td>'
                f'<td class="t">{_esc(clean[o0:o1])}</td></tr>\n'
            )
            eq_start = None

        for block in blocks(source, clean, self.segs):
            if not block.changed:
                if eq_start is None:
                    eq_start = (block.src_start, block.out_start, block.src_line, block.out_line)
                eq_end = (block.src_end, block.out_end)
                continue
            close_eq()
            raw: list[str] = []
            cln: list[str] = []
            cursor_s, cursor_o = block.src_start, block.out_start
            for seg in block.segments:
                before = source[seg.src_start : seg.src_end]
                after = clean[seg.out_start : seg.out_end]
                p, q = trim(before, after)
                cls, title = self._label(seg)
                title_attr = escape(title)
                self._raw(raw, cursor_s, seg.src_start + p)
                self._flush(raw, seg.src_start + p)
                removed, inserted = before[p : len(before) - q], after[p : len(after) - q]
                dup_ids = [self.dup_of_change[i] for i in seg.changes or () if i in self.dup_of_change]
                dup = dup_ids[0] if dup_ids else None
                # Repeats merged into one span by a later change keep their own anchors.
                raw.extend(f'<a id="{self.fid}-d{k}"></a>' for k in dup_ids[1:])
                ident = f' id="{self.fid}-d{dup}"' if dup is not None else ""
                extra = " dup" if dup is not None else ""
                if removed:
                    raw.append(
                        f'<del class="c s-{cls}{extra}"{ident} title="{title_attr}">{_shown(removed)}</del>'
                    )
                else:
                    raw.append(f'<del class="c pt s-{cls}"{ident} title="{title_attr}"></del>')
                if dup is not None:
                    kept_line = self.dups[dup]["kept"].get("line")
                    where = f"line {kept_line}" if kept_line else "the kept copy"
                    raw.append(f'<a class="dup-link" href="#{self.fid}-k{dup}">↩ repeats {where}</a>')
                cln.append(_esc(clean[cursor_o : seg.out_start + p]))
                ins_title = f' title="{title_attr}"' if self.ins_titles else ""
                if inserted:
                    cln.append(f'<ins class="c s-{cls}"{ins_title}>{_shown(inserted)}</ins>')
                else:
                    cln.append(f'<ins class="c pt s-{cls}"{ins_title}></ins>')
                cursor_s, cursor_o = seg.src_end - q, seg.out_end - q
            self._raw(raw, cursor_s, block.src_end)
            cln.append(_esc(clean[cursor_o : block.out_end]))
            out.append(
                f'<tr class="ch"><td class="ln">{_lines_label(block.src_line, source[block.src_start : block.src_end])}'
                f'</td><td class="t">{"".join(raw)}</td>'
                f'<td class="ln">{_lines_label(block.out_line, clean[block.out_start : block.out_end])}</td>'
                f'<td class="t">{"".join(cln)}</td></tr>\n'
            )
        close_eq()
        # Markers past the end (e.g. a flag on an empty text).
        tail: list[str] = []
        self._flush(tail, len(source))
        if tail:
            out.append(
                f'<tr class="eq"><td class="ln"></td><td class="t">{"".join(tail)}</td><td></td><td></td></tr>'
            )
        return "".join(out)


def _value(value: Any, depth: int = 0) -> str:
    if isinstance(value, dict):
        if depth == 0:
            return _dl(value)
        # Nested data on one line keeps the metadata block short.
        return " · ".join(
            f'<span class="k">{_esc(str(k))}</span> {_value(v, depth + 1)}' for k, v in value.items()
        )
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, (str, int, float)) for v in value):
            return _esc("、".join(str(v) for v in value)) if value else "—"
        return "".join(f"<div>{_value(v, depth)}</div>" for v in value)
    if value is None or value == "":
        return "—"
    if isinstance(value, (str, int, float, bool)):
        return _esc(str(value))
    return _esc(json.dumps(value, ensure_ascii=False))


def _dl(data: dict[str, Any], depth: int = 0) -> str:
    items = "".join(f"<dt>{_esc(str(k))}</dt><dd>{_value(v, depth + 1)}</dd>" for k, v in data.items())
    return f'<dl class="meta">{items}</dl>'


def _stage_order(outcomes: Sequence[Outcome]) -> list[str]:
    from ..stages import BY_NAME

    seen: dict[str, None] = {}
    for o in outcomes:
        if o.result:
            for c in o.result.changes:
                seen.setdefault(c.stage, None)
    known = [s for s in BY_NAME if s in seen]
    return known + [s for s in seen if s not in BY_NAME]


def _title_of(metadata: dict[str, Any]) -> str:
    """发文字号 and title for the summary table (structure's fields, else header's)."""
    header = metadata.get("header")
    header = header if isinstance(header, dict) else {}
    parts = [
        metadata.get("doc_number") or header.get("doc_number"),
        metadata.get("title") or header.get("title"),
    ]
    return " ".join(str(p) for p in parts if p)


def _file_section(
    fid: str, outcome: Outcome, stages: list[str], open_: bool, lazy: bool = False
) -> tuple[str, str]:
    """The summary-table row and the section of one file."""
    name = outcome.input.path
    esc_name = _esc(name)
    attr_name = escape(name)
    if not outcome.ok or outcome.result is None:
        row = (
            f'<tr class="error" data-file="{fid}" data-name="{attr_name}" data-review="1">'
            f'<td class="n">{fid[1:]}</td><td class="file"><a href="#{fid}">{esc_name}</a></td><td colspan="{len(stages) + 5}">'
            f"error: {_esc(outcome.error or 'failed')}</td></tr>\n"
        )
        section = (
            f'<details class="file" id="{fid}" data-review="1"><summary>{esc_name}'
            f'<span class="badge err">error</span></summary><div class="body"><p class="err">'
            f"{_esc(outcome.error or 'failed')}</p></div></details>\n"
        )
        return row, section
    result = outcome.result
    dups = duplicates(result)
    per_stage = Counter(c.stage for c in result.changes)
    enc = result.encoding.name if result.encoding else "—"
    cells = "".join(
        f'<td class="n{"" if per_stage.get(s) else " zero"}">{per_stage.get(s, 0)}</td>' for s in stages
    )
    review = ' data-review="1"' if dups or result.flags else ""
    row = (
        f'<tr data-file="{fid}" data-name="{attr_name}"{review}><td class="n">{fid[1:]}</td>'
        f'<td class="file"><a href="#{fid}">{esc_name}</a></td><td>{_esc(enc)}</td>'
        f'<td class="doc">{_esc(_title_of(result.metadata))}</td>{cells}'
        f'<td class="n">{len(result.changes)}</td><td class="n{"" if dups else " zero"}">{len(dups)}</td>'
        f'<td class="n{"" if result.flags else " zero"}">{len(result.flags)}</td></tr>\n'
    )
    badge = f"{len(result.changes)} changes · {len(dups)} duplicates · {len(result.flags)} flags"
    parts = [
        f'<details class="file" id="{fid}"{review}{" open" if open_ else ""}><summary>{esc_name}'
        f'<span class="badge">{badge}</span></summary><div class="body">'
    ]
    info: dict[str, Any] = {"output": outcome.output or "—"}
    if result.encoding:
        enc_info = result.encoding.as_dict()
        info["encoding"] = (
            f"{enc_info.pop('name')} (" + ", ".join(f"{k} {v}" for k, v in enc_info.items()) + ")"
        )
    info["changes by stage"] = ", ".join(f"{s} {n}" for s, n in per_stage.items()) or "none"
    parts.append(_dl(info))
    parts.append(
        f'<div class="metadata"><strong>Metadata</strong>{_dl(result.metadata) if result.metadata else " —"}</div>'
    )
    if result.flags:
        items = []
        for k, flag in enumerate(result.flags):
            where = f' <a href="#{fid}-g{k}">line {flag.source.line}</a>' if flag.source is not None else ""
            items.append(
                f'<li><span class="code">{_esc(flag.stage)}/{_esc(flag.code)}</span>{where}: '
                f"{_esc(flag.message)}</li>"
            )
        parts.append(
            f'<div class="flags"><strong>Flags for review</strong><ul class="flags">{"".join(items)}</ul></div>'
        )
    if dups:
        items = []
        for k, dup in enumerate(dups):
            line = dup["removed"].get("source", {}).get("line", "?")
            sim = (
                f" ({dup['similarity']:.0f}% similar)"
                if isinstance(dup.get("similarity"), (int, float))
                else ""
            )
            variants = dup.get("variants") or []
            var = (
                " OCR variants: " + "; ".join(f"{_esc(a) or '∅'}→{_esc(b) or '∅'}" for a, b in variants[:8])
                if variants
                else ""
            )
            items.append(
                f'<li><a href="#{fid}-d{k}">removed at line {line}</a> repeats '
                f'<a href="#{fid}-k{k}">line {dup["kept"]["source"]["line"]}</a>{sim}: '
                f"<q>{_esc(dup['removed']['text'])}</q>{var}</li>"
            )
        parts.append(
            f'<div class="dups"><strong>Removed duplicates</strong><ul class="dups">{"".join(items)}</ul></div>'
        )
    if result.changes or result.flags:  # flags link to their spot in the raw text
        renderer = _FileRenderer(fid, result, dups, ins_titles=not lazy)
        table = (
            '<table class="sbs"><colgroup><col class="ln"><col><col class="ln"><col></colgroup>'
            "<thead><tr><th>line</th><th>Raw (decoded input)</th><th>line</th><th>Clean</th></tr></thead>"
            f"<tbody>{renderer.rows()}</tbody></table>"
        )
        if lazy:
            # Raw text inside a script element costs the browser almost nothing to
            # parse; the page script turns it into the table when the file is opened.
            # All text in ``table`` is escaped, so it cannot contain "</script".
            parts.append(
                f'<div class="sbs-slot" data-rows="{fid}-rows"><p class="lazy-note">'
                "The side-by-side view appears when this file is opened (needs JavaScript).</p></div>"
                f'<script type="text/html" id="{fid}-rows">{table}</script>'
            )
        else:
            parts.append(table)
    else:
        parts.append("<p>No changes: the text was already clean.</p>")
    parts.append("</div></details>\n")
    return row, "".join(parts)


def _stage_css(stages: Sequence[str]) -> str:
    rules = []
    for stage in stages:
        c, colour = css_name(stage), stage_colour(stage)
        bg = f"{colour}2e" if colour.startswith("#") else colour.replace(")", " / 0.18)")
        rules.append(f".s-{c}{{--c:{colour};--bgc:{bg}}}")
        rules.append(f"body.hide-s-{c} .c.s-{c}{{--bgc:transparent;border-bottom-color:transparent}}")
    return "\n".join(rules)


def build(outcomes: Sequence[Outcome], errors: Sequence[str] = (), title: str = "docclean report") -> str:
    """The whole page as a string."""
    from .. import __version__
    from ..stages import BY_NAME

    for o in outcomes:
        if o.result is not None:
            o.result.locate()
    stages = _stage_order(outcomes)
    open_ = len(outcomes) <= OPEN_UP_TO
    lazy = len(outcomes) > LAZY_OVER
    rows: list[str] = []
    sections: list[str] = []
    width = len(str(len(outcomes)))
    for n, outcome in enumerate(outcomes, 1):
        row, section = _file_section(f"f{n:0{width}d}", outcome, stages, open_, lazy)
        rows.append(row)
        sections.append(section)
    totals = summary(outcomes, errors)
    total: dict[str, int] = totals["changes_per_stage"]
    dup_total, flag_total, failed = totals["duplicates"], totals["flags"], totals["errors"]
    legend = "".join(
        f'<label class="s-{css_name(s)}" title="{escape(BY_NAME[s].description if s in BY_NAME else s)}">'
        f'<input type="checkbox" data-stage="s-{css_name(s)}" checked> {_esc(s)}</label>'
        for s in stages
    )
    stage_heads = "".join(f'<th class="stage s-{css_name(s)}">{_esc(s)}</th>' for s in stages)
    foot_cells = "".join(f'<td class="n">{total.get(s, 0)}</td>' for s in stages)
    # No time stamp: a report is byte-identical run after run and whatever --jobs is.
    input_errors = (
        '<ul class="flags">' + "".join(f"<li>{_esc(e)}</li>" for e in errors) + "</ul>" if errors else ""
    )
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_esc(title)}</title><style>\n{_asset('html.css')}\n{_stage_css(stages)}\n</style></head>\n"
            "<body>\n",
            '<header class="top"><h1>docclean report</h1>'
            f'<span class="sub">{len(outcomes)} files · {sum(total.values())} changes · {dup_total} duplicates removed'
            f" · {flag_total} flags · {failed} errors · docclean {_esc(__version__)}</span>"
            f'<div class="toolbar"><div class="legend">{legend}</div>'
            '<button type="button" data-act="expand">Expand all</button>'
            '<button type="button" data-act="collapse">Collapse all</button>'
            '<label><input type="checkbox" data-body-class="only-changed"> only changed lines</label>'
            '<label><input type="checkbox" data-body-class="show-why"> reasons inline</label>'
            '<label title="files with flags, removed duplicates or errors">'
            '<input type="checkbox" data-body-class="review-only"> only files to review</label>'
            '<input type="search" id="file-filter" placeholder="filter files" aria-label="filter files">'
            "</div></header>\n<main>\n",
            '<h2 id="summary">Summary</h2>',
            input_errors,
            '<div class="scroll-x"><table class="summary"><thead><tr><th>#</th><th>File</th><th>Encoding</th><th>Document</th>'
            f"{stage_heads}<th>changes</th><th>duplicates</th><th>flags</th></tr></thead><tbody>\n",
            *rows,
            f'</tbody><tfoot><tr><td></td><td colspan="3"><strong>total</strong></td>{foot_cells}'
            f'<td class="n">{sum(total.values())}</td><td class="n">{dup_total}</td><td class="n">{flag_total}</td>'
            "</tr></tfoot></table></div>\n",
            '<h2 id="files">Files</h2>\n',
            *sections,
            "</main>\n<footer>Hover a highlighted change for its stage and reason. "
            "Raw text is the decoded input; ⏎ marks a line end, · a space, ⟨BOM⟩ a byte-order mark. "
            "Every change is in the JSON report and can be undone with docclean's rebuild.</footer>\n",
            f"<script>\n{_asset('html.js')}\n</script>\n</body></html>\n",
        ]
    )

"""reflow's faster line reading (one scan for brackets and odd characters, widths from
the ASCII bytes, block openings found at the line breaks) must give exactly the edits
and flags of the reference it replaced (tests/reflow_reference.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings

import reflow_reference
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import reflow as fast
from reflow_pieces import LINE_PIECES, LINES_AND_SEPARATOR

ROOT = Path(__file__).resolve().parent.parent


def _edits_and_flags(module: object, text: str, options: Options) -> tuple[list, list]:
    ctx = Context(options)
    ctx.stage = "reflow"
    # One run: the reference knew no second one (see test_reflow_fixed_point.py).
    run = getattr(module, "_reflow_once", None)
    edits = run(text, ctx)[0] if run is not None else module.reflow(text, ctx)  # type: ignore[attr-defined]
    return edits, [(f.code, f.message, f.start, f.end, f.detail) for f in ctx.flags]


def _same(text: str, options: Options | None = None) -> None:
    options = options or Options()
    assert _edits_and_flags(fast, text, options) == _edits_and_flags(reflow_reference, text, options)


def _wrapped(rng: random.Random) -> str:
    """A circular-like text: header, addressee, wrapped paragraphs at one width (with or
    without blank lines), headings, signature, date; now and then a second circular."""
    width = rng.randint(14, 36)
    blank = rng.random() < 0.5
    lines: list[str] = []
    for _ in range(rng.randint(1, 2)):
        lines += ["湖南省教育厅文件", "湘教发〔2022〕7号", "关于加强课后服务的通知", "各市州教育局："]
        for _ in range(rng.randint(2, 6)):
            if rng.random() < 0.5:
                lines.append(rng.choice(["一、", "（一）", "1.", "第一条"]) + "总体要求" * rng.randint(1, 3))
            para = "".join(rng.choice(LINE_PIECES[:40]) for _ in range(rng.randint(5, 40))) + "。"
            while para:
                lines.append(para[:width])
                para = para[width:]
        lines += ["湖南省教育厅", "2024年3月1日", "（此件主动公开）"]
    return ("\n\n" if blank else "\n").join(lines) + "\n"


def test_generated_circulars_reflow_as_before() -> None:
    rng = random.Random(20261123)
    for _ in range(150):
        text = _wrapped(rng)
        _same(text)
        _same(text, Options(cjk_latin_space="add"))


@settings(max_examples=250, deadline=None)
@given(*LINES_AND_SEPARATOR)
def test_any_lines_reflow_as_before(lines: list[str], sep: str) -> None:
    _same(sep.join(lines))


@pytest.mark.parametrize("path", sorted((ROOT / "samples").rglob("*.txt")), ids=lambda p: p.name)
def test_samples_reflow_as_before(path: Path) -> None:
    _same(path.read_text(encoding="utf-8"))

"""Facts one pass proves of a text for a later pass (``Context.rare_free``,
``Context.ascii_spaced``, ``Context.feedless``) hold of every text they are attached to when a pass reads it,
whichever pass proved them or handed them on (width, to_fullwidth, spacing, header,
reflow, the pipeline's edit application). Checked at the entry of every pass, on
generated circulars and on texts with the spaces and characters the facts rule out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import generated_circulars
from docclean.options import Options
from docclean.patterns import OTHER_HSPACES
from docclean.pipeline import Context, PassFn, run_many
from docclean.stages import select
from docclean.stages.glyphs import candidate_class


@cache
def _glyph_candidate() -> re.Pattern[str]:
    return re.compile(f"[{candidate_class()}]")


@dataclass
class _CheckedStage:
    name: str
    description: str
    default: bool
    passes: tuple[PassFn, ...]


def _checked(pass_fn: PassFn, seen: list[str]) -> PassFn:
    def run(text: str, ctx: Context):  # type: ignore[no-untyped-def]
        if ctx.ascii_spaced is text:
            assert not any(map(text.__contains__, OTHER_HSPACES)), repr(text)
            seen.append("ascii_spaced")
        if ctx.feedless is text:
            assert "\f" not in text, repr(text)
            seen.append("feedless")
        if ctx.rare_free is text:
            assert _glyph_candidate().search(text) is None, repr(text)
            seen.append("rare_free")
        return pass_fn(text, ctx)

    return run


def _run_checked(texts: list[str], keep_log: bool) -> list[str]:
    seen: list[str] = []
    stages = [
        _CheckedStage(s.name, s.description, s.default, tuple(_checked(p, seen) for p in s.passes))
        for s in select(None, (), ())
    ]
    jobs = [(text, Context(Options(), keep_log=keep_log)) for text in texts]
    for result in run_many(jobs, stages, locate=False):
        assert not isinstance(result, Exception), result
    return seen


def test_facts_hold_on_generated_circulars() -> None:
    texts = list(generated_circulars(30))
    for keep_log in (False, True):
        seen = _run_checked(texts, keep_log)
        # The facts are in use (else this test checks nothing): handed on through the
        # passes in between down to tidy on most texts.
        assert seen.count("ascii_spaced") > 3 * len(texts), keep_log
        assert "rare_free" in seen and "feedless" in seen


# Header, body and table lines with other spaces, glyph artifacts and mojibake-looking
# characters, put together and hard-wrapped: the passes that hand a fact on must not
# hand it to a text that lost it.
PIECES = [
    "湖 南 省 教 育 厅",
    "湖南省财政厅\u3000文件",
    "湘教发〔2022〕7号",
    "关于印发《工作方案》的通知",
    "各市州教育局：",
    "为深入贯彻落实党中央决策部署，现就有关事项通知如下。",
    "全省\u00a0101所学校，占比2.5%。",
    "一、总体要求",
    "（一）加强组织领导ꎬ确保落实。",
    "\t表1\t数量",
    "— 2 —",
    "鍙戝竷",
    "Page\u20032",
    "\f— 3 —",
    "湖南省教育厅\n2022年4月1日",
    "\n\n",
]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30), st.integers(8, 40), st.booleans())
def test_facts_hold_on_mixed_texts(parts: list[str], width: int, keep_log: bool) -> None:
    text = "\n".join(parts)
    wrapped = "\n".join(text[i : i + width] for i in range(0, len(text), width))
    _run_checked([text, wrapped, text * 20], keep_log)

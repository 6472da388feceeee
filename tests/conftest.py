from __future__ import annotations

import dataclasses
import random
import sys
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = sorted(SAMPLES.glob("*.txt"))
REALDOCS = sorted((SAMPLES / "realdocs").glob("*.txt"))


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


def read_sample(name: str) -> str:
    path = SAMPLES / name
    if not path.exists():
        path = SAMPLES / "realdocs" / name
    return path.read_text(encoding="utf-8")


# A party circular (GB/T 9704): issuer, number, title, addressees, a Chinese-numeral date,
# disclosure note and a wrapped cc list. Shared by the structure and segment tests.
CIRCULAR = """\
中共湖南省委办公厅
湘办发〔2021〕12号

关于做好2021年元旦春节期间有关工作的通知

各市州委，省委各部委，省直各单位：

现将有关事项通知如下。

中共湖南省委办公厅
二〇二〇年十二月二十八日

（此件发至县级）

抄送：省人大常委会办公厅，省政府办公厅，
省政协办公厅。
中共湖南省委办公厅秘书处 2020年12月28日印发
"""


@cache
def generated_circulars(docs: int = 60) -> tuple[str, ...]:
    """``docs`` generated circulars damaged as in the benchmark
    (``benchmarks/generate_corpus.py``: letter-spaced and stacked headers, hard wrap, page
    numbers, repeated runs...), made here so that tests using them run wherever the tests do."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate_corpus

    texts = []
    for i in range(docs):
        rng = random.Random(f"tests-{i}")
        _, truth, parts = generate_corpus.make_document(rng, f"{i:04d}")
        texts.append(generate_corpus.damage(parts, truth, rng))
    return tuple(texts)


@cache
def corpus_pass_inputs() -> dict[str, list[str]]:
    """What each pass (``"stage.function"``) reads when the :func:`generated_circulars` go
    through the default pipeline: real-looking inputs for checking a pass's fast path
    against its plain one."""
    from docclean.api import stages_for
    from docclean.options import Options
    from docclean.pipeline import Context, run_stages

    seen: dict[str, list[str]] = {}

    def recorded(key, fn):  # type: ignore[no-untyped-def]
        def record(text, ctx):  # type: ignore[no-untyped-def]
            seen.setdefault(key, []).append(text)
            return fn(text, ctx)

        return record

    stages = [
        SimpleNamespace(
            name=spec.name,
            description=spec.description,
            default=spec.default,
            passes=tuple(recorded(f"{spec.name}.{fn.__name__}", fn) for fn in spec.passes),
        )
        for spec in stages_for(Options())
    ]
    for text in generated_circulars():
        run_stages(text, stages, Context(Options()))
    return seen


def both_ways(pass_fn, text: str, options=None) -> tuple[tuple, tuple, list]:  # type: ignore[no-untyped-def]
    """A pass's output two ways, for checking its counts-only result: its full-log edits
    applied as the pipeline counts them (``apply_edits_counted``), and its counts-only
    result (a ``Rewrite``, or edits counted), each as (text, changes, flags, metadata);
    and the full-log edits. None of them may be a duplicate removal."""
    from docclean.changes import Rewrite, apply_edits_counted
    from docclean.options import Options
    from docclean.pipeline import Context

    options = options if options is not None else Options()
    ctx = Context(options)
    edits = pass_fn(text, ctx)
    assert isinstance(edits, list)
    new_text, count, duplicates = apply_edits_counted(text, edits)
    assert duplicates == 0
    counts_ctx = Context(options, keep_log=False)
    result = pass_fn(text, counts_ctx)
    bulk = (
        (result.text, result.changes)
        if isinstance(result, Rewrite)
        else apply_edits_counted(text, result)[:2]
    )
    flags = [dataclasses.astuple(f) for f in ctx.flags]
    counts_flags = [dataclasses.astuple(f) for f in counts_ctx.flags]
    return (new_text, count, flags, ctx.metadata), (*bulk, counts_flags, counts_ctx.metadata), edits

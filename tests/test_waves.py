"""Cleaning many texts pass by pass (waves) gives each exactly what cleaning it alone gives.

``pipeline.run_many`` runs one pass over a wave of texts before the next pass (faster:
the pass's code stays in the processor's caches). These tests pin the promise that goes
with it: the texts share nothing but the order of work, a text that makes a pass raise
fails alone, and batches give the same outcomes whatever the wave size.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CIRCULAR, REALDOCS, SEEDS
from docclean import api, batch, pipeline
from docclean.api import clean_bytes, clean_many, clean_text, stages_for
from docclean.batch import Input, clean_chunk, clean_inputs, collect_inputs
from docclean.decoding import DecodeError
from docclean.options import Options
from docclean.pipeline import Context, in_waves, run_many, run_stages
from docclean.stages import BY_NAME

TEXTS = [p.read_text(encoding="utf-8") for p in [*SEEDS, *REALDOCS]] + [
    CIRCULAR,
    "",
    "湖 南 省 教 育 厅\n\n关于 2023年 工作的\n\n通知\n",
    CIRCULAR.replace("现将有关事项通知如下。", "现将有关事项通知如下。现将有关事项通知如下。"),
]


def as_data(result: pipeline.PipelineResult) -> tuple:
    changes = [c.as_dict() for c in result.changes]
    flags = [f.as_dict() | {"start": f.start, "end": f.end, "step": f.step} for f in result.flags]
    return result.text, changes, flags, result.metadata, result.step_lengths, result.counts


@pytest.mark.parametrize("keep_log", [True, False])
def test_run_many_gives_each_text_what_it_gets_alone(keep_log: bool) -> None:
    stages = stages_for(Options())
    alone = [
        as_data(run_stages(t, stages, Context(Options(), keep_log=keep_log), locate=keep_log)) for t in TEXTS
    ]
    jobs = [(t, Context(Options(), keep_log=keep_log)) for t in TEXTS]
    together = run_many(jobs, stages, locate=keep_log)
    assert [as_data(r) for r in together] == alone  # type: ignore[arg-type]
    assert all(set(r.timings) == {s.name for s in stages} for r in together)  # type: ignore[union-attr]


def test_a_pass_that_raises_fails_only_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = BY_NAME["spacing"]
    real = spec.passes

    def exploding(text: str, ctx: Context):  # type: ignore[no-untyped-def]
        if "\ue000" in text:
            raise RuntimeError("spacing exploded")
        return real[0](text, ctx)

    stages = stages_for(Options())
    alone = [as_data(run_stages(t, stages, Context(Options()))) for t in TEXTS]
    monkeypatch.setitem(spec.__dict__, "passes", (exploding, *real[1:]))
    jobs = [(t, Context(Options())) for t in [TEXTS[0], "通知：\ue000\n", *TEXTS[1:]]]
    results = run_many(jobs, stages)
    failed = results.pop(1)
    assert isinstance(failed, RuntimeError) and str(failed) == "spacing exploded"
    assert [as_data(r) for r in results] == alone  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="spacing exploded"):
        run_stages("通知：\ue000\n", stages, Context(Options()))


@given(st.lists(st.integers(0, 3_000_000), max_size=300), st.integers(1, 80), st.integers(1, 2_000_000))
def test_waves_keep_order_and_limits(sizes: list[int], texts: int, chars: int) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "WAVE_TEXTS", texts)
        mp.setattr(pipeline, "WAVE_CHARS", chars)
        items = list(enumerate(sizes))
        waves = list(in_waves(items, lambda item: item[1]))
    assert [item for wave in waves for item in wave] == items
    for wave in waves:
        assert 1 <= len(wave) <= texts
        assert len(wave) == 1 or sum(size for _, size in wave) <= chars
    for before, after in pairwise(waves):
        # A wave closes only when the next item would not fit.
        full = len(before) == texts or sum(s for _, s in before) + after[0][1] > chars
        assert full


def test_clean_many_matches_clean_bytes_and_clean_text(monkeypatch: pytest.MonkeyPatch) -> None:
    data = [t.encode("gb18030") if i % 3 == 1 else t.encode("utf-8") for i, t in enumerate(TEXTS)]
    items: list[bytes | str] = [*data, b"\xff\xfe\x00\xd8\x00", "湖 南 省 教 育 厅\n", b"\x81\x30\x81"]
    monkeypatch.setattr(pipeline, "WAVE_TEXTS", 4)  # several waves
    results = clean_many(items, source_names=[f"f{i}" for i in range(len(items))])
    assert len(results) == len(items)
    for item, result in zip(items, results, strict=True):
        if isinstance(item, str):
            alone = clean_text(item, source_name="x")
        else:
            try:
                alone = clean_bytes(item, source_name="x")
            except DecodeError as exc:
                assert isinstance(result, DecodeError) and str(result) == str(exc)
                continue
        assert not isinstance(result, Exception)
        assert result.text == alone.text
        assert [c.as_dict() for c in result.changes] == [c.as_dict() for c in alone.changes]
        assert [f.as_dict() for f in result.flags] == [f.as_dict() for f in alone.flags]
        assert result.metadata == alone.metadata
        assert result.encoding == alone.encoding


def test_clean_many_segments_a_batch_file_like_clean_text() -> None:
    batch_file = "\n".join([CIRCULAR, CIRCULAR.replace("12号", "13号")])
    single = clean_text(batch_file)
    assert single.metadata.get("documents")
    (many,) = clean_many([batch_file])
    assert not isinstance(many, Exception)
    assert many.text == single.text and many.metadata == single.metadata


def _tree(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for i, text in enumerate(TEXTS):
        (src / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x81\x30\x81\x30\xff\xff\xff")
    (src / "dir.txt").mkdir()
    return src


def _outcomes_data(outcomes: list[batch.Outcome]) -> list[tuple]:
    return [
        (
            o.input.path,
            o.error,
            o.result.text if o.result else None,
            o.result.stage_counts if o.result else None,
        )
        for o in outcomes
    ]


def test_a_chunk_keeps_every_good_file_next_to_bad_ones(tmp_path: Path) -> None:
    src = _tree(tmp_path)
    items = [Input(str(p), p.name) for p in sorted(src.iterdir())] + [
        Input(str(src / "gone.txt"), "gone.txt")
    ]
    outcomes = clean_chunk(items, Options())
    by_name = {Path(o.input.path).name: o for o in outcomes}
    assert "bad.txt: undecodable bytes ff at byte offset 4" in (by_name["bad.txt"].error or "")
    assert "is a directory" in (by_name["dir.txt"].error or "")
    assert "gone.txt" in (by_name["gone.txt"].error or "")
    for i, text in enumerate(TEXTS):
        outcome = by_name[f"{i:03d}.txt"]
        assert outcome.ok and outcome.result is not None
        assert outcome.result.text == clean_text(text).text
    assert all(o.seconds >= 0 for o in outcomes)


@pytest.mark.parametrize("wave", [1, 3, 64])
def test_batch_outcomes_do_not_depend_on_the_wave_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wave: int
) -> None:
    src = _tree(tmp_path)
    inputs, _ = collect_inputs([str(src)])
    reference = _outcomes_data(clean_inputs(inputs, Options(), jobs=1))
    monkeypatch.setattr(pipeline, "WAVE_TEXTS", wave)
    assert _outcomes_data(clean_inputs(inputs, Options(), jobs=1)) == reference
    assert any(o[1] for o in reference) and any(o[2] for o in reference)


def test_clean_text_raises_what_a_stage_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = BY_NAME["tidy"]

    def exploding(text: str, ctx: Context):  # type: ignore[no-untyped-def]
        raise ValueError("tidy exploded")

    monkeypatch.setitem(spec.__dict__, "passes", (exploding,))
    with pytest.raises(ValueError, match="tidy exploded"):
        api.clean_text("通知\n")

"""--jobs: the same bytes out whatever the number of worker processes, run after run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REALDOCS, SEEDS
from docclean.batch import clean_inputs, collect_inputs, default_jobs
from docclean.cli import main
from docclean.options import Options

# A circular damaged the way the samples are, in variants so files differ.
DIRTY = (
    "湖 南 省 教 育 厅\n\n湘教发〔2023〕{n} 号\n\n关于做好第{n}批课后服务\n工作的通知\n\n"
    "各市州教育局：\n\n为深入贯彻落实党中央决策部署，现就有关事项\n\n通知如下。\n\n"
    "— 1 —\n\n一、工作目标\n\n到 2025 年，全省课后服务覆盖率达到 9{n}% 以上。"
    "到 2025 年，全省课后服务覆盖率达到 9{n}% 以上。\n\n湖南省教育厅\n\n2023 年 6 月 {n} 日\n"
)


def make_tree(root: Path, count: int = 24) -> Path:
    src = root / "in"
    for i in range(count):
        sub = src / f"batch{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:03d}.txt").write_text(DIRTY.format(n=i + 1), encoding="utf-8")
    for sample in [*SEEDS, *REALDOCS[:3]]:
        shutil.copy(sample, src / sample.name)
    (src / "broken.txt").write_bytes(b"\x00\x01binary")  # an error must not disturb the order
    return src


def outputs(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_outcomes_are_in_input_order_and_identical_for_any_jobs(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    inputs, errors = collect_inputs([str(src)])
    assert not errors
    serial = clean_inputs(inputs, Options(), jobs=1)
    parallel = clean_inputs(inputs, Options(), jobs=3)
    assert [o.input.path for o in parallel] == [i.path for i in inputs]
    assert [o.error for o in parallel] == [o.error for o in serial]
    assert sum(1 for o in parallel if not o.ok) == 1
    for a, b in zip(serial, parallel, strict=True):
        if a.result is not None:
            assert b.result is not None
            assert b.result.text == a.result.text
            assert [c.as_dict() for c in b.result.changes] == [c.as_dict() for c in a.result.changes]
            assert b.result.metadata == a.result.metadata


def test_on_done_is_called_once_per_file_in_order(tmp_path: Path) -> None:
    src = make_tree(tmp_path, count=9)
    inputs, _ = collect_inputs([str(src)])
    seen: list[str] = []
    clean_inputs(inputs, Options(), jobs=2, on_done=lambda o: seen.append(o.input.path))
    assert seen == [i.path for i in inputs]


def test_default_jobs_is_at_least_one() -> None:
    assert default_jobs() >= 1


def test_cli_outputs_and_reports_are_byte_identical_for_any_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    runs = {}
    for n, jobs in enumerate(["1", "2", "3", "2"]):  # "2" twice: run after run, too
        args = ["clean", "in", "--out", "out", "--report", "r.json", "--report", "r.html", "--jobs", jobs]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2  # broken.txt fails; the others are written
        assert "broken.txt" in result.stderr
        runs[n] = outputs(tmp_path / "out") | {
            "r.json": (tmp_path / "r.json").read_bytes(),
            "r.html": (tmp_path / "r.html").read_bytes(),
        }
        shutil.rmtree(tmp_path / "out")
    assert len(runs[0]) == len(list(src.rglob("*.txt"))) - 1 + 2
    for n in (1, 2, 3):
        assert runs[n] == runs[0]


def test_check_is_identical_for_any_jobs(tmp_path: Path) -> None:
    src = make_tree(tmp_path, count=12)
    results = [
        CliRunner().invoke(main, ["clean", "--check", "--format", "json", str(src), "--jobs", j])
        for j in "123"
    ]
    assert {r.exit_code for r in results} == {2}
    assert results[0].stdout == results[1].stdout == results[2].stdout


def test_run_after_run_in_fresh_processes_with_different_hash_seeds(tmp_path: Path) -> None:
    # Fresh interpreters with different PYTHONHASHSEED: any set/dict-order dependence
    # in a stage would show up as different bytes.
    src = make_tree(tmp_path, count=6)
    results = []
    for seed in ("1", "2"):
        out = tmp_path / "out"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "docclean",
                "clean",
                str(src),
                "--out",
                str(out),
                "--report",
                str(tmp_path / "r.json"),
                "-q",
                "-j",
                "2",
            ],
            env=os.environ | {"PYTHONHASHSEED": seed},
            capture_output=True,
            check=False,
        )
        results.append(outputs(out) | {"r.json": (tmp_path / "r.json").read_bytes()})
        shutil.rmtree(out)
    assert len(results[0]) > 10
    assert results[0] == results[1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers inherit the patch only when forked")
def test_a_killed_worker_fails_its_files_instead_of_hanging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docclean.batch as batch

    src = make_tree(tmp_path, count=6)
    inputs, _ = collect_inputs([str(src)])
    real = batch.clean_chunk

    def dying(items, options, *args):  # type: ignore[no-untyped-def]
        if any(item.path.endswith("002.txt") for item in items):
            os._exit(1)  # as the kernel's OOM killer would
        return real(items, options, *args)

    monkeypatch.setattr(batch, "clean_chunk", dying)
    outcomes = clean_inputs(inputs, Options(), jobs=2)
    assert [o.input.path for o in outcomes] == [i.path for i in inputs]
    died = [o for o in outcomes if o.error and "worker process died" in o.error]
    assert died and any(o.input.path.endswith("002.txt") for o in died)

"""The `clean` / `detect` CLI contract: inputs, outputs, exit codes, one-line errors.

Every bad-input case runs in a batch next to a good file, to show that one failure
never stops or loses the others (exit 2, one line on stderr, the good file written).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, SEEDS
from docclean import batch
from docclean.cli import main

GOOD = "湖 南 省 教 育 厅\r\n关于做好2023年 6月 5日工作的通知\r\n各市州教育局：\r\n"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("docclean: error:")]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "good.txt"
    path.parent.mkdir()
    path.write_bytes(GOOD.encode("utf-8"))
    return path


def assert_good_written(out: Path) -> None:
    text = (out / "good.txt").read_bytes().decode("utf-8")
    assert "\r" not in text
    assert text.startswith("湖 南 省") or text.startswith("湖南省")


def assert_one_error(result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    lines = error_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def validate_report(data: dict) -> None:
    import jsonschema

    schema = json.loads((Path(batch.__file__).parent / "report" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


# --- outputs --------------------------------------------------------------------------


def test_single_input_goes_to_stdout_as_utf8_lf(good: Path) -> None:
    result = run("clean", str(good))
    assert result.exit_code == 0, result.stderr
    assert "\r" not in result.stdout
    assert result.stdout.count("\n") == 3
    assert "docclean: error" not in result.stderr and "warning" not in result.stderr


def test_stdin_dash_reads_bytes_and_detects_encoding() -> None:
    result = run("clean", "-", input=GOOD.encode("gb18030"))
    assert result.exit_code == 0, result.stderr
    assert "各市州教育局：" in result.stdout
    assert "\r" not in result.stdout


def test_out_mirrors_relative_paths_of_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("clean", str(SAMPLES), "--out", str(out), "--report", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.stderr
    expected = sorted(p.relative_to(SAMPLES) for p in SAMPLES.rglob("*.txt"))
    assert sorted(p.relative_to(out) for p in out.rglob("*.txt")) == expected
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["summary"]["files"] == len(expected)
    assert report["summary"]["errors"] == 0
    assert {f["encoding"]["name"] for f in report["files"]} == {"utf-8"}
    validate_report(report)


def test_glob_selects_files_in_directories(tmp_path: Path, good: Path) -> None:
    (good.parent / "notes.md").write_text("# 说明\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("clean", str(good.parent), "--glob", "*.md", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["notes.md"]


def test_several_inputs_without_out_is_a_usage_error(good: Path) -> None:
    result = run("clean", str(good), str(SEEDS[0]))
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_in_place_rewrites_atomically_and_keeps_mode(good: Path) -> None:
    os.chmod(good, 0o640)
    result = run("clean", str(good), "--in-place")
    assert result.exit_code == 0, result.stderr
    assert b"\r" not in good.read_bytes()
    assert (good.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in good.parent.iterdir()] == ["good.txt"]  # no temp file left


def test_in_place_writes_utf8_lf_and_leaves_clean_files_alone(tmp_path: Path) -> None:
    legacy = tmp_path / "gbk.txt"
    legacy.write_bytes("湖南省教育厅\r\n各市州教育局：\r\n".encode("gbk"))
    clean = tmp_path / "clean.txt"
    clean.write_text("湖南省教育厅\n", encoding="utf-8")
    os.utime(clean, (1_000_000_000, 1_000_000_000))
    result = run("clean", str(tmp_path), "--in-place")
    assert result.exit_code == 0, result.stderr
    assert legacy.read_bytes() == "湖南省教育厅\n各市州教育局：\n".encode()
    assert clean.stat().st_mtime == 1_000_000_000


def test_in_place_refuses_stdin() -> None:
    result = run("clean", "-", "--in-place", input=b"x\n")
    assert result.exit_code == 2


def test_two_inputs_mirroring_to_one_output_do_not_overwrite(tmp_path: Path) -> None:
    for sub, word in (("a", "甲"), ("b", "乙")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(word + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("clean", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out))
    assert_one_error(result, "x.txt", "already written")
    assert (out / "x.txt").read_text(encoding="utf-8") == "甲\n"


def test_unknown_encoding_is_a_usage_error(good: Path) -> None:
    result = run("clean", str(good), "--encoding", "no-such-codec")
    assert result.exit_code == 2
    assert "no-such-codec" in result.stderr


def test_encoding_override(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("關於做好工作的通知\n".encode("big5"))
    result = run("clean", str(path), "--encoding", "big5hkscs")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "關於做好工作的通知\n"


# --- bad inputs: exit 2, one line, the others still written ----------------------------


def batch_with(good: Path, bad: str, tmp_path: Path, *extra: str):
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    result = run("clean", str(good), bad, "--out", str(out), "--report", str(report), *extra)
    assert_good_written(out)
    data = json.loads(report.read_text(encoding="utf-8"))
    # A failed input is counted in the report; --errors replace writes the file (exit 2,
    # the replacements are in its change log and encoding.replacements).
    assert data["summary"]["errors"] >= 1 or result.exit_code == 0 or "--errors" in extra
    return result, data


def test_missing_path(good: Path, tmp_path: Path) -> None:
    result, data = batch_with(good, str(tmp_path / "nope.txt"), tmp_path)
    assert_one_error(result, "nope.txt", "no such file")
    assert any("nope.txt" in e for e in data["input_errors"])


def test_directory_with_no_matches(good: Path, tmp_path: Path) -> None:
    empty = tmp_path / "emptydir"
    empty.mkdir()
    (empty / "scan.pdf").write_bytes(b"%PDF-1.4")
    result, _ = batch_with(good, str(empty), tmp_path)
    assert_one_error(result, "emptydir", "no files matching")


def test_binary_file(good: Path, tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(bytes(range(1, 32)) * 40 + b"\x89PNG\x1a")
    result, data = batch_with(good, str(path), tmp_path)
    assert_one_error(result, "scan.txt", "binary")
    assert [f["error"] for f in data["files"] if f.get("error")] == [error_lines(result.stderr)[0][17:]]


def test_nul_bytes(good: Path, tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes("通知\n".encode() + b"\x00" + "附件\n".encode())
    result, _ = batch_with(good, str(path), tmp_path)
    assert_one_error(result, "nul.txt", "NUL", "byte offset 7")


def undecodable(tmp_path: Path) -> Path:
    # Valid UTF-8 with one stray 0xFF byte: not UTF-8, and no Chinese legacy codec
    # decodes it strictly either.
    path = tmp_path / "broken.txt"
    path.write_bytes("关于做好".encode() + b"\xff" + "工作的通知\n".encode())
    return path


def test_undecodable_bytes_name_the_byte_offset(good: Path, tmp_path: Path) -> None:
    result, _ = batch_with(good, str(undecodable(tmp_path)), tmp_path)
    line = assert_one_error(result, "broken.txt", "byte offset 12", "ff")
    assert "--errors replace" in line
    assert not (tmp_path / "out" / "broken.txt").exists()


def test_undecodable_bytes_with_errors_replace_are_recorded(good: Path, tmp_path: Path) -> None:
    # --errors replace: the file is written with U+FFFD and the report logs each
    # replacement with its original bytes, but the bytes are gone from the text, so the
    # run still exits 2 with one line naming the file.
    result, data = batch_with(good, str(undecodable(tmp_path)), tmp_path, "--errors", "replace")
    assert_one_error(result, "broken.txt", "byte offset 12", "U+FFFD", "written")
    assert (tmp_path / "out" / "broken.txt").read_text(encoding="utf-8") == "关于做好\ufffd工作的通知\n"
    entry = next(f for f in data["files"] if f["source"].endswith("broken.txt"))
    logged = [c for c in entry["changes"] if c["kind"] == "undecodable"]
    assert len(logged) == 1
    assert logged[0]["detail"] == {"byte_offset": 12, "bytes": "ff", "encoding": "utf-8"}
    assert logged[0]["source"]["line"] == 1 and logged[0]["source"]["column"] == 5
    validate_report(data)


def test_errors_replace_on_good_bytes_is_a_clean_success(good: Path) -> None:
    result = run("clean", str(good), "--errors", "replace")
    assert result.exit_code == 0, result.stderr


def test_empty_file_is_valid_and_stays_empty(good: Path, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result, _ = batch_with(good, str(path), tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads chmod 000 files")
def test_unreadable_file(good: Path, tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("通知\n", encoding="utf-8")
    path.chmod(0)
    try:
        result, _ = batch_with(good, str(path), tmp_path)
    finally:
        path.chmod(0o644)
    assert_one_error(result, "locked.txt", "permission denied")


def test_unreadable_file_simulated(good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Also runs as root: make reading this one file fail like chmod 000 does.
    path = tmp_path / "locked.txt"
    path.write_text("通知\n", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result, _ = batch_with(good, str(path), tmp_path)
    assert_one_error(result, "locked.txt", "permission denied")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_not_waited_on(good: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result, _ = batch_with(good, str(fifo), tmp_path)
    assert_one_error(result, "pipe.txt", "not a regular file")


def test_output_dir_that_is_a_file(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("not a directory", encoding="utf-8")
    result = run("clean", str(good), "--out", str(out))
    assert_one_error(result, str(out), "is a file")


def test_output_subdir_blocked_by_a_file_keeps_the_others(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("甲\n", encoding="utf-8")
    (src / "sub" / "b.txt").write_text("乙\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("in the way", encoding="utf-8")
    result = run("clean", str(src), "--out", str(out))
    assert_one_error(result, "b.txt", "cannot write")
    assert (out / "a.txt").read_text(encoding="utf-8") == "甲\n"


def test_a_crashing_stage_fails_only_its_file(
    good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docclean.stages import BY_NAME

    spec = BY_NAME["tidy"]
    real = spec.passes

    def exploding(text: str, ctx):  # type: ignore[no-untyped-def]
        if "爆" in text:
            raise RuntimeError("stage exploded\nsecond line")
        return real[0](text, ctx)

    # Files are cleaned together, pass by pass: the others of its chunk must survive.
    monkeypatch.setitem(spec.__dict__, "passes", (exploding, *real[1:]))
    boom = tmp_path / "boom.txt"
    boom.write_text("通知：爆\n", encoding="utf-8")
    result, _ = batch_with(good, str(boom), tmp_path)
    line = assert_one_error(result, "boom.txt", "internal error", "RuntimeError")
    assert "--debug" in line


def test_unwritable_report_is_one_line(good: Path, tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file, not a directory", encoding="utf-8")
    report = tmp_path / "blocker" / "r.json"
    result = run("clean", str(good), "--out", str(tmp_path / "out"), "--report", str(report))
    assert_one_error(result, "r.json", "cannot write report")
    assert_good_written(tmp_path / "out")


# --- detect ----------------------------------------------------------------------------


def test_detect_json_and_table(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(GOOD.encode("gb18030"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    result = run("detect", "--json", str(gbk), str(bom))
    assert result.exit_code == 0, result.stderr
    rows = {Path(r["file"]).name: r for r in json.loads(result.stdout)}
    assert rows["gbk.txt"]["name"] == "gb18030" and rows["gbk.txt"]["newline"] == "CRLF"
    assert rows["bom.txt"]["name"] == "utf-8" and rows["bom.txt"]["bom"] is True
    assert rows["gbk.txt"]["size"] == len(GOOD.encode("gb18030"))
    table = run("detect", str(tmp_path))
    assert table.exit_code == 0
    assert "gb18030" in table.stdout and str(gbk) in table.stdout  # paths are never truncated


def test_detect_reports_bad_files_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("通知\n", encoding="utf-8")
    (tmp_path / "nul.txt").write_bytes(b"a\x00b")
    result = run("detect", "--json", str(tmp_path), str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert [Path(r["file"]).name for r in json.loads(result.stdout)] == ["ok.txt"]
    assert len(error_lines(result.stderr)) == 2


# --- the console entry point ---------------------------------------------------------------


@pytest.fixture
def gc_thresholds() -> Iterator[None]:
    """cli.run() tunes the process's cycle collector: put it back for the other tests."""
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_run_turns_unexpected_errors_into_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], gc_thresholds: None
) -> None:
    from docclean import cli

    def boom(**_: object) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr(cli, "main", boom)
    monkeypatch.setattr(sys, "argv", ["docclean", "stages"])
    with pytest.raises(SystemExit) as exc:
        cli.run()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: something broke" in err
    monkeypatch.setattr(sys, "argv", ["docclean", "--debug", "stages"])
    with pytest.raises(RuntimeError):
        cli.run()


def test_real_entry_point_one_line_and_exit_2(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("通知\n", encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "docclean",
            "clean",
            str(good),
            str(tmp_path / "missing.txt"),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert [line for line in out.stderr.splitlines() if "error" in line] == [
        f"docclean: error: {tmp_path / 'missing.txt'}: no such file or directory"
    ]
    assert "Traceback" not in out.stderr
    assert (tmp_path / "o" / "a.txt").read_text(encoding="utf-8") == "通知\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_inputs_for_one_output_path_write_only_the_first(tmp_path: Path, jobs: str) -> None:
    # a/x.txt and b/x.txt given as directories both mirror to out/x.txt.
    for name, body in (("a", "甲 乙\n"), ("b", "丙 丁\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.txt").write_text(body, encoding="utf-8")
        (tmp_path / name / f"{name}-only.txt").write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    result = run("clean", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out), "--jobs", jobs)
    line = assert_one_error(result, str(tmp_path / "b" / "x.txt"), "already written for")
    assert str(tmp_path / "a" / "x.txt") in line
    assert (out / "x.txt").read_text(encoding="utf-8") == "甲乙\n"  # the first, cleaned
    assert (out / "a-only.txt").exists() and (out / "b-only.txt").exists()


def test_the_console_entry_point_collects_cycles_rarely(
    monkeypatch: pytest.MonkeyPatch, gc_thresholds: None
) -> None:
    from docclean import cli

    gc.set_threshold(700, 10, 10)
    monkeypatch.setattr(sys, "argv", ["docclean", "--version"])
    with pytest.raises(SystemExit) as exc:
        cli.run()
    assert exc.value.code == 0
    assert gc.get_threshold()[0] >= 100_000

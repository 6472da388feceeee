"""clean --check, --config, .doccleanignore, --quiet/--verbose and --format json, end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from docclean.cli import main

DIRTY = (
    "湖 南 省 教 育 厅\n\n湘教发〔2023〕12 号\n\n关于做好课后服务\n工作的通知\n\n各市州教育局：\n\n"
    "为深入贯彻落实党中央决策部署，现就有关事项\n\n通知如下。\n\n— 1 —\n\n"
    "湖南省教育厅\n\n2023 年 6 月 5 日\n"
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory (a .git marks its root, so config search stops here)."""
    (tmp_path / ".git").mkdir()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    shutil.copy(SEEDS[0], docs / "sample.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def clean_copy(repo: Path) -> None:
    code, _, err = run("clean", "--in-place", "docs")
    assert code == 0, err


def test_check_lists_files_writes_nothing_and_exits_1(repo: Path) -> None:
    before = snapshot(repo)
    code, out, err = run("clean", "--check", "docs")
    assert code == 1, err
    assert out.splitlines() == ["would change: docs/dirty.txt", "would change: docs/sample.txt"]
    assert "2 files would change, 0 unchanged" in err
    assert snapshot(repo) == before


def test_check_passes_after_fixing(repo: Path) -> None:
    clean_copy(repo)
    after_fix = snapshot(repo)
    code, out, err = run("clean", "--check", "docs")
    assert (code, out) == (0, ""), err
    assert "0 files would change, 2 unchanged" in err
    assert snapshot(repo) == after_fix


def test_check_with_diff_puts_the_diff_on_stdout_and_the_list_on_stderr(repo: Path) -> None:
    code, out, err = run("clean", "--check", "--diff=unified", "docs/dirty.txt")
    assert code == 1
    assert "--- " in out and "+++ " in out
    assert "-湖 南 省 教 育 厅" in out and "+湖南省教育厅" in out
    assert "would change: docs/dirty.txt" in err
    assert "would change" not in out


def test_check_format_json(repo: Path) -> None:
    code, out, _ = run("clean", "--check", "--format", "json", "docs")
    data = json.loads(out)
    assert code == 1 and data["exit_code"] == 1 and data["mode"] == "check"
    assert data["would_change"] == ["docs/dirty.txt", "docs/sample.txt"]
    entry = data["files"][0]
    assert entry["changed"] is True and entry["changes"] > 0
    assert entry["changes_per_stage"]["spacing"] > 0
    clean_copy(repo)
    code, out, _ = run("clean", "--check", "--format", "json", "docs")
    data = json.loads(out)
    assert code == 0 and data["would_change"] == [] and len(data["unchanged"]) == 2


def test_failed_input_wins_over_would_change(repo: Path) -> None:
    (repo / "docs" / "binary.txt").write_bytes(b"\x00\x01\x02")
    code, out, err = run("clean", "--check", "docs")
    assert code == 2
    assert "binary.txt" in err
    assert "would change: docs/dirty.txt" in out  # the other files are still checked


@pytest.mark.parametrize(
    "args",
    [
        ("--check", "--in-place"),
        ("--check", "--out", "x"),
        ("--check", "--format", "json", "--diff=unified"),
        ("--format", "json"),
        ("--quiet", "--verbose", "--check"),
    ],
)
def test_contradicting_options_are_usage_errors(repo: Path, args: tuple[str, ...]) -> None:
    code, _, err = run("clean", *args, "docs/dirty.txt")
    assert code == 2
    assert "Error" in err or "error" in err
    assert not (repo / "x").exists()


def test_quiet_and_verbose(repo: Path) -> None:
    code, out, err = run("clean", "--check", "--quiet", "docs")
    assert code == 1 and err == ""
    assert "would change: docs/dirty.txt" in out  # the list is data, not chatter
    code, out, err = run("clean", "--check", "--verbose", "docs")
    assert code == 1
    assert "docs/dirty.txt:" in err and "spacing" in err


def test_config_file_is_found_and_cli_overrides_it(repo: Path) -> None:
    # Only the structure stage (which never changes text): nothing would change.
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "archive"\n\n[tool.docclean]\nstages = ["structure"]\n', encoding="utf-8"
    )
    sub = repo / "docs"
    code, _, err = run("clean", "--check", str(sub))
    assert code == 0, err
    code, out, _ = run("clean", "--check", "--stages", "spacing", str(sub))
    assert code == 1 and "dirty.txt" in out


def test_config_named_with_option_and_per_stage_switch(repo: Path, tmp_path: Path) -> None:
    cfg = repo / "ci.toml"
    cfg.write_text("[stages]\nspacing = false\nheader = false\n", encoding="utf-8")
    code, out, _ = run("clean", "--config", str(cfg), "--format", "json", "--check", "docs/dirty.txt")
    data = json.loads(out)
    assert code == 1  # pages and the others still change the file
    assert "spacing" not in data["files"][0]["changes_per_stage"]
    assert "header" not in data["files"][0]["changes_per_stage"]


def test_config_errors_name_the_key_and_exit_2(repo: Path) -> None:
    (repo / "docclean.toml").write_text("dedup-treshold = 95\n", encoding="utf-8")
    code, out, err = run("clean", "--check", "docs")
    assert code == 2 and out == ""
    assert "unknown key 'dedup-treshold'" in err
    code, _, err = run("clean", "--check", "--config", "missing.toml", "docs")
    assert code == 2 and "missing.toml: no such config file" in err


def test_config_include_and_exclude(repo: Path) -> None:
    (repo / "docs" / "notes.text").write_text(DIRTY, encoding="utf-8")
    (repo / "docs" / "drafts").mkdir()
    (repo / "docs" / "drafts" / "d.text").write_text(DIRTY, encoding="utf-8")
    (repo / "docclean.toml").write_text('include = ["*.text"]\nexclude = ["drafts/"]\n', encoding="utf-8")
    code, out, _ = run("clean", "--check", "docs")
    assert code == 1
    assert out.splitlines() == ["would change: docs/notes.text"]


def test_doccleanignore_skips_named_and_walked_files(repo: Path) -> None:
    (repo / ".doccleanignore").write_text("# evidence copies\ndocs/dirty.txt\n", encoding="utf-8")
    code, out, err = run("clean", "--check", "--verbose", "docs")
    assert out.splitlines() == ["would change: docs/sample.txt"]
    assert "skipped (ignored): docs/dirty.txt" in err
    # Named explicitly (as pre-commit does), it is still skipped.
    code, out, _ = run("clean", "--check", "docs/dirty.txt")
    assert (code, out) == (0, "")
    (repo / ".doccleanignore").write_text("*.txt\n!sample.txt\n", encoding="utf-8")
    code, out, _ = run("clean", "--check", "docs")
    assert out.splitlines() == ["would change: docs/sample.txt"]


def test_check_reads_stdin(repo: Path) -> None:
    result = CliRunner().invoke(main, ["clean", "--check", "-"], input=DIRTY.encode("utf-8"))
    assert result.exit_code == 1
    assert result.stdout == "would change: -\n"


def test_detect_format_json(repo: Path) -> None:
    code, out, _ = run("detect", "--format", "json", "docs/dirty.txt")
    assert code == 0
    assert json.loads(out)[0]["name"] == "utf-8"


def test_inspect_reads_the_config_too(repo: Path) -> None:
    (repo / "docclean.toml").write_text("stagez = []\n", encoding="utf-8")
    code, _, err = run("inspect", "docs/dirty.txt")
    assert code == 2 and "unknown key 'stagez'" in err
    (repo / "docclean.toml").write_text('skip = ["header"]\n', encoding="utf-8")
    code, out, _ = run("inspect", "--format", "json", "docs/dirty.txt")
    assert code == 0 and json.loads(out)["file"] == "docs/dirty.txt"

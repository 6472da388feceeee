"""The unified diff: built from the change log, and ``patch`` / ``git apply`` accept it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REALDOCS, SEEDS
from docclean.api import clean_text
from docclean.changes import Edit, apply_edits
from docclean.report.hunks import blocks, segments
from docclean.report.unified import unified_diff
from report_helpers import RAW, fake_result

HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", re.M)


def apply_unified(source: str, diff: str) -> str:
    """A strict reference applier: every context and removed line must match exactly."""
    if not diff:
        return source
    lines = source.split("\n")
    src = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    out: list[str] = []
    cursor = 0
    body = diff.split("\n")
    assert body[0].startswith("--- a/") and body[1].startswith("+++ b/")
    items = [line + "\n" for line in body[2:-1]] + ([body[-1]] if body[-1] else [])
    k = 0
    while k < len(items):
        m = HUNK.match(items[k])
        assert m, items[k]
        start = int(m.group(1)) - (0 if m.group(2) != "0" else -1)
        out.extend(src[cursor : start - 1])
        cursor = start - 1
        k += 1
        while k < len(items) and not items[k].startswith("@@"):
            line = items[k]
            nxt = items[k + 1] if k + 1 < len(items) else ""
            no_nl = nxt.startswith("\\ No newline")
            text = line[1:-1] if no_nl else line[1:]
            if line[0] in " -":
                assert src[cursor] == text, (src[cursor], text)
                cursor += 1
            if line[0] in " +":
                out.append(text)
            k += 2 if no_nl else 1
    out.extend(src[cursor:])
    return "".join(out)


def run_patch(tmp_path: Path, source: str, diff: str, name: str = "doc.txt", tool: str = "patch") -> str:
    work = tmp_path / tool
    work.mkdir()
    target = work / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.encode("utf-8"))
    (work / "change.diff").write_bytes(diff.encode("utf-8"))
    if tool == "patch":
        cmd = ["patch", "-p1", "--batch", "-i", "change.diff"]
    else:
        cmd = ["git", "apply", "--whitespace=nowarn", "-p1", "change.diff"]
    proc = subprocess.run(cmd, cwd=work, capture_output=True)
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()
    return target.read_bytes().decode("utf-8")


def test_diff_of_a_multi_stage_log_is_exact() -> None:
    result = fake_result()
    diff = unified_diff(result.source_text, result.text, result.changes, "doc.txt")
    assert diff.startswith("--- a/doc.txt\n+++ b/doc.txt\n@@ -1,")
    # The raw line with the BOM, CRLF and letter-spacing, then its clean form.
    assert "-\ufeff湖 南 省 教 育 厅\r\n" in diff
    assert "+湖南省教育厅\n" in diff
    # The page-number line is removed, never re-added.
    assert "-— 2 —\r\n" in diff and "+— 2 —" not in diff
    # The source has no final newline: both sides say so.
    assert diff.count("\\ No newline at end of file") == 2
    # Stage names after the hunk header.
    assert re.search(r"^@@ .* @@ .*encoding.*spacing", diff, re.M)
    assert apply_unified(result.source_text, diff) == result.text


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
def test_patch_applies_the_diff_to_the_decoded_input(tmp_path: Path) -> None:
    result = fake_result()
    diff = unified_diff(result.source_text, result.text, result.changes, "doc.txt")
    assert run_patch(tmp_path, result.source_text, diff) == result.text


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_apply_accepts_the_diff(tmp_path: Path) -> None:
    result = fake_result()
    diff = unified_diff(result.source_text, result.text, result.changes, "sub/doc.txt")
    assert run_patch(tmp_path, result.source_text, diff, name="sub/doc.txt", tool="git") == result.text


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
@pytest.mark.parametrize("path", SEEDS + REALDOCS, ids=lambda p: p.name)
def test_diff_of_the_real_pipeline_applies_to_each_sample(tmp_path: Path, path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    result = clean_text(raw)
    diff = unified_diff(raw, result.text, result.changes, path.name)
    if result.text == raw:
        assert diff == ""
        return
    assert run_patch(tmp_path, raw, diff, name=path.name) == result.text


def test_no_changes_no_diff() -> None:
    assert unified_diff("湖南省教育厅\n", "湖南省教育厅\n", [], "a.txt") == ""


def test_context_lines_and_hunk_split() -> None:
    source = "".join(f"第{i}行内容\n" for i in range(1, 21))
    text, changes = apply_edits(
        "spacing",
        source,
        [
            Edit(source.index("第2行"), source.index("第2行") + 1, "弟", "k", "r"),
            Edit(source.index("第18行"), source.index("第18行") + 1, "弟", "k", "r"),
        ],
        0,
    )
    diff = unified_diff(source, text, changes, "a.txt", context=3)
    headers = HUNK.findall(diff)
    assert [(h[0], h[1]) for h in headers] == [("1", "5"), ("15", "6")]
    assert apply_unified(source, diff) == text


def test_form_feed_and_unicode_line_separators_do_not_split_lines() -> None:
    source = "第一页\x0c第二页\u2028仍是一行\n末行\n"
    text, changes = apply_edits("pages", source, [Edit(3, 4, "\n", "ff", "form feed")], 0)
    diff = unified_diff(source, text, changes, "a.txt")
    assert "-第一页\x0c第二页\u2028仍是一行\n" in diff
    assert apply_unified(source, diff) == text


TEXT = st.text(alphabet="湖南省 \n\r，ab", max_size=50)


@st.composite
def multi_step(draw: st.DrawFn) -> tuple[str, str, list]:
    source = draw(TEXT)
    text, changes = source, []
    for step in range(draw(st.integers(1, 4))):
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
        edits = [
            Edit(a, b, draw(st.text(alphabet="新 \n", max_size=3)), "k", "r")
            for a, b in zip(cuts[::2], cuts[1::2], strict=False)
        ]
        text, new = apply_edits(f"s{step}", text, edits, step)
        changes += new
    return source, text, changes


@settings(max_examples=300, deadline=None)
@given(multi_step(), st.integers(0, 3))
def test_any_change_log_gives_an_applicable_diff(case: tuple[str, str, list], context: int) -> None:
    source, clean, changes = case
    diff = unified_diff(source, clean, changes, "a.txt", context)
    assert apply_unified(source, diff) == clean


@settings(max_examples=300, deadline=None)
@given(multi_step())
def test_segments_tile_both_texts_and_blocks_are_whole_lines(case: tuple[str, str, list]) -> None:
    source, clean, changes = case
    segs = segments(source, changes)
    src_pos = out_pos = 0
    used: set[int] = set()
    for seg in segs:
        assert (seg.src_start, seg.out_start) == (src_pos, out_pos)
        src_pos, out_pos = seg.src_end, seg.out_end
        if seg.changes is None:
            assert source[seg.src_start : seg.src_end] == clean[seg.out_start : seg.out_end]
        else:
            used.update(seg.changes)
    assert (src_pos, out_pos) == (len(source), len(clean))
    assert used == set(range(len(changes)))
    for block in blocks(source, clean, segs):
        assert block.src_start == 0 or source[block.src_start - 1] == "\n"
        assert block.out_start == 0 or clean[block.out_start - 1] == "\n"
        if not block.changed:
            assert source[block.src_start : block.src_end] == clean[block.out_start : block.out_end]


def test_raw_fixture_has_the_damage_the_diff_must_carry() -> None:
    assert RAW.startswith("\ufeff") and "\r\n" in RAW and not RAW.endswith("\n")


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
def test_cli_unified_diff_applies_to_the_decoded_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from docclean.cli import main

    monkeypatch.chdir(tmp_path)
    Path("doc.txt").write_bytes(RAW.encode("utf-8"))  # BOM, CRLF, no final newline
    runner = CliRunner()
    clean = runner.invoke(main, ["clean", "doc.txt"])
    assert clean.exit_code == 0, clean.stderr
    result = runner.invoke(main, ["clean", "doc.txt", "--diff=unified"])
    assert result.exit_code == 0, result.stderr
    diff = result.stdout_bytes.decode("utf-8")
    assert diff.startswith("--- a/doc.txt\n+++ b/doc.txt\n@@ ")
    assert "\r\n" in diff  # the raw side keeps its CRLF, so patch matches it
    assert run_patch(tmp_path, RAW, diff, name="doc.txt") == clean.stdout_bytes.decode("utf-8")


def test_cli_unified_diff_of_stdin_is_named_stdin() -> None:
    from click.testing import CliRunner

    from docclean.cli import main

    result = CliRunner().invoke(
        main, ["clean", "-", "--diff", "unified"], input="湖 南 省 教 育 厅\n".encode()
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("--- a/stdin.txt\n+++ b/stdin.txt\n@@ -1 +1 @@")

"""The .doccleanignore matcher: gitignore semantics, checked against git itself."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docclean.ignore import IgnoreRules, find_root, parse_line

TREE = (
    "通知.txt",
    "a.txt",
    "notes.md",
    "drafts/一稿.txt",
    "drafts/old/二稿.txt",
    "archive/2022/湘教发7号.txt",
    "archive/2022/raw/scan.txt",
    "archive/2023/raw/scan.txt",
    "archive/keep.txt",
    "src/drafts/x.txt",
    "deep/a/b/c/d.txt",
    "#hash.txt",
    "!bang.txt",
    "sp ace.txt",
)


def make_tree(root: Path, ignore: str, name: str = ".doccleanignore") -> None:
    for rel in TREE:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("正文\n", encoding="utf-8")
    (root / name).write_text(ignore, encoding="utf-8")


def ignored_set(root: Path, rules: IgnoreRules) -> set[str]:
    return {rel for rel in TREE if rules.ignored(root / rel)}


@pytest.mark.parametrize(
    ("ignore", "expected"),
    [
        ("drafts/\n", {"drafts/一稿.txt", "drafts/old/二稿.txt", "src/drafts/x.txt"}),
        ("/drafts/\n", {"drafts/一稿.txt", "drafts/old/二稿.txt"}),
        ("*.md\n", {"notes.md"}),
        ("archive/**/raw\n", {"archive/2022/raw/scan.txt", "archive/2023/raw/scan.txt"}),
        ("**/raw/scan.txt\n", {"archive/2022/raw/scan.txt", "archive/2023/raw/scan.txt"}),
        ("archive/**\n!archive/keep.txt\n", {p for p in TREE if p.startswith("archive/2")}),
        # A file inside an excluded directory cannot be re-included (git's rule).
        ("archive/\n!archive/keep.txt\n", {p for p in TREE if p.startswith("archive/")}),
        ("*.txt\n!通知.txt\n", {p for p in TREE if p.endswith(".txt")} - {"通知.txt"}),
        ("# comment\n\\#hash.txt\n\\!bang.txt\n", {"#hash.txt", "!bang.txt"}),
        ("a?txt\n", {"a.txt"}),
        ("a?.txt\n", set()),
        ("a.tx[st]\n", {"a.txt"}),
        ("a.tx[!t]\n", set()),
        ("deep/*/b\n", {"deep/a/b/c/d.txt"}),
        ("deep/*/c\n", set()),
        ("湘教发*号.txt\n", {"archive/2022/湘教发7号.txt"}),
        ("sp ace.txt   \n", {"sp ace.txt"}),
        ("notes.md/\n", set()),  # dir-only pattern does not match a file
    ],
)
def test_patterns(tmp_path: Path, ignore: str, expected: set[str]) -> None:
    make_tree(tmp_path, ignore)
    assert ignored_set(tmp_path, IgnoreRules(tmp_path)) == expected


def test_nested_ignore_file_wins_below_its_directory(tmp_path: Path) -> None:
    make_tree(tmp_path, "*.txt\n")
    (tmp_path / "drafts" / ".doccleanignore").write_text("!一稿.txt\n", encoding="utf-8")
    rules = IgnoreRules(tmp_path)
    assert not rules.ignored(tmp_path / "drafts" / "一稿.txt")
    assert rules.ignored(tmp_path / "drafts" / "old" / "二稿.txt")
    assert rules.ignored(tmp_path / "a.txt")


def test_extra_patterns_and_paths_outside_root(tmp_path: Path) -> None:
    make_tree(tmp_path, "")
    rules = IgnoreRules(tmp_path, extra=["archive/", "!archive/keep.txt"])
    assert rules.ignored(tmp_path / "archive" / "2022" / "湘教发7号.txt")
    assert not rules.ignored(tmp_path / "a.txt")
    assert not rules.ignored(tmp_path.parent / "elsewhere.txt")


def test_a_tree_outside_the_root_uses_its_own_ignore_files(tmp_path: Path) -> None:
    project, archive = tmp_path / "project", tmp_path / "archive"
    project.mkdir()
    make_tree(archive, "drafts/\n")
    rules = IgnoreRules(project, extra=["*.txt"])  # the project's excludes do not reach it
    assert rules.ignored(archive / "drafts" / "一稿.txt")
    assert not rules.ignored(archive / "a.txt")


def test_blank_and_comment_lines_are_not_patterns() -> None:
    assert parse_line("") is None
    assert parse_line("   ") is None
    assert parse_line("# drafts") is None
    assert parse_line("/") is None
    assert parse_line("!x").negate


def test_find_root_stops_at_repository(tmp_path: Path) -> None:
    (tmp_path / ".doccleanignore").write_text("x\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    assert find_root(repo / "sub") == repo / "sub"
    (repo / ".doccleanignore").write_text("x\n", encoding="utf-8")
    assert find_root(repo / "sub") == repo


# --- Agreement with git check-ignore on generated patterns -------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SEGMENTS = ["archive", "raw", "drafts", "2022", "*", "**", "?.txt", "*.txt", "scan.txt", "a", "[a-d].txt"]


@st.composite
def ignore_lines(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        segs = draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=3))
        line = "/".join(segs)
        if draw(st.booleans()):
            line = "/" + line
        if draw(st.integers(0, 3)) == 0:
            line += "/"
        if draw(st.integers(0, 3)) == 0:
            line = "!" + line
        lines.append(line)
    return "\n".join(lines) + "\n"


@needs_git
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ignore=ignore_lines())
def test_agrees_with_git_check_ignore(tmp_path_factory: pytest.TempPathFactory, ignore: str) -> None:
    root = tmp_path_factory.mktemp("gi")
    make_tree(root, ignore, ".gitignore")
    (root / ".doccleanignore").write_text(ignore, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    proc = subprocess.run(
        ["git", "-c", "core.quotePath=false", "check-ignore", "--stdin", "--no-index"],
        cwd=root,
        input="\n".join(TREE) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode in (0, 1), proc.stderr
    from_git = {line for line in proc.stdout.splitlines() if line}
    ours = ignored_set(root, IgnoreRules(root))
    assert ours == from_git, ignore

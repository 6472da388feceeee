"""The pre-commit hooks, with the real pre-commit: this checkout is the hook repository.

This checkout (as it is on disk) is snapshotted into a local git repository that a
temporary archive repository names in its .pre-commit-config.yaml. The archive
stages a damaged circular: ``docclean-check`` must fail and show the diff,
``docclean-fix`` must rewrite the file (pre-commit then fails the run because files
changed, as with every fixer); then, with the hooks installed, the clean file
commits and a dirty one is refused. pre-commit builds the hook environment by
pip-installing the snapshot, once (10-40 s).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
    reason="needs git and pre-commit",
)

DIRTY = (
    "湖 南 省 教 育 厅\n\n湘教发〔2023〕12 号\n\n关于做好课后服务\n工作的通知\n\n各市州教育局：\n\n"
    "为深入贯彻落实党中央决策部署，现就有关事项\n\n通知如下。\n\n— 1 —\n\n"
    "湖南省教育厅\n\n2023 年 6 月 5 日\n"
)


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=600,
    )


def test_hook_definitions() -> None:
    hooks = {
        h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    assert set(hooks) == {"docclean-check", "docclean-fix"}
    assert "--check" in hooks["docclean-check"]["entry"]
    assert "--in-place" in hooks["docclean-fix"]["entry"]
    for hook in hooks.values():
        assert hook["language"] == "python"


def snapshot_checkout(dest: Path, env: dict[str, str]) -> str:
    """This checkout as it is on disk (tracked files, uncommitted edits included), committed
    into a fresh repository; returns the commit to pin in .pre-commit-config.yaml.

    ``pre-commit try-repo`` would do the same but builds a new shadow repository, and so
    a new hook environment, on every call; one snapshot is installed once.
    """
    listed = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode("utf-8")
        .split("\0")
    )
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "snapshot"], cwd=dest, check=True, env=env)
    return git(dest, "rev-parse", "HEAD").stdout.strip()


def test_check_hook_fails_and_fix_hook_fixes(tmp_path: Path) -> None:
    env = os.environ | {
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    hook_repo = tmp_path / "docclean"
    hook_repo.mkdir()
    rev = snapshot_checkout(hook_repo, env)

    repo = tmp_path / "archive"
    repo.mkdir()
    git(repo, "init", "-q")
    config = {
        "repos": [
            {"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "docclean-check"}, {"id": "docclean-fix"}]}
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    circular = repo / "通知.txt"
    circular.write_text(DIRTY, encoding="utf-8")
    (repo / "notes.md").write_text("not a circular\n", encoding="utf-8")
    git(repo, "add", ".")

    check = pre_commit(repo, env, "run", "docclean-check", "--verbose")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "would change: 通知.txt" in check.stdout
    assert "+湖南省教育厅" in check.stdout  # the diff shows how
    assert circular.read_text(encoding="utf-8") == DIRTY  # the check hook writes nothing

    fix = pre_commit(repo, env, "run", "docclean-fix")
    assert fix.returncode == 1, fix.stdout + fix.stderr
    assert "files were modified by this hook" in fix.stdout
    fixed = circular.read_text(encoding="utf-8")
    assert fixed.startswith("湖南省教育厅\n")
    assert "2023年6月5日" in fixed
    assert "— 1 —" not in fixed
    assert (repo / "notes.md").read_text(encoding="utf-8") == "not a circular\n"

    # The real commit flow: hooks installed, the clean file commits, a dirty one is refused.
    git(repo, "add", ".")
    installed = pre_commit(repo, env, "install")
    assert installed.returncode == 0, installed.stderr
    committed = subprocess.run(
        ["git", "commit", "-q", "-m", "circular"], cwd=repo, capture_output=True, text=True, env=env
    )
    assert committed.returncode == 0, committed.stdout + committed.stderr
    circular.write_text(DIRTY, encoding="utf-8")
    git(repo, "add", "通知.txt")
    blocked = subprocess.run(
        ["git", "commit", "-q", "-m", "dirty"], cwd=repo, capture_output=True, text=True, env=env
    )
    assert blocked.returncode != 0
    assert "would change: 通知.txt" in blocked.stdout + blocked.stderr
    assert circular.read_text(encoding="utf-8") == fixed  # and the fix hook repaired it again

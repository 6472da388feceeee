"""Config files: discovery, validation (unknown keys name the key), merging with the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from docclean.config import Config, ConfigError, discover, find, load, parse


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_found_from_a_subdirectory(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.docclean]\ncjk-latin-space = "keep"\ndedup-threshold = 92\n',
    )
    sub = tmp_path / "docs" / "2023"
    sub.mkdir(parents=True)
    assert find(sub) == tmp_path / "pyproject.toml"
    cfg = discover(start=sub)
    options = cfg.make_options()
    assert options.cjk_latin_space == "keep"
    assert options.dedup_threshold == 92.0


def test_docclean_toml_wins_over_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.docclean]\ndedup-keep = "longest"\n')
    write(tmp_path / "docclean.toml", 'dedup-keep = "first"\n')
    assert find(tmp_path) == tmp_path / "docclean.toml"


def test_pyproject_without_table_is_skipped_and_search_stops_at_repo_root(tmp_path: Path) -> None:
    write(tmp_path / "docclean.toml", 'convert = "t2s"\n')  # above the repository: not ours
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "pyproject.toml", '[project]\nname = "x"\n')
    assert find(repo) is None
    assert discover(start=repo).make_options().convert is None
    # Without a repository boundary the search continues upward.
    write(tmp_path / "plain" / "pyproject.toml", '[project]\nname = "y"\n')
    assert find(tmp_path / "plain") == tmp_path / "docclean.toml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("dedup-treshold = 90\n", "unknown key 'dedup-treshold'"),
        ("[stages]\ndedupe = false\n", "unknown stage 'dedupe'"),
        ('skip = ["tidy", "nosuch"]\n', "unknown stage 'nosuch'"),
        ("dedup-threshold = 10\n", "outside 50..100"),
        ('dedup-threshold = "high"\n', "expected a number"),
        ('cjk-latin-space = "sometimes"\n', "'sometimes' is not one of remove, keep, add"),
        ("dedup-min-chars = 2.5\n", "expected an integer"),
        ("[stages]\nconvert = true\n", "needs `convert"),
        ("exclude = 3\n", "expected a list of strings"),
        ("jobs = -1\n", "must be at least 0"),
        ("not toml = = 1\n", "not valid TOML"),
    ],
)
def test_bad_values_are_errors_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "docclean.toml", text)
    with pytest.raises(ConfigError) as info:
        load(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_unknown_key_in_pyproject_names_the_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.docclean]\nstagez = []\n")
    with pytest.raises(ConfigError, match=r"\[tool\.docclean\]: unknown key 'stagez'"):
        load(path)


def test_named_file_must_exist_and_have_settings(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load(tmp_path / "missing.toml")
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"no \[tool\.docclean\] table"):
        load(path)


def test_per_stage_switches_and_paths_relative_to_the_config(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cfg" / "docclean.toml",
        'lexicon = ["names.txt"]\nprotect = ["keep.txt"]\nconvert = "t2s"\n'
        'exclude = ["drafts/"]\ninclude = ["*.txt", "*.text"]\njobs = 3\n'
        "[stages]\ndedup = false\ntidy = false\nconvert = true\n",
    )
    cfg = load(path)
    options = cfg.make_options()
    assert options.skip == ("dedup", "tidy")
    assert options.convert == "t2s"
    assert options.lexicon == (tmp_path / "cfg" / "names.txt",)
    assert options.protected_names == (tmp_path / "cfg" / "keep.txt",)
    assert cfg.exclude == ("drafts/",)
    assert cfg.include == ("*.txt", "*.text")
    assert cfg.jobs == 3
    assert cfg.root == tmp_path / "cfg"


def test_underscore_spelling_and_tool_table_in_docclean_toml(tmp_path: Path) -> None:
    path = write(tmp_path / "docclean.toml", '[tool.docclean]\ndedup_keep = "longest"\n')
    assert load(path).make_options().dedup_keep == "longest"


def test_command_line_overrides_config() -> None:
    cfg = parse({"cjk-latin-space": "keep", "skip": ["dedup"], "dedup-min-chars": 40})
    options = cfg.make_options({"cjk_latin_space": "add", "skip": None, "dedup_min_chars": None})
    assert options.cjk_latin_space == "add"
    assert options.skip == ("dedup",)  # not given on the command line: the config stands
    assert options.dedup_min_chars == 40
    assert cfg.make_options({"skip": ("tidy",)}).skip == ("tidy",)
    # --stages names the exact set, so the config's disabled stages no longer apply.
    exact = cfg.make_options({"stages": ("spacing", "dedup")})
    assert exact.stages == ("spacing", "dedup") and exact.skip == ()


def test_empty_config_gives_defaults() -> None:
    from docclean.options import Options

    assert Config().make_options() == Options()

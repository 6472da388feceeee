"""Project configuration: ``[tool.docclean]`` in ``pyproject.toml`` or a ``docclean.toml``.

A CI job should not need a long command line, so the settings a project agrees on
live in a file next to its documents, found the way black and ruff find theirs:
from the current directory upward, ``docclean.toml`` before ``pyproject.toml`` in the
same directory, stopping at the repository root (the directory holding ``.git``).
A ``pyproject.toml`` without a ``[tool.docclean]`` table does not count.

Keys use the command-line spelling (``dedup-threshold``; ``dedup_threshold`` is
accepted too). Paths (``lexicon``, ``protect``) are relative to the config file.
Stages are enabled or disabled per stage with a table::

    [tool.docclean]
    cjk-latin-space = "keep"
    dedup-threshold = 92
    exclude = ["drafts/**"]

    [tool.docclean.stages]
    dedup = false          # disable one stage; ``stages = [...]`` names the exact set instead

A misspelt key is an error that names it: silently ignoring ``dedup-treshold``
would leave a CI job running with settings nobody asked for.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .options import Options, make_options

CONFIG_NAMES = ("docclean.toml", "pyproject.toml")


class ConfigError(ValueError):
    """The configuration file is unreadable or has a wrong or unknown key; the message names it."""


@dataclass
class Config:
    """What a config file says, before the command line overrides it."""

    path: Path | None = None
    options: dict[str, Any] = field(default_factory=dict)  # Options field name -> value
    include: tuple[str, ...] = ()  # file globs used when a directory is walked
    exclude: tuple[str, ...] = ()  # gitignore-style patterns relative to the config's directory
    jobs: int | None = None

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path else None

    def make_options(self, cli: dict[str, Any] | None = None) -> Options:
        """Options from this config with the command line's explicit values on top."""
        merged = dict(self.options)
        given = {k: v for k, v in (cli or {}).items() if v is not None and v != ()}
        if "stages" in given and "skip" not in given:
            # An explicit --stages names the exact set: the config's disabled stages go too.
            merged.pop("skip", None)
        merged.update(given)
        return make_options(None, **merged)


def _str(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{key}: expected a string, got {type(value).__name__}")
    return value


def _str_list(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key}: expected a list of strings")
    return tuple(value)


def _number(value: Any, key: str, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{key}: expected a number, got {type(value).__name__}")
    if not lo <= value <= hi:
        raise ConfigError(f"{key}: {value} is outside {lo:g}..{hi:g}")
    return value


def _int(value: Any, key: str, lo: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{key}: expected an integer, got {type(value).__name__}")
    if value < lo:
        raise ConfigError(f"{key}: must be at least {lo}")
    return value


def _choice(value: Any, key: str, choices: tuple[str, ...]) -> str:
    value = _str(value, key)
    if value not in choices:
        raise ConfigError(f"{key}: {value!r} is not one of {', '.join(choices)}")
    return value


def _stage_names(names: tuple[str, ...], key: str) -> tuple[str, ...]:
    from .stages import BY_NAME

    for name in names:
        if name not in BY_NAME:
            raise ConfigError(f"{key}: unknown stage {name!r} (known: {', '.join(BY_NAME)})")
    return names


def parse(table: dict[str, Any], path: Path | None = None, section: str = "[tool.docclean]") -> Config:
    """Validate one ``[tool.docclean]`` table; relative paths resolve against ``path``'s directory."""
    base = path.parent if path else Path.cwd()
    where = f"{path}: {section}" if path else section
    cfg = Config(path=path)
    opts = cfg.options
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        name = f"{where} {raw_key}"
        if key == "stages":
            if isinstance(value, dict):
                # Per-stage switches: ``dedup = false`` disables, ``convert = true`` is
                # allowed only together with a conversion (the stage needs one).
                names = _stage_names(tuple(value), name)
                for stage in names:
                    if not isinstance(value[stage], bool):
                        raise ConfigError(f"{name}.{stage}: expected true or false")
                off = tuple(s for s in names if not value[s])
                on = tuple(s for s in names if value[s])
                if "convert" in on and "convert" not in table:
                    raise ConfigError(
                        f'{name}.convert: the convert stage needs `convert = "t2s"` (or another)'
                    )
                if off:
                    opts["skip"] = tuple(dict.fromkeys((*opts.get("skip", ()), *off)))
            else:
                opts["stages"] = _stage_names(_str_list(value, name), name)
        elif key in ("skip", "disable"):
            names = _stage_names(_str_list(value, name), name)
            opts["skip"] = tuple(dict.fromkeys((*opts.get("skip", ()), *names)))
        elif key == "encoding":
            opts["encoding"] = _str(value, name)
        elif key == "errors":
            opts["errors"] = _choice(value, name, ("strict", "replace"))
        elif key == "cjk-latin-space":
            opts["cjk_latin_space"] = _choice(value, name, ("remove", "keep", "add"))
        elif key == "convert":
            opts["convert"] = _str(value, name) if value is not False else None
            if opts["convert"] is None:
                del opts["convert"]
        elif key in ("protect", "protected-names"):
            opts["protected_names"] = tuple(base / p for p in _str_list(value, name))
        elif key == "lexicon":
            opts["lexicon"] = tuple(base / p for p in _str_list(value, name))
        elif key == "dedup-threshold":
            opts["dedup_threshold"] = float(_number(value, name, 50, 100))
        elif key == "dedup-min-chars":
            opts["dedup_min_chars"] = _int(value, name, 1)
        elif key == "dedup-keep":
            opts["dedup_keep"] = _choice(value, name, ("first", "longest"))
        elif key in ("include", "glob"):
            cfg.include = _str_list(value, name)
        elif key == "exclude":
            cfg.exclude = _str_list(value, name)
        elif key == "jobs":
            cfg.jobs = _int(value, name, 0)
        else:
            raise ConfigError(f"{where}: unknown key {raw_key!r}")
    return cfg


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def _table_of(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
    """The docclean table of a loaded file, or None when a pyproject.toml has none."""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "docclean" not in tool:
            return None
        table = tool["docclean"]
        section = "[tool.docclean]"
    else:
        # docclean.toml: the keys sit at the top level; a [tool.docclean] table is accepted too.
        if set(data) == {"tool"} and isinstance(data["tool"], dict) and "docclean" in data["tool"]:
            table, section = data["tool"]["docclean"], "[tool.docclean]"
        else:
            table, section = data, "top level"
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {section} must be a table")
    return table, section


def load(path: str | Path) -> Config:
    """Load a named config file (``--config FILE``); it must have docclean settings."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    found = _table_of(path, _load_toml(path))
    if found is None:
        raise ConfigError(f"{path}: has no [tool.docclean] table")
    table, section = found
    return parse(table, path.resolve(), section)


def find(start: str | Path | None = None) -> Path | None:
    """The nearest config file from ``start`` (default: the current directory) upward."""
    here = Path(start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                if name == "pyproject.toml" and _table_of(candidate, _load_toml(candidate)) is None:
                    continue
                return candidate
        if (directory / ".git").exists():
            break  # the repository root: a config above it belongs to someone else
    return None


def discover(explicit: str | Path | None = None, start: str | Path | None = None) -> Config:
    """The config named by ``--config``, else the nearest one, else an empty config."""
    if explicit:
        return load(explicit)
    path = find(start)
    return load(path) if path else Config()

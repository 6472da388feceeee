"""Batch runs: find the inputs, clean each, keep going when one fails.

The CLI is a thin layer over :func:`collect_inputs` and :func:`clean_inputs`, which
batch scripts can call directly.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .api import CleanResult, clean_bytes
from .decoding import DecodeError
from .errors import InputError
from .options import Options

STDIN = "-"


@dataclass
class Input:
    """One file to clean: where it is and where its output goes relative to ``--out``."""

    path: str  # a filesystem path, or "-" for standard input
    relative: str  # output path relative to the output directory

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


@dataclass
class Outcome:
    input: Input
    result: CleanResult | None = None
    error: str | None = None
    output: str | None = None
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


def collect_inputs(
    paths: Sequence[str], glob: str = "*.txt", exclude: Sequence[str] = ()
) -> tuple[list[Input], list[str]]:
    """Expand files, directories (recursively, matching ``glob``) and ``-``.

    Returns the inputs in a stable order and one error message per bad path.
    """
    inputs: list[Input] = []
    errors: list[str] = []
    seen: set[str] = set()  # resolved paths: one file named twice is cleaned once

    def add(item: Input) -> None:
        key = item.path if item.is_stdin else os.path.realpath(item.path)
        if key not in seen:
            seen.add(key)
            inputs.append(item)

    for raw in paths:
        if raw == STDIN:
            add(Input(STDIN, "stdin.txt"))
            continue
        path = Path(raw)
        if path.is_dir():
            walk_errors: list[str] = []
            found = sorted(_walk(path, glob, exclude, walk_errors))
            errors.extend(walk_errors)
            if not found and not walk_errors:
                errors.append(f"{raw}: no files matching {glob!r}")
            for file in found:
                add(Input(str(file), file.relative_to(path).as_posix()))
        elif path.exists():
            add(Input(str(path), path.name))
        else:
            errors.append(f"{raw}: no such file or directory")
    return inputs, errors


def _walk(root: Path, glob: str, exclude: Sequence[str], errors: list[str] | None = None) -> Iterator[Path]:
    def fail(exc: OSError) -> None:
        # An unreadable (sub)directory is an error to report, not a silently missing subtree.
        if errors is not None:
            errors.append(f"{exc.filename}: cannot list directory ({exc.strerror or exc})")

    for dirpath, dirnames, filenames in os.walk(root, onerror=fail):
        dirnames.sort()
        for name in sorted(filenames):
            file = Path(dirpath) / name
            rel = file.relative_to(root).as_posix()
            if not fnmatch.fnmatch(name, glob):
                continue
            if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(name, pat) for pat in exclude):
                continue
            yield file


def read_input(item: Input) -> bytes:
    if item.is_stdin:
        return sys.stdin.buffer.read()
    path = Path(item.path)
    if path.is_dir():
        raise InputError(f"{item.path}: is a directory")
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(f"{item.path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{item.path}: cannot read ({exc.strerror or exc})") from None


def looks_binary(data: bytes) -> str | None:
    """Why ``data`` is not text, or None (see :func:`docclean.decoding.binary_reason`)."""
    from .decoding import binary_reason

    return binary_reason(data)


def clean_one(item: Input, options: Options, debug: bool = False) -> Outcome:
    """Clean one input; any failure becomes ``Outcome.error`` (one line naming the file).

    Unexpected exceptions (a bug in a stage) are caught too, so one bad input never
    stops a batch; ``debug=True`` lets them propagate for a traceback.
    """
    t0 = time.perf_counter()
    try:
        data = read_input(item)
        try:
            result = clean_bytes(data, options, source_name=item.path)
        except DecodeError as exc:
            raise InputError(f"{item.path}: {exc}") from None
        return Outcome(item, result=result, seconds=time.perf_counter() - t0)
    except InputError as exc:
        return Outcome(item, error=str(exc), seconds=time.perf_counter() - t0)
    except Exception as exc:
        if debug:
            raise
        message = (
            f"{item.path}: internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)"
        )
        return Outcome(item, error=" ".join(message.split()), seconds=time.perf_counter() - t0)


def clean_inputs(
    inputs: Iterable[Input],
    options: Options,
    debug: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Clean each input; ``on_done`` is called after each one (the CLI's progress bar)."""
    outcomes: list[Outcome] = []
    for item in inputs:
        outcomes.append(clean_one(item, options, debug))
        if on_done is not None:
            on_done(outcomes[-1])
    return outcomes


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text via a temporary file and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.docclean-tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        if path.exists():
            # --in-place: keep the file's permissions, not the temp file's defaults.
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()

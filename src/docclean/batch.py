"""Batch runs: find the inputs, clean each, keep going when one fails.

The CLI is a thin layer over :func:`collect_inputs` and :func:`clean_inputs`, which
batch scripts can call directly.
"""

from __future__ import annotations

import fnmatch
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
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
    for raw in paths:
        if raw == STDIN:
            inputs.append(Input(STDIN, "stdin.txt"))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(_walk(path, glob, exclude))
            if not found:
                errors.append(f"{raw}: no files matching {glob!r}")
            for file in found:
                inputs.append(Input(str(file), file.relative_to(path).as_posix()))
        elif path.exists():
            inputs.append(Input(str(path), path.name))
        else:
            errors.append(f"{raw}: no such file or directory")
    return inputs, errors


def _walk(root: Path, glob: str, exclude: Sequence[str]) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
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
    """Why ``data`` is not text, or None. NUL bytes are only legal in UTF-16/32 with a BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if b"\x00" in data:
        return f"contains NUL bytes (first at byte offset {data.index(0)})"
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if sample and controls / len(sample) > 0.05:
        return "looks binary (too many control bytes)"
    return None


def clean_one(item: Input, options: Options) -> Outcome:
    t0 = time.perf_counter()
    try:
        data = read_input(item)
        why = looks_binary(data)
        if why:
            raise InputError(f"{item.path}: {why}")
        try:
            result = clean_bytes(data, options, source_name=item.path)
        except DecodeError as exc:
            raise InputError(f"{item.path}: {exc}") from None
        return Outcome(item, result=result, seconds=time.perf_counter() - t0)
    except InputError as exc:
        return Outcome(item, error=str(exc), seconds=time.perf_counter() - t0)


def clean_inputs(inputs: Iterable[Input], options: Options) -> list[Outcome]:
    return [clean_one(item, options) for item in inputs]


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text via a temporary file and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.docclean-tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()

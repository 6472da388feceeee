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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .api import CleanResult, clean_many
from .decoding import DecodeError
from .errors import InputError
from .options import Options
from .pipeline import WAVE_TEXTS, in_waves

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from .ignore import IgnoreRules

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
    paths: Sequence[str],
    glob: str | Sequence[str] = "*.txt",
    exclude: Sequence[str] = (),
    ignore: IgnoreRules | None = None,
    skipped: list[str] | None = None,
) -> tuple[list[Input], list[str]]:
    """Expand files, directories (recursively, matching ``glob``, one or several) and ``-``.

    Returns the inputs in a stable order and one error message per bad path.
    Paths that ``ignore`` (.doccleanignore and the config's ``exclude``) rules out are
    left out, named files included (as with ruff's force-exclude: pre-commit passes
    every staged file by name), and listed in ``skipped`` when given.
    """
    globs = (glob,) if isinstance(glob, str) else tuple(glob)
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
            ignored: list[str] = []
            found = sorted(_walk(path, globs, exclude, walk_errors, ignore, ignored))
            errors.extend(walk_errors)
            if skipped is not None:
                skipped.extend(ignored)
            if not found and not walk_errors and not ignored:
                wanted = " or ".join(repr(g) for g in globs)
                errors.append(f"{raw}: no files matching {wanted}")
            for file in found:
                add(Input(str(file), file.relative_to(path).as_posix()))
        elif path.exists():
            if ignore is not None and ignore.ignored(path, is_dir=False):
                if skipped is not None:
                    skipped.append(str(path))
                continue
            add(Input(str(path), path.name))
        else:
            errors.append(f"{raw}: no such file or directory")
    return inputs, errors


def _walk(
    root: Path,
    globs: Sequence[str],
    exclude: Sequence[str],
    errors: list[str] | None = None,
    ignore: IgnoreRules | None = None,
    skipped: list[str] | None = None,
) -> Iterator[Path]:
    def fail(exc: OSError) -> None:
        # An unreadable (sub)directory is an error to report, not a silently missing subtree.
        if errors is not None:
            errors.append(f"{exc.filename}: cannot list directory ({exc.strerror or exc})")

    # Plain strings until a file is yielded: pathlib per file costs more than cleaning a
    # small circular's header.
    top = os.fspath(root)
    for dirpath, dirnames, filenames in os.walk(top, onerror=fail):
        dirnames.sort()
        if ignore is not None:
            # Prune ignored directories: nothing below them can be re-included (git's rule).
            dirnames[:] = [d for d in dirnames if not ignore.ignored(os.path.join(dirpath, d), is_dir=True)]
        for name in sorted(filenames):
            if not any(fnmatch.fnmatch(name, g) for g in globs):
                continue
            file = os.path.join(dirpath, name)
            if exclude:
                rel = os.path.relpath(file, top).replace(os.sep, "/")
                if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(name, pat) for pat in exclude):
                    continue
            if ignore is not None and ignore.ignored(file, is_dir=False):
                if skipped is not None:
                    skipped.append(str(Path(file)))
                continue
            yield Path(file)


def read_input(item: Input) -> bytes:
    if item.is_stdin:
        return sys.stdin.buffer.read()
    path = Path(item.path)
    if path.is_dir():
        raise InputError(f"{item.path}: is a directory")
    if path.exists() and not path.is_file():
        # A FIFO or device would block the whole batch (or never end): refuse it.
        raise InputError(f"{item.path}: not a regular file")
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


@dataclass(frozen=True)
class Destination:
    """Where a cleaned file goes: ``path``; with ``only_if_changed`` (``--in-place``) an
    unchanged input is not rewritten."""

    path: str
    only_if_changed: bool = False


def clean_one(
    item: Input,
    options: Options,
    debug: bool = False,
    keep_log: bool = True,
    destination: Destination | None = None,
) -> Outcome:
    """Clean one input; any failure becomes ``Outcome.error`` (one line naming the file).

    Unexpected exceptions (a bug in a stage) are caught too, so one bad input never
    stops a batch; ``debug=True`` lets them propagate for a traceback. ``keep_log=False``
    keeps only the counts of the change log (see :func:`docclean.api.clean_text`).
    With a ``destination`` the clean text is written there (atomically) right away, in
    the worker that cleaned it, and ``Outcome.output`` names it.
    """
    destinations = {item.path: destination} if destination is not None else None
    return clean_chunk([item], options, debug, keep_log, destinations)[0]


def clean_chunk(
    items: Sequence[Input],
    options: Options,
    debug: bool = False,
    keep_log: bool = True,
    destinations: Mapping[str, Destination] | None = None,
) -> list[Outcome]:
    """:func:`clean_one` for each of ``items``, cleaned together (:func:`docclean.api.clean_many`:
    pass by pass, faster than one by one). ``Outcome.seconds`` is then the chunk's time
    shared out by input size."""
    t0 = time.perf_counter()
    outcomes = [Outcome(item) for item in items]
    readable: list[Outcome] = []
    data: list[bytes] = []
    for outcome in outcomes:
        try:
            data.append(read_input(outcome.input))
            readable.append(outcome)
        except InputError as exc:
            outcome.error = str(exc)
        except Exception as exc:
            if debug:
                raise
            outcome.error = _internal_error(outcome.input.path, exc)
    results = clean_many(
        data, options, source_names=[o.input.path for o in readable], locate=keep_log, keep_log=keep_log
    )
    for outcome, result in zip(readable, results, strict=True):
        path = outcome.input.path
        if isinstance(result, DecodeError):
            outcome.error = f"{path}: {result}"
        elif isinstance(result, Exception):
            if debug:
                raise result
            outcome.error = _internal_error(path, result)
        else:
            outcome.result = result
            destination = destinations.get(path) if destinations else None
            if destination is not None:
                try:
                    if not destination.only_if_changed or result.changed:
                        write_atomic(Path(destination.path), result.text)
                    outcome.output = destination.path
                except OSError as exc:
                    outcome.error = f"{destination.path}: cannot write ({exc.strerror or exc})"
    seconds = time.perf_counter() - t0
    total = sum(map(len, data)) or 1
    for outcome, size in zip(readable, map(len, data), strict=True):
        outcome.seconds = seconds * size / total
    return outcomes


def _internal_error(path: str, exc: Exception) -> str:
    message = f"{path}: internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)"
    return " ".join(message.split())


def chunks(items: Sequence[Input], most: int = WAVE_TEXTS) -> Iterator[list[Input]]:
    """``items`` in order, in chunks of at most ``most`` files and, unless one file alone
    is larger, ``WAVE_CHARS`` bytes (by the size the file system gives): what
    :func:`clean_chunk` holds in memory at once."""
    for wave in in_waves(items, _size_on_disk):
        for at in range(0, len(wave), most):
            yield wave[at : at + most]


def _size_on_disk(item: Input) -> int:
    if item.is_stdin:
        return 0
    try:
        return os.stat(item.path).st_size
    except OSError:
        return 0  # read_input says why


def clean_inputs(
    inputs: Iterable[Input],
    options: Options,
    debug: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
    jobs: int = 1,
    keep_log: bool = True,
    destinations: Mapping[str, Destination] | None = None,
) -> list[Outcome]:
    """Clean each input; ``on_done`` is called after each one (the CLI's progress bar).

    ``jobs`` > 1 spreads the files over that many worker processes (0: all cores).
    Outcomes come back in input order whatever the number of workers, and each file
    is cleaned by the same deterministic code, so outputs and reports are
    byte-identical for any ``jobs``. ``keep_log=False`` keeps only each file's change
    counts: less memory, and less to send back from the workers, when no report or diff
    will read the log. ``destinations`` (by input path) has each file written by the
    process that cleaned it, so writing runs in parallel too.
    """
    return list(iter_outcomes(inputs, options, debug, on_done, jobs, keep_log, destinations))


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# Per-worker state, set once by the pool initialiser instead of pickled with every file.
_WORKER: dict[str, object] = {}


def _init_worker(
    options: Options, debug: bool, keep_log: bool, destinations: Mapping[str, Destination] | None
) -> None:
    _WORKER["options"] = options
    _WORKER["debug"] = debug
    _WORKER["keep_log"] = keep_log
    _WORKER["destinations"] = destinations or {}


def _clean_in_worker(items: list[Input]) -> list[Outcome]:
    destinations = _WORKER["destinations"]
    return clean_chunk(
        items, _WORKER["options"], bool(_WORKER["debug"]), bool(_WORKER["keep_log"]), destinations
    )  # type: ignore[arg-type]


def _pool_context() -> BaseContext:
    import multiprocessing

    # fork starts a worker in milliseconds and shares the already-imported stages;
    # spawn (macOS, Windows) re-imports everything per worker.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def iter_outcomes(
    inputs: Iterable[Input],
    options: Options,
    debug: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
    jobs: int = 1,
    keep_log: bool = True,
    destinations: Mapping[str, Destination] | None = None,
) -> Iterator[Outcome]:
    """Like :func:`clean_inputs`, yielding each outcome (in input order) as soon as it is ready."""
    items = list(inputs)
    workers = min(default_jobs() if jobs <= 0 else jobs, len(items))
    # Standard input can only be read by this process; tiny batches are not worth a pool.
    if workers <= 1 or any(i.is_stdin for i in items):
        for chunk in chunks(items):
            for outcome in clean_chunk(chunk, options, debug, keep_log, destinations):
                if on_done is not None:
                    on_done(outcome)
                yield outcome
        return
    from .api import stages_for

    for spec in stages_for(options):
        spec.passes  # noqa: B018 - import the stage modules before forking, once for all workers
    # Chunks keep the per-file overhead low on thousands of small files (and are cleaned
    # pass by pass) while leaving enough of them to balance a few big files across the workers.
    most = max(1, min(WAVE_TEXTS, len(items) // (workers * 8)))
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=_pool_context(),
            initializer=_init_worker,
            initargs=(options, debug, keep_log, destinations),
        ) as pool:
            for outcomes in pool.map(_clean_in_worker, chunks(items, most)):
                for outcome in outcomes:
                    done += 1
                    if on_done is not None:
                        on_done(outcome)
                    yield outcome
    except BrokenProcessPool:
        # A worker was killed (out of memory, a signal): say so for every file not
        # finished instead of hanging or dropping them silently.
        for item in items[done:]:
            outcome = Outcome(item, error=f"{item.path}: worker process died before finishing this file")
            if on_done is not None:
                on_done(outcome)
            yield outcome


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text via a temporary file and rename, so readers never see half a file."""
    target = os.fspath(path)
    folder, name = os.path.split(target)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.docclean-tmp")
    data = text.encode("utf-8")
    try:
        try:
            fh = open(tmp, "wb")
        except FileNotFoundError:
            os.makedirs(folder or ".", exist_ok=True)
            fh = open(tmp, "wb")
        with fh:
            fh.write(data)
        try:
            # --in-place: keep the file's permissions, not the temp file's defaults.
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
        except FileNotFoundError:
            pass
        os.replace(tmp, target)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise

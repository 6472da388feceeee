"""The ``docclean`` command: a thin click layer over :mod:`docclean.batch` and the API.

Exit codes: 0 success; 1 ``--check`` found files that would change; 2 usage error
or any input that failed. Data goes to stdout, messages to stderr.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__

EXIT_OK, EXIT_WOULD_CHANGE, EXIT_ERROR = 0, 1, 2


def _error(message: str) -> None:
    click.echo(f"docclean: error: {message}", err=True)


def _csv(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = tuple(v.strip() for v in value.split(",") if v.strip())
    from .stages import BY_NAME

    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise click.BadParameter(f"unknown stage {unknown[0]!r} (see 'docclean stages')")
    return names


def stage_options(fn: Any) -> Any:
    """Options that shape the cleaning, shared by ``clean``, ``inspect`` and ``dedup``."""
    decorators = [
        click.option(
            "--stages", callback=_csv, help="Comma-separated stages to run (default: all default stages)."
        ),
        click.option("--skip", callback=_csv, help="Comma-separated stages to leave out."),
        click.option("--encoding", default=None, help="Decode inputs with this codec instead of detecting."),
        click.option(
            "--errors",
            type=click.Choice(["strict", "replace"]),
            default=None,
            help="Undecodable bytes: fail (strict, default) or replace with U+FFFD and record it.",
        ),
        click.option(
            "--cjk-latin-space",
            type=click.Choice(["remove", "keep", "add"]),
            default=None,
            help="Spaces between Chinese and digits/Latin (default: remove, as official documents are set).",
        ),
        click.option(
            "--convert", default=None, help="OpenCC conversion, e.g. t2s, s2t, tw2s, hk2s (off by default)."
        ),
        click.option(
            "--protect",
            "protected_names",
            multiple=True,
            type=click.Path(dir_okay=False),
            help="File of names --convert must never change (one per line).",
        ),
        click.option(
            "--lexicon",
            multiple=True,
            type=click.Path(dir_okay=False),
            help="Extra agency/region names for header repair (one per line).",
        ),
        click.option(
            "--dedup-threshold",
            type=click.FloatRange(50, 100),
            default=None,
            help="Similarity (0-100) above which a block counts as a repeat (default 88).",
        ),
        click.option(
            "--dedup-min-chars",
            type=click.IntRange(1),
            default=None,
            help="Shortest block (in characters) that may be removed as a repeat.",
        ),
        click.option(
            "--dedup-keep",
            type=click.Choice(["first", "longest"]),
            default=None,
            help="Which copy of a repeated block to keep.",
        ),
    ]
    for deco in reversed(decorators):
        fn = deco(fn)
    return fn


OPTION_KEYS = (
    "stages",
    "skip",
    "encoding",
    "errors",
    "cjk_latin_space",
    "convert",
    "protected_names",
    "lexicon",
    "dedup_threshold",
    "dedup_min_chars",
    "dedup_keep",
)


def build_options(kwargs: dict[str, Any], base: Any = None) -> Any:
    """Options from the command line over ``base``, else over the project's config file
    (a bad config raises ConfigError, a ValueError, with the file and key named)."""
    from .options import make_options

    given = {k: kwargs.pop(k) for k in OPTION_KEYS if k in kwargs}
    given = {k: v for k, v in given.items() if v is not None and v != ()}
    if base is None:
        from .config import discover

        return discover().make_options(given)
    return make_options(base, **given)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docclean")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Clean OCR / PDF-extracted text of Chinese government circulars, recording every change."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command("stages")
def stages_cmd() -> None:
    """List the stages in the order they run."""
    from .stages import REGISTRY

    width = max(len(s.name) for s in REGISTRY)
    for spec in REGISTRY:
        note = "" if spec.default else " [opt-in]"
        click.echo(f"{spec.name:<{width}}  {spec.description}{note}")


def _clean_with_progress(
    ctx: click.Context,
    inputs: list[Any],
    options: Any,
    quiet: bool,
    out_format: str,
    jobs: int | None,
    keep_log: bool = True,
    destinations: dict[str, Any] | None = None,
) -> list[Any]:
    """Clean a batch, with a progress bar on stderr (only on a terminal, never with --quiet/JSON).

    ``keep_log``: whether anything will read the change log (reports, diffs).
    """
    from .batch import clean_inputs
    from .report import summary

    with summary.progress(len(inputs), enabled=not quiet and out_format == "text") as advance:
        return clean_inputs(
            inputs,
            options,
            debug=bool(ctx.obj and ctx.obj.get("debug")),
            on_done=advance,
            jobs=jobs,
            keep_log=keep_log,
            destinations=destinations,
        )


@main.command("clean")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    # No file_okay=False: "output directory is a file" is our own one-line error, not a usage screen.
    "--out",
    "out_dir",
    type=click.Path(),
    help="Write cleaned files under this directory.",
)
@click.option("--in-place", is_flag=True, help="Rewrite the inputs (atomically).")
@click.option(
    "--report",
    "reports",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Write a report; the format follows the extension (.json, .html).",
)
@click.option(
    "--diff",
    type=click.Choice(["rich", "unified"]),
    is_flag=False,
    flag_value="rich",
    default=None,
    help="Print the changes to stdout instead of the clean text: rich (default; colour on a terminal) "
    "or unified (for patch / git apply). Write --diff last or as --diff=unified.",
)
@click.option(
    "--glob",
    default=None,
    help="File pattern when a directory is given (default: the config's include, else *.txt).",
)
@click.option("--exclude", multiple=True, help="Glob of files to leave out (repeatable).")
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; list the files that would change and exit 1 if any would (with --diff: show how).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Settings file (default: docclean.toml or [tool.docclean] in pyproject.toml, from here upward).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0),
    default=None,
    help="Worker processes (default: all cores; 0 = all cores). Output is identical for any N.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr: no progress, summary or warnings.")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="On stderr: one line per file (changes per stage, flags) and ignored files.",
)
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: a machine-readable result on stdout (with --check, --out or --in-place).",
)
@stage_options
@click.pass_context
def clean_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    out_dir: str | None,
    in_place: bool,
    reports: tuple[str, ...],
    diff: str | None,
    glob: str | None,
    exclude: tuple[str, ...],
    check: bool,
    config_file: str | None,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
    out_format: str,
    **kwargs: Any,
) -> None:
    """Clean files, directories (recursively) or - for standard input."""
    from .batch import collect_inputs
    from .config import ConfigError, discover
    from .ignore import IgnoreRules, find_root

    try:
        cfg = discover(config_file)
        options = cfg.make_options({k: kwargs.pop(k) for k in OPTION_KEYS if k in kwargs})
    except ConfigError as exc:
        _error(str(exc))
        ctx.exit(EXIT_ERROR)
    except (TypeError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    if check and (out_dir or in_place):
        raise click.UsageError("--check writes nothing: drop --out / --in-place")
    if out_format == "json" and diff:
        raise click.UsageError("--format json and --diff both write to stdout: choose one")
    if out_format == "json" and not (check or out_dir or in_place):
        raise click.UsageError("--format json needs --check, --out or --in-place (stdout carries the JSON)")
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    if out_dir and in_place:
        raise click.UsageError("--out and --in-place exclude each other")
    if options.encoding:
        import codecs

        try:
            codecs.lookup(options.encoding)
        except LookupError:
            raise click.UsageError(f"unknown encoding {options.encoding!r}") from None
    out_path = Path(out_dir) if out_dir else None
    if out_path is not None and out_path.exists() and not out_path.is_dir():
        _error(f"{out_dir}: output directory is a file")
        ctx.exit(EXIT_ERROR)

    ignore = IgnoreRules(cfg.root or find_root(), extra=cfg.exclude)
    skipped: list[str] = []
    globs = (glob,) if glob else (cfg.include or ("*.txt",))
    inputs, input_errors = collect_inputs(paths, globs, exclude, ignore=ignore, skipped=skipped)
    for message in input_errors:
        _error(message)
    if verbose:
        for name in skipped:
            click.echo(f"docclean: skipped (ignored): {name}", err=True)
    if check:
        jobs = _jobs(jobs, cfg.jobs)
        _check(ctx, inputs, input_errors, skipped, options, reports, diff, out_format, quiet, jobs)
    if in_place and any(i.is_stdin for i in inputs):
        raise click.UsageError("--in-place cannot rewrite standard input")
    to_stdout = out_path is None and not in_place
    if to_stdout and len(inputs) > 1 and not diff:
        raise click.UsageError("several inputs need --out DIR or --in-place")

    import time

    from .batch import Destination
    from .report import summary

    # Where each input goes, decided before cleaning so that the workers write their own
    # files. Two inputs that mirror to one output path (a/x.txt and b/x.txt given as
    # directories): the later one is not written, never overwriting the first silently.
    destinations: dict[str, Destination] = {}
    collisions: dict[str, str] = {}
    if not to_stdout:
        written: dict[Path, str] = {}  # output path -> the input written there
        for item in inputs:
            target = Path(item.path) if in_place else out_path / item.relative  # type: ignore[operator]
            if target in written:
                collisions[item.path] = (
                    f"{item.path}: output {target} is already written for {written[target]}"
                )
                continue
            written[target] = item.path
            destinations[item.path] = Destination(str(target), only_if_changed=in_place)

    t0 = time.perf_counter()
    jobs = _jobs(jobs, cfg.jobs)
    outcomes = _clean_with_progress(
        ctx, inputs, options, quiet, out_format, jobs, bool(reports or diff), destinations
    )
    failed = bool(input_errors)
    for outcome in outcomes:
        if outcome.ok and outcome.input.path in collisions:
            outcome.error = collisions[outcome.input.path]
        if not outcome.ok:
            _error(outcome.error or "failed")
            failed = True
            continue
        assert outcome.result is not None
        if _report_replacements(outcome):
            failed = True  # written, but lossy: the run must not look like a clean success
        if verbose:
            _describe(outcome)
        if diff:
            _print_diff(outcome, diff)
        if to_stdout and diff:
            continue  # the diff is the data on stdout
        if to_stdout:
            # Always UTF-8 with LF, whatever the terminal's locale.
            stream = getattr(sys.stdout, "buffer", None)
            if stream is None:
                sys.stdout.write(outcome.result.text)
            else:
                sys.stdout.flush()
                stream.write(outcome.result.text.encode("utf-8"))
                stream.flush()
            outcome.output = "-"
            continue

    failed = not _write_reports(reports, outcomes, input_errors) or failed
    if out_format == "json":
        _echo_json(_result_json(outcomes, input_errors, skipped, check=False, exit_code=int(failed) * 2))
    elif len(inputs) > 1 and not quiet:
        summary.print_summary(outcomes, input_errors, time.perf_counter() - t0)
    ctx.exit(EXIT_ERROR if failed else EXIT_OK)


def _write_reports(reports: tuple[str, ...], outcomes: list[Any], input_errors: list[str]) -> bool:
    """Write each --report file; False if any failed (the error is printed)."""
    from .batch import write_atomic
    from .report import json_report

    ok = True
    for report_path in reports:
        path = Path(report_path)
        if path.suffix.lower() == ".json":
            try:
                write_atomic(path, json_report.dumps(json_report.build(outcomes, input_errors)))
            except OSError as exc:
                _error(f"{report_path}: cannot write report ({exc.strerror or exc})")
                ok = False
        elif path.suffix.lower() in (".html", ".htm"):
            from .report import html

            try:
                write_atomic(path, html.build(outcomes, input_errors))
            except OSError as exc:
                _error(f"{report_path}: cannot write report ({exc.strerror or exc})")
                ok = False
        else:
            _error(f"{report_path}: unknown report format (use .json or .html)")
            ok = False
    return ok


def _jobs(cli: int | None, config: int | None) -> int:
    """--jobs, else the config's jobs, else all cores (0)."""
    return cli if cli is not None else (config if config is not None else 0)


def _describe(outcome: Any) -> None:
    """--verbose: one line per file on stderr."""

    result = outcome.result
    per_stage = result.stage_counts
    stages = ", ".join(f"{k} {v}" for k, v in per_stage.items())
    total = sum(per_stage.values())
    what = f"{total} changes ({stages})" if total else "unchanged"
    flags = f", {len(result.flags)} flags" if result.flags else ""
    click.echo(f"docclean: {outcome.input.path}: {what}{flags}", err=True)


def _echo_json(data: dict[str, Any]) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _result_json(
    outcomes: list[Any], input_errors: list[str], skipped: list[str], check: bool, exit_code: int
) -> dict[str, Any]:
    """--format json: what a CI script needs to act on a run, without the full change log
    (that is --report x.json)."""

    from . import __version__

    files = []
    for o in outcomes:
        entry: dict[str, Any] = {"source": o.input.path}
        if o.result is None:
            entry["error"] = o.error
        else:
            entry["changed"] = o.result.changed
            entry["changes"] = sum(o.result.stage_counts.values())
            entry["changes_per_stage"] = dict(o.result.stage_counts)
            entry["flags"] = len(o.result.flags)
            if o.error:
                entry["error"] = o.error
            if not check:
                entry["output"] = o.output
        files.append(entry)
    changed = [f["source"] for f in files if f.get("changed")]
    return {
        "tool": {"name": "docclean", "version": __version__},
        "mode": "check" if check else "clean",
        "exit_code": exit_code,
        ("would_change" if check else "changed"): changed,
        "unchanged": [f["source"] for f in files if f.get("changed") is False],
        "errors": [*input_errors, *(f["error"] for f in files if f.get("error"))],
        "skipped": skipped,
        "files": files,
    }


def _check(
    ctx: click.Context,
    inputs: list[Any],
    input_errors: list[str],
    skipped: list[str],
    options: Any,
    reports: tuple[str, ...],
    diff: str | None,
    out_format: str,
    quiet: bool,
    jobs: int,
) -> None:
    """--check: clean in memory, write no cleaned file, exit 1 if any file would change.

    The list of files that would change is the data: on stdout, one
    ``would change: PATH`` line each, unless --diff puts the diff there (then the
    list goes to stderr) or --format json prints one JSON document.
    """

    verbose = bool(ctx.params.get("verbose"))
    outcomes = _clean_with_progress(ctx, inputs, options, quiet, out_format, jobs, bool(reports or diff))
    failed = bool(input_errors)
    would_change = 0
    for outcome in outcomes:
        if not outcome.ok:
            _error(outcome.error or "failed")
            failed = True
            continue
        if _report_replacements(outcome):
            failed = True
        if verbose:
            _describe(outcome)
        if not outcome.result.changed:
            continue
        would_change += 1
        if out_format == "json":
            continue
        if diff:
            _print_diff(outcome, diff)
            if not quiet:
                click.echo(f"would change: {outcome.input.path}", err=True)
        else:
            click.echo(f"would change: {outcome.input.path}")
    failed = not _write_reports(reports, outcomes, input_errors) or failed
    code = EXIT_ERROR if failed else (EXIT_WOULD_CHANGE if would_change else EXIT_OK)
    if out_format == "json":
        _echo_json(_result_json(outcomes, input_errors, skipped, check=True, exit_code=code))
    elif not quiet:
        ok = sum(1 for o in outcomes if o.ok) - would_change
        errors = len(input_errors) + sum(1 for o in outcomes if not o.ok)
        parts = [f"{would_change} file{'s' * (would_change != 1)} would change", f"{ok} unchanged"]
        if errors:
            parts.append(f"{errors} failed")
        click.echo(f"docclean: {', '.join(parts)}", err=True)
    ctx.exit(code)


def _print_diff(outcome: Any, style: str) -> None:
    """--diff: the change report of one file on stdout (UTF-8, line ends kept as they were)."""
    result = outcome.result
    name = "stdin.txt" if outcome.input.is_stdin else outcome.input.path
    if style == "unified":
        from .report.unified import result_diff

        text = result_diff(result, name)
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            stream.write(text.encode("utf-8"))
            stream.flush()
        return
    from .report.terminal import print_diff

    print_diff(result, name)


def _report_replacements(outcome: Any) -> bool:
    """--errors replace: one error line per file that had undecodable bytes; True if any.

    The file is still cleaned and written (each U+FFFD is in the change log with the
    original bytes and byte offset), but the bytes are lost from the text, so the run
    exits 2 like any other input problem.
    """
    info = outcome.result.encoding if outcome.result is not None else None
    if info is None or not info.replacements:
        return False
    first = info.replacements[0]
    _error(
        f"{outcome.input.path}: {len(info.replacements)} undecodable byte sequence(s) replaced by "
        f"U+FFFD (first at byte offset {first.byte_offset}, as {info.name}); written, each "
        "replacement is in the change log"
    )
    return True


@main.command("detect")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", help="Same as --json when json."
)
@click.option("--glob", default="*.txt", show_default=True, help="File pattern when a directory is given.")
@click.pass_context
def detect_cmd(ctx: click.Context, paths: tuple[str, ...], as_json: bool, fmt: str, glob: str) -> None:
    """Print each file's encoding, confidence, newline style, size and script
    (traditional when the text is mostly Traditional Chinese: see --convert)."""
    import json

    as_json = as_json or fmt == "json"

    from .batch import collect_inputs, read_input
    from .decoding import DecodeError, decode
    from .errors import InputError
    from .stages.convert import detect_script

    inputs, errors = collect_inputs(paths, glob)
    rows: list[dict[str, Any]] = []
    for item in inputs:
        try:
            data = read_input(item)
            text, info = decode(data)
            rows.append(
                {"file": item.path, "size": len(data)} | info.as_dict() | {"script": detect_script(text)}
            )
        except (InputError, DecodeError) as exc:
            errors.append(str(exc) if isinstance(exc, InputError) else f"{item.path}: {exc}")
    for message in errors:
        _error(message)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table("file", "encoding", "confidence", "newline", "size", "script")
        for row in rows:
            # Text(): a path like "x[1].txt" must not be read as rich markup.
            name = row["name"] + (" (BOM)" if row["bom"] else "")
            table.add_row(
                Text(row["file"]),
                name,
                f"{row['confidence']:.2f}",
                row["newline"],
                str(row["size"]),
                row["script"],
            )
        # Not a terminal: never truncate paths to 80 columns (scripts read this).
        Console(soft_wrap=True, width=None if sys.stdout.isatty() else 1000).print(table)
    ctx.exit(EXIT_ERROR if errors else EXIT_OK)


@main.command("inspect")
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@stage_options
@click.pass_context
def inspect_cmd(ctx: click.Context, path: str, fmt: str, **kwargs: Any) -> None:
    """Clean PATH in memory and print its GB/T 9704 structure (issuers, doc number, title, date, cc, ...)."""
    import json

    from .api import clean_bytes
    from .stages.structure import FIELDS

    try:
        options = build_options(kwargs)
    except (TypeError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        result = clean_bytes(data, options, source_name=path)
    except OSError as exc:
        _error(f"{path}: cannot read ({exc.strerror or exc})")
        ctx.exit(EXIT_ERROR)
    except ValueError as exc:  # undecodable input (DecodeError) or a bad option
        _error(f"{path}: {exc}")
        ctx.exit(EXIT_ERROR)
    fields = {key: result.metadata.get(key) for key in FIELDS}
    flags = [f.as_dict() for f in result.flags if f.stage in ("header", "structure")]
    # A batch file of several circulars: every document's fields, with the line it starts on.
    documents = result.metadata.get("documents") or []
    for doc in documents:
        doc["line"] = result.source_text.count("\n", 0, doc["start"]) + 1
    if fmt == "json":
        out: dict[str, Any] = {"file": path, **fields, "flags": flags}
        if len(documents) > 1:
            out["documents"] = documents
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        ctx.exit(EXIT_OK)
    from rich.console import Console

    console = Console(soft_wrap=True)
    if len(documents) > 1:
        ends = [doc["start"] for doc in documents[1:]] + [len(result.source_text) + 1]
        for i, (doc, end) in enumerate(zip(documents, ends, strict=True), 1):
            title = f"{path}: document {i} of {len(documents)} (line {doc['line']})"
            own = [f for f in flags if doc["start"] <= f.get("source", {}).get("start", 0) < end]
            console.print(_fields_table(title, {key: doc.get(key) for key in FIELDS}, own))
    else:
        console.print(_fields_table(path, fields, flags))
    ctx.exit(EXIT_OK)


def _fields_table(title: str, fields: dict[str, Any], flags: list[dict[str, Any]]) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title))
    table.add_column("field", no_wrap=True)
    table.add_column("value", overflow="fold")  # never cut a value short with …
    for key, value in fields.items():
        if isinstance(value, list):
            shown = "\n".join(value)
        elif isinstance(value, dict):
            shown = "\n".join(f"{k}: {v}" for k, v in value.items())
        else:
            shown = "" if value is None else str(value)
        table.add_row(key, Text(shown))
    for flag in flags:
        table.add_row(Text(f"flag {flag['code']}"), Text(flag["message"]))
    return table


@main.command("dedup")
@click.argument("paths", nargs=-1, required=True)
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Write the clusters as JSON.")
@click.option(
    "--remove-shared",
    is_flag=True,
    help="Remove later copies of shared blocks (recorded as changes; needs --out).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Write the cleaned documents under this directory.",
)
@click.option("--glob", default="*.txt", show_default=True, help="File pattern when a directory is given.")
@stage_options
@click.pass_context
def dedup_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    report_path: str | None,
    remove_shared: bool,
    out_dir: str | None,
    glob: str,
    **kwargs: Any,
) -> None:
    """Find blocks that recur across documents: clusters, positions, share of each document.

    Report only by default (two circulars may legitimately quote the same policy).
    """
    from .corpus import dedup_corpus

    try:
        options = build_options(kwargs)
    except (TypeError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    if remove_shared and not out_dir:
        raise click.UsageError("--remove-shared needs --out DIR (inputs are never rewritten)")
    code = dedup_corpus(
        paths,
        options,
        glob=glob,
        report_path=report_path,
        remove_shared=remove_shared,
        out_dir=out_dir,
        echo=click.echo,
        error=_error,
    )
    ctx.exit(code)


def run() -> None:
    """Console entry point: unexpected failures become one line, not a traceback."""
    debug = "--debug" in sys.argv
    # A batch's change logs are many small objects that live until its report is
    # written, and the default thresholds have the cycle collector walk them again and
    # again (a fifth of the time of 2,000 circulars with --report). The cleaning makes
    # few reference cycles: collect them rarely, as mypy does. (The CLI process only: the
    # API leaves its caller's collector alone.)
    gc.set_threshold(200_000, 30, 30)
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _error("interrupted")
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)")
        sys.exit(EXIT_ERROR)

"""What a batch run prints on stderr: a progress bar while it works, a summary table after.

Both go to stderr so stdout stays data. The progress bar appears only when stderr
is a terminal and the batch has more than a few files; a piped or logged run gets
the table alone, without colour codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ..batch import Outcome

PROGRESS_MIN_FILES = 4  # fewer files finish before a bar is worth drawing


def stderr_console(**kwargs: Any) -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, **kwargs)


def counts(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    per_stage: Counter[str] = Counter()
    flags = dups = changed = 0
    for o in outcomes:
        if o.result is None:
            continue
        changed += o.result.changed
        per_stage.update(o.result.stage_counts)
        flags += len(o.result.flags)
        dups += o.result.duplicates
    return {
        "files": len(outcomes),
        "changed": changed,
        "per_stage": per_stage,
        "duplicates": dups,
        "flags": flags,
        "errors": sum(1 for o in outcomes if not o.ok),
    }


def summary_table(
    outcomes: Sequence[Outcome], input_errors: Sequence[str] = (), seconds: float = 0.0
) -> Table:
    from rich.table import Table

    from ..stages import BY_NAME

    c = counts(outcomes)
    table = Table(title="docclean", title_justify="left", show_header=True, header_style="bold")
    table.add_column("", no_wrap=True)
    table.add_column("count", justify="right")
    table.add_row("files", f"{c['files']} ({c['changed']} changed)")
    order = [s for s in BY_NAME if s in c["per_stage"]] + [s for s in c["per_stage"] if s not in BY_NAME]
    for stage in order:
        table.add_row(f"  {stage}", str(c["per_stage"][stage]), style="cyan")
    table.add_row("changes", str(sum(c["per_stage"].values())), style="bold")
    table.add_row("duplicates removed", str(c["duplicates"]))
    table.add_row("flags", str(c["flags"]), style="magenta" if c["flags"] else None)
    errors = c["errors"] + len(input_errors)
    table.add_row("errors", str(errors), style="bold red" if errors else None)
    rate = f" ({c['files'] / seconds:.0f} files/s)" if seconds > 0 and c["files"] > 1 else ""
    table.add_row("time", f"{seconds:.2f} s{rate}")
    return table


def print_summary(
    outcomes: Sequence[Outcome],
    input_errors: Sequence[str] = (),
    seconds: float = 0.0,
    console: Console | None = None,
) -> None:
    (console or stderr_console()).print(summary_table(outcomes, input_errors, seconds))


@contextmanager
def progress(
    total: int, console: Console | None = None, enabled: bool = True
) -> Iterator[Callable[[Any], None]]:
    """Yield a callback to call once per finished file; draws a bar only where it helps."""
    console = console or stderr_console()
    if not enabled or total < PROGRESS_MIN_FILES or not console.is_terminal:
        yield lambda _outcome=None: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task("clean", total=total)
        yield lambda _outcome=None: bar.advance(task)

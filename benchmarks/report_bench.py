"""Report benchmark: how fast each report form is written for a large batch, and whether
the HTML page of a 1,000-file batch opens in Chromium.

    python benchmarks/generate_corpus.py --out /tmp/corpus --docs 1000
    python benchmarks/report_bench.py --corpus /tmp/corpus [--files 1000] [--big-mb 5]

Steps: clean every ``*.raw.txt`` of the corpus once (timed separately: that is the
pipeline, not the report), then time, for the whole batch, the HTML page, the JSON
report (build + dump), the unified diffs and the plain terminal diffs. Then load the
HTML page in headless Chromium (``--dump-dom``, which returns after the load event)
and count the file sections in the DOM it built. Last, one big file (``--big-mb`` of
corpus documents concatenated) through the unified diff and the HTML page, to show
report time stays linear in the input (no whole-file diff algorithm).

Timings are wall-clock on whatever machine runs it; record the machine with the
figures in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docclean.api import clean_text
from docclean.batch import Input, Outcome
from docclean.report import html, json_report
from docclean.report.terminal import render_text
from docclean.report.unified import result_diff


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Run and print wall and CPU time (CPU time is steadier on a shared machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    value = fn(*args, **kwargs)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(f"{label:<44} {dt:8.2f} s wall {dc:8.2f} s cpu", flush=True)
    return value, dt


def clean_corpus(files: list[Path]) -> list[Outcome]:
    outcomes = []
    for path in files:
        t0 = time.perf_counter()
        result = clean_text(path.read_text(encoding="utf-8"), source_name=str(path))
        outcomes.append(
            Outcome(
                Input(str(path), path.name),
                result=result,
                output=f"out/{path.name}",
                seconds=time.perf_counter() - t0,
            )
        )
    return outcomes


def chromium_run(*args: str) -> tuple[float, bytes]:
    chromium = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
    if chromium is None:
        return float("nan"), b""
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, timeout=300)
        return time.perf_counter() - t0, proc.stdout


def open_in_chromium(page: Path, out_dir: Path) -> None:
    """Time to load and paint the page (a screenshot), next to an empty page's; then count sections."""
    empty = out_dir / "empty.html"
    empty.write_text("<!DOCTYPE html><title>x</title><p>x", encoding="utf-8")
    shot = out_dir / "shot.png"
    base, _ = chromium_run("--window-size=1280,1000", f"--screenshot={shot}", empty.as_uri())
    load, _ = chromium_run("--window-size=1280,1000", f"--screenshot={shot}", page.as_uri())
    print(f"{'Chromium: load + paint (screenshot)':<44} {load:8.2f} s wall (empty page: {base:.2f} s)")
    dt, dom = chromium_run("--dump-dom", page.as_uri() + "#f0500")
    live = re.sub(rb'<script type="text/html".*?</script>', b"", dom, flags=re.S)
    sections = len(re.findall(rb'<details class="file"', live))
    tables = len(re.findall(rb'<table class="sbs">', live))
    print(
        f"{'Chromium: load + open #f0500 + dump DOM':<44} {dt:8.2f} s wall   "
        f"{sections} file sections, {tables} table rendered, DOM {len(dom) / 1e6:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--big-mb", type=float, default=5.0)
    parser.add_argument("--keep", type=Path, help="Write the reports here instead of a temp dir.")
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*.raw.txt"))[: args.files]
    if not files:
        sys.exit(f"no *.raw.txt in {args.corpus}; run benchmarks/generate_corpus.py first")
    mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"{len(files)} files, {mb:.2f} MB raw; python {sys.version.split()[0]}, {os.cpu_count()} cores")
    outcomes, _ = timed("clean (pipeline, not the report)", clean_corpus, files)
    changes = sum(len(o.result.changes) for o in outcomes if o.result)
    print(f"{changes} changes in the log")

    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="report-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    page, t_html = timed("HTML page: build", html.build, outcomes)
    t0 = time.perf_counter()
    (out_dir / "report.html").write_text(page, encoding="utf-8")
    t_html += time.perf_counter() - t0
    print(f"{'HTML page: build + write':<44} {t_html:8.2f} s   {len(page.encode()) / 1e6:.1f} MB")
    report, t_build = timed("JSON: build", json_report.build, outcomes)
    text, t_dump = timed("JSON: dumps", json_report.dumps, report)
    print(f"{'JSON: total':<44} {t_build + t_dump:8.2f} s   {len(text.encode()) / 1e6:.1f} MB")
    timed("unified diffs (all files)", lambda: [result_diff(o.result, o.input.path) for o in outcomes])
    timed(
        "terminal diffs, plain (all files)",
        lambda: [render_text(o.result, o.input.path, False) for o in outcomes],
    )

    open_in_chromium(out_dir / "report.html", out_dir)

    # One big input: report time must stay linear (no whole-file diff).
    raw = "".join(p.read_text(encoding="utf-8") for p in files)
    target = int(args.big_mb * 1e6 / 3)  # ~3 bytes per CJK character in UTF-8
    big = (raw * (target // max(1, len(raw)) + 1))[:target]
    # dedup is left out here: it is quadratic on this input (many repeated boilerplate
    # runs across concatenated documents) and would dominate; the report is what is timed.
    result, _ = timed(
        f"clean one {len(big.encode()) / 1e6:.1f} MB file (no dedup)", clean_text, big, skip=("dedup",)
    )
    timed("  unified diff of it", result_diff, result, "big.txt")
    big_outcome = Outcome(Input("big.txt", "big.txt"), result=result)
    page, _ = timed("  HTML page of it", html.build, [big_outcome])
    print(f"  {len(result.changes)} changes; page {len(page.encode()) / 1e6:.1f} MB")
    if not args.keep:
        shutil.rmtree(out_dir)


if __name__ == "__main__":
    main()

"""The HTML report in a real browser: headless Chromium loads it from a file URL.

Checks through the DOM Chromium built (``--dump-dom``) that the page shows the
three seed files, their metadata and a highlighted change of every stage that
ran, and that a screenshot of it is not blank. Skipped only when Chromium is not
installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from docclean.batch import Input, Outcome
from docclean.cli import main
from docclean.report import html
from report_helpers import fake_result

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [CHROMIUM or "chromium", *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, timeout=120)


class Dom(HTMLParser):
    """The parts of the rendered DOM the test looks at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, dict] = {}  # section id -> {"name", "text", "stages", "open"}
        self.summary_names: list[str] = []
        self._section: str | None = None
        self._depth = 0
        self._in_summary_name = False
        self._in_change: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "details" and "file" in classes:
            self._section = a["id"]
            self._depth = 0
            self.sections[a["id"]] = {"text": "", "stages": {}, "open": "open" in a}
        if self._section and tag == "details":
            self._depth += 1
        if tag == "tr" and "data-name" in a:
            self.summary_names.append(a["data-name"])
        if self._section and tag in ("del", "ins") and "c" in classes:
            stage = next(c[2:] for c in classes if c.startswith("s-"))
            self.sections[self._section]["stages"].setdefault(stage, []).append(a.get("title", ""))

    def handle_endtag(self, tag: str) -> None:
        if self._section and tag == "details":
            self._depth -= 1
            if self._depth == 0:
                self._section = None

    def handle_data(self, data: str) -> None:
        if self._section:
            self.sections[self._section]["text"] += data


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("browser")
    page, data = tmp / "report.html", tmp / "report.json"
    result = CliRunner().invoke(
        main,
        ["clean", *map(str, SEEDS), "--out", str(tmp / "out"), "--report", str(page), "--report", str(data)],
    )
    assert result.exit_code == 0, result.stderr
    return page, json.loads(data.read_text(encoding="utf-8"))


def test_dom_shows_files_metadata_and_a_highlighted_change_per_stage(
    report: tuple[Path, dict], tmp_path: Path
) -> None:
    page, data = report
    proc = chromium(tmp_path, "--virtual-time-budget=2000", "--dump-dom", page.as_uri())
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    dom_html = proc.stdout.decode("utf-8")
    assert '<table class="summary">' in dom_html
    dom = Dom()
    dom.feed(dom_html)
    assert dom.summary_names == [str(p) for p in SEEDS]
    assert len(dom.sections) == len(SEEDS)
    for (sid, section), entry in zip(dom.sections.items(), data["files"], strict=True):
        assert entry["source"] in dom_html
        assert section["open"], sid  # three files: open on load
        # The metadata the stages read is on the page, value by value.
        shown = 0
        for value in _leaf_strings(entry["metadata"]):
            assert value in section["text"], (sid, value)
            shown += 1
        assert shown, f"{sid}: no metadata to show"
        # Every stage that changed this file has at least one highlighted change,
        # whose tooltip names the stage and one of its reasons.
        stages = {c["stage"] for c in entry["changes"]}
        assert stages, sid
        for stage in stages:
            titles = section["stages"].get(stage) or [
                t for ts in section["stages"].values() for t in ts if f"{stage}: " in t
            ]
            assert titles, (sid, stage)
            reasons = {c["reason"] for c in entry["changes"] if c["stage"] == stage}
            assert any(any(f"{stage}: {r}" in t for r in reasons) for t in titles), (sid, stage)


def _leaf_strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _leaf_strings(v)]
    if isinstance(value, list):
        if value and all(isinstance(v, str) for v in value):
            return ["、".join(value)]
        return [s for v in value for s in _leaf_strings(v)]
    if isinstance(value, str) and value:
        return [value]
    return []


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG into rows of pixel bytes (enough for a screenshot)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = depth = colour = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), (depth, colour)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r[i : i + 3]) for r in rows for i in range(0, stride, bpp * 7)]


def test_screenshot_is_not_blank(report: tuple[Path, dict], tmp_path: Path) -> None:
    page, _ = report
    shot = tmp_path / "report.png"
    proc = chromium(tmp_path, "--window-size=1280,1600", f"--screenshot={shot}", page.as_uri())
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert len(data) > 20_000  # a blank 1280×1600 PNG compresses to a few kB
    width, height, pixels = png_pixels(data)
    assert (width, height) == (1280, 1600)
    colours = set(pixels)
    dark = sum(1 for p in pixels if sum(p) < 300)  # text
    tinted = sum(1 for p in pixels if max(p) - min(p) > 40)  # stage highlights, links
    assert len(colours) > 50, len(colours)
    assert dark / len(pixels) > 0.01, dark / len(pixels)
    assert tinted > 100, tinted
    assert re.fullmatch(r".*\.png", shot.name)


def test_big_batch_renders_a_file_when_a_link_opens_it(tmp_path: Path) -> None:
    """Over LAZY_OVER files the tables stay text until opened; following a link opens one."""
    outcomes = [
        Outcome(Input(f"batch/{i:03d}.txt", f"{i:03d}.txt"), result=fake_result(), output=f"out/{i:03d}.txt")
        for i in range(html.LAZY_OVER + 10)
    ]
    page = tmp_path / "big.html"
    page.write_text(html.build(outcomes), encoding="utf-8")
    # The duplicate link of file 7: opens f07, renders its table, lands on the removed block.
    proc = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", page.as_uri() + "#f07-d0")
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    dom = proc.stdout.decode("utf-8")
    section = re.search(r'<details class="file" id="f07"[^>]* open="">(.*?)</details>', dom, re.S)
    assert section, "f07 was not opened"
    body = section.group(1)
    assert '<table class="sbs">' in body and 'id="f07-rows"' not in body
    assert re.search(r'<del class="c s-dedup dup" id="f07-d0"', body)
    assert 'id="f07-k0"' in body  # the kept copy the removed block links to
    # The other files are still closed, their tables still text.
    live = re.sub(r'<script type="text/html".*?</script>', "", dom, flags=re.S)
    assert live.count('<table class="sbs">') == 1
    assert live.count('class="sbs-slot"') == len(outcomes) - 1
    assert dom.count('<script type="text/html"') == len(outcomes) - 1

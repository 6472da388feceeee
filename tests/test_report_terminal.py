"""The terminal diff: labelled hunks, colour only on a terminal, markers when piped or NO_COLOR."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from docclean.cli import main
from docclean.report import summary
from docclean.report.terminal import make_console, print_diff, render_text
from report_helpers import fake_result

ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*3[0-7]m|\x1b\[[0-9;]*9[0-7]m")


def test_plain_view_marks_removed_and_inserted_text() -> None:
    text = render_text(fake_result(), "doc.txt", colour=False).plain
    lines = text.splitlines()
    assert lines[0].startswith(
        "━━ doc.txt  27 changes (encoding 16, pages 1, spacing 7, header 1, reflow 1, dedup 1)"
    )
    # BOM, letter-spacing and the CR of CRLF, each drawn visibly and struck out.
    assert "│ [-⟨BOM⟩-]湖[-·-]南[-·-]省[-·-]教[-·-]育[-·-]厅[-␍-]" in lines
    # The mark split onto its own line: an inserted line end that still breaks the line.
    assert "│ 湖南省财政厅{+⏎+}" in lines and "│ 文件[-␍-]" in lines
    # The page-number line removed whole, its line end included.
    assert "│ [-—·2·—␍⏎-]" in lines
    # Every hunk is labelled with the stages and reasons behind it, counted.
    assert "  ↳ spacing: OCR space between CJK characters ×7" in lines
    assert "  ↳ pages: page number line" in lines
    assert "  ↳ dedup: repeated paragraph removed" in lines
    assert "  ⚑ header/uncertain-issuer (line 1): issuer line not in the lexicon" in lines
    assert not ANSI_COLOUR.search(text)


def test_colour_on_a_terminal() -> None:
    buf = io.StringIO()
    console = make_console(file=buf, force_terminal=True, color_system="standard", width=100)
    print_diff(fake_result(), "doc.txt", console)
    out = buf.getvalue()
    assert ANSI_COLOUR.search(out)
    assert "[-" not in out and "{+" not in out
    assert "⟨BOM⟩" in out and "spacing: OCR space between CJK characters" in out


def test_no_color_on_a_terminal_falls_back_to_markers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    buf = io.StringIO()
    console = make_console(file=buf, force_terminal=True, color_system="standard")
    print_diff(fake_result(), "doc.txt", console)
    out = buf.getvalue()
    assert not ANSI_COLOUR.search(out)
    assert "[-·-]" in out


def test_long_lines_are_not_hard_wrapped() -> None:
    buf = io.StringIO()
    print_diff(fake_result(), "doc.txt", make_console(file=buf, width=40))
    assert "│ 为贯彻落实《国务院办公厅关于进一步减轻义务教育阶段学生作业负担[-␍⏎-]" in buf.getvalue()


def test_cli_diff_goes_to_stdout_instead_of_the_clean_text(tmp_path: Path) -> None:
    sample = SEEDS[0]
    plain = CliRunner().invoke(main, ["clean", str(sample)])
    result = CliRunner().invoke(main, ["clean", str(sample), "--diff"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"━━ {sample}")
    assert "@@ -1," in result.stdout and "↳ " in result.stdout
    assert not ANSI_COLOUR.search(result.stdout)  # piped: no colour codes
    assert plain.stdout not in result.stdout
    assert result.stderr == ""


def test_cli_diff_of_several_files_needs_no_output_dir() -> None:
    result = CliRunner().invoke(main, ["clean", *map(str, SEEDS), "--diff"])
    assert result.exit_code == 0, result.stderr
    for sample in SEEDS:
        assert f"━━ {sample}" in result.stdout
    assert "duplicates removed" in result.stderr  # the batch summary, on stderr


def test_batch_summary_on_stderr_and_no_progress_bar_when_piped(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clean", str(SEEDS[0].parent), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    for row in ("files", "changes", "duplicates removed", "flags", "errors", "time"):
        assert re.search(rf"│ *{row} *│", result.stderr), row
    assert "cleaning" not in result.stderr


def test_summary_counts_errors_and_stages() -> None:
    from docclean.batch import Input, Outcome

    outcomes = [
        Outcome(Input("doc.txt", "doc.txt"), result=fake_result()),
        Outcome(Input("bad.bin", "bad.bin"), error="bad.bin: contains NUL bytes"),
    ]
    buf = io.StringIO()
    summary.print_summary(outcomes, ["gone.txt: no such file"], 2.0, make_console(file=buf, width=80))
    out = buf.getvalue()
    assert re.search(r"files *│ *2 \(1 changed\)", out)
    assert re.search(r"spacing *│ *7", out)
    assert re.search(r"duplicates removed *│ *1", out)
    assert re.search(r"errors *│ *2", out)


def test_progress_bar_only_on_a_terminal_and_for_batches() -> None:
    buf = io.StringIO()
    tty = make_console(file=buf, force_terminal=True, width=80)
    with summary.progress(10, tty) as advance:
        for _ in range(10):
            advance(None)
    assert "cleaning" in buf.getvalue()
    buf = io.StringIO()
    with summary.progress(2, make_console(file=buf, force_terminal=True)) as advance:
        advance(None)
    assert buf.getvalue() == ""
    buf = io.StringIO()
    with summary.progress(10, make_console(file=buf)) as advance:
        advance(None)
    assert buf.getvalue() == ""


def test_invisible_characters_in_a_change_are_drawn() -> None:
    from docclean.report.hunks import visible

    assert visible(" \u3000\n\r\t\x0c\ufeff") == "·□⏎␍⇥␌⟨BOM⟩"
    assert visible("\x01\u2002\u200b") == "⟨U+0001⟩⟨U+2002⟩⟨ZWSP⟩"
    assert visible("湖南，2.5%") == "湖南，2.5%"

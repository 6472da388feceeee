"""Reading the data files shipped in ``docclean/data`` (lexicons, tables, word lists)."""

from __future__ import annotations

from importlib import resources


def data_lines(name: str) -> list[str]:
    """The lines of ``data/<name>`` that carry data: blank lines and ``#`` comments dropped."""
    text = resources.files("docclean").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]

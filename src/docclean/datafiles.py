"""Reading the data files shipped in ``docclean/data`` (lexicons, tables, word lists)."""

from __future__ import annotations

from pathlib import Path

# The package is always installed as plain files (setuptools, no zip import), so the data
# sits next to this module; importlib.resources would cost 7-14 ms of imports per process.
DATA_DIR = Path(__file__).resolve().parent / "data"


def data_lines(name: str) -> list[str]:
    """The lines of ``data/<name>`` that carry data: blank lines and ``#`` comments dropped."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]

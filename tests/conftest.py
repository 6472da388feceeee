from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = sorted(SAMPLES.glob("*.txt"))
REALDOCS = sorted((SAMPLES / "realdocs").glob("*.txt"))


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


def read_sample(name: str) -> str:
    path = SAMPLES / name
    if not path.exists():
        path = SAMPLES / "realdocs" / name
    return path.read_text(encoding="utf-8")

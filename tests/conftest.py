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


# A party circular (GB/T 9704): issuer, number, title, addressees, a Chinese-numeral date,
# disclosure note and a wrapped cc list. Shared by the structure and segment tests.
CIRCULAR = """\
中共湖南省委办公厅
湘办发〔2021〕12号

关于做好2021年元旦春节期间有关工作的通知

各市州委，省委各部委，省直各单位：

现将有关事项通知如下。

中共湖南省委办公厅
二〇二〇年十二月二十八日

（此件发至县级）

抄送：省人大常委会办公厅，省政府办公厅，
省政协办公厅。
中共湖南省委办公厅秘书处 2020年12月28日印发
"""

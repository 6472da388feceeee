"""decoding._gb18030_profile (row counting on the GB 18030 bytes) against the
character-by-character reference, on every code it relies on and on generated texts."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

from docclean import decoding as D

_reference = D._profile_by_counting


def test_gb18030_codes_of_rows_b0_to_f7_are_the_gb2312_codes() -> None:
    # The row counting reads GB 2312 rows from GB 18030 bytes: every code with a lead
    # byte B0-F7 and a trail byte A1-FE is the same character in both, except D7FA-D7FE.
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            code = bytes((lead, trail))
            ch = code.decode("gb18030")
            if lead == 0xD7 and trail >= 0xFA:
                assert ch in D._D7_EMPTY
                continue
            assert ch.encode("gb2312") == code, code.hex()
            assert D._char_profile(ch)[1] == 1  # Han


def test_founder_marks_are_4_byte_codes_that_cannot_overlap_themselves() -> None:
    for mark in D._FOUNDER_MARKS:
        code = mark.encode("gb18030")
        assert len(code) == 4
        assert all(code[:k] != code[-k:] for k in range(1, 4)), mark


def test_symbol_charmap_is_a_c_level_map_of_rows_a1_a3() -> None:
    charmap, classes = D._symbol_charmap()
    assert type(charmap).__name__ == "EncodingMap"  # not a dict: encoded in C
    for lead in (0xA1, 0xA3):
        for trail in range(0xA1, 0xFF):
            ch = bytes((lead, trail)).decode("gb18030")
            (byte,) = codecs.charmap_encode(ch, "strict", charmap)[0]
            s, han, _ = D._char_profile(ch)
            assert han == 0
            assert classes[byte] == {1.0: 1, 0.25: 2, 0.0: 3}[s]


def _pool() -> list[str]:
    rows = {lead: bytes(b for t in range(0xA1, 0xFF) for b in (lead, t)) for lead in range(0xA1, 0xF8)}
    level1 = (b"".join(rows[lead] for lead in range(0xB0, 0xD7)) + rows[0xD7][:-10]).decode("gb18030")
    level2 = b"".join(rows[lead] for lead in range(0xD8, 0xF8)).decode("gb18030")
    return [
        level1,
        level2,
        rows[0xA1].decode("gb18030"),
        rows[0xA3].decode("gb18030"),
        (rows[0xA2] + rows[0xA4] + rows[0xA6] + rows[0xA8] + rows[0xA9]).decode("gb18030", "ignore"),
        "abc 123\n\r\t\f-_.,\x00",
        D._FOUNDER_MARKS,
        "镕堃喆珺瑢丂丄丅",  # GBK only: trail bytes 40-A0, or rows 81-A0
        "\ue810\ue812\ue814",  # D7FA, D7FC, D7FE
        "們這個時間點還沒\u00b7\u2014\u2015\u30fb€ｱ가\U00020000\ufffe",
    ]


def _text(rng: random.Random, pool: list[str]) -> str:
    weights = [60, 3, 15, 10, 1, 10, 2, 0.2, 0.05, 0.2]
    out = []
    for _ in range(rng.randint(0, 300)):
        part = rng.choices(pool, weights)[0]
        out.append(rng.choice(part))
    return "".join(out)


def test_random_gbk_texts_profile_as_the_reference() -> None:
    rng = random.Random(20261124)
    pool = _pool()
    fast = 0
    for _ in range(2000):
        text = _text(rng, pool)
        data = text.encode("gb18030")
        profile = D._gb18030_profile(data, text)
        if profile is not None:
            fast += 1
            assert profile == _reference(text), text
        assert D._profile(text) == _reference(text), text
    assert fast > 1000  # the row counting is what was tested, not only the fallback


def test_sample_files_profile_as_the_reference() -> None:
    for path in sorted(Path(__file__).parent.parent.joinpath("samples").rglob("*.txt")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        try:
            data = text.encode("gb18030")
        except UnicodeEncodeError:
            continue
        profile = D._gb18030_profile(data, text)
        assert profile is None or profile == _reference(text), path
        assert D._profile(text) == _reference(text), path


def test_long_text_is_scored_on_its_prefix() -> None:
    text = "关于做好工作的通知，。" * 3000 + "們們們" * 5000
    assert D._gb18030_profile(text.encode("gb18030"), text) is None
    assert D._profile(text) == _reference(text)


def _binary_reason_reference(data: bytes) -> str | None:
    """decoding.binary_reason without the look for any control byte first."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in data:
        return f"contains NUL bytes (first at byte offset {data.index(0)}); not a text file"
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, D._CONTROL_BYTES))
    if sample and controls / len(sample) > 0.05:
        return "looks binary (too many control bytes); not a text file"
    return None


def test_binary_reason_agrees_with_the_reference() -> None:
    rng = random.Random(7)
    text = "关于做好工作的通知\n\t\r\f\x1b abc".encode()
    for _ in range(3000):
        size = rng.randint(0, 200)
        rate = rng.choice([0.0, 0.01, 0.04, 0.05, 0.06, 0.3])
        data = bytes(rng.randrange(1, 32) if rng.random() < rate else rng.choice(text) for _ in range(size))
        if rng.random() < 0.05:
            data += b"\x00"
        assert D.binary_reason(data) == _binary_reason_reference(data), data

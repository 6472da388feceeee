"""Encoding detection: the samples in every encoding a circular arrives in.

The encoded versions are made here with Python's codecs: GBK and GB18030 from the
Simplified samples, Big5 from a Traditional conversion of them (keeping only the
characters Big5 has), UTF-16 with a BOM and UTF-8 with a BOM. Detection must name
the right codec and the cleaned text must not depend on how the bytes arrived.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REALDOCS, SEEDS
from docclean import clean_bytes, clean_text, rebuild
from docclean.cli import main
from docclean.decoding import BinaryInputError, DecodeError, decode, newline_style, plausibility

SAMPLES = SEEDS + REALDOCS


def sample_id(path: Path) -> str:
    return path.stem[:40]


@cache
def utf8_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def traditional(path: Path) -> str:
    """The sample in Traditional characters, limited to what Big5 can encode."""
    import opencc

    converted = opencc.OpenCC("s2t").convert(utf8_text(path))
    return "".join(ch for ch in converted if ch.encode("big5", errors="ignore") or ch in "\n")


def gbk_encodable(path: Path) -> bool:
    try:
        utf8_text(path).encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


GBK_SAMPLES = [p for p in SAMPLES if gbk_encodable(p)]


def test_most_samples_are_gbk_encodable() -> None:
    # The Sichuan extractions hold «» and Yi-syllable PDF glyphs (ꎬ) that only GB18030 has.
    assert len(GBK_SAMPLES) >= len(SAMPLES) - 2


@pytest.mark.parametrize("path", GBK_SAMPLES, ids=sample_id)
def test_gbk_is_decoded_as_gb18030(path: Path) -> None:
    text = utf8_text(path)
    decoded, info = decode(text.encode("gbk"))
    assert decoded == text
    assert info.name == "gb18030" and not info.bom
    assert 0 < info.confidence <= 1


@pytest.mark.parametrize("path", SAMPLES, ids=sample_id)
def test_gb18030_and_clean_text_is_the_same(path: Path) -> None:
    text = utf8_text(path)
    result = clean_bytes(text.encode("gb18030"))
    assert result.encoding is not None and result.encoding.name == "gb18030"
    assert result.source_text == text
    assert result.text == clean_bytes(text.encode("utf-8")).text


@pytest.mark.parametrize("path", SAMPLES, ids=sample_id)
def test_big5_of_the_traditional_text(path: Path) -> None:
    text = traditional(path)
    result = clean_bytes(text.encode("big5"))
    assert result.encoding is not None and result.encoding.name == "big5hkscs"
    assert result.source_text == text
    assert result.text == clean_bytes(text.encode("utf-8")).text


@pytest.mark.parametrize("path", SAMPLES, ids=sample_id)
@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (b"\xef\xbb\xbf", "utf-8", "utf-8"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom"],
)
def test_bom_decides_and_is_dropped_as_a_change(path: Path, bom: bytes, codec: str, name: str) -> None:
    text = utf8_text(path)
    result = clean_bytes(bom + text.encode(codec))
    assert result.encoding is not None
    assert (result.encoding.name, result.encoding.bom, result.encoding.confidence) == (name, True, 1.0)
    assert result.source_text == "\ufeff" + text
    assert result.text == clean_bytes(text.encode("utf-8")).text
    bom_changes = [c for c in result.changes if c.kind == "bom"]
    assert len(bom_changes) == 1 and bom_changes[0].source is not None
    assert rebuild(result.text, result.changes) == result.source_text


def test_utf16_without_bom_only_when_clear() -> None:
    text = utf8_text(SEEDS[0])
    decoded, info = decode(text.encode("utf-16-le"))
    assert (decoded, info.name, info.bom) == (text, "utf-16-le", False)
    decoded, info = decode(text.encode("utf-16-be"))
    assert (decoded, info.name) == (text, "utf-16-be")
    # NUL bytes scattered like a binary file's are refused, not read as UTF-16.
    with pytest.raises(BinaryInputError, match="NUL"):
        decode(bytes([0, 65, 66, 0, 0, 67, 68, 69, 0, 70] * 20))


def test_detect_cli_names_every_encoding(tmp_path: Path) -> None:
    """`docclean detect --json` over one sample written in every encoding."""
    path = SEEDS[0]
    text = utf8_text(path)
    variants = {
        "gbk.txt": (text.encode("gbk"), "gb18030"),
        "gb18030.txt": (text.encode("gb18030"), "gb18030"),
        "big5.txt": (traditional(path).encode("big5"), "big5hkscs"),
        "utf16.txt": (b"\xff\xfe" + text.encode("utf-16-le"), "utf-16-le"),
        "utf8bom.txt": (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8"),
        "utf8.txt": (text.encode("utf-8"), "utf-8"),
        "crlf.txt": (text.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
    }
    for name, (data, _) in variants.items():
        (tmp_path / name).write_bytes(data)
    result = CliRunner().invoke(main, ["detect", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    rows = {Path(r["file"]).name: r for r in json.loads(result.stdout)}
    assert {k: r["name"] for k, r in rows.items()} == {k: v[1] for k, v in variants.items()}
    assert rows["utf8bom.txt"]["bom"] and rows["utf16.txt"]["bom"] and not rows["gbk.txt"]["bom"]
    assert rows["crlf.txt"]["newline"] == "CRLF" and rows["gbk.txt"]["newline"] == "LF"
    assert rows["big5.txt"]["size"] == len(variants["big5.txt"][0])

    cleaned = {}
    for name in ("gbk.txt", "gb18030.txt", "utf16.txt", "utf8bom.txt", "utf8.txt", "crlf.txt"):
        out = CliRunner().invoke(main, ["clean", str(tmp_path / name)])
        assert out.exit_code == 0, out.stderr
        cleaned[name] = out.stdout
    assert len(set(cleaned.values())) == 1


# Title and addressee lines: chardet's confidence on these is 0.1-0.4.
SHORT_LINES = [
    "湖南省教育厅关于做好2023年普通高校招生工作的通知",
    "各市州教育（体育）局：",
    "国务院办公厅关于印发《政府信息公开工作年度报告格式》的通知",
    "湘教发〔2022〕7号",
    "— 3 —",
    "联系人：张三，电话：0731-84714812",
]


@pytest.mark.parametrize("line", SHORT_LINES)
def test_short_lines_decode_right_in_gbk_and_big5(line: str) -> None:
    decoded, info = decode(line.encode("gbk"))
    assert (decoded, info.name) == (line, "gb18030")
    import opencc

    trad = opencc.OpenCC("s2t").convert(line)
    decoded, info = decode(trad.encode("big5"))
    assert (decoded, info.name) == (trad, "big5hkscs")


def test_gb18030_superset_characters() -> None:
    # GB2312 refuses 镕 堃 喆; decoding as GB18030 keeps them.
    line = "朱镕基 王堃 陈喆 关于印发的通知\n"
    decoded, info = decode(line.encode("gb18030"))
    assert (decoded, info.name) == (line, "gb18030")


# --- no silent guessing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("café résumé naïve, déjà vu", "latin-1"),
        ("Привет мир, как дела у тебя сегодня", "cp1251"),
        ("こんにちは、世界。ありがとうございます。", "shift_jis"),
        ("안녕하세요 세계. 오늘은 날씨가 좋습니다. 대한민국 정부는 발표했다.", "euc-kr"),
    ],
)
def test_never_falls_back_to_a_wrong_codec(text: str, codec: str) -> None:
    with pytest.raises(DecodeError):
        decode(text.encode(codec))
    # ... but --encoding says what it is.
    assert decode(text.encode(codec), encoding=codec)[0] == text


def test_undecodable_bytes_name_the_byte_offset() -> None:
    data = "关于做好".encode() + b"\xff\xfe" + "工作的通知".encode()
    with pytest.raises(DecodeError, match=r"byte offset 12\b"):
        decode(data)


def test_stray_byte_in_utf8_is_reported_as_utf8_even_if_gbk_fits() -> None:
    # 0x81 0x40 is a valid GBK pair, so GB18030 "decodes" this, as mojibake: the error
    # must still point at the stray byte, and replace must keep the UTF-8 reading.
    data = "关于发布通知的说明".encode() + b"\x81@abc\n"
    with pytest.raises(DecodeError, match=r"81 at byte offset 27 \(as utf-8"):
        decode(data)
    text, info = decode(data, errors="replace")
    assert (text, info.name) == ("关于发布通知的说明\ufffd@abc\n", "utf-8")


def test_errors_replace_records_each_replacement() -> None:
    # A genuine U+FFFD in the input must not be mistaken for a replacement.
    data = "通\ufffd知".encode() + b"\xff" + "附件".encode() + b"\x80\x80" + b"\r\n"
    text, info = decode(data, errors="replace")
    assert text.count("\ufffd") == 4
    assert [(r.offset, r.byte_offset, r.data) for r in info.replacements] == [
        (3, 9, b"\xff"),
        (6, 16, b"\x80"),
        (7, 17, b"\x80"),
    ]
    assert info.method == "replace" and info.name == "utf-8"
    result = clean_bytes(data, errors="replace")
    logged = [c for c in result.changes if c.kind == "undecodable"]
    assert [c.detail["byte_offset"] for c in logged if c.detail] == [9, 16, 17]
    assert all(c.before == c.after == "\ufffd" and "byte offset" in c.reason for c in logged)
    assert rebuild(result.text, result.changes) == result.source_text == text
    assert result.text.endswith("\ufffd\ufffd\n")  # the CRLF change is undone after them


def test_errors_replace_picks_the_codec_that_fails_least() -> None:
    # GBK text with one broken byte: UTF-8 fails everywhere, GB18030 once.
    data = "关于做好招生工作的通知，请各单位认真贯彻执行。".encode("gbk") + b"\xff\n"
    with pytest.raises(DecodeError, match="gb18030"):
        decode(data)
    text, info = decode(data, errors="replace")
    assert info.name == "gb18030" and len(info.replacements) == 1
    assert text.startswith("关于做好招生工作的通知")


def test_empty_input_is_valid() -> None:
    assert decode(b"") == ("", decode(b"")[1])
    result = clean_bytes(b"")
    assert result.text == "" and result.changes == []


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x00\x00",
        bytes(range(0, 32)) * 10,
        "通知".encode() + b"\x00",
        b"\xef\xbb\xbf" + "通知".encode() + b"\x00",
        b"\xff\xfe" + "通知\x00附件".encode("utf-16-le"),
        b"\xff\xfe" + ("".join(map(chr, range(1, 32))) * 4).encode("utf-16-le"),
    ],
    ids=["zip", "controls", "nul", "utf8-bom-nul", "utf16-bom-nul", "utf16-bom-controls"],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryInputError):
        decode(data)


def test_encoding_override() -> None:
    text = "关于做好招生工作的通知\r\n"
    assert decode("關於通知".encode("big5hkscs"), encoding="big5hkscs")[1].method == "override"
    # utf-16 without a BOM: Python's default byte order; with a BOM, the BOM stays as U+FEFF.
    decoded, info = decode(b"\xfe\xff" + text.encode("utf-16-be"), encoding="utf-16")
    assert (decoded, info.name, info.bom) == ("\ufeff" + text, "utf-16-be", True)
    decoded, info = decode(b"\xef\xbb\xbf" + text.encode(), encoding="utf-8-sig")
    assert (decoded, info.bom) == ("\ufeff" + text, True)
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode(b"x", encoding="no-such-codec")


def test_newline_style() -> None:
    assert [newline_style(t) for t in ("a\nb\n", "a\r\nb\r\n", "a\rb\r", "a\r\nb\n", "ab")] == [
        "LF",
        "CRLF",
        "CR",
        "mixed",
        "none",
    ]


def test_crlf_and_cr_become_lf_as_changes() -> None:
    result = clean_text("湖南省教育厅\r\n文件\r抄送：\n", stages=("encoding",))
    assert result.text == "湖南省教育厅\n文件\n抄送：\n"
    assert [c.kind for c in result.changes] == ["newline", "newline"]
    assert [(c.source.line, c.source.column) for c in result.changes if c.source] == [(1, 7), (2, 3)]
    assert rebuild(result.text, result.changes) == result.source_text


def test_plausibility_separates_right_and_wrong_decodes() -> None:
    text = utf8_text(SEEDS[0])
    wrong = traditional(SEEDS[0]).encode("big5").decode("gb18030", errors="replace")
    assert plausibility(text) > 0.95
    assert plausibility(wrong) < 0.6


def test_startup_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from docclean.cli import main; from docclean.decoding import decode; "
        "decode('通知'.encode()); "
        "print(sorted(m for m in ('chardet', 'rich', 'opencc', 'rapidfuzz') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_bom_is_dropped_even_mid_text() -> None:
    # Two files concatenated: the second one's BOM sits at the start of its first line.
    result = clean_text("\ufeff湖南省教育厅\n\ufeff附件：\n", stages=("encoding",))
    assert result.text == "湖南省教育厅\n附件：\n"
    assert [(c.kind, c.source.line) for c in result.changes if c.source] == [("bom", 1), ("bom", 2)]
    assert clean_text(result.text, stages=("encoding",)).changes == []


@pytest.mark.parametrize("path", GBK_SAMPLES, ids=sample_id)
def test_a_long_strict_plausible_decode_needs_no_chardet(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docclean.decoding as decoding

    def no_chardet(*args: object, **kwargs: object) -> dict[str, float]:
        raise AssertionError("chardet was asked")

    monkeypatch.setattr(decoding, "_chardet_candidates", no_chardet)
    text = utf8_text(path)
    decoded, info = decode(text.encode("gbk"))
    assert decoded == text
    assert (info.name, info.method) == ("gb18030", "plausible")
    assert info.confidence == plausibility(text) >= 0.9


def test_big5_circular_is_decided_without_chardet() -> None:
    text = traditional(SEEDS[0])
    decoded, info = decode(text.encode("big5hkscs"))
    assert decoded == text and (info.name, info.method) == ("big5hkscs", "plausible")


KOREAN = (
    "대한민국 정부는 국민의 생명과 안전을 최우선으로 하며 모든 행정기관은 이에 따라 업무를 수행한다.\n" * 10
)


def test_korean_that_gb18030_reads_as_common_hanzi_still_goes_to_chardet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # EUC-KR Hangul decodes strictly as GB 2312 level-1 characters (plausible Chinese);
    # only rows B0-C8 though, which the fast path refuses to trust.
    import docclean.decoding as decoding

    data = KOREAN.encode("euc-kr")
    assert plausibility(data.decode("gb18030")) > 0.9
    with pytest.raises(DecodeError, match="not Chinese text"):
        decode(data)
    # Big5 also reads these bytes plausibly, which alone keeps the fast path out; the
    # row test must hold even when GB 18030 is the only candidate.
    monkeypatch.setattr(decoding, "LEGACY", ("gb18030",))
    assert decoding._decisive_decode(decoding._strict_decodes(data)) is None
    assert decoding._decisive_decode(decoding._strict_decodes(utf8_text(SEEDS[0]).encode("gbk"))) is not None


def test_short_text_still_asks_chardet() -> None:
    _, info = decode("关于做好2023年全省教育工作的通知\n".encode("gbk"))
    assert info.method in ("chardet", "strict-decode")

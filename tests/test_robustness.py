"""The whole pipeline on random and adversarial input: never crash, never lose, settle.

Three invariants hold for any text: cleaning raises nothing; the change log rebuilds
the input exactly; cleaning the clean output changes nothing (idempotence). Input
bytes may be undecodable (lone surrogates encoded as UTF-8, truncated GBK): then the
only acceptable failure is a clean DecodeError / InputError naming the problem.

The examples are derandomized (the same ones every run, so CI is stable); set
``DOCCLEAN_FUZZ=1`` to draw new random examples, ten times as many.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from docclean import clean_bytes, clean_text, rebuild
from docclean.decoding import DecodeError
from docclean.errors import InputError

# Pieces of damaged circulars, so random text reaches the stages' interesting paths
# (headers, page numbers, outline numbering, wraps, dates, punctuation variants).
FRAGMENTS = [
    "湖 南 省 教 育 厅",
    "湖南省财政厅文件",
    "国务院办公厅　中央军委办公厅",
    "湘教发〔2022〕7号",
    "湘教发〔 2022 〕 7 号",
    "关于印发《工作方案》的通知",
    "各市州教育局：",
    "一、工作目标",
    "（一）",
    "( 一)",
    "1.",
    "2.5%",
    "— 2 —",
    "- 3 -",
    "—４—",
    "2023 年 6 月 5 日",
    "２０２５年",
    "ꎬ",
    "ꎮ",
    "«规定»",
    "，",
    "。",
    "；",
    ",",
    ":",
    "（此件主动公开）",
    "抄送：省委办公厅。",
    "附件：1.名单",
    "联系人：张三，电话：0731-12345678",
    "为深入贯彻落实党中央决策部署，现就有关事项通知如下。",
    "加强课后服务保障机制，确保各项任务落到实处。",
    "乾安县",
    "記憶體",
    "ABC abc",
    " ",
    "  ",
    "\u3000",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\f",
    "\t",
    "\ufeff",
    "\u200b",
    "\x00",
    "\x1b",
    "\x85",
    "\u2028",
    "鍙戝竷",
    "💡",
]

cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
fragment_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(cjk, max_size=8), max_size=60).map("".join)
mixed_text = st.text(
    st.characters(blacklist_categories=("Cs",)),  # str cannot round-trip lone surrogates to bytes
    max_size=300,
)
control_text = st.text(st.characters(max_codepoint=0x9F) | cjk | st.sampled_from("，。\n "), max_size=300)
any_text = fragment_text | mixed_text | control_text


def check_text(text: str) -> None:
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    again = clean_text(result.text)
    assert again.text == result.text, [(c.stage, c.kind, c.before, c.after) for c in again.changes[:5]]


FUZZ = bool(os.environ.get("DOCCLEAN_FUZZ"))
SETTINGS = settings(
    max_examples=2000 if FUZZ else 200,
    deadline=None,
    derandomize=not FUZZ,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(any_text)
@example("")
@example("\n" * 5000)
@example("湖南省教育厅\n" + "\n" * 3000 + "湘教发〔2022〕7号\n")
@example("为" + "加强课后服务" * 4000 + "。\n")  # a 24,000-character line
@example(" \n \n\t\n\f\n")
@example("\x00\x01\x02\x7f\x9f")
def test_any_text_cleans_rebuilds_and_settles(text: str) -> None:
    check_text(text)


# Counterexamples DOCCLEAN_FUZZ found, hard-wrapped at 6 characters: a stacked header, then
STACKED_TITLE = [
    "湖 南 省 教 育 厅",
    " ",
    "湖 南 省 教 育 厅",
    "湖 南 省 教 育 厅",
    "关于印发《工作方案》的通知",
]
NUMBER_AND_TITLE = [
    "湖南省财政厅文件",
    "湘教发〔 2022 〕 7 号",
    "湖 南 省 教 育 厅",
    "关于印发《工作方案》的通知",
]


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40), st.integers(6, 40))
# …a title over five lines whose last one opens a bracket (通知（ / 一）);
@example([*STACKED_TITLE, "（一）"], 6)
# …one whose five lines end the title, followed by a tail (通知 / （一）);
@example([*STACKED_TITLE, " ", "（一）"], 6)
# …a title read through a bracket the next line closes (厅湘教发〔 / 2022〕), which reflow joins;
@example([NUMBER_AND_TITLE[0], NUMBER_AND_TITLE[2], NUMBER_AND_TITLE[1], NUMBER_AND_TITLE[3]], 6)
# …a title with two tails, the second torn in its bracket (…方案》 / 的通知 / （一 / ）).
@example([*NUMBER_AND_TITLE[:3], "乾安县", "ABC abc", NUMBER_AND_TITLE[3], "\n", "（一）"], 6)
# Mojibake (发布 read as GBK: 鍙戝竷) wrapped inside 布's bytes (鍙戝 / 竷), which header joins.
@example([NUMBER_AND_TITLE[0], NUMBER_AND_TITLE[0], "鍙戝竷", NUMBER_AND_TITLE[3]], 6)
def test_wrapped_fragments(parts: list[str], width: int) -> None:
    # Hard-wrap a fragment document every ``width`` characters, as PDF extraction does.
    text = "".join(parts)
    wrapped = "\n".join(text[i : i + width] for i in range(0, len(text), width))
    check_text(wrapped)


ADVERSARIAL_BYTES = [
    b"\xed\xa0\x80",  # a lone high surrogate, UTF-8-encoded (CESU style)
    b"\xed\xb0\x80\xe6\xb9\x96",  # a lone low surrogate, then 湖
    "湖南省".encode() + b"\xed\xa0\x80" + "教育厅\n".encode(),
    "湖南省教育厅".encode("gbk")[:-1],  # GBK cut in the middle of a character
    b"\xff\xfe" + "湖南\n".encode("utf-16-le"),
    b"\xfe\xff\x00",  # UTF-16-BE BOM with an odd byte after it
    b"\xef\xbb\xbf\xef\xbb\xbf",  # two UTF-8 BOMs
    b"\x00" * 10,
    b"\x80\x81\x82",
]


def check_bytes(data: bytes) -> None:
    try:
        result = clean_bytes(data)
    except (DecodeError, InputError) as exc:
        assert str(exc)  # a clear message, not an empty error
        return
    assert not any("\ud800" <= ch <= "\udfff" for ch in result.text), "lone surrogate in output"
    assert rebuild(result.text, result.changes) == result.source_text
    assert clean_text(result.text).text == result.text


@SETTINGS
@given(
    st.lists(
        st.sampled_from(ADVERSARIAL_BYTES)
        | st.binary(max_size=40)
        | st.sampled_from(FRAGMENTS).map(lambda s: s.encode("utf-8"))
        | st.sampled_from(FRAGMENTS).map(lambda s: s.encode("gb18030")),
        max_size=12,
    ).map(b"".join)
)
# Found by DOCCLEAN_FUZZ: a UTF-8 BOM read as GBK with the text, then repaired as mojibake.
@example(
    b"\x81\xef\xbb\xbf\xef\xbb\xbf"
    + "为深入贯彻落实党中央决策部署，现就有关事项通知如下。".encode()
    + b"\xed\xa0\x80\xae\xa0\x9f\xa8\x9c\xca\xb0}\xae\xa0"
)
def test_any_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    check_bytes(data)


def test_each_adversarial_byte_string() -> None:
    for data in ADVERSARIAL_BYTES:
        check_bytes(data)
    # A GBK document decodes (as GB18030) and cleans.
    result = clean_bytes("湖 南 省 教 育 厅\n湘教发〔2022〕7号\n".encode("gbk"))
    assert result.encoding is not None and result.encoding.name == "gb18030"
    assert "湘教发〔2022〕7号" in result.text


def test_a_number_torn_in_its_year_under_a_leading_space_settles() -> None:
    # Found by DOCCLEAN_FUZZ: header used to read the number only once reflow had joined it,
    # so a second run dropped the leading space. header now reads a split number whole.
    check_text("湖 南 省 教 育\n 厅湘教发〔202\n2〕7号")


@pytest.mark.parametrize(
    "text",
    [
        "国务院办公厅\u3000中央军委\n办公厅湘教发〔2022\n〕7号— 2 —",
        "国务院办公厅\u3000中央军委办\n公厅湖南省财政厅文件— \n2 —",
    ],
)
def test_a_title_without_a_document_type_settles(text: str) -> None:
    # Found by DOCCLEAN_FUZZ (present before the sixth pass too): header edited a title
    # not ended by a document type, whose extent changes once reflow joins its lines; a
    # second run edited the joined title again. Such a title is now left as it is.
    check_text(text)


def test_a_half_width_mark_after_a_removed_page_number_settles() -> None:
    # Found by DOCCLEAN_FUZZ: width ran before pages, so the comma was judged beside the
    # page number, and again beside Chinese once pages had removed the number. pages now
    # runs first (tests/test_pages_widths.py).
    check_text("湖南省财政厅文件\n- 3 - \n,")


@pytest.mark.xfail(
    strict=True,
    reason="known gap (present before the seventh pass too, found by DOCCLEAN_FUZZ): a page "
    "number glued to the end of a sentence (如下。— 2 —) is kept by pages; when dedup removes "
    "that sentence as a repeat, the number is left on a line of its own, which a second run's "
    "pages removes",
)
def test_a_page_number_left_alone_by_a_removed_repeat_settles() -> None:
    sentence = "为深入贯彻落实党中央决策部署，现就有关事项通知如下。"
    check_text(f"湖南省教育厅\n{sentence}\n\n{sentence}— 2 —")


def test_a_repeated_torn_document_number_settles() -> None:
    # Found by DOCCLEAN_FUZZ (present before the seventh pass too): header found no number in
    # the torn copies, reflow joined the last one's pieces (号湘教发〔202 / 2〕7号), and a second
    # run's header read that line as a number with the prefix 号湘教发 and dropped the space
    # before it. No issuer's abbreviation opens with 号.
    check_text(
        "湖 南 省 教 育\n 厅湘教发〔 20\n22 〕 7 号湘\n教发〔 2022 \n〕 7 号湘教发〔\n 2022 〕 7\n 号湘教发〔202\n2〕7号"
    )


def test_a_title_below_a_garbage_stack_settles() -> None:
    # Found by DOCCLEAN_FUZZ (present before the eighth pass too): in a garbage header wrapped
    # at 14 characters, the document number lay beyond the three lines header read above a
    # number; once reflow had joined those lines it lay within them, and a second run read
    # the number and joined the title after it. The lines are now counted in characters.
    text = (
        "湖 南 省 教 育 厅湖 南 省 教 育 厅( 一)ꎬ抄送：省委办公厅。\t国务院办公厅\u3000中央军委办公厅ꎬ"
        "湖 南 省 教 育 厅为深入贯彻落实党中央决策部署，现就有关事项通知如下。国务院办公厅\u3000中央军委办公厅"
        "湖 南 省 教 育 厅关于印发《工作方案》的通知\n\n湘教发〔2022〕7号湖 南 省 教 育 厅«规定»"
    )
    check_text("\n".join(text[i : i + 14] for i in range(0, len(text), 14)))


def test_a_mark_above_a_joined_torn_number_settles() -> None:
    # Found by DOCCLEAN_FUZZ (present before the seventh pass too): document_starts saw no
    # document at 湖南省财政厅文件 while its number was torn (湘教发〔2022 / 〕7号湖南省), but did
    # once reflow had joined it, and the second run's header then split the mark off. A
    # number torn over two lines now names a document too.
    check_text(
        "湖南省教\n育厅湖南省\n 教育厅湖\n南省教育\n厅湖南省教\n 育厅湖南\n省教育厅。\n"
        "湖南省财政厅文件\n湘教发〔2022\n〕7号湖南省\n 教育厅："
    )

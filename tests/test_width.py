"""Stage width: full-width digits/Latin to ASCII, half-width punctuation to full-width in Chinese."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.api import clean_text
from docclean.changes import rebuild

CHINESE_PUNCT = "，。、；：？！（）《》“”"


def width(text: str) -> str:
    result = clean_text(text, stages=("width",))
    assert rebuild(result.text, result.changes) == text
    return result.text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("川办规〔２０２５〕６号\n", "川办规〔2025〕6号\n"),
        ("紧贴“１５＋Ｎ”重点产业链", "紧贴“15+N”重点产业链"),
        ("关于ＳＴＥＭ教育", "关于STEM教育"),
        ("低于５．５％的企业", "低于5.5%的企业"),
        ("联系电话：0731－84715075", "联系电话：0731-84715075"),
        ("(三)完善政策环境。", "（三）完善政策环境。"),
        ("( 一) 加大创业信贷支持力度", "（一） 加大创业信贷支持力度"),
        ("各市( 州) 、县( 市、区) 人民政府", "各市（州） 、县（市、区） 人民政府"),
        ("有关\n单位:\n", "有关\n单位：\n"),
        ("人民政府,省政府各部门", "人民政府，省政府各部门"),
        ("“双减”,各地", "“双减”，各地"),
        ("是否落实?请答复!", "是否落实？请答复！"),
        ("作业;考试", "作业；考试"),
        ("（三)加强", "（三）加强"),
        ("世界卫生组织(WHO)发布", "世界卫生组织（WHO）发布"),
        ("(1)加强管理", "（1）加强管理"),
        ("时间:10:30", "时间：10:30"),
        ("共5,其中", "共5，其中"),
        ("〔责任单位:财政厅ꎬ人力资源社会保障厅)", "〔责任单位：财政厅ꎬ人力资源社会保障厅）"),
    ],
)
def test_widths_are_repaired(before: str, after: str) -> None:
    assert width(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "Hello, world! Is this (really) fine? Yes: it is; see below.\n",
        "全省投入3.5亿元，增长2.5%，达到1,000所。\n",
        "会议于10:30开始，比例为1:1。\n",
        "详见http://www.moe.gov.cn/srcsite/A06/s3321?a=1,2;b=(3)，或https://x.cn:8080/p!q\n",
        "邮箱：zhang.san@hnedu.cn，网址www.hunan.gov.cn/a:b\n",
        "World Health Organization (WHO), Geneva\n",
        "“双减”政策，（一）加强管理；是否？是！\n",
    ],
)
def test_what_must_not_change(text: str) -> None:
    assert width(text) == text


def test_phone_number_keeps_digits_and_takes_ascii_hyphen() -> None:
    result = clean_text("咨询电话：０７３１－８４７１５０７５。", stages=("width",))
    assert result.text == "咨询电话：0731-84715075。"
    assert {c.reason for c in result.changes} == {
        "full-width digits/letters to ASCII",
        "full-width symbol inside a number to ASCII",
    }


def test_bracket_spaces_are_in_the_change_log() -> None:
    result = clean_text("( 一) 加大", stages=("width",))
    assert [(c.before, c.after) for c in result.changes] == [("( ", "（"), (")", "）")]


MIXED = st.text(alphabet="加大创业，。：（）,:;?!() 1２ａABｂ.%％－-@\n“”", max_size=50)


@settings(max_examples=200, deadline=None)
@given(MIXED)
def test_idempotent_reversible_and_never_asciifies_chinese_punctuation(text: str) -> None:
    once = clean_text(text, stages=("width",))
    assert rebuild(once.text, once.changes) == text
    assert clean_text(once.text, stages=("width",)).changes == []
    for ch in CHINESE_PUNCT:
        assert once.text.count(ch) >= text.count(ch), ch


def test_brackets_and_marks_wrapped_across_lines() -> None:
    # PDF lines wrap inside the responsibility brackets of a Sichuan circular.
    text = "充分发挥担保基金效益。( 责任单位:财政厅，人力资源社会保障厅、人民银行四川省分\n行)\n"
    assert (
        width(text)
        == "充分发挥担保基金效益。（责任单位：财政厅，人力资源社会保障厅、人民银行四川省分\n行）\n"
    )
    assert width("请认真贯彻落实\n!\n") == "请认真贯彻落实\n！\n"

"""Stage spacing: OCR/PDF spaces inside Chinese text go; spaces that mean something stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.api import clean_text
from docclean.changes import rebuild


def spacing(text: str, **options) -> str:
    result = clean_text(text, stages=("spacing",), **options)
    assert rebuild(result.text, result.changes) == text
    return result.text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("全省 101所“芙蓉学校”全面建成\n", "全省101所“芙蓉学校”全面建成\n"),
        ("成文日期 2023年 6月 5日\n", "成文日期2023年6月5日\n"),
        ("二、关于 STEM 教育\n", "二、关于STEM教育\n"),
        ("（一）加 大 创 业 信 贷 支 持 力 度。\n", "（一）加大创业信贷支持力度。\n"),
        ("湖 南 省 教 育 厅\n", "湖南省教育厅\n"),
        ("湖南 省 财 政 厅 文件\n", "湖南省财政厅文件\n"),
        ("推动卫生健康事业高质量健康发展 。\n", "推动卫生健康事业高质量健康发展。\n"),
        (
            "号 ， 邮 编 ： 223100 ， 电 话 ： 0517-87222589 ， 电 子 邮 箱 ：\n",
            "号，邮编：223100，电话：0517-87222589，电子邮箱：\n",
        ),
        ("（ 一 ）加强\n", "（一）加强\n"),
        ("〔 责 任 单位：财政厅 〕\n", "〔责任单位：财政厅〕\n"),
        ("杭政函〔2024〕16 号\n", "杭政函〔2024〕16号\n"),
        ("在“ 政银担” 合作新模式\n", "在“政银担”合作新模式\n"),
        ("办好“天府杯” “挑战杯”等赛事\n", "办好“天府杯”“挑战杯”等赛事\n"),
        ("积 极 办 好 “ 天 府 杯 ” “ 挑 战\n", "积极办好“天府杯”“挑战\n"),
        ("2. 夯实高职专科\n", "2.夯实高职专科\n"),
        ("三个转变 —— 从规模到质量 …… 等\n", "三个转变——从规模到质量……等\n"),
        ("低于 5.5% 的企业\n", "低于5.5%的企业\n"),
        ("计划投入　800　亿元\n", "计划投入800亿元\n"),
        ("全面 落实 双减 政策\n", "全面落实双减政策\n"),
        ("工作纳入 \n市县两级。 \n", "工作纳入\n市县两级。\n"),
    ],
)
def test_ocr_spaces_are_removed(before: str, after: str) -> None:
    assert spacing(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of Education said 3 500 schools joined.\n",
        "Science, Technology, Engineering and Mathematics\n",
        "国务院办公厅 中央军委办公厅\n",
        "国务院办公厅\u3000中央军委办公厅\n",
        "湖南省教育厅 湖南省财政厅 湖南省人力资源和社会保障厅\n",
        "本年制发件数 本年废止件数 现行有效件数\n",
        " 育督导办将“双减”工作纳入\n",
        "see below \n",
        "— 2 —\n",
        "第18 — 40页\n",
        "see http://www.gov.cn/a?b=1 for details\n",
        "He said “yes” “no”.\n",
        "序号\t单位名称\t数量\n",
    ],
)
def test_meaningful_spaces_stay(text: str) -> None:
    assert spacing(text) == text


def test_cjk_latin_policy_keep() -> None:
    assert (
        spacing("关于 STEM 教育，全省 101所 加 大\n", cjk_latin_space="keep")
        == "关于 STEM 教育，全省 101所加大\n"
    )
    # Inside brackets and next to Chinese punctuation, spaces are stray whatever the policy.
    assert spacing("（ STEM ） 教育 ， STEM\n", cjk_latin_space="keep") == "（STEM）教育，STEM\n"


def test_cjk_latin_policy_add() -> None:
    assert spacing("关于STEM教育，2023年6月\n", cjk_latin_space="add") == "关于 STEM 教育，2023 年 6 月\n"
    assert spacing("加 大 STEM 投入\n", cjk_latin_space="add") == "加大 STEM 投入\n"
    # The document number stays one token.
    assert spacing("湘教发〔2022〕7号印发\n", cjk_latin_space="add") == "湘教发〔2022〕7号印发\n"


def test_names_use_the_users_lexicon(tmp_path: Path) -> None:
    lexicon = tmp_path / "names.txt"
    lexicon.write_text("芙蓉实验室\n湘江研究院\n", encoding="utf-8")
    assert spacing("芙蓉实验室 湘江研究院\n") == "芙蓉实验室湘江研究院\n"
    assert spacing("芙蓉实验室 湘江研究院\n", lexicon=(lexicon,)) == "芙蓉实验室 湘江研究院\n"


def test_table_row_is_flagged() -> None:
    result = clean_text("本年制发件数 本年废止件数 现行有效件数\n", stages=("spacing",))
    assert [f.code for f in result.flags] == ["table-row-spacing"]


def test_change_log_says_why() -> None:
    result = clean_text("全省 101 所学校 。\n", stages=("spacing",))
    assert [(c.before, c.reason) for c in result.changes] == [
        (" ", "space between Chinese and Latin/digits"),
        (" ", "space between Latin/digits and Chinese"),
        (" ", "space next to Chinese punctuation"),
    ]


SPACED = st.text(alphabet="加大创业学校 \u3000STEM101.%，。（）“”\n厅局", max_size=50)


@settings(max_examples=200, deadline=None)
@given(SPACED, st.sampled_from(["remove", "keep", "add"]))
def test_idempotent_and_reversible(text: str, policy: str) -> None:
    once = clean_text(text, stages=("spacing",), cjk_latin_space=policy)
    assert rebuild(once.text, once.changes) == text
    assert clean_text(once.text, stages=("spacing",), cjk_latin_space=policy).changes == []
    # Never a space inserted or removed between two Latin letters or digits.
    assert "STEM" in once.text if "STEM" in text else True


def test_wide_gap_between_letter_spaced_names_is_a_separator() -> None:
    # A joint signature typeset letter-spaced: the wide gap separates two whole names.
    text = "湖 南 省 教 育 厅    湖 南 省 财 政 厅\n"
    assert clean_text(text, stages=("spacing", "tidy")).text == "湖南省教育厅 湖南省财政厅\n"
    # The same gap inside running text is damage like any other.
    assert spacing("加 大 创 业    信 贷 支 持\n") == "加大创业信贷支持\n"


def test_name_separator_survives_later_merges() -> None:
    text = "国务院办公厅\u3000中央军委办公厅  湖南省财政厅文\n件\n"
    once = clean_text(text, stages=("spacing", "tidy")).text
    assert once == "国务院办公厅\u3000中央军委办公厅 湖南省财政厅文\n件\n"
    joined = once.replace("\n件", "件")  # what reflow makes of it
    assert clean_text(joined, stages=("spacing", "tidy")).changes == []


def test_space_before_the_next_field_label_of_a_contact_line_is_kept() -> None:
    from docclean import clean_text, rebuild

    raw = "联系地址：长沙市东二环二段 238号 邮政编码：410001\n"
    result = clean_text(raw, stages=("spacing",))
    assert result.text == "联系地址：长沙市东二环二段238号 邮政编码：410001\n"
    assert rebuild(result.text, result.changes) == raw


def test_letter_spaced_labels_are_still_collapsed() -> None:
    from docclean import clean_text

    result = clean_text("号 ， 邮 编 ： 223100 ， 电 话 ： 0517-87222589\n", stages=("spacing",))
    assert result.text == "号，邮编：223100，电话：0517-87222589\n"

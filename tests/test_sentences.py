from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from conftest import read_sample
from docclean.sentences import (
    cn_number,
    comparison_key,
    looks_hard_wrapped,
    outline_breaks,
    outline_items,
    split_sentences,
    strip_outline,
)


def texts(text: str, wrapped: bool | None = None) -> list[str]:
    return [s.text for s in split_sentences(text, wrapped)]


def test_splits_on_chinese_sentence_ends_and_keeps_closing_quotes() -> None:
    text = "要加强领导。要“落实责任！”是否可行？分工如下；其他事项。"
    assert texts(text) == ["要加强领导。", "要“落实责任！”", "是否可行？", "分工如下；", "其他事项。"]


def test_never_splits_on_decimal_points_or_numbering_dots() -> None:
    text = "增长2.5%，圆周率取3.14。\n1.建设专业智库。\n2.夯实高职专科教育。"
    assert texts(text) == ["增长2.5%，圆周率取3.14。", "1.建设专业智库。", "2.夯实高职专科教育。"]


def test_half_width_ends_split_only_between_chinese() -> None:
    assert texts("是否可行?请研究;今天Hello!World") == ["是否可行?", "请研究;", "今天Hello!World"]


def test_sentences_span_hard_wraps_and_blank_lines() -> None:
    text = "建立职业院校质量年度报告发布制\n\n度，定期发布职业院校质量年度报告，接受社会监督。建立职业院校质量监\n\n督评估制度。"
    units = split_sentences(text, wrapped=True)
    assert len(units) == 2
    assert units[0].text.startswith("建立职业院校质量年度报告发布制\n\n度")
    for u in units:
        assert text[u.start : u.end] == u.text


def test_outline_lines_and_headings_are_boundaries() -> None:
    text = "各市州教育局：\n一、工作目标\n到2023年，课后服务全覆盖，\n负担有效减轻。\n十一、本通知自发布之日起施行，原通知同时废止\n（三）完善政策环境。"
    assert texts(text, wrapped=True) == [
        "各市州教育局：",
        "一、工作目标",
        "到2023年，课后服务全覆盖，\n负担有效减轻。",
        "十一、本通知自发布之日起施行，原通知同时废止",
        "（三）完善政策环境。",
    ]


def test_wrapping_is_detected_and_reflowed_lines_are_boundaries() -> None:
    raw = read_sample("000_772ac8664c6b7ae7.txt")
    assert looks_hard_wrapped(raw)
    reflowed = "\n".join(
        [
            "（一）加快打造全球一流的现代金融创新高地，建立健全现代金融组织体系。",
            "（二）打造全国非公开市场第一城，深化区域性股权市场创新试点，给予最高100万元奖励。",
            "（责任单位：市委金融办）",
            "对符合省重大产业项目申报条件的港口物流项目，优先支持并享受相关用地支持政策。",
            "二、建设国际性综合交通枢纽城市",
            "（三）支持航运服务业发展，对新开通的国际航线按年度给予补助。",
        ]
    )
    assert not looks_hard_wrapped(reflowed)
    assert "（责任单位：市委金融办）" in texts(reflowed)
    assert "（责任单位：市委金融办）" not in texts(reflowed, wrapped=True)


def test_units_cover_every_non_space_character_of_a_sample() -> None:
    text = read_sample("000_772ac8664c6b7ae7.txt")
    units = split_sentences(text)
    assert "".join("".join(u.text.split()) for u in units) == "".join(text.split())
    assert all(text[u.start : u.end] == u.text for u in units)


@given(st.text(alphabet="建立制度。，！？；;.1\n 、（一）十", max_size=80))
def test_units_partition_the_text(text: str) -> None:
    units = split_sentences(text, wrapped=len(text) % 2 == 0)
    assert "".join("".join(u.text.split()) for u in units) == "".join(text.split())
    ends = [u.end for u in units]
    assert all(a.end <= b.start for a, b in pairwise(units))
    assert ends == sorted(ends)


def test_comparison_key_ignores_numbering_spaces_and_width() -> None:
    assert comparison_key("十一、本通知 未尽事宜(见附件)。") == comparison_key(
        "十、本通知未尽事宜（见附件）。"
    )
    assert strip_outline("（三）完善政策环境。") == "完善政策环境。"
    assert strip_outline("2.5%的增幅") == "2.5%的增幅"


def test_cn_numbers() -> None:
    assert [cn_number(s) for s in ("一", "十", "十一", "二十", "二十三", "一百零一")] == [
        1,
        10,
        11,
        20,
        23,
        101,
    ]
    assert cn_number("甲") is None


def test_outline_breaks_flag_skips_and_jumps_back_but_accept_restarts_and_continuation() -> None:
    text = "\n".join(
        [
            "一、总体要求",
            "（一）加强组织领导。",
            "（二）加强经费保障。",
            "二、主要任务",
            "（三）继续上一节的编号。",  # continuous numbering across sections
            "三、保障措施",
            "（一）重新编号。",  # restart under a new section
            "（三）缺了第二项。",
            "四、其他",
            "五、附则",
            "三、又回到三。",
            "第二十条第（一）项",  # a citation, not an article
        ]
    )
    found = [(b.item.label, b.kind, b.expected) for b in outline_breaks(outline_items(text))]
    assert found == [("（三）", "skip", 2), ("三、", "back", 6)]


def test_sample_000_outline_skip_is_found() -> None:
    items = outline_items(read_sample("000_772ac8664c6b7ae7.txt"))
    found = [(b.item.label, b.item.line) for b in outline_breaks(items)]
    assert found == [("(三)", 95)]

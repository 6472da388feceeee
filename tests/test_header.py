"""Header repair on the samples: alone, on spaced input, and in the full pipeline."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES, read_sample
from docclean import clean_file, clean_text
from docclean.changes import rebuild
from docclean.stages import header as H

HUNAN_000 = [
    "湖南省教育厅",
    "湖南省发展和改革委员会",
    "湖南省财政厅",
    "湖南省人力资源和社会保障厅",
    "湖南省住房和城乡建设厅",
]
HUNAN_001 = [
    "湖南省教育厅",
    "湖南省发展和改革委员会",
    "湖南省财政厅",
    "湖南省人力资源和社会保障厅",
    "湖南省住房城乡建设厅",
]
FRAGMENTS_001 = ("湖南", "湖南省发", "湖南省人", "湖南省住")


def header_only(text: str, **kwargs):
    result = clean_text(text, stages=("header",), **kwargs)
    assert rebuild(result.text, result.changes) == text
    return result


def head(text: str, n: int) -> list[str]:
    return [line for line in text.split("\n") if line.strip()][:n]


# ---------------------------------------------------------------- header stage alone


def test_000_letter_spaced_joint_header_alone() -> None:
    result = header_only(read_sample("000_772ac8664c6b7ae7.txt"))
    assert head(result.text, 8) == [
        *HUNAN_000,
        "文件",
        "湘教发〔2022〕7号",
        "关于印发《湖南省“双减”工作方案》的通知",
    ]
    meta = result.metadata["header"]
    assert meta["issuers"] == HUNAN_000
    assert meta["mark"] == "文件"
    assert meta["doc_number"] == "湘教发〔2022〕7号"
    assert meta["resolved"] is True
    reasons = {c.reason for c in result.changes}
    assert "letter-spaced agency name" in reasons
    assert any(r.startswith("mark 文件") for r in reasons)


def test_001_shared_prefix_fragments_alone() -> None:
    result = header_only(read_sample("001_cf32397d32a01fa2.txt"))
    lines = [line for line in result.text.split("\n") if line.strip()]
    assert lines[:7] == [*HUNAN_001, "文件", "湘教改〔2022〕1号"]
    assert not any(line in FRAGMENTS_001 for line in lines)
    reasons = [c.reason for c in result.changes]
    assert any(
        r.startswith("shared-prefix fragment 湖南省发 of 湖南省发展和改革委员会 (overlap 1: 发)")
        for r in reasons
    )
    assert result.metadata["header"]["issuers"] == HUNAN_001
    assert not result.flags


def test_004_single_spaced_issuer_and_split_title_alone() -> None:
    result = header_only(read_sample("004_facce0d9e3ea077f.txt"))
    assert head(result.text, 3) == [
        "湖南省教育厅",
        "湘教复字〔2023〕283号",
        "对省政协十三届一次会议第0400号提案的答复",
    ]
    meta = result.metadata["header"]
    assert meta["mark"] is None
    assert meta["title"] == "对省政协十三届一次会议第0400号提案的答复"
    assert "title split over lines" in {c.reason for c in result.changes}


def test_hangzhou_issuer_and_mark_on_one_line() -> None:
    result = header_only(read_sample("hangzhou_zhengfu_hangzhenghan_2024_16_pdfminer.txt"))
    assert head(result.text, 5) == [
        "ZJAC00-2024-0001",
        "杭州市人民政府",
        "文件",
        "杭政函〔2024〕16号",
        "杭州市人民政府印发关于进一步推动经济高质量发展若干政策的通知",
    ]
    meta = result.metadata["header"]
    assert (meta["issuers"], meta["mark"]) == (["杭州市人民政府"], "文件")


def test_hangzhou_three_line_title() -> None:
    result = header_only(read_sample("hangzhou_bangongting_hangzhengbanhan_2025_16_pdfminer.txt"))
    meta = result.metadata["header"]
    assert meta["title"] == "杭州市人民政府办公厅关于印发杭州市加快推进全国足球发展重点城市建设若干措施的通知"
    assert meta["doc_number"] == "杭政办函〔2025〕16号"
    assert meta["title"] in result.text.split("\n")


def test_sichuan_pdfminer_torn_doc_number_is_kept_and_flagged() -> None:
    text = read_sample("sichuan_bangongting_chuanbangui_2025_6_pdfminer.txt")
    result = header_only(text)
    assert result.metadata["header"]["doc_number"] is None
    assert [f.code for f in result.flags] == ["doc_number_torn"]
    # The pieces are still there, in their order.
    pieces = [line for line in result.text.split("\n") if line.strip()][2:7]
    assert pieces == ["川办规〔", "号", "〕", "６", "２０２５"]


SPLIT_NUMBER_HEADER = "湖南省教育厅\n\n{number}\n\n关于做好教材征订工作的通知\n\n各有关单位：\n"


@pytest.mark.parametrize("cut", range(len("湘教发〔"), len("湘教发〔202") + 1))
@pytest.mark.parametrize("gap", ["\n", "\n\n", " \n ", "\u3000\n\n"])
def test_a_number_split_over_lines_inside_its_brackets_is_joined(cut: int, gap: str) -> None:
    # A hard wrap or a PDF extractor breaks the number after its bracket or in its year.
    number = "湘教发〔2022〕7号"
    result = header_only(SPLIT_NUMBER_HEADER.format(number=number[:cut] + gap + number[cut:]))
    assert result.metadata["header"]["doc_number"] == number
    assert number in result.text.split("\n")
    assert "document number split over lines" in {c.reason for c in result.changes}
    assert "doc_number_torn" not in {f.code for f in result.flags}
    assert clean_text(result.text, stages=("header",)).changes == []


def test_pieces_that_do_not_join_into_a_number_stay_torn() -> None:
    # The break must fall inside a number that the next line completes.
    for second in ("2〕7", "2〕7号签收", "关于做好教材征订工作的通知"):
        result = header_only(SPLIT_NUMBER_HEADER.format(number=f"湘教发〔202\n{second}"))
        assert result.metadata["header"]["doc_number"] is None
        assert "document number split over lines" not in {c.reason for c in result.changes}


def test_the_end_of_one_number_and_another_are_no_number() -> None:
    # 号湘教发〔2022〕7号: a number printed twice and torn, not an issuer 号湘教发.
    assert H.match_doc_number("号湘教发〔2022〕7号") is None
    assert H.match_doc_number("湘教发〔2022〕7号")["prefix"] == "湘教发"
    result = clean_text("湖南省教育厅\n 号湘教发〔2022〕7号\n", stages=("header",))
    assert result.changes == []
    assert result.metadata["header"]["doc_number"] is None


def test_a_split_number_under_an_unknown_header_line_is_read() -> None:
    # The line above is no name the lexicon knows: the number below still marks the header's end.
    result = header_only("湖 南 省 教 育\n 厅湘教发〔202\n2〕7号")
    assert result.text == "湖 南 省 教 育\n厅湘教发〔2022〕7号"
    assert result.metadata["header"]["doc_number"] == "厅湘教发〔2022〕7号"


def test_a_title_whose_last_wrapped_line_opens_a_bracket_is_read_with_its_close() -> None:
    # Five title lines and the close of a bracket on a sixth: reflow would join the close,
    # so the title is read whole now (else a second run would find a five-line title).
    lines = ["湖南省教育厅关于", "印发《湖南省职业", "教育质量提升", "行动工作", "方案》的通知（", "试行）"]
    title = "".join(lines)
    text = "湖南省教育厅\n湘教发〔2022〕7号\n" + "\n".join(lines) + "\n各市州教育局：\n"
    result = header_only(text)
    assert result.metadata["header"]["title"] == title
    assert title in result.text.split("\n")


@pytest.mark.parametrize(
    "lines",
    [
        ["关于做好", "教材征订工作", "的通知", "（试行）"],  # a tail
        ["关于做好", "教材征订工作", "的通知", "（试", "行）"],  # a tail torn in its bracket
        ["关于印发", "《教材征订工作方案》", "的通知", "（一）"],  # two tails: 方案 ends a title too
        # five lines and a tail
        ["湖南省教育厅", "关于做好", "全省中小学", "教材征订", "工作的通知", "（试行）"],
    ],
)
def test_a_title_tail_is_read_whole_after_any_number_of_title_lines(lines: list[str]) -> None:
    title = "".join(lines)
    text = "湖南省教育厅\n湘教发〔2022〕7号\n" + "\n".join(lines) + "\n各市州教育局：\n"
    result = header_only(text)
    assert result.metadata["header"]["title"] == title
    assert title in result.text.split("\n")


@pytest.mark.parametrize("width", [6, 10, 30])
def test_a_title_is_read_whole_whatever_the_wrap_width(width: int) -> None:
    # The title's limit is in characters: cut narrow or wide, the same title.
    title = "湖南省教育厅关于做好2023年全省中小学教材征订工作的通知"
    lines = [title[k : k + width] for k in range(0, len(title), width)]
    text = "湖南省教育厅\n湘教发〔2022〕7号\n" + "\n".join(lines) + "\n各市州教育局：\n"
    result = header_only(text)
    assert result.metadata["header"]["title"] == title


def test_lines_beyond_the_title_limit_are_not_a_title() -> None:
    # 160 characters before a document type: running text, not a title; only the first line is trusted.
    lines = ["为深入贯彻落实党中央决策部署推动工作"] * 9 + ["的通知"]
    text = "湖南省教育厅\n湘教发〔2022〕7号\n" + "\n".join(lines) + "\n各市州教育局：\n"
    result = header_only(text)
    assert result.metadata["header"]["title"] == lines[0]
    assert "title split over lines" not in {c.reason for c in result.changes}


def test_a_title_without_a_document_type_is_read_but_left_as_it_is() -> None:
    # Unsure: only the first line is trusted, with what closes its bracket, and not edited.
    text = "湖南省教育厅\n湘教发〔2022〕7号\n关于2023年（第一\n批）项目 名单\n正文第一段\n"
    result = header_only(text)
    assert result.metadata["header"]["title"] == "关于2023年（第一批）项目 名单"
    assert not [c for c in result.changes if c.kind.startswith("title")]


def test_sichuan_pypdf_title_before_doc_number() -> None:
    result = header_only(read_sample("sichuan_bangongting_chuanbangui_2025_6_pypdf.txt"))
    meta = result.metadata["header"]
    assert meta["issuers"] == ["四川省人民政府办公厅"]
    assert meta["doc_number"] == "川办规〔２０２５〕６号"  # digits are the width stage's job
    assert meta["title"] == "关于印发«支持创业带动就业的若干政策措施»的通知"


def test_body_letter_spacing_is_left_alone() -> None:
    text = read_sample("sichuan_bangongting_chuanbangui_2025_6_pypdf.txt")
    result = header_only(text)
    assert "( 一) 加 大 创 业 信 贷 支 持 力 度" in result.text


def test_annual_report_without_doc_number() -> None:
    result = header_only(
        read_sample("huaian_hongze_quzhengfu_2024_zhengfu_xinxi_gongkai_nianbao_pdfminer.txt")
    )
    meta = result.metadata["header"]
    assert meta["issuers"] == ["淮安市洪泽区人民政府"]
    assert meta["doc_number"] is None
    assert not result.flags


def test_no_header_no_edits() -> None:
    text = "现将有关事项通知如下：\n\n一、总体要求\n\n各 地 要 加 强 组 织 领 导。\n"
    result = header_only(text)
    assert result.text == text
    assert result.metadata["header"]["issuers"] == []


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "realdocs").glob("*.txt")))
def test_header_is_idempotent_on_every_sample(path) -> None:
    once = header_only(path.read_text(encoding="utf-8"))
    twice = header_only(once.text)
    assert twice.changes == []


# ---------------------------------------------------------------- the full pipeline


def test_full_pipeline_000() -> None:
    result = clean_file(SAMPLES / "000_772ac8664c6b7ae7.txt")
    assert rebuild(result.text, result.changes) == result.source_text
    assert head(result.text, 8) == [
        *HUNAN_000,
        "文件",
        "湘教发〔2022〕7号",
        "关于印发《湖南省“双减”工作方案》的通知",
    ]


def test_full_pipeline_001_leaves_no_fragment() -> None:
    result = clean_file(SAMPLES / "001_cf32397d32a01fa2.txt")
    lines = result.text.split("\n")
    assert not any(line.strip() in FRAGMENTS_001 for line in lines)
    assert head(result.text, 7) == [*HUNAN_001, "文件", "湘教改〔2022〕1号"]


def test_full_pipeline_sichuan_pypdf_doc_number() -> None:
    result = clean_file(SAMPLES / "realdocs" / "sichuan_bangongting_chuanbangui_2025_6_pypdf.txt")
    assert "川办规〔2025〕6号" in result.text.split("\n")
    assert result.metadata["header"]["doc_number"] == "川办规〔2025〕6号"


def test_full_pipeline_hangzhou_doc_number_loses_its_space() -> None:
    result = clean_file(SAMPLES / "realdocs" / "hangzhou_zhengfu_hangzhenghan_2024_16_pdfminer.txt")
    assert "杭政函〔2024〕16号" in result.text.split("\n")
    assert "杭政函〔2024〕16 号" not in result.text


# ---------------------------------------------------------------- property: generated headers

PROVINCES = ["湖南省", "广东省", "江苏省", "四川省", "河北省", "黑龙江省", "浙江省", "云南省"]
BODIES = [
    "教育厅",
    "财政厅",
    "发展和改革委员会",
    "人力资源和社会保障厅",
    "住房和城乡建设厅",
    "卫生健康委员会",
    "公安厅",
    "民政厅",
    "人民政府办公厅",
    "自然资源厅",
    "交通运输厅",
    "市场监督管理局",
    "医疗保障局",
]
NATIONAL = ["教育部", "国家发展改革委", "财政部", "人力资源社会保障部", "国家卫生健康委", "国务院办公厅"]
BRACKETS = [("〔", "〕"), ("[", "]"), ("【", "】"), ("(", ")"), ("（", "）"), ("［", "］"), ("〔 ", " 〕")]


def _damage(line: str, how: int) -> str:
    if how == 1:  # fully letter-spaced
        return " ".join(line)
    if how == 2:  # partly: a space after every other character
        return "".join(c + (" " if i % 2 else "") for i, c in enumerate(line)).rstrip()
    return line


@st.composite
def generated_headers(draw):
    national = draw(st.booleans())
    count = draw(st.integers(1, 6))
    if national:
        names = draw(st.lists(st.sampled_from(NATIONAL), min_size=count, max_size=count, unique=True))
        province = ""
    else:
        province = draw(st.sampled_from(PROVINCES))
        bodies = draw(st.lists(st.sampled_from(BODIES), min_size=count, max_size=count, unique=True))
        names = [province + b for b in bodies]
    fragments = (not national) and len(names) > 1 and draw(st.booleans())
    mark = draw(st.sampled_from(["文件", ""]))
    mark_at = draw(st.integers(0, len(names) - 1))
    lines: list[str] = []
    frag_lines: list[str] = []
    for i, name in enumerate(names):
        if fragments:
            s = len(province) - draw(st.integers(0, 1))  # the tail keeps 省 or not
            k = draw(st.integers(0, 2))
            frag_lines.append(name[: s + k])
            name = name[s:]
        line = _damage(name, draw(st.integers(0, 2)))
        if mark and i == mark_at:
            line += draw(st.sampled_from(["", " "])) + _damage(mark, draw(st.integers(0, 1)))
        lines.append(line)
    gap = "\n" * draw(st.integers(1, 3))
    text = gap.join(lines) + "\n\n"
    if frag_lines:
        text += "\n\n".join(frag_lines) + "\n\n"
    o, c = draw(st.sampled_from(BRACKETS))
    year, num = draw(st.integers(2000, 2029)), draw(st.integers(1, 999))
    space = draw(st.sampled_from(["", " "]))
    text += f"湘教发{o}{year}{c}{space}{num}{space}号\n\n关于做好有关工作\n的通知\n\n各有关单位：\n\n请认真执行。\n"
    return text, names, mark, f"湘教发〔{year}〕{num}号"


@settings(max_examples=120, deadline=None)
@given(generated_headers())
def test_generated_headers_are_rebuilt(case) -> None:
    text, names, mark, doc_number = case
    result = header_only(text)
    meta = result.metadata["header"]
    assert meta["issuers"] == names
    assert meta["mark"] == (mark or None)
    assert meta["doc_number"] == doc_number
    assert meta["title"] == "关于做好有关工作的通知"
    expected = [*names, *([mark] if mark else []), doc_number, "关于做好有关工作的通知"]
    assert head(result.text, len(expected)) == expected
    assert header_only(result.text).changes == []


XIONGAN = "雄安新区管理委员会\n雄安新区规划建设局\n文件\n\n雄安发〔2023〕2号\n\n关于加强工程建设管理的通知\n\n各有关单位：\n"


def test_unknown_region_is_flagged_until_the_user_lexicon_knows_it(tmp_path) -> None:
    result = header_only(XIONGAN)
    assert "header_unresolved" in {f.code for f in result.flags}
    assert result.text.startswith("雄安新区管理委员会\n雄安新区规划建设局\n文件\n")
    lexicon = tmp_path / "lexicon.txt"
    lexicon.write_text("region\t雄安新区\t雄安\n", encoding="utf-8")
    result = header_only(XIONGAN, lexicon=(str(lexicon),))
    assert not result.flags
    assert result.metadata["header"]["issuers"] == ["雄安新区管理委员会", "雄安新区规划建设局"]


@pytest.mark.parametrize("name", ["000_772ac8664c6b7ae7.txt", "004_facce0d9e3ea077f.txt"])
def test_full_pipeline_without_spacing_still_collapses_header(name: str) -> None:
    """With the spacing stage skipped the header arrives letter-spaced; header collapses it."""
    result = clean_file(SAMPLES / name, skip=("spacing",))
    assert rebuild(result.text, result.changes) == result.source_text
    first = head(result.text, 1)[0]
    assert first == "湖南省教育厅"
    assert "letter-spaced agency name" in {c.reason for c in result.changes if c.stage == "header"}


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "realdocs").glob("*.txt")))
def test_full_pipeline_output_needs_no_more_header_work(path) -> None:
    once = clean_file(path)
    again = clean_text(once.text)
    assert [c for c in again.changes if c.stage == "header"] == []
    assert {k: again.metadata[k] for k in ("issuers", "doc_number", "title", "date")} == {
        k: once.metadata[k] for k in ("issuers", "doc_number", "title", "date")
    }


HEADERISH = st.sampled_from(
    [
        "湖南",
        "省",
        "湖南省",
        "教育厅",
        "发展和改革委员会",
        "文件",
        "文",
        "件",
        "湘教发",
        "〔",
        "〕",
        "[",
        "(",
        "2022",
        "7",
        "号",
        "关于",
        "的通知",
        "各单位：",
        "国家",
        "中共",
        " ",
        "\u3000",
        "\n",
        "\n\n",
        "—1—",
        "ZJAC00-2024-0001",
        "\u2003",
        "\x0c",
        "\r",
        "\t",
        "。",
        "年",
        "月",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(HEADERISH | st.text(max_size=3), max_size=40).map("".join))
def test_header_and_structure_never_lose_text(text: str) -> None:
    result = clean_text(text, stages=("header", "structure"))
    assert rebuild(result.text, result.changes) == text
    assert clean_text(result.text, stages=("header",)).changes == []


def test_an_unknown_header_is_read_by_its_characters_not_its_lines() -> None:
    # Wrapped at a narrow width, the same unknown header is read the same way: reflow may
    # join such lines, and a second run must read the header the first one read.
    wrapped = XIONGAN.replace("管理", "管\n理").replace("规划", "规\n划")
    result = header_only(wrapped)
    (flag,) = [f for f in result.flags if f.code == "header_unresolved"]
    assert flag.detail["lines"] == ["雄安新区管", "理委员会", "雄安新区规", "划建设局", "文件"]
    assert result.metadata["header"]["doc_number"] == "雄安发〔2023〕2号"
    # Body text right above a number is no header, in however few lines.
    body = "为深入贯彻落实党中央决策部署，现就有关事项通知如下。各地要充分认识做好课后服务工作的重要意义，切实抓紧抓好。\n"
    result = header_only(body + XIONGAN.split("\n\n", 1)[1])
    assert "header_unresolved" not in {f.code for f in result.flags}
    assert result.metadata["header"]["doc_number"] is None


def test_ocr_slip_in_a_joint_header_is_flagged_with_a_suggestion() -> None:
    text = "湖南省教育厅\n湖南省财政斤\n文件\n\n湘教发〔2023〕3号\n\n关于做好教材征订工作的通知\n\n各有关单位：\n"
    result = header_only(text)
    assert result.text.startswith("湖南省教育厅\n湖南省财政斤\n文件\n")
    (flag,) = [f for f in result.flags if f.code == "header_unresolved"]
    assert flag.detail["suggestions"] == {"湖南省财政斤": "湖南省财政厅"}
    assert "湖南省财政厅" in flag.message

"""Stage `reflow`: hard-wrapped lines back into paragraphs, and what must stay apart."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean import clean_text
from docclean.changes import rebuild
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages.reflow import _separator, ends_sentence, is_date_line, line_width


def reflow(text: str, **options):
    return clean_text(text, stages=("reflow",), **options)


def wrap(paragraph: str, width: int, indent: int = 2) -> list[str]:
    """Cut a paragraph like a typesetter: the first line two ems short (indent)."""
    lines, pos, room = [], 0, width - indent
    while pos < len(paragraph):
        lines.append(paragraph[pos : pos + room])
        pos += room
        room = width
    return lines


P1 = (
    "为深入贯彻落实党中央、国务院关于足球改革发展的决策部署，全面推进杭州全国足球发展重点城市建设，"
    "结合我市实际，制定以下措施，现就有关事项通知如下，请认真贯彻执行。"
)
P2 = (
    "发挥杭州市全国足球发展重点城市建设工作领导小组作用，构建党委领导、政府统筹、部门分工负责、"
    "社会广泛参与的工作机制，领导小组牵头每年开展全国足球发展重点城市建设有关工作评估。"
)
P3 = (
    "健全各级足球协会党组织，选优配强协会班子，规范协会内部管理，加大对足球协会政策支持力度，"
    "以及对人员配置、办公场地等方面的保障力度，通过政府购买服务等形式支持各级足球协会发展。"
)


def document(sep: str = "\n\n", width: int = 28) -> tuple[str, list[str]]:
    """A small circular: header, addressee, wrapped body with headings, signature, cc."""
    head = [
        "杭州市人民政府办公厅文件",
        "杭政办函〔2025〕16号",
        "杭州市人民政府办公厅关于",
        "印发若干措施的通知",
    ]
    addressee = "各区、县（市）人民政府，市政府各部门、各直属单位："
    body = [*wrap(P1, width), "一、完善足球管理体制机制", "（一）加强足球工作组织领导。", *wrap(P2, width)]
    body += ["（二）做大做强足球协会。", *wrap(P3, width)]
    tail = ["（此件公开发布）", "杭州市人民政府办公厅", "2025年4月30日", "抄送：市委各部门，市纪委。"]
    lines = [*head, addressee, *body, *tail]
    expected = [*head, addressee, P1, "一、完善足球管理体制机制", "（一）加强足球工作组织领导。", P2]
    expected += ["（二）做大做强足球协会。", P3, *tail]
    return sep.join(lines) + "\n", expected


def test_wrapped_paragraphs_become_one_line_each_with_blank_lines() -> None:
    text, expected = document("\n\n")
    result = reflow(text)
    assert [line for line in result.text.split("\n") if line] == expected
    assert {c.reason for c in result.changes} == {"blank line between wrapped lines"}
    assert all(c.before == "\n\n" and c.after == "" for c in result.changes)
    assert rebuild(result.text, result.changes) == text
    assert reflow(result.text).changes == []


def test_wrapped_paragraphs_without_blank_lines() -> None:
    text, expected = document("\n")
    result = reflow(text)
    assert result.text.split("\n")[:-1] == expected
    assert {c.reason for c in result.changes} == {"hard wrap"}


def test_short_heading_followed_by_a_paragraph_stays_apart() -> None:
    text, _ = document("\n")
    out = reflow(text).text.split("\n")
    i = out.index("一、完善足球管理体制机制")
    assert out[i + 1] == "（一）加强足球工作组织领导。"
    assert out[i + 2] == P2


def test_header_addressee_signature_date_and_cc_are_never_merged() -> None:
    text, _ = document("\n")
    out = reflow(text).text
    for line in (
        "杭州市人民政府办公厅文件",
        "杭政办函〔2025〕16号",
        "杭州市人民政府办公厅关于",
        "印发若干措施的通知",
    ):
        assert f"\n{line}\n" in f"\n{out}"
    assert "\n各区、县（市）人民政府，市政府各部门、各直属单位：\n" in out
    assert out.endswith("（此件公开发布）\n杭州市人民政府办公厅\n2025年4月30日\n抄送：市委各部门，市纪委。\n")


def test_outline_item_after_a_full_line_starts_a_new_line() -> None:
    # 000_772ac8664c6b7ae7: the line before "（三）" is full and stops mid-sentence (the
    # sample lost text there); the outline number still opens a block.
    lines = wrap("对评估结果进行通报，对评估结果较差的职业院校，要依法依规处理，限期整改，" * 3, 30)
    text = "\n".join([*lines[:-1], "（三）完善政策环境。创新政策供给，提高技术技能人才待遇。", ""])
    out = reflow(text).text
    assert "\n（三）完善政策环境。" in out


BODY = [*wrap(P1, 28), *wrap(P3, 28)]  # enough wrapped lines to show the full width


def test_a_list_of_short_items_is_kept() -> None:
    body = [*BODY, *wrap(P2, 28)]
    items = [
        "附件：1.杭州市足球场地建设计划",
        "2.杭州市青训中心名单",
        "主要任务如下：",
        "（1）完善场地；",
        "（2）培养人才；",
    ]
    text = "\n".join([*body, *items, "二、其他事项", "本通知自印发之日起施行。", ""])
    out = reflow(text).text.split("\n")
    assert out[:3] == [P1, P3, P2]
    assert out[3:8] == items


def test_flattened_table_cells_are_never_glued() -> None:
    # huaian reports: one cell per line, lone numbers and column headings.
    table = [
        "第二十条第（一）项",
        "信息内容",
        "本年制发件数 本年废止件数 现行有效件数",
        "规章",
        "行政规范性文件",
        "0",
        "5",
        "550",
        "7730.28",
        "（本列数据的勾稽关系为：第一项加第二项之和，",
        "21",
    ]
    text = "\n".join([*wrap(P1, 28), *table, *wrap(P3, 28), ""])
    out = reflow(text).text.split("\n")
    assert out[0] == P1
    assert out[1 : 1 + len(table)] == table
    assert out[1 + len(table)] == P3


def test_bracketed_note_ends_a_paragraph_and_an_open_note_runs_on() -> None:
    lines = [
        "推动全市工商业用户进入电力市场，力争全年实现市场化交易电",
        "量450亿千瓦时以上。（责任单位：市发改委、市经信局）",
        "全面落实浙江“民营经济32条”，出台进一步促进民间投资的若",
        "干措施，确保民间投资项目比重达到75%以上。（责任单位：",
        "市发改委、市财政局）",
        "加快推进城市地下管网建设，支持城市更新和设施补短板建设，",
        "形成一批示范项目。",
    ]
    out = reflow("\n".join(lines) + "\n").text.split("\n")
    assert out[:3] == ["".join(lines[:2]), "".join(lines[2:5]), "".join(lines[5:])]


def test_full_line_ending_a_sentence_runs_on_and_short_one_ends_the_paragraph() -> None:
    first = "坚持把立德树人作为推进工作的根本目标，统筹减轻学生负担。"  # 29 wide: full
    lines = [first, *wrap(P2, 29, 0)[1:], *wrap(P3, 29)]
    lines[0] = first
    text = "\n".join(lines) + "\n"
    out = reflow(text).text.split("\n")
    assert out[0].startswith(first + P2[29:40])
    assert out[1] == P3


def test_wrapped_heading_and_bracketed_tail() -> None:
    body = wrap(P1, 28)
    lines = [
        *body,
        "六、扩大内需和对外开放政策（由市商务局、市投资促进局",
        "牵头实施）",
        *wrap(P2, 28),
        "五、建设国际性综合交通枢纽城市和交通强国示范城市政策",
        "（由市交通运输局牵头实施）",
        *wrap(P3, 28),
        "三、五大产业生态圈建设培育政策（由市经信局牵头实施）",
        *wrap(P2, 28),
    ]
    out = reflow("\n".join(lines) + "\n").text.split("\n")
    assert out[1] == "六、扩大内需和对外开放政策（由市商务局、市投资促进局牵头实施）"
    assert out[3] == "五、建设国际性综合交通枢纽城市和交通强国示范城市政策（由市交通运输局牵头实施）"
    assert out[5] == "三、五大产业生态圈建设培育政策（由市经信局牵头实施）"
    assert out[6] == P2


def test_cut_on_a_function_word_or_between_number_and_unit() -> None:
    lines = [
        *BODY,
        "（三十二）强化制造业人才支撑。加大市级人才计划对",  # 24 wide: a quote was pushed down
        "“415X”先进制造业集群和五大产业生态圈支持力度。",
        "本文件自2025年5月1日起施行，有效期至2027年12月31",
        "日。以上措施与现行有关政策不一致的，按本文件执行。",
    ]
    out = reflow("\n".join(lines) + "\n").text.split("\n")
    assert out[2] == lines[-4] + lines[-3]
    assert out[3] == lines[-2] + lines[-1]


def test_wrapped_addressee_is_joined_but_header_kept() -> None:
    lines = [
        "四川省人民政府办公厅",
        "关于印发《支持创业带动就业的",
        "若干政策措施》的通知",
        "川办规〔2025〕6号",
        "各市（州）、县（市、区）人民政府，省政府各部门、各直属机构，有关",
        "单位：",
        *wrap(P1, 30),
        *wrap(P2, 30),
    ]
    out = reflow("\n".join(lines) + "\n").text.split("\n")
    assert out[:4] == lines[:4]
    assert out[4] == lines[4] + lines[5]
    assert out[5:7] == [P1, P2]


def test_latin_words_keep_one_space_and_hyphenated_words_rejoin() -> None:
    text = (
        "The State Council issued the guideline on double reduction in July\n"
        "2021 to ease the burden of homework and off-campus tutoring for\n"
        "students in compulsory education. Local governments were asked to\n"
        "build after-school services and to regulate training institu-\n"
        "tions with clear standards and strict supervision of fees.\n"
        "Short closing line.\n"
        "The provinces then published their own plans with concrete goals\n"
        "for schools and families and with timelines for every measure.\n"
    )
    result = reflow(text)
    out = result.text.split("\n")
    assert out[0] == (
        "The State Council issued the guideline on double reduction in July 2021 to ease the burden of "
        "homework and off-campus tutoring for students in compulsory education. Local governments were "
        "asked to build after-school services and to regulate training institutions with clear standards "
        "and strict supervision of fees."
    )
    assert out[1] == "Short closing line."
    assert out[2].endswith("for schools and families and with timelines for every measure.")
    hyphen = [c for c in result.changes if c.before == "-\n"]
    assert len(hyphen) == 1 and hyphen[0].after == ""
    assert rebuild(result.text, result.changes) == text


def test_numbers_like_2_5_percent_are_not_sentence_ends() -> None:
    assert not ends_sentence("收费标准相比之前降低 2.")
    assert ends_sentence("位于全国前列。")
    assert ends_sentence("工作落实。”")
    assert ends_sentence("确保走在全省前列。（责任单位：市发改委）")
    assert not ends_sentence("（一）加强足球工作（由市体育局牵头）")
    assert not ends_sentence("比重达到75%以上。（责任单位：")
    assert ends_sentence("答复如下：")


def test_date_lines() -> None:
    assert is_date_line("2022年4月1日")
    assert is_date_line("2023年 6月 5日")
    assert is_date_line("二〇二二年四月一日")
    assert is_date_line("杭州市人民政府办公厅 2024年2月18日印发")
    assert not is_date_line("2024年，全市计划供应各类建设用地6万亩。")


def test_width_counts_ascii_narrower() -> None:
    assert line_width("湖南省教育厅") == 6
    assert line_width("2022") == 2
    assert line_width("（一）") == 3


def test_already_flowed_text_is_left_alone() -> None:
    text = "\n".join(
        ["湖南省教育厅", "各市州教育局：", P1, "一、工作目标", P2, P3, "湖南省教育厅", "2022年4月1日", ""]
    )
    assert reflow(text).changes == []


def test_cjk_latin_space_option_add() -> None:
    lines = [*wrap(P1, 28)[:-1], "推动中小学开展", *wrap(P2, 28)]
    lines[0] = wrap(P1, 28)[0]
    base = wrap(P1, 28)
    text = "\n".join([*base[:-1], base[-1][:-1] + "，在中小学开展", "STEM教育。", *wrap(P2, 28)]) + "\n"
    assert "开展STEM教育" in reflow(text).text
    assert "开展 STEM教育" in reflow(text, cjk_latin_space="add").text


PHRASES = ["加强课后服务", "规范收费管理", "提高教育质量", "推进职业教育发展", "健全工作机制", "落实主体责任"]


@st.composite
def wrapped_documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Paragraphs typeset at a random width: indented first line, short last line."""
    width = draw(st.integers(16, 34))
    sep = draw(st.sampled_from(["\n", "\n\n"]))
    paragraphs, lines = [], []
    for _ in range(draw(st.integers(3, 6))):
        rows = draw(st.integers(3, 5))
        last = draw(st.integers(1, width - 5))
        size = (width - 2) + (rows - 2) * width + last
        words = draw(st.lists(st.sampled_from(PHRASES), min_size=size // 4 + 1, max_size=size // 4 + 3))
        joints = draw(st.lists(st.sampled_from("，、"), min_size=len(words), max_size=len(words)))
        body = "".join(w + j for w, j in zip(words, joints, strict=True))
        para = body[: size - 1] + "。"
        paragraphs.append(para)
        lines += wrap(para, width)
    return sep.join(lines) + "\n", paragraphs


@settings(max_examples=120, deadline=None)
@given(wrapped_documents())
def test_reflow_rebuilds_paragraphs_and_is_idempotent(doc: tuple[str, list[str]]) -> None:
    text, paragraphs = doc
    result = reflow(text)
    assert rebuild(result.text, result.changes) == text
    assert [line for line in result.text.split("\n") if line] == paragraphs
    assert reflow(result.text).changes == []


@settings(max_examples=120, deadline=None)
@given(st.text(alphabet="湖南省教育厅（一）1.、，。：\n 0 ab-", max_size=200))
def test_reflow_on_arbitrary_text_is_reversible_and_idempotent(text: str) -> None:
    result = reflow(text)
    assert rebuild(result.text, result.changes) == text
    assert reflow(result.text).changes == []


def test_signature_after_a_full_last_line_stays_apart() -> None:
    last = "坚持把立德树人作为推进工作的根本目标，统筹推进各项工作。"  # full, ends a sentence
    lines = [*BODY, *wrap(P2, 28)[:-1], last, "湖南省教育厅", "湖南省财政厅", "2022年4月1日"]
    out = reflow("\n".join(lines) + "\n").text.split("\n")
    assert out[-4:-1] == ["湖南省教育厅", "湖南省财政厅", "2022年4月1日"]
    assert out[-5].endswith(last)


def test_a_wrapped_line_may_start_with_words_that_open_a_colophon() -> None:
    # "印发" opens the 印发 line of a colophon, but "印发给你们" at a line start is running text.
    lines = [
        *BODY,
        "《杭州市加快推进全国足球发展重点城市建设若干措施》已经市政府同意，现",
        "印发给你们，请结合实际认真组织实施。",
    ]
    out = reflow("\n".join(lines) + "\n").text.split("\n")
    assert out[2] == lines[-2] + lines[-1]


def test_separators_where_lines_meet() -> None:
    ctx, add = Context(Options()), Context(Options(cjk_latin_space="add"))
    assert _separator("中小学开展", "STEM教育", ctx) == ""
    assert _separator("中小学开展", "STEM教育", add) == " "
    assert _separator("开展STEM", "教育", add) == " "
    assert _separator("in July", "2021 to", ctx) == " "
    assert _separator("and strict", "(see below)", ctx) == " "
    assert _separator("COVID-", "19 cases", ctx) == ""
    assert _separator("专项经费每年不少于 30", "00 万元", ctx) == ""
    assert _separator("page 12", "34 items", ctx) == " "
    assert _separator("工作部署，", "根据", ctx) == ""


def test_vertical_text_cells_stay_apart() -> None:
    # huaian: a table heading typeset vertically, one character per line.
    cells = ["三", "、", "本", "年", "度", "办", "理", "结", "果", "（三）不予公开"]
    text = "\n".join([*BODY, *cells, ""])
    assert reflow(text).text.split("\n")[2:12] == cells


def test_a_numbered_paragraph_runs_on_after_its_first_line() -> None:
    # Only the first line of an outline item is judged as a possible heading.
    item = "（八）加大创业培训力度，扩大创业培训覆盖对象到全部有创业需求的劳动者实施差异化创业培训补贴鼓励行业主管部门和地方政府紧贴重点产业链需求开发特色创业培训项目。"
    lines = [*BODY, *wrap(item, 28)]
    assert reflow("\n".join(lines) + "\n").text.split("\n")[2] == item


def test_effective_date_clause_is_its_own_paragraph() -> None:
    last = "坚持把立德树人作为推进工作的根本目标，统筹推进各项工作。"  # full, ends a sentence
    lines = [*BODY, *wrap(P2, 28)[:-1], last, "本通知自2025年6月1日起施行。", "湖南省教育厅", "2025年5月6日"]
    out = reflow("\n".join(lines) + "\n").text.split("\n")
    assert out[-4:-1] == ["本通知自2025年6月1日起施行。", "湖南省教育厅", "2025年5月6日"]


def test_digits_printed_full_width_are_measured_so() -> None:
    # The PDF printed ２０２５ (one em each); the width stage made them ASCII. Lines with
    # digits then look short, unless the document shows that digits count one em.
    width = 30
    text = (
        "全年新增2024年度项目1200个，完成投资3800亿元，带动投资增长15%，新增就业岗位"
        "2600个。推动120个重大项目开工，完成投资2200亿元，到2025年底前全部建成投产，"
        "力争形成1000亿元以上的新增产值。"
    )
    paragraph = text * 3
    lines = [paragraph[i : i + width] for i in range(0, len(paragraph), width)]
    body = [*wrap(P1, width, 0), *wrap(P3, width, 0)]
    out = reflow("\n".join([*body, *lines]) + "\n").text.split("\n")
    assert paragraph in out

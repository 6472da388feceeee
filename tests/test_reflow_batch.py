"""Stage `reflow` on a batch export: several circulars run together in one text.

Each circular has its own wrap width and its own header block, so reflow reads the
layout per document. A concatenation (form feeds, blank lines or a bare line break
between the documents) must reflow like its documents alone, and a second cleaning must
change nothing.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean import clean_text
from docclean.stages.reflow import _documents, _read_lines
from test_reflow import wrap


def reflow(text: str, **options):
    return clean_text(text, stages=("reflow",), **options)


def lines_of(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


# Body text in the style of the samples (samples/001_*, samples/000_*): long sentences,
# enumeration commas, book titles, numbers with units.
S1 = (
    "为深入贯彻落实党中央、国务院关于“双减”工作部署，根据《国务院办公厅关于进一步减轻义务教育阶段学生作业负担"
    "和校外培训负担的意见》（国办发〔2021〕40号）精神，现就进一步加强义务教育阶段学校课后服务工作通知如下。"
)
S2 = (
    "课后服务是学校教育的延伸，是解决人民群众急难愁盼问题的民生工程，是促进学生全面发展、健康成长的有力举措。"
    "各地要充分认识做好课后服务工作的重要意义，切实把课后服务作为重要民生工程抓紧抓实抓好。"
)
S3 = (
    "各县市区要统筹安排专项经费每年不少于3000万元，重点用于课后服务人员补助、课程资源建设和场地设施改善，"
    "确保课后服务经费足额到位、规范使用，不得挤占挪用。"
)
S4 = (
    "遴选建设一批“楚怡”高水平高职院校和优秀中职学校，健全校企合作制度，建立行业企业参与学校管理的机制，"
    "鼓励企业通过冠名、捐赠、设立奖学金、共建专业和实习实训基地等方式支持学校发展。"
)
S5 = (
    "建立职业院校质量年度报告发布制度，定期对职业院校进行质量评估，对评估结果进行通报，对评估结果较差的职业院校，"
    "要依法依规处理，限期整改，对整改不力的，要追究有关责任人的责任。"
)
S6 = "本通知自2022年5月1日起施行。"


def circular(width: int, sep: str, kind: int) -> tuple[str, list[str]]:
    """One circular typeset ``width`` ems wide (lines joined by ``sep``), and its lines
    as reflow should leave them. ``kind`` varies the header (one issuer, a joint issuance
    with a split title, a reply without 关于)."""
    if kind == 0:
        head = ["湖南省教育厅文件", "湘教发〔2022〕7号", "湖南省教育厅关于进一步加强课后服务工作的通知"]
        addressee = ["各市州教育局，省直有关单位："]
        paragraphs = [S1, "一、充分认识加强课后服务工作的重要意义", S2, "二、强化经费保障", S3, S6]
        tail = ["湖南省教育厅", "2022年4月1日", "（此件主动公开）", "抄送：教育部办公厅，省人民政府办公厅。"]
    elif kind == 1:
        head = ["湖南省教育厅", "湖南省发展和改革委员会", "湖南省财政厅", "湘教改〔2022〕1号"]
        head += ["湖南省教育厅等三部门关于进一步加强义务教育", "阶段学校课后服务工作的通知"]
        addressee = ["各市州教育局、发展改革委、财政局："]
        paragraphs = [S2, "一、总体要求", "（一）加强组织领导。" + S3, "（二）健全工作机制。" + S4, S6]
        tail = ["湖南省教育厅", "湖南省财政厅", "2022年3月10日", "（此件主动公开）"]
    else:
        head = ["湘教复字〔2023〕283号", "对省政协十三届一次会议", "第0400号提案的答复"]
        addressee = ["叶玉泉、颜肇臻委员："]
        paragraphs = [S4, "一、关于职业教育质量评价", S5, "二、关于校企合作", S2]
        tail = ["湖南省教育厅", "2023年7月20日"]
    lines, expected = [*head, *addressee], [*head, *addressee]
    for para in paragraphs:
        lines += wrap(para, width) if "。" in para else [para]  # headings stay whole
        expected.append(para)
    return sep.join([*lines, *tail]) + "\n", [*expected, *tail]


# Three documents of different widths (like a year's batch exported to one file).
BATCH = [circular(22, "\n\n", 1), circular(36, "\n", 0), circular(28, "\n\n", 2), circular(31, "\n", 1)]


def test_each_circular_alone_reflows_to_its_paragraphs() -> None:
    for text, expected in BATCH:
        result = reflow(text)
        assert lines_of(result.text) == expected
        assert reflow(result.text).changes == []


def test_documents_are_found_in_the_raw_and_in_the_cleaned_batch() -> None:
    batch = "".join(text for text, _ in BATCH)
    sizes = [len(lines_of(text)) for text, _ in BATCH]
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    lines = _read_lines(batch)
    assert lines is not None
    # A later document starts after the last sentence of the one before (its 抄送 line,
    # or else its signature and date go with the next header block, which stays as it is).
    found = [first for first, _ in _documents(lines)]
    assert len(found) == len(BATCH)
    assert found[0] == 0 and found[2] == starts[2]  # BATCH[1] ends with its 抄送 line
    assert found[1] == starts[1] - 4  # after S6: 湖南省教育厅 … （此件主动公开） go along
    assert found[3] == starts[3] - 2  # after S2: 湖南省教育厅, 2023年7月20日
    cleaned = _read_lines(reflow(batch).text)
    assert cleaned is not None
    assert len(_documents(cleaned)) == len(BATCH)


def test_a_batch_reflows_like_its_documents_alone_and_idempotently() -> None:
    expected = [line for _, lines in BATCH for line in lines]
    for sep in ("", "\n", "\n\n"):
        batch = sep.join(text for text, _ in BATCH)
        result = reflow(batch)
        assert lines_of(result.text) == expected, sep
        assert reflow(result.text).changes == []


CN_DATES = ("二〇一八年三月十日", "二〇一九年四月一日", "二〇二〇年七月二十日", "二〇二一年五月八日")


def test_a_batch_with_form_feeds_cleans_like_its_documents_alone() -> None:
    # Other issuers and dates (in words), no （此件主动公开）: `pages` takes lines that
    # repeat, digits aside, at the top or bottom of most "pages" (here: documents) for
    # running headers and footers, and would take them out of the batch only.
    texts = []
    for i, (text, _) in enumerate(BATCH):
        province = ("江西省", "湖北省", "广东省", "四川省")[i]
        for date in ("2022年3月10日", "2022年4月1日", "2023年7月20日"):
            text = text.replace(date, CN_DATES[i])
        texts.append(text.replace("湖南省", province).replace("（此件主动公开）", "此件主动公开。"))
    batch = "\f".join(texts)
    stages = ("pages", "reflow", "tidy")
    result = clean_text(batch, stages=stages)
    assert result.metadata["pages"]["running_headers"] == []
    alone = [line for text in texts for line in lines_of(clean_text(text, stages=stages).text)]
    assert lines_of(result.text) == alone
    assert clean_text(result.text, stages=stages).changes == []
    # The whole pipeline: whatever other stages do, reflow finds nothing left to join.
    full = clean_text(batch).text
    assert reflow(full).changes == []
    assert clean_text(full, stages=("pages", "reflow")).changes == []


def test_a_single_document_is_one_document() -> None:
    # Lines that end in ： inside the body (…如下：) after a sentence are no header block.
    text, _ = circular(28, "\n", 0)
    for inserted in (
        ["各地要做好以下工作：", "关于课后服务的通知", "各学校："],
        ["现将《关于课后服务的通知》转发给你们，", "具体要求如下："],
        ["湘教发〔2021〕9号", "各学校要求如下："],
    ):
        body = "\n".join(inserted)
        lines = _read_lines(text.replace("二、强化经费保障", body + "\n二、强化经费保障"))
        assert lines is not None
        assert len(_documents(lines)) == 1, inserted


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(20, 40), st.sampled_from(["\n", "\n\n"]), st.integers(0, 2)),
        min_size=2,
        max_size=5,
    ),
    st.sampled_from(["", "\n", "\n\n"]),
)
def test_any_batch_reflows_like_its_documents(docs: list[tuple[int, str, int]], joint: str) -> None:
    parts = [circular(*doc) for doc in docs]
    result = reflow(joint.join(text for text, _ in parts))
    # Like the documents alone (a heading about as wide as the text reads as wrapped
    # there too: compare with that, not with the ideal).
    assert lines_of(result.text) == [line for text, _ in parts for line in lines_of(reflow(text).text)]
    assert reflow(result.text).changes == []

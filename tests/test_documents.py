"""Several circulars run together in one text (a batch export): cleaned document by document.

``document_starts`` finds where each later circular starts, in the raw text and in the
cleaned one; ``clean_text`` then cleans each on its own (``segments.run_segmented``), so
the result is the documents cleaned alone, joined, with one change log that rebuilds the
whole input, and ``metadata["documents"]`` lists them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import generated_circulars
from docclean import clean_text, rebuild, segments
from docclean.documents import document_starts
from docclean.stages.reflow import _documents, _read_lines

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SINGLE_FILES = sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "realdocs").glob("*.txt"))

# Paragraphs in the style of samples/*.txt; SHARED appears in every circular (repeated
# boilerplate that dedup must not delete from the later ones).
SHARED = (
    "各地要充分认识做好课后服务工作的重要意义，切实把课后服务作为重要民生工程抓紧抓实抓好，"
    "确保各项政策措施落地见效。"
)
P1 = (
    "为深入贯彻落实党中央、国务院关于“双减”工作部署，根据《国务院办公厅关于进一步减轻义务教育阶段学生作业负担"
    "和校外培训负担的意见》（国办发〔2021〕40号）精神，现就进一步加强义务教育阶段学校课后服务工作通知如下。"
)
P2 = (
    "各县市区要统筹安排专项经费每年不少于3000万元，重点用于课后服务人员补助、课程资源建设和场地设施改善，"
    "确保课后服务经费足额到位、规范使用，不得挤占挪用。"
)
P3 = (
    "遴选建设一批高水平高职院校和优秀中职学校，健全校企合作制度，建立行业企业参与学校管理的机制，"
    "鼓励企业通过冠名、捐赠、设立奖学金、共建专业和实习实训基地等方式支持学校发展。"
)
P4 = "现将《湖南省人民政府关于加强教育工作的通知》（湘政发〔2022〕3号）转发给你们，请结合实际，认真贯彻执行。"


def wrap(s: str, width: int) -> list[str]:
    return [s[i : i + width] for i in range(0, len(s), width)]


def circular(kind: int) -> str:
    """One raw circular: OCR-style hard wraps, and per kind a different header damage."""
    if kind == 0:  # letter-spaced issuer, 红头 mark on its own line, title cut in two
        head = [
            "湖 南 省 教 育 厅",
            "文件",
            "",
            "湘教发〔2022〕7 号",
            "",
            "湖南省教育厅关于进一步加强",
            "课后服务工作的通知",
        ]
        addressee = ["各市州教育局，省直有关单位："]
        body = [*wrap(P1, 30), "一、总体要求", *wrap(SHARED, 30), "二、强化经费保障", *wrap(P2, 30)]
        tail = [
            "湖南省教育厅",
            "2022年4月1日",
            "",
            "（此件主动公开）",
            "",
            "抄送：教育部办公厅，省人民政府办公厅。",
        ]
    elif kind == 1:  # joint issuance, addressee list wrapped onto two lines, page number
        head = ["湖南省教育厅", "湖南省发展和改革委员会", "湖南省财政厅", "湘教改〔2022〕1号"]
        head += ["湖南省教育厅等三部门关于进一步加强义务教育", "阶段学校课后服务工作的意见"]
        addressee = ["各市州教育局、发展改革委、财政局，", "省直有关单位："]
        body = [*wrap(SHARED, 26), "- 2 -", *wrap(P3, 26), "具体要求如下：", *wrap(P2, 26)]
        tail = ["湖南省教育厅", "湖南省财政厅", "2022年3月10日", "（此件主动公开）"]
    elif kind == 2:  # a reply: no 关于, numbered 复字, no disclosure note or cc
        head = ["湘教复字〔2023〕283号", "对省政协十三届一次会议", "第0400号提案的答复"]
        addressee = ["叶玉泉、颜肇臻委员："]
        body = [*wrap(P3, 28), *wrap(SHARED, 28)]
        tail = ["湖南省教育厅", "2023年7月20日"]
    else:  # a forwarding notice quoting another circular, letter-spaced issuer and mark
        head = [
            "长 沙 市 人 民 政 府 办 公 厅 文 件",
            "长政办发〔2023〕12号",
            "长沙市人民政府办公厅关于转发",
            "加强教育工作文件的通知",
        ]
        addressee = ["各区县（市）人民政府，市直机关各单位："]
        body = [*wrap(P4, 32), "请做好以下工作：", *wrap(SHARED, 32), *wrap(P1, 32)]
        tail = ["长沙市人民政府办公厅", "2023年5月8日", "（此件主动公开）", "抄送：市委办公厅。"]
    return "\n".join([*head, "", *addressee, *body, "", *tail]) + "\n"


DOCS = [circular(0), circular(1), circular(2), circular(3), circular(0), circular(2)]


def joined(docs: list[str], sep: str) -> tuple[str, list[int]]:
    """The documents joined by ``sep``, and where the later ones start (after ``sep``)."""
    starts, pos = [], 0
    for doc in docs[:-1]:
        pos += len(doc) + len(sep)
        starts.append(pos)
    return sep.join(docs), starts


SEPARATORS = ["\f", "\n", "\n\n\n", "\f\n"]


@pytest.mark.parametrize("kind", range(4))
def test_a_single_circular_is_never_split(kind: int) -> None:
    doc = circular(kind)
    assert document_starts(doc) == []
    assert document_starts(clean_text(doc).text) == []


@pytest.mark.parametrize("path", SINGLE_FILES, ids=lambda p: p.name)
def test_samples_are_single_documents(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert document_starts(text) == []
    result = clean_text(text)
    assert document_starts(result.text) == []
    assert "documents" not in result.metadata


def test_corpus_documents_are_single() -> None:
    for text in generated_circulars(40):
        assert document_starts(text) == []
        assert document_starts(clean_text(text).text) == []


@pytest.mark.parametrize("sep", SEPARATORS)
def test_starts_in_the_raw_text(sep: str) -> None:
    text, starts = joined(DOCS, sep)
    if sep == "\f\n":  # the form feed is where the next document starts
        starts = [s - 1 for s in starts]
    assert document_starts(text) == starts


def test_the_cut_falls_at_the_header_not_in_the_tail() -> None:
    text, _ = joined(DOCS, "\n\n")
    for start in document_starts(text):
        before = text[:start].rstrip()
        assert before.endswith(("。", "日", "（此件主动公开）")), before[-30:]
        assert text[start:].startswith(("湖 南 省", "湖南省", "湘教复字", "长 沙 市")), text[
            start : start + 20
        ]


def test_page_numbers_after_a_form_feed_go_with_the_next_document() -> None:
    first, second = circular(1), circular(0)
    text = first + "\n- 5 -\n\f- 1 -\n" + second
    assert document_starts(text) == [len(first) + len("\n- 5 -\n\f")]


def test_a_number_torn_over_two_lines_names_the_document() -> None:
    # Torn inside its brackets (湘教发〔2022 / 〕7号): the same documents are found whether
    # reflow has joined the number yet or not, so a second run cuts where the first did.
    first = circular(2)
    header = "湖南省财政厅文件\n湘教发〔2022\n〕7号\n各市州财政局：\n" + P2 + "\n"
    torn = first + header
    whole = first + header.replace("〔2022\n〕", "〔2022〕")
    assert document_starts(whole) == [len(first)]
    assert document_starts(torn) == [len(first)]
    # Two lines that do not make a number between them name nothing.
    assert document_starts(first + header.replace("〕7号", "〕7日")) == []


@pytest.mark.parametrize("sep", SEPARATORS)
def test_each_document_cleans_as_alone(sep: str) -> None:
    text, _ = joined(DOCS, sep)
    result = clean_text(text)
    alone = [clean_text(doc).text for doc in DOCS]
    assert result.text == "".join(alone)
    # and the cleaned text splits the same way
    cleaned_starts = document_starts(result.text)
    pieces = [
        result.text[a:b]
        for a, b in zip([0, *cleaned_starts], [*cleaned_starts, len(result.text)], strict=True)
    ]
    assert pieces == alone


@pytest.mark.parametrize("sep", SEPARATORS)
def test_rebuild_and_idempotence(sep: str) -> None:
    text, _ = joined(DOCS, sep)
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    again = clean_text(result.text)
    assert again.text == result.text
    assert again.changes == []


def test_no_text_of_a_later_document_is_lost() -> None:
    text, _ = joined(DOCS, "\n")
    result = clean_text(text)
    assert result.text.count(SHARED) == len(DOCS)
    assert result.text.count("（此件主动公开）") == 4
    assert result.text.count("湖南省教育厅关于进一步加强课后服务工作的通知") == 2  # headers repaired in both
    assert "湖 南 省" not in result.text


def test_documents_metadata() -> None:
    text, starts = joined(DOCS, "\f")
    result = clean_text(text)
    docs = result.metadata["documents"]
    assert [d["start"] for d in docs] == [0, *starts]
    assert [d["doc_number"] for d in docs] == [
        "湘教发〔2022〕7号",
        "湘教改〔2022〕1号",
        "湘教复字〔2023〕283号",
        "长政办发〔2023〕12号",
        "湘教发〔2022〕7号",
        "湘教复字〔2023〕283号",
    ]
    assert docs[0]["title"] == "湖南省教育厅关于进一步加强课后服务工作的通知"
    assert docs[1]["date"] == "2022-03-10"
    assert docs[3]["issuers"] == ["长沙市人民政府办公厅"]
    for key in ("issuers", "doc_number", "title", "date"):  # the first document's, as before
        assert result.metadata[key] == docs[0][key]
    for doc, raw in zip(docs, DOCS, strict=True):
        alone = clean_text(raw).metadata
        assert {k: v for k, v in doc.items() if k != "start"} == {k: alone[k] for k in doc if k != "start"}


def test_a_long_document_is_still_cut_by_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "SEGMENT_CHARS", 100)
    text, starts = joined(DOCS[:3], "\f")
    cuts = segments.document_cuts(text, starts, 100)
    assert set(starts) <= set(cuts) and len(cuts) > len(starts) + 1
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    assert [d["start"] for d in result.metadata["documents"]] == [0, *starts]
    assert result.metadata["segments"] == len(cuts)


def test_agrees_with_reflow_on_the_cleaned_text() -> None:
    """reflow's own per-document layout finds the same documents in the cleaned text."""
    text, _ = joined(DOCS, "\n")
    cleaned = clean_text(text).text
    lines = _read_lines(cleaned)
    assert lines is not None
    firsts = [lo for lo, _ in _documents(lines)[1:]]
    starts = document_starts(cleaned)
    assert len(firsts) == len(starts)
    for lo, start in zip(firsts, starts, strict=True):
        assert lines.start[lo] <= start  # reflow's block may take in the previous tail


def test_body_colons_and_quoted_titles_are_no_start() -> None:
    doc = circular(3)
    # a quoted title and number in a body line, and a colon line after a heading
    extra = "二、工作要求\n根据《关于加强教育工作的通知》（湘政发〔2022〕3号）要求\n各单位：\n" + "\n".join(
        wrap(P2, 30)
    )
    assert document_starts(doc + extra) == []


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_and_old_mac_line_ends(newline: str) -> None:
    docs = [doc.replace("\n", newline) for doc in DOCS]
    text = newline.join(docs)
    assert len(document_starts(text)) == len(docs) - 1
    assert all(document_starts(doc) == [] for doc in docs)
    result = clean_text(text)
    assert result.text == "".join(clean_text(doc).text for doc in docs)
    assert clean_text(result.text).text == result.text
    assert rebuild(result.text, result.changes) == text

"""The structure stage: GB/T 9704 metadata of the samples, dates, cc lists, and `docclean inspect`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CIRCULAR, SAMPLES, read_sample
from docclean import clean_file, clean_text
from docclean.cli import main
from docclean.stages.structure import FIELDS, cn_number, parse_date

REAL = SAMPLES / "realdocs"


def structure_of(text: str, stages=("header", "structure")) -> dict:
    result = clean_text(text, stages=stages)
    assert result.text == text if stages == ("structure",) else True
    return {key: result.metadata.get(key) for key in FIELDS}


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2023年6月5日", "2023-06-05"),
        ("2023年 6月 5日", "2023-06-05"),
        ("  2024 年 2 月 18 日", "2024-02-18"),
        ("２０２５ 年 ４ 月 ３０ 日", "2025-04-30"),
        ("二〇二二年四月一日", "2022-04-01"),
        ("二〇二三年十二月三十一日", "2023-12-31"),
        ("二〇一九年十月二十日", "2019-10-20"),
        ("二O二二年四月一日", "2022-04-01"),  # OCR reads 〇 as the letter O
        ("二0二三年五月八日", "2023-05-08"),
        ("2023年13月5日", None),
        ("到2023年6月5日前完成", None),
        ("2023年", None),
    ],
)
def test_parse_date(line: str, iso: str | None) -> None:
    assert parse_date(line) == iso


def test_cn_number() -> None:
    assert [cn_number(s) for s in ("一", "十", "十二", "二十", "二十一", "三十一")] == [1, 10, 12, 20, 21, 31]
    assert cn_number("百") is None


def test_structure_changes_nothing() -> None:
    text = read_sample("004_facce0d9e3ea077f.txt")
    result = clean_text(text, stages=("structure",))
    assert result.text == text and result.changes == []
    # Without the header stage it reads the header itself (read-only).
    assert result.metadata["doc_number"] == "湘教复字〔2023〕283号"
    assert result.metadata["issuers"] == ["湖南省教育厅"]


# ---------------------------------------------------------------- the samples, full pipeline


def test_000_full_pipeline() -> None:
    meta = clean_file(SAMPLES / "000_772ac8664c6b7ae7.txt").metadata
    assert meta["issuers"] == [
        "湖南省教育厅",
        "湖南省发展和改革委员会",
        "湖南省财政厅",
        "湖南省人力资源和社会保障厅",
        "湖南省住房和城乡建设厅",
    ]
    assert meta["mark"] == "文件"
    assert meta["doc_number"] == "湘教发〔2022〕7号"
    assert meta["title"] == "关于印发《湖南省“双减”工作方案》的通知"
    assert meta["date"] == "2022-04-01"
    assert meta["signatories"] == ["湖南省住房和城乡建设厅"]
    assert meta["addressees"] == "各市州、县市区人民政府，省直有关单位，省属高校"


def test_001_full_pipeline() -> None:
    meta = clean_file(SAMPLES / "001_cf32397d32a01fa2.txt").metadata
    assert meta["issuers"] == [
        "湖南省教育厅",
        "湖南省发展和改革委员会",
        "湖南省财政厅",
        "湖南省人力资源和社会保障厅",
        "湖南省住房城乡建设厅",
    ]
    assert meta["doc_number"] == "湘教改〔2022〕1号"
    assert meta["addressees"] == "各市州教育局、发展改革委、财政局"


def test_004_full_pipeline() -> None:
    result = clean_file(SAMPLES / "004_facce0d9e3ea077f.txt")
    meta = result.metadata
    assert meta["issuers"] == ["湖南省教育厅"]
    assert meta["mark"] is None
    assert meta["doc_number"] == "湘教复字〔2023〕283号"
    assert meta["title"] == "对省政协十三届一次会议第0400号提案的答复"
    assert meta["addressees"] == "叶玉泉、颜肇臻委员"
    assert meta["date"] == "2023-06-05"
    assert meta["signatories"] == ["湖南省教育厅"]
    assert meta["cc"] == ["省政府办公厅（2）", "省政协提案委（2）"]
    assert meta["contact"]["phone"].startswith("0731")
    assert "2023年6月5日" in result.text.split("\n")


@pytest.mark.parametrize(
    "name",
    ["hangzhou_zhengfu_hangzhenghan_2024_16_pdfminer.txt", "hangzhou_zhengfu_hangzhenghan_2024_16_pypdf.txt"],
)
def test_hangzhou_full_pipeline(name: str) -> None:
    meta = clean_file(REAL / name).metadata
    assert meta["issuers"] == ["杭州市人民政府"]
    assert meta["mark"] == "文件"
    assert meta["doc_number"] == "杭政函〔2024〕16号"
    assert meta["title"] == "杭州市人民政府印发关于进一步推动经济高质量发展若干政策的通知"
    assert meta["registration_code"] == "ZJAC00-2024-0001"
    assert meta["date"] == "2024-02-18"
    assert meta["disclosure"] == "（此件公开发布）"
    assert meta["cc"][:4] == ["市委各部门", "市纪委", "杭州警备区", "市各群众团体"]
    assert meta["cc"][-1] == "市各民主党派"


def test_sichuan_pdfminer_is_flagged_not_guessed() -> None:
    result = clean_file(REAL / "sichuan_bangongting_chuanbangui_2025_6_pdfminer.txt")
    meta = result.metadata
    assert meta["doc_number"] is None and meta["date"] is None
    codes = {f.code for f in result.flags}
    assert {"doc_number_torn", "date_torn"} <= codes
    assert meta["signatories"] == ["四川省人民政府办公厅"]


def test_sichuan_pypdf_full_pipeline() -> None:
    meta = clean_file(REAL / "sichuan_bangongting_chuanbangui_2025_6_pypdf.txt").metadata
    assert meta["doc_number"] == "川办规〔2025〕6号"
    assert meta["title"] == "关于印发《支持创业带动就业的若干政策措施》的通知"
    assert meta["date"] == "2025-04-30"
    assert meta["addressees"] is not None and meta["addressees"].endswith("有关单位")


# ---------------------------------------------------------------- fixtures of other layouts


def test_party_circular_with_chinese_numeral_date_and_wrapped_cc() -> None:
    meta = structure_of(CIRCULAR)
    assert meta["issuers"] == ["中共湖南省委办公厅"]
    assert meta["doc_number"] == "湘办发〔2021〕12号"
    assert meta["addressees"] == "各市州委，省委各部委，省直各单位"
    assert meta["date"] == "2020-12-28"
    assert meta["signatories"] == ["中共湖南省委办公厅"]
    assert meta["disclosure"] == "（此件发至县级）"
    assert meta["cc"] == ["省人大常委会办公厅", "省政府办公厅", "省政协办公厅"]


JOINT_SIGNATURE = """\
教育部
国家发展改革委
财政部
文件

教发〔2023〕3号

关于实施第二期中西部高等教育振兴计划的通知

各省、自治区、直辖市教育厅（教委）：

请遵照执行。

教育部　国家发展改革委　财政部
2023年 6月 5日

（此件主动公开）

联系人：张三，联系电话：010-66096114
"""


def test_joint_signature_on_one_line_and_contact() -> None:
    meta = structure_of(JOINT_SIGNATURE)
    assert meta["issuers"] == ["教育部", "国家发展改革委", "财政部"]
    assert meta["signatories"] == ["教育部", "国家发展改革委", "财政部"]
    assert meta["date"] == "2023-06-05"
    assert meta["contact"] == {"person": "张三", "phone": "010-66096114"}
    assert meta["cc"] == []
    assert meta["registration_code"] is None


def test_plain_text_has_empty_structure() -> None:
    meta = structure_of("今天天气很好。\n我们去公园散步。\n")
    assert meta["issuers"] == [] and meta["title"] is None and meta["date"] is None
    assert meta["addressees"] is None and meta["cc"] == []


# ---------------------------------------------------------------- docclean inspect


def test_inspect_json(tmp_path) -> None:
    path = tmp_path / "circular.txt"
    path.write_text(CIRCULAR, encoding="utf-8")
    result = CliRunner().invoke(main, ["inspect", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["doc_number"] == "湘办发〔2021〕12号"
    assert data["date"] == "2020-12-28"
    assert data["file"] == str(path)
    assert data["flags"] == []


def test_inspect_table(tmp_path) -> None:
    path = tmp_path / "circular.txt"
    path.write_bytes(CIRCULAR.encode("gb18030"))  # legacy-encoded input is decoded first
    result = CliRunner().invoke(main, ["inspect", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "doc_number" in result.stdout
    assert "湘办发〔2021〕12号" in result.stdout
    assert "2020-12-28" in result.stdout


def test_inspect_missing_file(tmp_path) -> None:
    result = CliRunner().invoke(main, ["inspect", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr
    assert result.stdout == ""


def test_inspect_with_user_lexicon(tmp_path) -> None:
    doc = tmp_path / "xiongan.txt"
    doc.write_text(
        "雄 安 新 区 管 理 委 员 会 文 件\n\n雄安发〔2023〕2 号\n\n关于加强工程建设管理的通知\n\n各有关单位：\n",
        encoding="utf-8",
    )
    lexicon = tmp_path / "lexicon.txt"
    lexicon.write_text("region\t雄安新区\t雄安\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["inspect", str(doc), "--format", "json", "--lexicon", str(lexicon)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["issuers"] == ["雄安新区管理委员会"]
    assert data["mark"] == "文件"
    assert data["doc_number"] == "雄安发〔2023〕2号"


CN = "〇一二三四五六七八九"


def _cn(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else CN[tens] + "十")) + ("" if ones == 0 else CN[ones])


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(["", " ", "　"]))
def test_dates_read_in_both_numeral_systems(day: date, space: str) -> None:
    arabic = f"{day.year}年{space}{day.month}月{space}{day.day}日"
    chinese = "".join(CN[int(c)] for c in str(day.year)) + f"年{_cn(day.month)}月{_cn(day.day)}日"
    assert parse_date(arabic) == day.isoformat()
    assert parse_date(chinese) == day.isoformat()


def test_inspect_reads_standard_input() -> None:
    result = CliRunner().invoke(main, ["inspect", "-", "--format", "json"], input=CIRCULAR.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["issuers"] == ["中共湖南省委办公厅"]


def test_inspect_json_lists_flags_of_a_torn_document() -> None:
    path = REAL / "sichuan_bangongting_chuanbangui_2025_6_pdfminer.txt"
    result = CliRunner().invoke(main, ["inspect", str(path), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {f["code"] for f in data["flags"]} >= {"doc_number_torn", "date_torn"}
    assert data["doc_number"] is None


SECOND = """\
湖 南 省 教 育 厅
文件
湘教发〔2022〕7号

关于做好2022年全省中小学校安全工作的通知

各市州教育局：

现将有关事项通知如下。

湖南省教育厅
2022年3月1日
"""


def test_inspect_lists_every_circular_of_a_batch_file(tmp_path) -> None:
    path = tmp_path / "batch.txt"
    path.write_text(CIRCULAR + "\f" + SECOND, encoding="utf-8")
    result = CliRunner().invoke(main, ["inspect", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["doc_number"] == "湘办发〔2021〕12号"  # the first document, as for one circular
    docs = data["documents"]
    assert [d["doc_number"] for d in docs] == ["湘办发〔2021〕12号", "湘教发〔2022〕7号"]
    assert [d["issuers"] for d in docs] == [["中共湖南省委办公厅"], ["湖南省教育厅"]]
    assert docs[1]["line"] == CIRCULAR.count("\n") + 1 and docs[1]["date"] == "2022-03-01"
    table = CliRunner().invoke(main, ["inspect", str(path)])
    assert "document 2 of 2 (line 18)" in table.stdout and "湘教发〔2022〕7号" in table.stdout


def test_inspect_of_one_circular_has_no_document_list(tmp_path) -> None:
    path = tmp_path / "circular.txt"
    path.write_text(SECOND, encoding="utf-8")
    data = json.loads(CliRunner().invoke(main, ["inspect", str(path), "--format", "json"]).stdout)
    assert "documents" not in data and data["issuers"] == ["湖南省教育厅"]

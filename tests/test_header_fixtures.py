"""Header fixtures beyond the samples: other places, levels, joint layouts and OCR damage.

Each fixture is the top of a circular as OCR or a PDF extractor leaves it. The header
stage (with structure after it) must lay it out as GB/T 9704 sets it: one agency name
per line, the mark on its own line, the document number, the title on one line; or,
when the pieces do not add up, leave the stack as it is and flag it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from docclean import clean_text
from docclean.changes import rebuild
from docclean.stages.header import PAGE_MARK, REG_CODE

BODY = "\n\n各有关单位：\n\n现将有关事项通知如下，请认真贯彻执行。\n"


@dataclass(frozen=True)
class Fixture:
    id: str
    text: str
    issuers: tuple[str, ...]
    mark: str | None = None
    doc_number: str | None = None
    title: str | None = None
    flag: str | None = None  # a flag code when the stage must keep the stack and flag it


FIXTURES = [
    # ---- single issuer -------------------------------------------------------------------
    Fixture(
        "guangdong-spaced-mark",
        "广 东 省 教 育 厅 文 件\n\n粤教发〔2023〕5 号\n\n广东省教育厅关于做好2023年普通高校招生工作的通知",
        ("广东省教育厅",),
        "文件",
        "粤教发〔2023〕5号",
        "广东省教育厅关于做好2023年普通高校招生工作的通知",
    ),
    Fixture(
        "changsha-office-title-starts-with-name",
        "长沙市人民政府办公厅\n长政办函〔2022〕88号\n\n长沙市人民政府办公厅\n关于印发《长沙市城市更新实施办法》的通知",
        ("长沙市人民政府办公厅",),
        None,
        "长政办函〔2022〕88号",
        "长沙市人民政府办公厅关于印发《长沙市城市更新实施办法》的通知",
    ),
    Fixture(
        "party-office-square-brackets",
        "中共湖南省委办公厅文件\n\n湘办发[2021]12号\n\n关于做好2021年元旦春节期间有关工作的通知",
        ("中共湖南省委办公厅",),
        "文件",
        "湘办发〔2021〕12号",
        "关于做好2021年元旦春节期间有关工作的通知",
    ),
    Fixture(
        "zhejiang-lenticular-brackets",
        "浙江省人民政府\n\n浙政发【2024】4号\n\n浙江省人民政府关于进一步推动经济高质量发展若干政策的通知",
        ("浙江省人民政府",),
        None,
        "浙政发〔2024〕4号",
    ),
    Fixture(
        "chengdu-fullwidth-parens",
        "成都市教育局\n成教函（2023）17号\n\n关于开展中小学校安全检查的通知",
        ("成都市教育局",),
        None,
        "成教函〔2023〕17号",
        "关于开展中小学校安全检查的通知",
    ),
    Fixture(
        "hubei-ascii-parens-spaces",
        "湖 北 省 财 政 厅\n\n鄂财教发(2022) 31 号\n\n关于下达2022年义务教育补助经费的通知",
        ("湖北省财政厅",),
        None,
        "鄂财教发〔2022〕31号",
    ),
    Fixture(
        "jiangsu-spaced-brackets",
        "江苏省人力资源和社会保障厅 文件\n\n苏人社发〔 2023 〕 102 号\n\n关于调整全省最低工资标准的通知",
        ("江苏省人力资源和社会保障厅",),
        "文件",
        "苏人社发〔2023〕102号",
    ),
    Fixture(
        "sichuan-partly-spaced",
        "四川 省 卫生 健康 委员会\n川卫发〔2023〕8号\n\n四川省卫生健康委员会关于加强基层医疗卫生服务能力建设的意见",
        ("四川省卫生健康委员会",),
        None,
        "川卫发〔2023〕8号",
        "四川省卫生健康委员会关于加强基层医疗卫生服务能力建设的意见",
    ),
    Fixture(
        "state-council-office",
        "国务院办公厅文件\n\n国办发〔2021〕40号\n\n国务院办公厅关于进一步减轻义务教育阶段学生\n作业负担和校外培训负担的意见",
        ("国务院办公厅",),
        "文件",
        "国办发〔2021〕40号",
        "国务院办公厅关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见",
    ),
    Fixture(
        "guangxi-autonomous-region",
        "广西壮族自治区人民政府办公厅\n桂政办发〔2023〕18号\n\n关于印发广西优化营商环境三年行动方案的通知",
        ("广西壮族自治区人民政府办公厅",),
        None,
        "桂政办发〔2023〕18号",
    ),
    Fixture(
        "xinjiang-spaced",
        "新 疆 维 吾 尔 自 治 区 教 育 厅\n\n新教发〔2022〕3号\n\n关于做好2022年秋季学期开学工作的通知",
        ("新疆维吾尔自治区教育厅",),
        None,
        "新教发〔2022〕3号",
    ),
    Fixture(
        "xiangxi-prefecture-short-form",
        "湘西州人民政府\n州政发〔2023〕6号\n\n湘西州人民政府关于印发《湘西州乡村振兴规划》的通知",
        ("湘西州人民政府",),
        None,
        "州政发〔2023〕6号",
    ),
    Fixture(
        "liuyang-county-level-city",
        "浏阳市人民政府办公室\n浏政办发〔2022〕6号\n\n关于做好防汛抗旱工作的通知",
        ("浏阳市人民政府办公室",),
        None,
        "浏政办发〔2022〕6号",
    ),
    Fixture(
        "yuelu-district-under-city",
        "长沙市岳麓区人民政府\n岳政发〔2023〕1号\n\n关于印发2023年政府工作报告重点工作分解方案的通知",
        ("长沙市岳麓区人民政府",),
        None,
        "岳政发〔2023〕1号",
    ),
    Fixture(
        "beijing-commission",
        "北京市教育委员会\n\n京教基一〔2023〕5号\n\n北京市教育委员会关于做好义务教育招生入学工作的意见",
        ("北京市教育委员会",),
        None,
        "京教基一〔2023〕5号",
    ),
    Fixture(
        "shanghai-government-mark",
        "上海市人民政府文件\n沪府发〔2023〕2号\n\n上海市人民政府关于印发《上海市加快推进新能源汽车产业发展实施计划》的通知",
        ("上海市人民政府",),
        "文件",
        "沪府发〔2023〕2号",
    ),
    Fixture(
        "party-organization-dept",
        "中共湖南省委组织部\n湘组发〔2023〕10号\n\n关于做好年度考核工作的通知",
        ("中共湖南省委组织部",),
        None,
        "湘组发〔2023〕10号",
    ),
    Fixture(
        "youth-league",
        "共 青 团 湖 南 省 委\n湘青发〔2022〕9号\n\n关于表彰2022年度五四红旗团委的决定",
        ("共青团湖南省委",),
        None,
        "湘青发〔2022〕9号",
        "关于表彰2022年度五四红旗团委的决定",
    ),
    Fixture(
        "forestry-bureau-national",
        "国家林业和草原局文件\n林办发〔2023〕12号\n\n国家林业和草原局关于加强林草种质资源保护工作的通知",
        ("国家林业和草原局",),
        "文件",
        "林办发〔2023〕12号",
    ),
    Fixture(
        "registration-code-on-top",
        "HNSG00-2023-00012\n\n湖南省人民政府文件\n\n湘政发〔2023〕5 号\n\n湖南省人民政府关于印发\n《湖南省碳达峰实施方案》的通知",
        ("湖南省人民政府",),
        "文件",
        "湘政发〔2023〕5号",
        "湖南省人民政府关于印发《湖南省碳达峰实施方案》的通知",
    ),
    Fixture(
        "page-mark-on-top",
        "— 1 —\n宁波市人民政府办公厅\n甬政办发〔2024〕7号\n宁波市人民政府办公厅关于印发\n宁波市促进消费若干措施的通知",
        ("宁波市人民政府办公厅",),
        None,
        "甬政办发〔2024〕7号",
        "宁波市人民政府办公厅关于印发宁波市促进消费若干措施的通知",
    ),
    Fixture(
        "indented-ideographic-space",
        "\u3000\u3000河南省教育厅\n\u3000\u3000豫教基〔2023〕45号\n\n关于做好中小学暑期安全工作的通知",
        ("河南省教育厅",),
        None,
        "豫教基〔2023〕45号",
    ),
    Fixture(
        "signer-on-doc-number-line",
        "湖南省教育厅文件\n\n湘教报〔2023〕5号　　签发人：张三\n\n湖南省教育厅关于2023年教育工作情况的报告",
        ("湖南省教育厅",),
        "文件",
        "湘教报〔2023〕5号",
        "湖南省教育厅关于2023年教育工作情况的报告",
    ),
    Fixture(
        "title-three-lines-with-trial",
        "安徽省财政厅\n皖财教〔2023〕9号\n\n关于印发《安徽省\n义务教育补助资金管理办法\n（试行）》的通知",
        ("安徽省财政厅",),
        None,
        "皖财教〔2023〕9号",
        "关于印发《安徽省义务教育补助资金管理办法（试行）》的通知",
    ),
    Fixture(
        "title-first-line-ends-like-a-title",
        "吉林省教育厅\n吉教发〔2023〕6号\n\n关于印发吉林省义务教育质量提升行动方案\n的通知",
        ("吉林省教育厅",),
        None,
        "吉教发〔2023〕6号",
        "关于印发吉林省义务教育质量提升行动方案的通知",
    ),
    # ---- joint issuance ------------------------------------------------------------------
    Fixture(
        "national-joint-one-line",
        "教育部 国家发展改革委 财政部 文件\n\n教发〔2023〕3号\n\n关于实施第二期中西部高等教育振兴计划的通知",
        ("教育部", "国家发展改革委", "财政部"),
        "文件",
        "教发〔2023〕3号",
    ),
    Fixture(
        "national-joint-fully-spaced-stack",
        "教 育 部\n\n国 家 发 展 改 革 委\n\n财 政 部 文 件\n\n教财〔2022〕2号\n\n关于进一步加强学校经费管理的意见",
        ("教育部", "国家发展改革委", "财政部"),
        "文件",
        "教财〔2022〕2号",
    ),
    Fixture(
        "national-joint-mark-in-middle",
        "教育部\n国家发展改革委 文件\n财政部\n\n教发〔2022〕7号\n\n关于加快发展职业教育的意见",
        ("教育部", "国家发展改革委", "财政部"),
        "文件",
        "教发〔2022〕7号",
    ),
    Fixture(
        "national-joint-six",
        "教育部\n中央编办\n国家发展改革委\n财政部\n人力资源社会保障部\n国家卫生健康委\n文件\n\n教师〔2023〕4号\n\n关于加强中小学卫生保健工作的意见",
        ("教育部", "中央编办", "国家发展改革委", "财政部", "人力资源社会保障部", "国家卫生健康委"),
        "文件",
        "教师〔2023〕4号",
    ),
    Fixture(
        "central-offices-ideographic-space",
        "中共中央办公厅\u3000国务院办公厅\n\n厅字〔2021〕30号\n\n关于进一步加强青少年体育工作的意见",
        ("中共中央办公厅", "国务院办公厅"),
        None,
        "厅字〔2021〕30号",
    ),
    Fixture(
        "party-and-government-offices",
        "中共长沙市委办公厅\n长沙市人民政府办公厅\n文件\n\n长办发〔2023〕9号\n\n关于进一步优化营商环境的若干意见",
        ("中共长沙市委办公厅", "长沙市人民政府办公厅"),
        "文件",
        "长办发〔2023〕9号",
    ),
    Fixture(
        "two-names-glued-one-line",
        "湖南省教育厅湖南省财政厅文件\n\n湘教通〔2023〕11号\n\n关于下达2023年学生资助资金的通知",
        ("湖南省教育厅", "湖南省财政厅"),
        "文件",
        "湘教通〔2023〕11号",
    ),
    Fixture(
        "two-names-double-space",
        "广东省教育厅  广东省财政厅\n\n粤教财〔2023〕6号\n\n关于做好学前教育资助工作的通知",
        ("广东省教育厅", "广东省财政厅"),
        None,
        "粤教财〔2023〕6号",
    ),
    Fixture(
        "two-columns-four-names",
        "湖南省教育厅  湖南省财政厅\n湖南省民政厅  湖南省公安厅 文件\n\n湘教发〔2023〕3号\n\n关于做好留守儿童关爱保护工作的通知",
        ("湖南省教育厅", "湖南省财政厅", "湖南省民政厅", "湖南省公安厅"),
        "文件",
        "湘教发〔2023〕3号",
    ),
    Fixture(
        "joint-spaced-mark-line",
        "湖北省教育厅\n湖北省财政厅\n文 件\n\n鄂教财〔2023〕3号\n\n关于做好学生资助工作的通知",
        ("湖北省教育厅", "湖北省财政厅"),
        "文件",
        "鄂教财〔2023〕3号",
    ),
    Fixture(
        "joint-partly-spaced-four",
        "江西 省 教 育 厅\n江西省发展和改革委员会\n江西 省 财政 厅 文件\n江西省人力资源和社会保障厅\n\n赣教发〔2022〕8号\n\n关于推进职业教育高质量发展的实施意见",
        ("江西省教育厅", "江西省发展和改革委员会", "江西省财政厅", "江西省人力资源和社会保障厅"),
        "文件",
        "赣教发〔2022〕8号",
    ),
    Fixture(
        "already-clean-joint",
        "山东省教育厅\n山东省财政厅\n文件\n\n鲁教财字〔2023〕2号\n\n关于印发《山东省学生资助资金管理办法》的通知",
        ("山东省教育厅", "山东省财政厅"),
        "文件",
        "鲁教财字〔2023〕2号",
        "关于印发《山东省学生资助资金管理办法》的通知",
    ),
    # ---- shared-prefix fragments ---------------------------------------------------------
    Fixture(
        "fragments-overlap-0",
        "省教育厅\n省财政厅文件\n\n广东\n\n广东\n\n粤教发〔2023〕11号\n\n关于做好高校毕业生就业工作的通知",
        ("广东省教育厅", "广东省财政厅"),
        "文件",
        "粤教发〔2023〕11号",
    ),
    Fixture(
        "fragments-overlap-1-province",
        "省教育厅\n省财政厅\n\n江西省\n江西省\n\n赣教发〔2023〕4号\n\n关于加强学生资助工作的通知",
        ("江西省教育厅", "江西省财政厅"),
        None,
        "赣教发〔2023〕4号",
    ),
    Fixture(
        "fragments-overlap-2",
        "发展和改革委员会\n人力资源和社会保障厅文件\n\n湖北省发展\n湖北省人力\n\n鄂发改就业〔2023〕12号\n\n关于促进就业的若干措施",
        ("湖北省发展和改革委员会", "湖北省人力资源和社会保障厅"),
        "文件",
        "鄂发改就业〔2023〕12号",
    ),
    Fixture(
        "fragments-overlap-3",
        "发展和改革委员会\n财政厅文件\n\n山西省发展和\n山西省\n\n晋发改投资发〔2023〕45号\n\n关于下达2023年中央预算内投资计划的通知",
        ("山西省发展和改革委员会", "山西省财政厅"),
        "文件",
        "晋发改投资发〔2023〕45号",
    ),
    Fixture(
        "fragments-mixed-overlaps",
        "省教育厅\n发展和改革委员会\n人力资源和社会保障厅\n住房和城乡建设厅文件\n\n河南\n\n河南省发\n\n河南省人力\n\n河南省住\n\n豫教发〔2023〕21号\n\n关于推进产教融合的实施意见",
        ("河南省教育厅", "河南省发展和改革委员会", "河南省人力资源和社会保障厅", "河南省住房和城乡建设厅"),
        "文件",
        "豫教发〔2023〕21号",
    ),
    Fixture(
        "fragments-before-names",
        "福建\n\n福建省发\n\n省教育厅\n\n发展和改革委员会文件\n\n闽教发〔2022〕5号\n\n关于加快发展职业教育的实施意见",
        ("福建省教育厅", "福建省发展和改革委员会"),
        "文件",
        "闽教发〔2022〕5号",
    ),
    Fixture(
        "fragments-spaced-tails",
        "省 教 育 厅\n省 财 政 厅 文 件\n\n陕西\n\n陕西\n\n陕教〔2023〕7号\n\n关于做好义务教育经费保障工作的通知",
        ("陕西省教育厅", "陕西省财政厅"),
        "文件",
        "陕教〔2023〕7号",
    ),
    Fixture(
        "fragments-only-for-tails",
        "教育部\n省教育厅\n省财政厅\n\n云南\n云南\n\n云教发〔2023〕2号\n\n关于开展对口支援工作的通知",
        ("教育部", "云南省教育厅", "云南省财政厅"),
        None,
        "云教发〔2023〕2号",
    ),
    Fixture(
        "fragments-party-prefix",
        "省委办公厅\n省人民政府办公厅\n\n中共湖南\n湖南\n\n湘办发〔2023〕3号\n\n关于做好春节期间安全工作的通知",
        ("中共湖南省委办公厅", "湖南省人民政府办公厅"),
        None,
        "湘办发〔2023〕3号",
    ),
    Fixture(
        "fragments-national-prefix",
        "发展改革委\n卫生健康委文件\n\n国家\n国家\n\n发改社会〔2023〕12号\n\n关于推进医养结合发展的指导意见",
        ("国家发展改革委", "国家卫生健康委"),
        "文件",
        "发改社会〔2023〕12号",
        "关于推进医养结合发展的指导意见",
    ),
    Fixture(
        "fragments-city-level",
        "市教育局\n市财政局文件\n\n长沙\n\n长沙市\n\n长教发〔2023〕3号\n\n关于做好暑期学生安全教育工作的通知",
        ("长沙市教育局", "长沙市财政局"),
        "文件",
        "长教发〔2023〕3号",
    ),
    Fixture(
        "fragments-interleaved",
        "省教育厅\n湖南\n发展和改革委员会\n湖南省发\n\n湘教发〔2023〕3号\n\n关于做好教育收费工作的通知",
        ("湖南省教育厅", "湖南省发展和改革委员会"),
        None,
        "湘教发〔2023〕3号",
    ),
    Fixture(
        "long-name-wrapped-over-two-lines",
        "湖南省教育厅\n湖南省人力资源和\n社会保障厅\n文件\n湘教发〔2023〕13号\n\n关于做好职业院校教师招聘工作的通知",
        ("湖南省教育厅", "湖南省人力资源和社会保障厅"),
        "文件",
        "湘教发〔2023〕13号",
    ),
    Fixture(
        "party-committee-and-government",
        "中共湖南省委\n湖南省人民政府\n文件\n\n湘发〔2023〕1号\n\n关于全面推进乡村振兴的实施意见",
        ("中共湖南省委", "湖南省人民政府"),
        "文件",
        "湘发〔2023〕1号",
        "关于全面推进乡村振兴的实施意见",
    ),
    Fixture(
        "spaced-doc-number-prefix",
        "贵州省教育厅\n黔 教 发 〔 2022 〕 7 号\n\n关于做好2022年高考工作的通知",
        ("贵州省教育厅",),
        None,
        "黔教发〔2022〕7号",
    ),
    # ---- pieces that do not add up: keep and flag ------------------------------------------
    Fixture(
        "ocr-typo-in-name-ending",
        "湖 南 省 教 育 斤\n湘教发〔2023〕3 号\n\n关于做好教材征订工作的通知",
        (),
        None,
        "湘教发〔2023〕3号",
        flag="header_unresolved",
    ),
    Fixture(
        "county-fragments-not-in-lexicon",
        "县教育局\n县财政局\n\n宁乡\n宁乡\n\n宁教发〔2023〕3号\n\n关于做好学生资助工作的通知",
        (),
        None,
        "宁教发〔2023〕3号",
        flag="header_unresolved",
    ),
    Fixture(
        "too-many-fragments",
        "省教育厅\n省财政厅文件\n\n湖南\n湖南\n湖南省人\n\n湘教发〔2023〕9号\n\n关于做好教师培训工作的通知",
        (),
        None,
        "湘教发〔2023〕9号",
        flag="header_unresolved",
    ),
    Fixture(
        "tails-without-fragments",
        "省教育厅\n省财政厅\n文件\n\n湘教通〔2023〕2号\n\n关于做好学生资助工作的通知",
        (),
        None,
        "湘教通〔2023〕2号",
        flag="header_unresolved",
    ),
    Fixture(
        "fragment-that-does-not-fit",
        "发展和改革委员会\n省财政厅\n\n广东\n湖南\n\n湘发改〔2023〕6号\n\n关于下达投资计划的通知",
        (),
        None,
        "湘发改〔2023〕6号",
        flag="header_unresolved",
    ),
]


def _top(text: str, n: int) -> list[str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    lines = [line for line in lines if not (REG_CODE.fullmatch(line) or PAGE_MARK.fullmatch(line))]
    return lines[:n]


def _run(fx: Fixture):
    text = fx.text + BODY
    result = clean_text(text, stages=("header", "structure"))
    assert rebuild(result.text, result.changes) == text
    return text, result


@pytest.mark.parametrize("fx", FIXTURES, ids=[f.id for f in FIXTURES])
def test_header_fixture(fx: Fixture) -> None:
    text, result = _run(fx)
    meta = result.metadata
    assert meta["doc_number"] == fx.doc_number
    if fx.flag:
        assert fx.flag in {f.code for f in result.flags}
        assert meta["header"]["resolved"] is False
        # The stack is kept as it was; only the document number line may change.
        stack_end = text.index(fx.doc_number[:3])
        assert result.text.startswith(text[:stack_end])
        return
    assert not [f for f in result.flags if f.stage == "header"]
    assert meta["issuers"] == list(fx.issuers)
    assert meta["mark"] == fx.mark
    expected = [*fx.issuers, *([fx.mark] if fx.mark else [])]
    top = _top(result.text, len(expected) + 1)
    assert top[:-1] == expected
    assert top[-1].split()[0] == fx.doc_number  # a signer (签发人) may follow on the line
    if fx.title:
        assert meta["title"] == fx.title
        assert fx.title in result.text.split("\n")
    # Every change says why, and the body is left alone.
    assert all(c.reason for c in result.changes)
    assert result.text.endswith(BODY)


@pytest.mark.parametrize("fx", FIXTURES, ids=[f.id for f in FIXTURES])
def test_header_fixture_is_idempotent(fx: Fixture) -> None:
    _, once = _run(fx)
    twice = clean_text(once.text, stages=("header",))
    assert twice.changes == []


@pytest.mark.parametrize(
    "fx", [f for f in FIXTURES if not f.flag], ids=[f.id for f in FIXTURES if not f.flag]
)
def test_header_fixture_full_pipeline(fx: Fixture) -> None:
    """With every default stage before it (spacing collapses letter-spacing first)."""
    text = fx.text + BODY
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    assert result.metadata["issuers"] == list(fx.issuers)
    assert result.metadata["doc_number"] == fx.doc_number
    assert result.metadata["mark"] == fx.mark

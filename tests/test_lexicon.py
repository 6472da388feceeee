"""The agency-name lexicon: whole names, fragments, user extensions."""

from __future__ import annotations

import pytest

from docclean.lexicon import is_agency_name, load_lexicon

WHOLE = [
    "湖南省教育厅",
    "湖南省发展和改革委员会",
    "湖南省人力资源和社会保障厅",
    "湖南省住房和城乡建设厅",
    "长沙市人民政府办公厅",
    "广东省教育厅",
    "中共湖南省委办公厅",
    "共青团湖南省委",
    "教育部",
    "国家发展改革委",
    "财政部",
    "国务院办公厅",
    "中央军委办公厅",
    "杭州市人民政府",
    "四川省人民政府办公厅",
    "淮安市洪泽区人民政府",
    "浏阳市人民政府",
    "湘西州人民政府",
    "国家林业和草原局",
]

NOT_WHOLE = [
    "湖南",
    "湖南省",
    "湖南省发",
    "省教育厅",
    "发展和改革委员会",
    "湖南省教育厅文件",
    "湖南省教育厅等三部门关于进一步加强",
    "湖南省教育厅湖南省财政厅",
    "我们厅",
    "湘教发〔2022〕7号",
    "州市人民政府",  # the tail of 杭州市人民政府
    "杭州设立全球或区域性外资研发中心",  # running text
    "贯彻落实市委",
    "Ministry of Education",
    "",
]


@pytest.mark.parametrize("name", WHOLE)
def test_whole_names(name: str) -> None:
    assert is_agency_name(name)


@pytest.mark.parametrize("text", NOT_WHOLE)
def test_not_whole_names(text: str) -> None:
    assert not is_agency_name(text)


def test_parse_parts_rebuild_the_name() -> None:
    parts = load_lexicon().parse("中共湖南省委办公厅")
    assert parts is not None
    assert (parts.party, parts.regions, parts.body, parts.ending) == ("中共", ("湖南省",), "委", "办公厅")
    assert parts.prefix + parts.body + parts.ending == parts.name


def test_name_tails_lack_their_prefix() -> None:
    lex = load_lexicon()
    assert lex.is_name_tail("省教育厅")
    assert lex.is_name_tail("发展和改革委员会")
    assert not lex.is_name_tail("湖南省发")
    assert not lex.is_name_tail("关于印发工作方案的通知")


def test_short_forms_map_to_divisions() -> None:
    lex = load_lexicon()
    region = lex.region_of_short("湘")
    assert region is not None and region.name == "湖南省"
    assert lex.region_of_short("杭州").name == "杭州市"


def test_user_lexicon_extends(tmp_path) -> None:
    path = tmp_path / "lex.txt"
    path.write_text("# mine\n雄安新区管委会\nregion\t雄安新区\t雄安\nending\t专班\n", encoding="utf-8")
    assert not is_agency_name("雄安新区管委会")
    lex = load_lexicon([path])
    assert lex.is_agency_name("雄安新区管委会")
    assert lex.is_agency_name("雄安新区规划建设局")
    assert lex.is_agency_name("湖南省防汛抗旱工作专班")
    assert not load_lexicon().is_agency_name("湖南省防汛抗旱工作专班")


def test_every_shipped_region_opens_names() -> None:
    """Data sanity: each division + a body + an ending is a name; the division alone is not."""
    lex = load_lexicon()
    bad = []
    for region in lex.regions.values():
        if not lex.is_agency_name(region.name + "人民政府"):
            bad.append(region.name + "人民政府")
        if not lex.is_agency_name(region.name + "教育局"):
            bad.append(region.name + "教育局")
        if lex.is_agency_name(region.name):
            bad.append(region.name)
    assert bad == []
    assert len(lex.regions) > 300


def test_glued_names_are_not_one_name() -> None:
    for glued in ("国家发展改革委财政部", "长沙市教育局长沙市财政局", "教育部国家发展改革委"):
        assert not is_agency_name(glued)


@pytest.mark.parametrize(
    ("seen", "suggested"),
    [
        ("湖南省教育斤", "湖南省教育厅"),  # a province has 厅
        ("长沙市教育斤", "长沙市教育局"),  # a city has 局
        ("中共湖南省委办公斤", "中共湖南省委办公厅"),
        ("国家发展改革妥", "国家发展改革委"),
        ("教育郃", "教育部"),
    ],
)
def test_suggestions_for_ocr_slips(seen: str, suggested: str) -> None:
    assert load_lexicon().suggest(seen) == suggested


@pytest.mark.parametrize("text", ["湖南省教育厅", "关于做好工作的通知", "湖南省", "省教育厅"])
def test_no_suggestion_for_names_or_text(text: str) -> None:
    assert load_lexicon().suggest(text) is None

"""Stage glyphs: font-mapped PDF punctuation (Founder fonts) back to Chinese punctuation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import read_sample
from docclean.api import clean_text
from docclean.changes import rebuild
from docclean.stages.glyphs import font_table


def glyphs(text: str):
    return clean_text(text, stages=("glyphs",))


def test_founder_punctuation_in_chinese_context() -> None:
    src = "对在川创业３年内符合条件的青年ꎬ提供免息贷款ꎮ正常运营 ６ 个月以上的ꎬ给予补贴ꎻ\n"
    r = glyphs(src)
    assert r.text == "对在川创业３年内符合条件的青年，提供免息贷款。正常运营 ６ 个月以上的，给予补贴；\n"
    assert {c.before for c in r.changes} == {"ꎬ", "ꎮ", "ꎻ"}
    assert all(c.stage == "glyphs" and c.reason == "font-mapped punctuation" for c in r.changes)
    assert rebuild(r.text, r.changes) == src


def test_guillemets_become_book_title_marks_only_around_chinese() -> None:
    r = glyphs("关于印发« 支持创业带动就业的若干政策措施» 的通知\n")
    assert r.text == "关于印发《 支持创业带动就业的若干政策措施》 的通知\n"
    french = "Il a dit «Bonjour» et il est parti.\n"
    assert glyphs(french).text == french


def test_yi_text_keeps_its_syllables() -> None:
    # U+A3AC is a real Yi syllable: in Yi text it must stay.
    yi = "ꆈꌠꁱꂷ ꎬꌠꅉ ꀋꉆ\n"
    r = glyphs(yi)
    assert r.text == yi
    assert r.changes == []


def test_lone_glyph_without_context_is_flagged_not_replaced() -> None:
    r = glyphs("ꎮ\n")
    assert r.text == "ꎮ\n"
    assert [f.code for f in r.flags] == ["font-glyph-unsure"]


def test_private_use_decimal_point_between_digits() -> None:
    # pypdf of a Founder PDF: 低于 ５􀆰 ５％ 的企业 (the PDF's own space after the point goes too).
    r = glyphs("减少水平低于 ５\U001001b0 ５％ 的企业\n")
    assert r.text == "减少水平低于 ５.５％ 的企业\n"
    assert rebuild(r.text, r.changes) == "减少水平低于 ５\U001001b0 ５％ 的企业\n"
    full = clean_text("减少水平低于 ５\U001001b0 ５％ 的企业\n", stages=("glyphs", "width", "spacing"))
    assert full.text == "减少水平低于5.5%的企业\n"


def test_private_use_point_not_between_digits_is_flagged() -> None:
    r = glyphs("马克思\U001001b0恩格斯\n")
    assert r.text == "马克思\U001001b0恩格斯\n"
    assert [f.code for f in r.flags] == ["font-glyph-unsure"]


def test_unknown_private_use_characters_are_flagged() -> None:
    r = glyphs("第\ue123条规定\ue123\n")
    assert r.text == "第\ue123条规定\ue123\n"
    flags = [f for f in r.flags if f.code == "private-use-glyph"]
    assert len(flags) == 1 and flags[0].detail == {"code_point": "U+E123", "count": 2}


def test_table_is_data_and_covers_the_seen_code_points() -> None:
    table = font_table()
    assert table["\ua3ac"] == ("，", "cjk")
    assert table["\ua3ae"] == ("。", "cjk")
    assert table["\ua3bb"] == ("；", "cjk")
    assert table["\U001001b0"] == (".", "digits")
    # The whole GB2312 row A3 follows the same mapping: ꎰ (U+A3B0) is ０.
    assert table["\ua3b0"] == ("０", "cjk") and table["\ua3d3"] == ("Ｓ", "cjk")
    assert table["«"][0] == "《" and table["»"][0] == "》"


def test_founder_digits_and_letters_become_ascii_after_width() -> None:
    src = "川办规〔ꎲꎰꎲꎵ〕ꎶ号，推进ꏓꏔꏅꏍ教育\n"
    assert glyphs(src).text == "川办规〔２０２５〕６号，推进ＳＴＥＭ教育\n"
    assert clean_text(src, stages=("glyphs", "width")).text == "川办规〔2025〕6号，推进STEM教育\n"


def test_sichuan_sample_has_no_font_glyphs_left() -> None:
    for name in (
        "sichuan_bangongting_chuanbangui_2025_6_pypdf.txt",
        "sichuan_bangongting_chuanbangui_2025_6_pdfminer.txt",
    ):
        src = read_sample(name)
        r = glyphs(src)
        for ch in "ꎬꎮꎻ«»\U001001b0":
            assert ch not in r.text, (name, ch)
        # 114 ꎬ + 66 ꎮ + 1 ꎻ + 2 « + 2 » + 1 decimal point
        assert len(r.changes) == 186
        assert rebuild(r.text, r.changes) == src


GLYPH_TEXT = st.text(alphabet="创业贷款ꎬꎮꎻ«» ５０\U001001b0\nabꆈꌠ", max_size=40)


@settings(max_examples=150, deadline=None)
@given(GLYPH_TEXT)
def test_idempotent_and_reversible(text: str) -> None:
    once = glyphs(text)
    assert rebuild(once.text, once.changes) == text
    assert glyphs(once.text).changes == []


def test_mark_wrapped_onto_its_own_line_is_judged_by_the_text_it_ends() -> None:
    assert glyphs("请认真贯彻落实\nꎮ\n").text == "请认真贯彻落实\n。\n"

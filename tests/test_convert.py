"""Stage convert: opt-in OpenCC conversion, guarded by a script test and protected names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.api import clean_text
from docclean.changes import rebuild
from docclean.stages.convert import ConvertError, detect_script, protected_names, script_counts

TRADITIONAL = "臺灣省教育廳關於進一步減輕義務教育階段學生作業負擔的通知。各縣市政府：請認真貫徹執行。\n"
SIMPLIFIED = "吉林省松原市乾安县教育局关于进一步减轻义务教育阶段学生作业负担的通知。\n"


def convert(text: str, config: str, **options):
    result = clean_text(text, stages=("convert",), convert=config, **options)
    assert rebuild(result.text, result.changes) == text
    return result


def test_off_by_default() -> None:
    result = clean_text(TRADITIONAL)
    assert not any(c.stage == "convert" for c in result.changes)
    assert "廳" in result.text


def test_t2s_converts_traditional_text_and_records_each_change() -> None:
    result = convert(TRADITIONAL, "t2s")
    assert (
        result.text
        == "台湾省教育厅关于进一步减轻义务教育阶段学生作业负担的通知。各县市政府：请认真贯彻执行。\n"
    )
    assert all(c.stage == "convert" and c.reason == "OpenCC t2s" for c in result.changes)
    # One change per run of differing characters.
    assert ("臺灣", "台湾") in {(c.before, c.after) for c in result.changes}
    assert result.metadata["script"]["script"] == "traditional"
    assert result.metadata["script"]["converted"] is True


def test_t2s_refuses_simplified_text_and_keeps_qian_an() -> None:
    result = convert(SIMPLIFIED, "t2s")
    assert result.text == SIMPLIFIED  # OpenCC alone would write 干安县
    assert [f.code for f in result.flags] == ["convert-skipped"]
    assert result.metadata["script"]["converted"] is False


def test_protected_names_survive_in_traditional_text() -> None:
    text = "陝西省乾县與吉林省乾安县的學校教育發展報告。\n"
    result = convert(text, "t2s")
    assert result.text == "陕西省乾县与吉林省乾安县的学校教育发展报告。\n"
    assert result.metadata["script"]["protected"] == 2


def test_user_protected_names(tmp_path: Path) -> None:
    names = tmp_path / "protect.txt"
    names.write_text("# 保留原名\n臺灣大學\n", encoding="utf-8")
    text = "國立臺灣大學與臺灣師範大學的學術交流。\n"
    assert convert(text, "t2s").text == "国立台湾大学与台湾师范大学的学术交流。\n"
    kept = convert(text, "t2s", protected_names=(names,))
    assert kept.text == "国立臺灣大學与台湾师范大学的学术交流。\n"
    assert "臺灣大學" in protected_names([names])


def test_phrase_conversion_changes_length_and_still_rebuilds() -> None:
    text = "記憶體與軟體的資訊安全。\n第二行：網路連線。\n"
    result = convert(text, "tw2sp")
    assert result.text == "内存与软件的信息安全。\n第二行：网络连接。\n"
    assert {(c.before, c.after) for c in result.changes} == {
        ("記憶體與軟體", "内存与软件"),
        ("資訊", "信息"),
        ("網路連線", "网络连接"),
    }


def test_s2t_converts_simplified_and_refuses_traditional() -> None:
    assert convert("教育厅关于减轻学生负担的通知。\n", "s2t").text == "教育廳關於減輕學生負擔的通知。\n"
    result = convert(TRADITIONAL, "s2t")
    assert result.text == TRADITIONAL
    assert [f.code for f in result.flags] == ["convert-skipped"]


def test_unknown_configuration_is_an_error() -> None:
    with pytest.raises(ConvertError, match="unknown OpenCC conversion 'T2S'"):
        clean_text(TRADITIONAL, stages=("convert",), convert="T2S")


def test_script_detection() -> None:
    assert detect_script(TRADITIONAL) == "traditional"
    assert detect_script(SIMPLIFIED) == "simplified"
    assert detect_script("2023 ABC 中文\n") == "unknown"
    counts = script_counts("乾安县")
    assert counts["script"] == "unknown"  # one 乾 is no evidence of Traditional


TRAD_CHARS = st.text(alphabet="臺灣學校教育廳關於進一步減輕負擔乾安县，。\n 后發", max_size=40)


@settings(max_examples=100, deadline=None)
@given(TRAD_CHARS)
def test_idempotent_and_reversible(text: str) -> None:
    once = convert(text, "t2s")
    assert convert(once.text, "t2s").changes == []


def test_detect_reports_the_script(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from docclean.cli import main

    (tmp_path / "trad.txt").write_text(TRADITIONAL, encoding="utf-8")
    (tmp_path / "simp.txt").write_text(SIMPLIFIED, encoding="gb18030")
    result = CliRunner().invoke(main, ["detect", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    scripts = {Path(row["file"]).name: row["script"] for row in json.loads(result.stdout)}
    assert scripts == {"trad.txt": "traditional", "simp.txt": "simplified"}
    table = CliRunner().invoke(main, ["detect", str(tmp_path / "trad.txt")])
    assert "traditional" in table.stdout


def test_cli_rejects_an_unknown_conversion_before_reading_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from docclean.cli import main

    src = tmp_path / "trad.txt"
    src.write_text(TRADITIONAL, encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--convert", "T2S", str(src)])
    assert result.exit_code == 2
    assert "unknown OpenCC conversion 'T2S'" in result.stderr
    ok = CliRunner().invoke(main, ["clean", "--convert", "t2s", str(src)])
    assert ok.exit_code == 0
    assert ok.stdout.startswith("台湾省教育厅关于进一步减轻")


def test_mixed_document_converts_only_its_traditional_paragraphs() -> None:
    # A Simplified paragraph (於 is a surname here; t2s would make it 于) keeps its script.
    text = "臺灣省教育廳關於學校的通知。\n我们的老师於明在学校工作。\n各學校應當認真執行。\n"
    result = convert(text, "t2s")
    assert result.text == "台湾省教育厅关于学校的通知。\n我们的老师於明在学校工作。\n各学校应当认真执行。\n"
    flag = next(f for f in result.flags if f.code == "convert-skipped")
    assert text[flag.start : flag.end] == "我们的老师於明在学校工作。\n"

"""Suggestions for unknown header lines are asked once per flag: the flag's detail holds
what ``_suggestions`` says for its lines, and its message names exactly those guesses.
The lexicon's ``suggest`` takes its choices from tables built once (the departments with
the level's own ending first, the sorted whole names): they are the ones it used to sort
on every call."""

from __future__ import annotations

from pathlib import Path

from docclean.lexicon import _departments_first, data_words, load_lexicon
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import header as H

_BODY = "\n\n关于做好教材征订工作的通知\n\n各有关单位：\n"
_TEXTS = [
    "湖南省财政斤\n\n湘教发〔2023〕3号" + _BODY,  # no stack: lines above the number
    "湖南省教育厅\n\n湖南省财政斤\n\n湘教发〔2023〕3号" + _BODY,  # a fragment that joins nothing
    "湖南省教育厅\n\n长沙市教育斤\n\n湘教发〔2023〕3号" + _BODY,
    "湖南省教育厅\n湖南省财政斤\n文件\n\n湘教发〔2023〕3号" + _BODY,
    "湖南省教育厅\n\n宁乡教育斤\n\n湘教发〔2023〕3号" + _BODY,
    "湖南省教育厅\n\n教肓部\n\n湘教发〔2023〕3号" + _BODY,
]


def test_flags_name_the_suggestions_of_their_lines() -> None:
    lex = load_lexicon()
    seen = 0
    for text in _TEXTS:
        ctx = Context(Options())
        H.repair_header(text, ctx)
        for flag in ctx.flags:
            if flag.code != "header_unresolved" or "suggestions" not in (flag.detail or {}):
                continue
            found = flag.detail["suggestions"]
            lines = flag.detail.get("lines") or [flag.detail["fragment"]]
            assert found == H._suggestions(lines, lex)
            assert ("; perhaps " + "、".join(found.values()) in flag.message) == bool(found)
            seen += bool(found)
    assert seen >= 3


def test_suggest_choices_are_the_sorted_ones(tmp_path: Path) -> None:
    for own in ("厅", "局"):
        assert _departments_first(own) == tuple(
            sorted(data_words("departments.txt"), key=lambda d: not d.endswith(own))
        )
    user = tmp_path / "lexicon.txt"
    user.write_text("湖南湘江新区管理委员会\n某某集团公司\n", encoding="utf-8")
    for lex in (load_lexicon(), load_lexicon([user])):
        assert lex._names_sorted == tuple(sorted(lex.names))
    assert "某某集团公司" in load_lexicon([user])._names_sorted

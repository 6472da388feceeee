"""Shared fixtures for the report tests: results with a realistic multi-stage change log.

The real stages are written in parallel by other engineers, so the report tests
also run a few small stand-in stages that make the same kinds of changes as the
real ones (BOM/CRLF, page-number lines, OCR spaces, hard wraps, a repeated block)
on text shaped like the samples. The report code only sees the change log, so this
exercises it fully whatever the real stages currently do.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docclean.api import CleanResult
from docclean.changes import Edit
from docclean.options import Options
from docclean.pipeline import Context, run_stages

CJK = r"[\u4e00-\u9fff]"

RAW = (
    "\ufeff湖 南 省 教 育 厅\r\n"
    "湖南省财政厅文件\r\n"
    "\r\n"
    "湘教发〔2022〕7号\r\n"
    "\r\n"
    "关于印发《湖南省“双减”工作方案》的通知\r\n"
    "\r\n"
    "各市州、县市区人民政府，省直有关单位：\r\n"
    "为贯彻落实《国务院办公厅关于进一步减轻义务教育阶段学生作业负担\r\n"
    "的意见》精神，现将方案印发给你们。请认真贯彻执行。\r\n"
    "— 2 —\r\n"
    "一、工作目标\r\n"
    "到2023年，全省义务教育学校课后服务全覆盖，中小学生作业负担和校外培训负担有效减轻。\r\n"
    "到2023年，全省义务教育学校课后服务全覆盖，中小学生作业负担和校外培训负担有效减轻。\r\n"
    "湖南省教育厅\r\n"
    "2022年 1月 5日"
)


class FakeStage:
    def __init__(self, name: str, fn: Callable[[str, Context], list[Edit]]):
        self.name = name
        self.description = ""
        self.default = True
        self.passes = (fn,)


def _encoding(text: str, ctx: Context) -> list[Edit]:
    edits = [Edit(0, 1, "", "bom", "byte-order mark dropped")] if text.startswith("\ufeff") else []
    return edits + [
        Edit(m.start(), m.end(), "\n", "newline", "CRLF line end → LF") for m in re.finditer("\r\n", text)
    ]


def _pages(text: str, ctx: Context) -> list[Edit]:
    ctx.metadata["pages"] = {"count": 2, "numbers": [2], "running_headers": []}
    return [
        Edit(m.start(), m.end(), "", "page-number", "page number line")
        for m in re.finditer(r"^— \d+ —\n", text, re.M)
    ]


def _spacing(text: str, ctx: Context) -> list[Edit]:
    pat = rf"(?<={CJK}) (?={CJK})|(?<=\d) (?={CJK})|(?<={CJK}) (?=\d)|(?<=年) (?=\d)"
    return [
        Edit(m.start(), m.end(), "", "space", "OCR space between CJK characters")
        for m in re.finditer(pat, text)
    ]


def _header(text: str, ctx: Context) -> list[Edit]:
    ctx.metadata["header"] = {
        "issuers": ["湖南省教育厅", "湖南省财政厅"],
        "mark": "文件",
        "doc_number": "湘教发〔2022〕7号",
    }
    ctx.flag("uncertain-issuer", "issuer line not in the lexicon", 0, 6)
    m = re.search("湖南省财政厅文件", text)
    return [Edit(m.start() + 6, m.start() + 6, "\n", "split-mark", "mark 文件 on its own line")] if m else []


def _reflow(text: str, ctx: Context) -> list[Edit]:
    return [
        Edit(m.start(), m.end(), "", "join", "joined hard-wrapped line")
        for m in re.finditer(r"(?<=负担)\n(?=的)", text)
    ]


def _dedup(text: str, ctx: Context) -> list[Edit]:
    lines = text.split("\n")
    pos = 0
    seen: dict[str, tuple[int, int]] = {}
    edits = []
    for line in lines:
        end = pos + len(line) + 1
        if len(line) >= 24 and line in seen:
            kept = seen[line]
            edits.append(
                Edit(
                    pos,
                    end,
                    "",
                    "repeat",
                    "repeated paragraph removed",
                    {"kept": {"start": kept[0], "end": kept[1]}, "similarity": 100.0},
                )
            )
        else:
            seen.setdefault(line, (pos, end))
        pos = end
    return edits


def _structure(text: str, ctx: Context) -> list[Edit]:
    ctx.metadata["title"] = "关于印发《湖南省“双减”工作方案》的通知"
    ctx.metadata["date"] = "2022-01-05"
    return []


STAGES = [
    FakeStage("encoding", _encoding),
    FakeStage("pages", _pages),
    FakeStage("spacing", _spacing),
    FakeStage("header", _header),
    FakeStage("reflow", _reflow),
    FakeStage("dedup", _dedup),
    FakeStage("structure", _structure),
]


def fake_result(raw: str = RAW, name: str = "doc.txt") -> CleanResult:
    ctx = Context(options=Options(), source_name=name)
    r = run_stages(raw, STAGES, ctx)
    return CleanResult(r.text, raw, r.changes, r.flags, r.metadata, timings=r.timings)

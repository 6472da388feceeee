"""The HTML review page: self-contained, well-formed, every change highlighted with its reason."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings

from conftest import SEEDS
from docclean.api import CleanResult
from docclean.batch import Input, Outcome
from docclean.cli import main
from docclean.report import html
from report_helpers import RAW, fake_result
from test_report_unified import multi_step

VOID = {"meta", "col", "input", "br", "img", "link", "hr", "wbr"}


class Checker(HTMLParser):
    """Checks tag balance and collects ids, hrefs, and change spans with their text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.changes: list[dict] = []  # {"tag", "class", "title", "text"}
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append(f"duplicate id {a['id']}")
            self.ids.add(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if tag in ("del", "ins") and "c" in (a.get("class") or "").split():
            self.changes.append({"tag": tag, "class": a["class"], "title": a.get("title", ""), "text": ""})
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in ("del", "ins") and self.changes:
            self.changes[-1]["text"] += data


def check(page: str) -> Checker:
    # Big batches keep each side-by-side table as text in a script element: check it inline.
    page = re.sub(
        r'<div class="sbs-slot" data-rows="([\w-]+)">.*?</div><script type="text/html" id="\1">(.*?)</script>',
        r"\2",
        page,
        flags=re.S,
    )
    c = Checker()
    c.feed(page)
    c.close()
    assert not c.errors, c.errors[:5]
    assert c.stack == []
    # Every in-page link lands on an element of the page.
    for href in c.hrefs:
        assert href.startswith("#") and href[1:] in c.ids, href
    return c


def build_fake(n_extra: int = 0) -> str:
    outcomes = [Outcome(Input("circulars/doc.txt", "doc.txt"), result=fake_result(), output="out/doc.txt")]
    outcomes += [
        Outcome(Input(f"batch/{i}.txt", f"{i}.txt"), result=fake_result(), output=f"out/{i}.txt")
        for i in range(n_extra)
    ]
    outcomes.append(Outcome(Input("scan.pdf", "scan.pdf"), error="scan.pdf: contains NUL bytes"))
    return html.build(outcomes, ["gone.txt: no such file or directory"])


def test_page_is_self_contained() -> None:
    page = build_fake()
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    for needle in ("http://", "https://", "<link", " src=", "@import", "url(", "@font-face"):
        assert needle not in page, needle
    assert "<style>" in page and "<script>" in page


def test_every_change_is_highlighted_in_its_stage_colour_with_its_reason() -> None:
    page = build_fake()
    c = check(page)
    by_stage: dict[str, list[dict]] = {}
    for ch in c.changes:
        stage = re.search(r"\bs-(\w+)", ch["class"]).group(1)
        by_stage.setdefault(stage, []).append(ch)
    assert set(by_stage) == {"encoding", "pages", "spacing", "header", "reflow", "dedup"}
    spacing_raw = [ch for ch in by_stage["spacing"] if ch["tag"] == "del"]
    assert spacing_raw and all(
        "spacing: OCR space between CJK characters" in ch["title"] for ch in spacing_raw
    )
    assert any(ch["text"] == "·" for ch in spacing_raw)  # the removed space, drawn visibly
    page_line = [ch for ch in by_stage["pages"] if ch["tag"] == "del"]
    assert [ch["text"] for ch in page_line] == ["—·2·—␍⏎\n"]
    assert any(ch["tag"] == "ins" and ch["text"] == "⏎\n" for ch in by_stage["header"])
    # Each stage has its own colour rule.
    for stage in by_stage:
        assert re.search(rf"\.s-{stage}\{{--c:#[0-9a-f]{{6}};--bgc:#[0-9a-f]{{8}}\}}", page)


def untouched_columns(page: str) -> tuple[str, str]:
    """The raw column without removed text and the clean column without inserted text."""
    import html as stdhtml

    body = page.split('<table class="sbs">', 1)[1].split("</table>", 1)[0]
    raw_parts, clean_parts = [], []
    for row in re.findall(r'<tr class="(?:eq|ch)">(.*?)</tr>', body, re.S):
        cells = re.findall(r'<td class="t">(.*?)</td>', row, re.S)
        raw_parts.append(cells[0])
        clean_parts.append(cells[1])

    def text_of(cells: list[str], drop: str) -> str:
        joined = "".join(cells)
        joined = re.sub(rf"<{drop}\b[^>]*>.*?</{drop}>", "", joined, flags=re.S)
        joined = re.sub(
            r'<a class="(?:dup-link|kept-mark)"[^>]*>.*?</a>|<span class="flag-mark"[^>]*>.*?</span>',
            "",
            joined,
        )
        return stdhtml.unescape(re.sub(r"<[^>]+>", "", joined))

    return text_of(raw_parts, "del"), text_of(clean_parts, "ins")


def test_raw_and_clean_columns_hold_the_two_texts() -> None:
    raw_untouched, clean_untouched = untouched_columns(build_fake())
    assert raw_untouched == clean_untouched
    assert "湖南省教育厅" in clean_untouched and "为贯彻落实《国务院办公厅" in raw_untouched


@settings(max_examples=150, deadline=None)
@given(multi_step())
def test_any_change_log_renders_well_formed_aligned_columns(case: tuple[str, str, list]) -> None:
    source, clean, changes = case
    if not changes:
        return
    result = CleanResult(clean, source, changes, [], {})
    page = html.build([Outcome(Input("x.txt", "x.txt"), result=result)])
    c = check(page)
    assert len([ch for ch in c.changes if ch["tag"] == "del"]) == len(
        [ch for ch in c.changes if ch["tag"] == "ins"]
    )
    raw_untouched, clean_untouched = untouched_columns(page)
    assert raw_untouched == clean_untouched


def test_duplicate_links_to_the_kept_copy_and_back() -> None:
    page = build_fake()
    c = check(page)
    removed = re.search(r'<del class="c s-dedup dup" id="(f\d+-d0)"', page)
    assert removed
    fid = removed.group(1).split("-")[0]
    assert f'href="#{fid}-k0"' in page and f'id="{fid}-k0"' in page
    assert f'removed at line 14</a> repeats <a href="#{fid}-k0">line 13</a>' in page
    assert f"{fid}-k0" in c.ids
    # The kept copy itself is marked, up to its line end (CR included: the raw text).
    assert (
        '<span class="kept">到2023年，全省义务教育学校课后服务全覆盖，中小学生作业负担和校外培训负担有效减轻。</span>'
        in page
    )


def test_metadata_flags_and_summary_table() -> None:
    page = build_fake()
    check(page)
    assert "<dt>title</dt><dd>关于印发《湖南省“双减”工作方案》的通知</dd>" in page
    assert "<dt>date</dt><dd>2022-01-05</dd>" in page
    # Nested metadata (the header stage's) reads on one line.
    assert (
        '<dt>header</dt><dd><span class="k">issuers</span> 湖南省教育厅、湖南省财政厅 · '
        '<span class="k">mark</span> 文件 · <span class="k">doc_number</span> 湘教发〔2022〕7号</dd>'
    ) in page
    assert "header/uncertain-issuer" in page and "issuer line not in the lexicon" in page
    summary = page.split('<table class="summary">', 1)[1].split("</table>", 1)[0]
    row = re.search(r'<tr data-file="f1".*?</tr>', summary, re.S).group(0)
    cells = re.findall(r'<td class="n[^"]*">(\d+)</td>', row)
    # #, encoding..pages..spacing..header..reflow..dedup per stage, total, duplicates, flags
    assert cells == ["1", "16", "1", "7", "1", "1", "1", "27", "1", "1"]
    assert "error: scan.pdf: contains NUL bytes" in summary
    assert "gone.txt: no such file or directory" in page


def test_small_batches_open_long_batches_collapse() -> None:
    small = build_fake()
    assert '<details class="file" id="f1" data-review="1" open>' in small
    big = build_fake(n_extra=html.OPEN_UP_TO + 1)
    check(big)
    assert " open>" not in big
    # The summary table indexes every file.
    assert len(re.findall(r'<a href="#f\d+">', big)) == html.OPEN_UP_TO + 3


def test_text_is_escaped() -> None:
    raw = RAW.replace("各市州", "<script>alert('x')</script>&amp;各市州")
    outcome = Outcome(Input("x.txt", "x.txt"), result=fake_result(raw))
    page = html.build([outcome])
    check(page)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert('x')&lt;/script&gt;&amp;amp;各市州" in page


def test_cli_writes_the_html_report(tmp_path: Path) -> None:
    report = tmp_path / "review.html"
    result = CliRunner().invoke(
        main, ["clean", *map(str, SEEDS), "--out", str(tmp_path / "o"), "--report", str(report)]
    )
    assert result.exit_code == 0, result.stderr
    page = report.read_text(encoding="utf-8")
    c = check(page)
    for sample in SEEDS:
        assert str(sample) in page
    assert c.changes


def test_unknown_report_extension_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clean", str(SEEDS[0]), "--report", str(tmp_path / "r.xml")])
    assert result.exit_code == 2
    assert "unknown report format (use .json or .html)" in result.stderr


def test_big_batches_keep_tables_as_inert_text_until_opened() -> None:
    page = build_fake(n_extra=html.LAZY_OVER)
    c = check(page)
    n = html.LAZY_OVER + 1  # files with a result
    assert page.count('<div class="sbs-slot"') == n
    assert len(re.findall(r'<script type="text/html" id="f\d+-rows"><table class="sbs">', page)) == n
    assert '<table class="sbs">' not in re.sub(
        r"<script type=\"text/html\".*?</script>", "", page, flags=re.S
    )
    # Inside, every change is still there (the check above parsed the tables), with
    # the tooltip on the raw side only: the page script lends it to the clean side.
    assert len([ch for ch in c.changes if ch["tag"] == "del"]) == len(
        [ch for ch in c.changes if ch["tag"] == "ins"]
    )
    assert all(ch["title"] for ch in c.changes if ch["tag"] == "del")
    assert not any(ch["title"] for ch in c.changes if ch["tag"] == "ins")


def test_files_to_review_are_marked_for_the_review_filter() -> None:
    clean_doc = "湖南省教育厅\n\n关于做好有关工作的通知\n"
    plain = CleanResult(clean_doc, clean_doc, [], [], {"title": "关于做好有关工作的通知"})
    flag_only = fake_result(clean_doc)
    assert not flag_only.changes and flag_only.flags
    outcomes = [
        Outcome(Input("flagged.txt", "flagged.txt"), result=fake_result()),  # a flag and a duplicate
        Outcome(Input("plain.txt", "plain.txt"), result=plain),
        Outcome(Input("scan.pdf", "scan.pdf"), error="scan.pdf: contains NUL bytes"),
    ]
    page = html.build(outcomes)
    check(page)
    marked = set(
        re.findall(r'<tr (?:class="error" )?data-file="(f\d)" data-name="[^"]*" data-review="1"', page)
    )
    sections = set(re.findall(r'<details class="file" id="(f\d)" data-review="1"', page))
    assert marked == sections == {"f1", "f3"}
    # A file with a flag but no change still shows its text, with the flag's marker.
    page = html.build([Outcome(Input("f.txt", "f.txt"), result=flag_only)])
    check(page)
    assert '<span class="flag-mark" id="f1-g0"' in page
    assert "No changes" not in page
    assert 'data-body-class="review-only"' in page
    assert "body.review-only details.file:not([data-review])" in page


def test_repeats_merged_by_a_later_change_keep_their_anchors() -> None:
    from docclean.changes import Edit, apply_edits, locate_in_source

    source = "甲乙重复丙丁重复戊\n"
    kept = {"kept": {"start": 0, "end": 2}, "similarity": 95.0}
    text, c0 = apply_edits(
        "dedup", source, [Edit(2, 4, "", "repeat", "r", kept), Edit(6, 8, "", "repeat", "r", kept)], 0
    )
    assert text == "甲乙丙丁戊\n"
    text, c1 = apply_edits("tidy", text, [Edit(1, 5, "乙丙丁戊"[:3], "k", "later change over both")], 1)
    changes = c0 + c1
    locate_in_source(source, changes)
    result = CleanResult(text, source, changes, [], {})
    page = html.build([Outcome(Input("x.txt", "x.txt"), result=result)])
    c = check(page)  # every duplicate link lands on an anchor
    assert {"f1-d0", "f1-d1", "f1-k0", "f1-k1"} <= c.ids

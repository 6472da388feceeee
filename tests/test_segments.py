"""Big inputs cleaned in segments: cut points, one joined change log, counts without the log."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CIRCULAR, REALDOCS, SEEDS
from docclean import clean_text, rebuild, segments
from docclean.api import stages_for
from docclean.changes import count_changes, locate_in_source
from docclean.cli import main
from docclean.options import make_options
from docclean.pipeline import Context

# Several circulars in one extraction, as a year's batch exported to one file: page
# breaks between documents, and one run-on document with none.
DOCS = [p.read_text(encoding="utf-8") for p in SEEDS + REALDOCS]
WITH_FEEDS = "\f".join(DOCS)
WITHOUT_FEEDS = "\n".join(DOCS)


def run(text: str, size: int, keep_log: bool = True):  # type: ignore[no-untyped-def]
    opts = make_options(None)
    ctx = Context(options=opts, keep_log=keep_log)
    result = segments.run_segmented(text, stages_for(opts), ctx, size=size)
    return result, result.counts


@pytest.mark.parametrize("text", [WITH_FEEDS, WITHOUT_FEEDS], ids=["feeds", "no-feeds"])
@pytest.mark.parametrize("size", [3000, 20000])
def test_cuts_fall_after_a_feed_or_a_line_end(text: str, size: int) -> None:
    cuts = segments.cut_points(text, size)
    assert cuts[0] == 0 and cuts == sorted(set(cuts)) and len(cuts) > 1
    for cut in cuts[1:]:
        assert text[cut - 1] in "\f\n"
    # Every segment but the last is at least half the size; the remainder is not tiny.
    lengths = [b - a for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    assert all(n >= size // 2 for n in lengths[:-1])
    for prev, cut in pairwise(cuts):
        if "\f" in text[prev + size // 2 : prev + 2 * size]:  # a page break in reach is preferred
            assert text[cut - 1] == "\f"


def test_cuts_of_a_range_stay_inside_it() -> None:
    text = WITH_FEEDS
    begin, stop = len(text) // 4, 3 * len(text) // 4
    cuts = segments.cut_points(text, 3000, begin, stop)
    assert cuts[0] == begin and all(begin < c < stop for c in cuts[1:])
    assert segments.cut_points(text, 3000, begin, begin + 100) == [begin]
    # documents: each start is a cut, and a long document is cut by size too
    doc_cuts = segments.document_cuts(text, [begin, stop], 3000)
    assert {0, begin, stop} <= set(doc_cuts) and doc_cuts == sorted(set(doc_cuts))


def test_small_text_is_one_segment() -> None:
    assert segments.cut_points(DOCS[0], 10 * len(DOCS[0])) == [0]
    assert segments.cut_points("x" * 5000, 1000) == [0]  # one giant line: no safe cut


@pytest.mark.parametrize("text", [WITH_FEEDS, WITHOUT_FEEDS], ids=["feeds", "no-feeds"])
def test_joined_change_log_rebuilds_the_whole_input(text: str) -> None:
    result, (per_stage, duplicates) = run(text, 8000)
    assert result.metadata["segments"] > 2
    assert rebuild(result.text, result.changes) == text
    assert (per_stage, duplicates) == count_changes(result.changes)
    locate_in_source(text, result.changes, result.flags)
    for change in result.changes:
        if change.step == 0:  # the first step's spans are raw-file spans
            assert text[change.source.start : change.source.end] == change.before  # type: ignore[union-attr]
    for flag in result.flags:
        if flag.source is not None:
            assert 0 <= flag.source.start <= flag.source.end <= len(text)


def at_document_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    starts = [0]
    for doc in DOCS[:-1]:
        starts.append(starts[-1] + len(doc))
    monkeypatch.setattr(segments, "document_cuts", lambda text, documents, size: starts)


def test_each_segment_cleans_as_its_document_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    at_document_starts(monkeypatch)
    joined = "".join(DOCS)
    result, _ = run(joined, 10)
    alone = [clean_text(doc) for doc in DOCS]
    assert result.metadata["segments"] == len(DOCS)
    assert result.text == "".join(r.text for r in alone)
    assert len(result.changes) == sum(len(r.changes) for r in alone)
    assert rebuild(result.text, result.changes) == joined


def test_counts_only_matches_the_full_log() -> None:
    full, counts = run(WITH_FEEDS, 8000)
    slim, slim_counts = run(WITH_FEEDS, 8000, keep_log=False)
    assert slim.text == full.text and slim.changes == [] and slim_counts == counts
    assert [f.as_dict() for f in slim.flags] == [f.as_dict() for f in full.flags]


def test_page_metadata_is_summed_over_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    at_document_starts(monkeypatch)
    result, _ = run("".join(DOCS), 10)
    pages = [clean_text(doc).metadata["pages"] for doc in DOCS]
    assert result.metadata["pages"]["count"] == sum(p["count"] for p in pages)
    assert result.metadata["pages"]["numbers"] == [n for p in pages for n in p["numbers"]]
    assert result.metadata["issuers"] == clean_text(DOCS[0]).metadata["issuers"]


def test_api_segments_only_big_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "SEGMENT_CHARS", 5000)
    big = clean_text(WITH_FEEDS)
    assert big.metadata["segments"] > 2 and rebuild(big.text, big.changes) == WITH_FEEDS
    slim = clean_text(WITH_FEEDS, keep_log=False)
    assert slim.text == big.text and not slim.changes
    assert (slim.stage_counts, slim.duplicates) == (big.stage_counts, big.duplicates)
    assert "segments" not in clean_text(DOCS[0]).metadata


def test_cli_without_report_writes_the_same_text_and_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segments, "SEGMENT_CHARS", 5000)
    src = tmp_path / "year.txt"
    src.write_text(WITH_FEEDS, encoding="utf-8")
    plain = CliRunner().invoke(main, ["clean", str(src), "--out", str(tmp_path / "a"), "--format", "json"])
    reported = CliRunner().invoke(
        main,
        [
            "clean",
            str(src),
            "--out",
            str(tmp_path / "b"),
            "--report",
            str(tmp_path / "r.json"),
            "--format",
            "json",
        ],
    )
    assert plain.exit_code == reported.exit_code == 0, plain.stderr + reported.stderr
    assert (tmp_path / "a" / "year.txt").read_bytes() == (tmp_path / "b" / "year.txt").read_bytes()
    assert '"changes_per_stage"' in plain.stdout
    import json

    a, b = json.loads(plain.stdout)["files"][0], json.loads(reported.stdout)["files"][0]
    assert a["changes_per_stage"] == b["changes_per_stage"] and a["changes"] == b["changes"] > 0


REPEAT = "各地要加强组织领导，明确责任分工，确保各项任务落到实处，切实减轻群众负担。"

SECOND_CIRCULAR = f"""\
湖 南 省 教 育 厅
文件
湘教发〔2022〕7号

关于做好2022年全省中小学校安全工作的通知

各市州教育局：

{REPEAT}
定期开展安全隐患排查整治，建立问题清单和整改台账。
{REPEAT}

湖南省教育厅
2022年3月1日
"""


def test_a_repeat_in_a_later_document_points_at_its_kept_copy_in_the_raw_file() -> None:
    from docclean.report.json_report import duplicates

    raw = CIRCULAR + "\f" + SECOND_CIRCULAR
    result = clean_text(raw)
    assert len(result.metadata["documents"]) == 2
    dups = duplicates(result)
    assert len(dups) == 1
    kept = dups[0]["kept"]["source"]
    assert raw[kept["start"] : kept["end"]] == REPEAT
    assert kept["line"] == raw[: kept["start"]].count("\n") + 1 == CIRCULAR.count("\n") + 9
    removed = dups[0]["removed"]["source"]
    assert raw[removed["start"] : removed["end"]].startswith(REPEAT)


def test_the_line_break_between_two_documents_stays_with_the_first() -> None:
    # '\f\n ' between a torn first circular and the next: the next segment starts on its
    # header line, so tidy and pages there cannot remove the line break that ends the first.
    torn = CIRCULAR.replace("现将有关事项通知如下。", "现将有关事项通知如下，推动工作提质")
    torn = torn[: torn.index("推动工作提质") + len("推动工作提质")]
    raw = torn + "\f\n " + SECOND_CIRCULAR
    result = clean_text(raw)
    assert len(result.metadata["documents"]) == 2
    assert "推动工作提质\n湖南省教育厅" in result.text
    assert clean_text(result.text).text == result.text
    assert rebuild(result.text, result.changes) == raw


def test_a_document_cut_moves_past_the_blank_rest_of_its_line() -> None:
    text = "推动工作提质\f\n 湖南省教育厅\n"
    assert segments.line_break_stays_before(text, text.index("\f")) == text.index(" 湖")
    assert segments.line_break_stays_before(text, text.index("湖")) == text.index("湖")  # text follows
    assert segments.line_break_stays_before("甲\f乙", 2) == 2

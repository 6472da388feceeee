"""The JSON report validates against its shipped, versioned JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import SEEDS
from docclean.batch import Input, Outcome
from docclean.changes import Change, rebuild
from docclean.cli import main
from docclean.report import json_report
from report_helpers import fake_result


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_report.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_versioned_and_matches_the_report_version() -> None:
    schema = json_report.schema()
    assert schema["$id"] == json_report.SCHEMA_ID
    major = json_report.SCHEMA_VERSION.split(".")[0]
    assert schema["properties"]["schema_version"]["pattern"].startswith(f"^{major}\\.")


def test_report_of_the_samples_validates(tmp_path: Path, validator: jsonschema.Draft202012Validator) -> None:
    out = tmp_path / "out"
    report_path = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["clean", *map(str, SEEDS), "--out", str(out), "--report", str(report_path)]
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    validator.validate(report)
    assert report["schema_version"] == json_report.SCHEMA_VERSION
    assert [f["source"] for f in report["files"]] == [str(p) for p in SEEDS]
    for entry, path in zip(report["files"], SEEDS, strict=True):
        assert entry["output"] == str(out / path.name)
        assert entry["encoding"]["name"] == "utf-8"
        # The log in the report alone rebuilds the raw file from the written output.
        changes = [Change.from_dict(c) for c in entry["changes"]]
        clean = (out / path.name).read_text(encoding="utf-8")
        assert rebuild(clean, changes) == path.read_text(encoding="utf-8")
        assert entry["stats"]["changes"] == len(entry["changes"])
        assert sum(entry["stats"]["changes_per_stage"].values()) == len(entry["changes"])
    summary = report["summary"]
    assert summary["files"] == len(SEEDS) and summary["errors"] == 0
    from docclean.stages import BY_NAME

    order = list(BY_NAME)
    ranks = [order.index(s) for s in summary["changes_per_stage"]]
    assert ranks == sorted(ranks)  # pipeline order, whichever file a stage first appears in
    assert summary["changes"] == sum(len(f["changes"]) for f in report["files"])


def test_duplicates_name_the_kept_copy_in_source_coordinates(
    validator: jsonschema.Draft202012Validator,
) -> None:
    result = fake_result()
    report = json_report.build([Outcome(Input("doc.txt", "doc.txt"), result=result, output="-")])
    validator.validate(report)
    [dup] = report["files"][0]["duplicates"]
    kept = dup["kept"]["source"]
    removed = dup["removed"]["source"]
    raw = result.source_text
    # Both copies are the same sentence in the raw file (one with CRLF, one with LF).
    assert raw[kept["start"] : kept["end"]].rstrip() == raw[removed["start"] : removed["end"]].rstrip()
    assert kept["end"] <= removed["start"]
    assert dup["similarity"] == 100.0
    assert report["summary"]["duplicates"] == 1


def test_errors_and_missing_inputs_are_reported(validator: jsonschema.Draft202012Validator) -> None:
    outcomes = [
        Outcome(Input("doc.txt", "doc.txt"), result=fake_result(), output="-"),
        Outcome(
            Input("scan.pdf", "scan.pdf"), error="scan.pdf: contains NUL bytes (first at byte offset 10)"
        ),
    ]
    report = json_report.build(outcomes, ["gone.txt: no such file or directory"])
    validator.validate(report)
    assert report["files"][1] == {
        "source": "scan.pdf",
        "output": None,
        "error": "scan.pdf: contains NUL bytes (first at byte offset 10)",
    }
    assert report["summary"]["errors"] == 2
    assert report["input_errors"] == ["gone.txt: no such file or directory"]


def test_schema_rejects_a_report_that_breaks_the_contract(validator: jsonschema.Draft202012Validator) -> None:
    report = json_report.build([Outcome(Input("doc.txt", "doc.txt"), result=fake_result(), output="-")])
    broken = json.loads(json.dumps(report))
    del broken["files"][0]["changes"][0]["before"]  # the log could no longer be undone
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(report))
    broken["schema_version"] = "2.0"
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(report))
    broken["files"][0]["error"] = "both a result and an error"
    assert not validator.is_valid(broken)


def test_real_dedup_duplicates_point_at_the_kept_copy_in_the_raw_file() -> None:
    """With the real pipeline: the kept span, mapped to the raw file, reads like the removed text."""
    import re

    from rapidfuzz import fuzz

    from docclean.api import clean_file

    found = 0
    for path in SEEDS:
        result = clean_file(path)
        raw = result.source_text
        for dup in json_report.duplicates(result):
            found += 1
            kept = dup["kept"]["source"]
            removed = result.changes[dup["change"]].before

            def squash(s: str) -> str:
                return re.sub(r"\s+", "", s)

            kept_text = squash(raw[kept["start"] : kept["end"]])
            assert kept_text and kept["end"] <= len(raw)
            # The removed copy may be a truncated tail of the kept one: compare its length.
            assert fuzz.partial_ratio(squash(removed), kept_text) >= 95, (path.name, dup)
    assert found, "the seeds hold known repeats (000: a paragraph printed twice)"

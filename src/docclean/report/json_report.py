"""The JSON report: a documented, versioned schema (``report/schema.json``).

One object per run: the tool, one entry per input (source, output, encoding,
metadata, the full change log, duplicates, flags, per-file stats) and a batch
summary. Offsets in ``changes[].start/end`` are in the input of the change's own
step (what :func:`docclean.rebuild` needs); ``changes[].source`` gives the same
span in the decoded input, with 1-based lines and columns, for people and tools.

Versioning: ``schema_version`` is ``MAJOR.MINOR``. Adding optional fields bumps
MINOR; removing or renaming a field, or changing its meaning, bumps MAJOR. The
schema ships in the package (:func:`schema`) so a CI job can validate a report
without network access.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..batch import Outcome

if TYPE_CHECKING:
    from ..api import CleanResult

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "urn:docclean:report:1"


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) a report of this version validates against."""
    return json.loads(resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8"))


def _excerpt(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit // 2 - 1] + "…" + text[-(limit // 2 - 1) :]


def duplicates(result: CleanResult) -> list[dict[str, Any]]:
    """Removed repeats: every change whose detail names the ``kept`` copy (the dedup stage's).

    The kept span in the detail is in the dedup step's own input; here it is also
    mapped to the decoded source, so a reader can jump from the removed copy to
    the copy that stayed.
    """
    from .hunks import SourceLocator

    out: list[dict[str, Any]] = []
    locator: SourceLocator | None = None
    for index, change in enumerate(result.changes):
        detail = change.detail or {}
        kept = detail.get("kept")
        if not isinstance(kept, dict) or "start" not in kept or "end" not in kept:
            continue
        if locator is None:
            locator = SourceLocator(result.changes)
        k_start, k_end = locator.to_source(change.step, int(kept["start"]), int(kept["end"]))
        entry: dict[str, Any] = {
            "change": index,
            "stage": change.stage,
            "reason": change.reason,
            "removed": {
                "text": _excerpt(change.before),
                "chars": len(change.before),
            },
            "kept": {
                "text": kept.get("text", _excerpt(result.source_text[k_start:k_end])),
                "source": {
                    "start": k_start,
                    "end": k_end,
                    "line": result.source_text.count("\n", 0, k_start) + 1,
                },
            },
        }
        if change.source is not None:
            entry["removed"]["source"] = change.source.as_dict()
        for key in ("similarity", "variants", "truncated", "renumbered"):
            if key in detail:
                entry[key] = detail[key]
        out.append(entry)
    return out


def in_stage_order(counts: Counter[str]) -> dict[str, int]:
    """Counts keyed by stage, in pipeline order (unknown stages last, by name)."""
    from ..stages import BY_NAME

    rank = {name: i for i, name in enumerate(BY_NAME)}
    return {k: counts[k] for k in sorted(counts, key=lambda k: (rank.get(k, len(rank)), k))}


def stats(result: CleanResult, dups: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    per_stage = Counter(c.stage for c in result.changes)
    return {
        "changes": len(result.changes),
        "changes_per_stage": in_stage_order(per_stage),
        "flags": len(result.flags),
        "duplicates": len(dups) if dups is not None else len(duplicates(result)),
        "chars_in": len(result.source_text),
        "chars_out": len(result.text),
    }


def file_entry(outcome: Outcome) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "source": outcome.input.path,
        "output": outcome.output,
    }
    if not outcome.ok:
        entry["error"] = outcome.error
        return entry
    result = outcome.result
    assert result is not None
    dups = duplicates(result)
    entry["encoding"] = result.encoding.as_dict() if result.encoding else None
    entry["changed"] = result.changed
    entry["metadata"] = result.metadata
    entry["stats"] = stats(result, dups)
    entry["changes"] = [c.as_dict() for c in result.changes]
    entry["duplicates"] = dups
    entry["flags"] = [f.as_dict() for f in result.flags]
    return entry


def summary(outcomes: Sequence[Outcome], input_errors: Sequence[str] = ()) -> dict[str, Any]:
    per_stage: Counter[str] = Counter()
    flags = dups = 0
    for o in outcomes:
        if o.result:
            per_stage.update(o.result.stage_counts)
            flags += len(o.result.flags)
            dups += o.result.duplicates
    return {
        "files": len(outcomes),
        "changed": sum(1 for o in outcomes if o.result and o.result.changed),
        "errors": sum(1 for o in outcomes if not o.ok) + len(input_errors),
        "changes": sum(per_stage.values()),
        "changes_per_stage": in_stage_order(per_stage),
        "duplicates": dups,
        "flags": flags,
    }


def build(outcomes: Sequence[Outcome], errors: Sequence[str] = ()) -> dict[str, Any]:
    from .. import __version__

    for o in outcomes:
        if o.result is not None:
            o.result.locate()
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "docclean", "version": __version__},
        "files": [file_entry(o) for o in outcomes],
        "input_errors": list(errors),
        "summary": summary(outcomes, errors),
    }


def dumps(report: dict[str, Any]) -> str:
    """Serialise a report: top level indented, one line per file entry.

    ``json.dumps(indent=...)`` runs the pure-Python encoder, ~7× slower than the C one
    on a 1,000-file batch; one compact line per file keeps the report greppable and
    diffable per file, and ``jq`` pretty-prints it when a person wants to read it.
    """
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    lines = ["{"]
    items = list(report.items())
    for k, (key, value) in enumerate(items):
        comma = "," if k < len(items) - 1 else ""
        name = json.dumps(key)
        if key == "files" and isinstance(value, list) and value:
            lines.append(f"  {name}: [")
            lines.extend(
                f"    {json.dumps(entry, **compact)}{',' if i < len(value) - 1 else ''}"
                for i, entry in enumerate(value)
            )
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {name}: {json.dumps(value, **compact)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"

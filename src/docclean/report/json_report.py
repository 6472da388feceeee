"""The JSON report: a documented, versioned schema (see ``report/schema.json``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..batch import Outcome

SCHEMA_VERSION = "1.0"


def file_entry(outcome: Outcome) -> dict[str, Any]:
    entry: dict[str, Any] = {"source": outcome.input.path, "output": outcome.output}
    if not outcome.ok:
        entry["error"] = outcome.error
        return entry
    result = outcome.result
    assert result is not None
    entry["encoding"] = result.encoding.as_dict() if result.encoding else None
    entry["changed"] = result.changed
    entry["metadata"] = result.metadata
    entry["changes"] = [c.as_dict() for c in result.changes]
    entry["flags"] = [f.as_dict() for f in result.flags]
    return entry


def summary(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    per_stage: Counter[str] = Counter()
    flags = 0
    for o in outcomes:
        if o.result:
            per_stage.update(c.stage for c in o.result.changes)
            flags += len(o.result.flags)
    return {
        "files": len(outcomes),
        "changed": sum(1 for o in outcomes if o.result and o.result.changed),
        "errors": sum(1 for o in outcomes if not o.ok),
        "changes": sum(per_stage.values()),
        "changes_per_stage": dict(sorted(per_stage.items())),
        "flags": flags,
    }


def build(outcomes: Sequence[Outcome], errors: Sequence[str] = ()) -> dict[str, Any]:
    from .. import __version__

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "docclean", "version": __version__},
        "files": [file_entry(o) for o in outcomes],
        "input_errors": list(errors),
        "summary": summary(outcomes) | {"errors": sum(1 for o in outcomes if not o.ok) + len(errors)},
    }


def dumps(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=False) + "\n"

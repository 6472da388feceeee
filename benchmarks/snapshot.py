"""Golden snapshots of whole cleaning results, for optimisations that must not change output.

    python benchmarks/snapshot.py save DIR [--corpus /tmp/corpus]
    python benchmarks/snapshot.py compare DIR [--corpus /tmp/corpus]

``save`` cleans the samples, the real extractions and the generated corpus (one text per
document, plus the first 60 documents joined into one text) and writes everything a result
holds: text, every change (span, before, after, reason, source position), flags, metadata.
``compare`` cleans the same inputs again and lists every input whose result differs,
with the first differing field. Exit status 1 when anything differs.

Each input is also cleaned keeping only counts (``keep_log=False``, all inputs in one
``clean_many`` call, as the CLI cleans a batch without ``--report``): the bulk ``Rewrite``
paths of the passes, which a full-log run never takes. Those results (text, change counts,
flags, metadata) go to ``golden_counts.json`` and are compared when that file exists.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

import docclean

ROOT = pathlib.Path(__file__).resolve().parent.parent


def inputs(corpus: pathlib.Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("samples/realdocs/*.txt")):
        texts[str(path.relative_to(ROOT))] = path.read_text("utf-8")
    corpus_docs = [p.read_text("utf-8") for p in sorted(corpus.glob("*.raw.txt"))]
    for i, text in enumerate(corpus_docs):
        texts[f"corpus/{i:04d}"] = text
    if corpus_docs:
        texts["corpus/joined-60"] = "\f".join(corpus_docs[:60])
    return texts


def result_record(text: str) -> dict:
    result = docclean.clean_text(text)
    return {
        "text": result.text,
        "changes": [c.as_dict() for c in result.changes],
        "flags": [f.as_dict() for f in result.flags],
        "metadata": json.loads(json.dumps(result.metadata, ensure_ascii=False, default=repr)),
    }


def counts_records(texts: dict[str, str]) -> dict[str, dict]:
    """What a run keeping only counts gives for each text (see the module docstring)."""
    from docclean.api import clean_many

    names = list(texts)
    records = {}
    for name, result in zip(names, clean_many([texts[n] for n in names], keep_log=False), strict=True):
        if isinstance(result, Exception):
            records[name] = {"text": repr(result), "changes": [], "flags": [], "metadata": {}}
            continue
        records[name] = {
            "text": result.text,
            "changes": [result.stage_counts, result.duplicates],
            "flags": [f.as_dict() for f in result.flags],
            "metadata": json.loads(json.dumps(result.metadata, ensure_ascii=False, default=repr)),
        }
    return records


def first_difference(old: dict, new: dict) -> str:
    for key in ("text", "changes", "flags", "metadata"):
        if old[key] == new[key]:
            continue
        if isinstance(old[key], list):
            for i, (a, b) in enumerate(zip(old[key], new[key], strict=False)):
                if a != b:
                    return f"{key}[{i}]: {a!r} -> {b!r}"[:600]
            return f"{key}: {len(old[key])} items -> {len(new[key])}"
        return f"{key} differs"
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", choices=["save", "compare"])
    parser.add_argument("dir", type=pathlib.Path)
    parser.add_argument("--corpus", type=pathlib.Path, default=pathlib.Path("/tmp/corpus"))
    args = parser.parse_args()
    texts = inputs(args.corpus)
    if args.mode == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        records = {name: result_record(text) for name, text in texts.items()}
        (args.dir / "golden.json").write_text(json.dumps(records, ensure_ascii=False), "utf-8")
        counted = counts_records(texts)
        (args.dir / "golden_counts.json").write_text(json.dumps(counted, ensure_ascii=False), "utf-8")
        print(f"saved {len(records)} results, full log and counts only, to {args.dir}")
        return 0
    golden = json.loads((args.dir / "golden.json").read_text("utf-8"))
    differing = 0
    for name, text in texts.items():
        if name not in golden:
            print(f"{name}: not in the snapshot")
            continue
        diff = first_difference(golden[name], result_record(text))
        if diff:
            differing += 1
            print(f"{name}: {diff}")
    print(f"{differing} of {len(texts)} results differ", file=sys.stderr)
    counts_file = args.dir / "golden_counts.json"
    if counts_file.exists():
        golden_counts = json.loads(counts_file.read_text("utf-8"))
        counted = counts_records(texts)
        differing_counts = 0
        for name, record in counted.items():
            diff = (
                first_difference(golden_counts[name], record)
                if name in golden_counts
                else "not in the snapshot"
            )
            if diff:
                differing_counts += 1
                print(f"{name} (counts only): {diff}")
        print(f"{differing_counts} of {len(texts)} counts-only results differ", file=sys.stderr)
        differing += differing_counts
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())

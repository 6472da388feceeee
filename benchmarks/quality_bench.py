"""Quality benchmark: clean the generated corpus and compare with the ground truth.

    python benchmarks/generate_corpus.py --out benchmarks/corpus
    python benchmarks/quality_bench.py --corpus benchmarks/corpus [--json quality.json]

Figures (per document, summed over the corpus):

- issuers exact: the issuer list read by docclean (metadata) equals the truth, in
  order; "issuer lines" checks the text instead (the first lines are the names);
- document numbers exact: metadata, and as a line of the text;
- paragraphs restored exactly: truth body paragraphs found as a whole line;
- planted duplicates removed: a repeated run no longer occurs more often than in
  the truth;
- truth sentences lost: a truth sentence whose characters are missing from the output
  (compared ignoring whitespace and the character-level repairs, so a sentence that
  is present but still has, say, a half-width comma counts as kept, not lost). Must be 0;
- character error rate: Levenshtein distance / truth length, blank lines ignored,
  before (raw) and after cleaning.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # baseline.py next to this file

REPAIRS = str.maketrans(
    {
        ",": "，",
        ":": "：",
        ";": "；",
        "(": "（",
        ")": "）",
        "ꎬ": "，",
        "ꎮ": "。",
        **{chr(0xFF10 + i): str(i) for i in range(10)},
    }
)
WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without whitespace and with the character repairs applied: what 'lost' compares."""
    return WS.sub("", text).translate(REPAIRS)


def nonblank(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def cer(hyp: str, ref: str) -> float:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(hyp, ref) / max(1, len(ref))


def find_key(metadata: dict[str, Any], key: str) -> Any:
    """``key`` from the structure stage's metadata, falling back to the header stage's."""
    for table in (metadata.get("structure"), metadata, metadata.get("header")):
        if isinstance(table, dict) and table.get(key) not in (None, [], ""):
            return table[key]
    return None


def score(
    raw: str, clean: str, metadata: dict[str, Any], truth_text: str, truth: dict, base: str = ""
) -> dict[str, Any]:
    lines = [line.strip() for line in clean.splitlines() if line.strip()]
    line_set = set(lines)
    issuers = find_key(metadata, "issuers")
    doc_number = find_key(metadata, "doc_number")
    flat_clean = squeeze(clean)
    flat_truth = squeeze(truth_text)
    lost = [s for s in truth["sentences"] if squeeze(s) not in flat_clean]
    planted_removed = sum(
        1 for run in truth["planted"] if flat_clean.count(squeeze(run)) <= flat_truth.count(squeeze(run))
    )
    n_iss = len(truth["issuers"])
    return {
        "name": truth["name"],
        "artefacts": truth["artefacts"],
        "issuers_exact": issuers == truth["issuers"],
        "issuer_lines_exact": lines[:n_iss] == truth["issuers"],
        "doc_number_exact": doc_number == truth["doc_number"],
        "doc_number_line": truth["doc_number"] in line_set,
        "title_line": truth["title"] in line_set,
        "paragraphs": len(truth["paragraphs"]),
        "paragraphs_exact": sum(1 for p in truth["paragraphs"] if p in line_set),
        "planted": len(truth["planted"]),
        "planted_removed": planted_removed,
        "sentences": len(truth["sentences"]),
        "sentences_lost": len(lost),
        "lost_examples": lost[:3],
        "document_exact": nonblank(clean) == nonblank(truth_text),
        "cer_before": cer(nonblank(raw), nonblank(truth_text)),
        "cer_after": cer(nonblank(clean), nonblank(truth_text)),
        "cer_baseline": cer(nonblank(base), nonblank(truth_text)),
        "paragraphs_exact_baseline": sum(1 for p in truth["paragraphs"] if p in set(base.splitlines())),
        "truth_chars": len(nonblank(truth_text)),
    }


def run(corpus: Path, limit: int | None = None) -> dict[str, Any]:
    from baseline import baseline

    from docclean import clean_bytes

    rows = []
    errors = []
    t0 = time.perf_counter()
    for raw_path in sorted(corpus.glob("*.raw.txt"))[:limit]:
        name = raw_path.name.removesuffix(".raw.txt")
        truth = json.loads((corpus / f"{name}.json").read_text(encoding="utf-8"))
        truth_text = (corpus / f"{name}.truth.txt").read_text(encoding="utf-8")
        data = raw_path.read_bytes()
        try:
            result = clean_bytes(data, source_name=str(raw_path))
        except Exception as exc:  # a crash is a result too: count it, keep going
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        base = baseline(data)
        rows.append(score(data.decode("utf-8"), result.text, result.metadata, truth_text, truth, base))
    seconds = time.perf_counter() - t0
    return {"rows": rows, "errors": errors, "seconds": seconds, "summary": summarise(rows, errors)}


def summarise(rows: list[dict[str, Any]], errors: list[str]) -> dict[str, Any]:
    n = len(rows)
    chars = sum(r["truth_chars"] for r in rows) or 1

    def count(key: str) -> int:
        return sum(1 for r in rows if r[key])

    def total(key: str) -> int:
        return sum(r[key] for r in rows)

    return {
        "documents": n,
        "crashed": len(errors),
        "issuers_exact": count("issuers_exact"),
        "issuer_lines_exact": count("issuer_lines_exact"),
        "doc_number_exact": count("doc_number_exact"),
        "doc_number_line": count("doc_number_line"),
        "title_line": count("title_line"),
        "paragraphs": total("paragraphs"),
        "paragraphs_exact": total("paragraphs_exact"),
        "planted": total("planted"),
        "planted_removed": total("planted_removed"),
        "sentences": total("sentences"),
        "sentences_lost": total("sentences_lost"),
        "documents_exact": count("document_exact"),
        # Character-weighted over the corpus.
        "cer_before": sum(r["cer_before"] * r["truth_chars"] for r in rows) / chars,
        "cer_after": sum(r["cer_after"] * r["truth_chars"] for r in rows) / chars,
        "cer_baseline": sum(r["cer_baseline"] * r["truth_chars"] for r in rows) / chars,
        "paragraphs_exact_baseline": total("paragraphs_exact_baseline"),
    }


def table(summary: dict[str, Any]) -> str:
    s = summary
    n = s["documents"] or 1

    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({100 * a / max(1, b):.1f}%)"

    rows = [
        ("documents cleaned (crashes)", f"{s['documents']} ({s['crashed']})"),
        ("issuer lists exact (metadata)", pct(s["issuers_exact"], n)),
        ("issuer lines exact (text)", pct(s["issuer_lines_exact"], n)),
        ("document numbers exact (metadata)", pct(s["doc_number_exact"], n)),
        ("document numbers exact (line)", pct(s["doc_number_line"], n)),
        ("titles on one exact line", pct(s["title_line"], n)),
        ("paragraphs restored exactly", pct(s["paragraphs_exact"], s["paragraphs"])),
        ("planted duplicates removed", pct(s["planted_removed"], s["planted"])),
        ("truth sentences lost (must be 0)", f"{s['sentences_lost']} of {s['sentences']}"),
        ("documents exact (blank lines ignored)", pct(s["documents_exact"], n)),
        ("CER before → after", f"{100 * s['cer_before']:.2f}% → {100 * s['cer_after']:.2f}%"),
        ("baseline: paragraphs exact", pct(s["paragraphs_exact_baseline"], s["paragraphs"])),
        ("baseline: CER after", f"{100 * s['cer_baseline']:.2f}%"),
    ]
    out = ["| measure | result |", "| --- | --- |"]
    out += [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(out)


def by_artefact(rows: list[dict[str, Any]]) -> str:
    """Which damage hurts: per artefact, how the documents that have it come out."""
    names = sorted({a for r in rows for a in r["artefacts"]})
    out = [
        "| artefact | documents | documents exact | paragraphs exact | CER after |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in names:
        group = [r for r in rows if name in r["artefacts"]]
        paras = sum(r["paragraphs"] for r in group) or 1
        chars = sum(r["truth_chars"] for r in group) or 1
        out.append(
            f"| {name} | {len(group)} | {100 * sum(r['document_exact'] for r in group) / len(group):.0f}% | "
            f"{100 * sum(r['paragraphs_exact'] for r in group) / paras:.1f}% | "
            f"{100 * sum(r['cer_after'] * r['truth_chars'] for r in group) / chars:.2f}% |"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description="docclean quality benchmark")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "corpus")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N documents.")
    parser.add_argument("--json", type=Path, default=None, help="Write per-document rows here.")
    args = parser.parse_args()
    if not any(args.corpus.glob("*.raw.txt")):
        sys.exit(f"no corpus in {args.corpus}: run benchmarks/generate_corpus.py first")
    out = run(args.corpus, args.limit)
    print(table(out["summary"]))
    print()
    print(by_artefact(out["rows"]))
    print(f"\n{out['summary']['documents']} documents in {out['seconds']:.1f} s", file=sys.stderr)
    for line in out["errors"][:10]:
        print(f"crash: {line}", file=sys.stderr)
    lost = [(r["name"], s) for r in out["rows"] for s in r["lost_examples"]]
    for name, sentence in lost[:5]:
        print(f"lost in {name}: {sentence}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

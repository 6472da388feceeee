"""Benchmark: near-duplicate paragraphs across a corpus (docclean.corpus vs baselines).

Generates corpora of N paragraphs of ~100 characters (documents of 100 paragraphs,
so 100 to 10,000 documents), plants near-duplicates at known places (1-3 noisy
copies of 1% of the paragraphs, 0-5% character noise: substitutions, deletions,
insertions), then finds them with

- ``ours``: :func:`docclean.corpus.similar_pairs` (bottom-k character-shingle
  sketches, sorted packed array, rapidfuzz verification) + components;
- ``minhashlsh``: datasketch ``MinHash`` (128 permutations, ``update_batch``) and
  ``MinHashLSH``, its candidates verified with the same rapidfuzz cutoff, so the
  two differ only in blocking;
- ``allpairs``: rapidfuzz ``process.cdist`` with ``score_cutoff`` over all pairs.

Each method runs in a fresh process; the figures are wall time of the method alone
(corpus loading excluded), peak RSS of that process and its workers, and precision
and recall of planted pairs at ``--threshold`` (pairs whose actual similarity after
noise is below the threshold are not counted as positives). The text is built from
a Zipf-distributed vocabulary of Chinese "words", so unrelated paragraphs share
common shingles as real circulars do; uniform random characters would flatter
every blocking method.

    pip install -e '.[bench]'            # datasketch, numpy: benchmark only
    python benchmarks/dedup_bench.py --sizes 10000 100000 --methods ours minhashlsh allpairs
    python benchmarks/dedup_bench.py --sizes 1000000 --methods ours

``allpairs`` is skipped above ``--allpairs-max`` (default 10,000: 50M comparisons);
``minhashlsh`` above ``--minhash-max`` (default 100,000).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAS_PER_DOC = 100
NOISE_MAX = 0.05
# Common characters of official Chinese: the alphabet of the generated vocabulary.
ALPHABET = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方"
    "后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开"
    "它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此"
    "变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老"
    "头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门"
    "即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花"
    "带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段"
    "研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳"
    "便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京"
    "识适属圆包火住调满县局照参红细引听该铁价严龙飞"
)


# --- corpus ------------------------------------------------------------------------


def make_vocabulary(rng: random.Random, size: int = 20000) -> tuple[list[str], list[float]]:
    words = []
    for _ in range(size):
        n = rng.choices((2, 3, 4), weights=(0.6, 0.25, 0.15))[0]
        words.append("".join(rng.choice(ALPHABET) for _ in range(n)))
    weights = [1.0 / (r + 1) ** 1.05 for r in range(size)]  # Zipf: a few words everywhere
    return words, weights


def make_paragraph(rng: random.Random, words: list[str], cum: list[float]) -> str:
    out: list[str] = []
    length = 0
    since_comma = 0
    target = rng.randint(85, 115)
    for w in rng.choices(words, cum_weights=cum, k=70):
        out.append(w)
        length += len(w)
        since_comma += len(w)
        if length >= target:
            break
        if since_comma > 8 + (length % 9):
            out.append("，")
            length += 1
            since_comma = 0
    if out[-1] == "，":
        out.pop()
    return "".join(out) + "。"


def add_noise(rng: random.Random, text: str, rate: float) -> str:
    out: list[str] = []
    for ch in text:
        if rng.random() < rate:
            op = rng.random()
            if op < 0.6:
                out.append(rng.choice(ALPHABET))  # misread
            elif op < 0.8:
                pass  # dropped
            else:
                out.append(ch)
                out.append(rng.choice(ALPHABET))  # spurious
        else:
            out.append(ch)
    return "".join(out)


def generate(n: int, seed: int, dup_share: float = 0.01) -> tuple[list[str], list[list[int]]]:
    """``n`` paragraphs and the planted groups (original first, then its copies)."""
    rng = random.Random(seed)
    words, weights = make_vocabulary(rng)
    cum: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    paras = [make_paragraph(rng, words, cum) for _ in range(n)]
    positions = list(range(n))
    rng.shuffle(positions)
    groups: list[list[int]] = []
    cursor = 0
    for _ in range(int(n * dup_share)):
        copies = rng.choice((1, 1, 1, 2, 3))
        if cursor + copies + 1 > n:
            break
        orig, targets = positions[cursor], positions[cursor + 1 : cursor + 1 + copies]
        cursor += copies + 1
        for t in targets:
            paras[t] = add_noise(rng, paras[orig], rng.uniform(0.0, NOISE_MAX))
        groups.append([orig, *targets])
    return paras, groups


def positive_pairs(paras: list[str], groups: list[list[int]], threshold: float) -> set[tuple[int, int]]:
    from rapidfuzz import fuzz

    out = set()
    for g in groups:
        for x in range(len(g)):
            for y in range(x + 1, len(g)):
                a, b = sorted((g[x], g[y]))
                if fuzz.ratio(paras[a], paras[b]) >= threshold:
                    out.add((a, b))
    return out


# --- methods -----------------------------------------------------------------------


def run_ours(paras: list[str], threshold: float, workers: int) -> list[list[int]]:
    from docclean.corpus import components, similar_pairs

    return components(len(paras), similar_pairs(paras, threshold, workers=workers))


def run_minhashlsh(paras: list[str], threshold: float, workers: int) -> list[list[int]]:
    from datasketch import MinHash, MinHashLSH

    from docclean.corpus import DEFAULT_Q, components, verify

    q = DEFAULT_Q
    # Jaccard of 5-gram sets of a 90%-similar pair with 5% noise can fall to ~0.35.
    lsh = MinHashLSH(threshold=0.3, num_perm=128)
    candidates: set[tuple[int, int]] = set()
    for i, p in enumerate(paras):
        m = MinHash(num_perm=128)
        m.update_batch([p[j : j + q].encode("utf-8") for j in range(max(1, len(p) - q + 1))])
        for other in lsh.query(m):
            candidates.add((other, i))
        lsh.insert(i, m)
    return components(len(paras), verify(paras, sorted(candidates), threshold))


def run_allpairs(paras: list[str], threshold: float, workers: int) -> list[list[int]]:
    import numpy as np
    from rapidfuzz import fuzz, process

    from docclean.corpus import components

    edges = []
    step = 2000  # row blocks keep the score matrix small
    for lo in range(0, len(paras), step):
        scores = process.cdist(
            paras[lo : lo + step],
            paras,
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            dtype=np.uint8,
            workers=workers,
        )
        rows, cols = np.nonzero(scores)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            a = lo + r
            if a < c:
                edges.append((a, c, float(scores[r, c])))
    return components(len(paras), edges)


# --- the in-document stage: which threshold ------------------------------------------


def stage_sweep(thresholds: list[float], trials: int, seed: int) -> None:
    """Planted noisy sentence-run repeats in real text vs removals in untouched real text.

    The sentence pool is the real documents in samples/ (cleaned); each trial
    plants a noisy copy (0-5%) of a run of 2-3 consecutive sentences later in a
    document. A trial counts when exactly the planted copy is removed. False
    removals are counted on the untouched documents (they hold many parallel
    clauses: 监督评估/监测, amounts that differ, recurring responsibility notes).
    """
    from docclean import clean_text
    from docclean.sentences import split_sentences

    root = Path(__file__).resolve().parent.parent / "samples"
    docs = [clean_text(p.read_text(encoding="utf-8")).text for p in sorted(root.glob("**/*.txt"))]
    rng = random.Random(seed)
    print("| threshold | planted runs found | removals in untouched documents |")
    print("|---:|---:|---:|")
    for thr in thresholds:
        found = 0
        r2 = random.Random(seed)
        for _ in range(trials):
            text = r2.choice(docs)
            units = split_sentences(text)
            size = r2.choice((2, 3))
            # Runs of body sentences (not header lines or table cells).
            starts = [
                i
                for i in range(len(units) - size - 1)
                if all(
                    len(u.text) >= 15 and u.text[-1] in "。；" and "\n" not in u.text
                    for u in units[i : i + size]
                )
            ]
            at = r2.choice(starts)
            run = "".join(u.text for u in units[at : at + size])
            copy = add_noise(r2, run, r2.uniform(0.0, NOISE_MAX))
            where = units[r2.randrange(at + size + 1, len(units))].end
            planted = text[:where] + "\n" + copy + "\n" + text[where:]
            result = clean_text(planted, stages=("dedup",), dedup_threshold=thr)
            removed = [c for c in result.changes if c.stage == "dedup"]
            if len(removed) == 1 and "".join(removed[0].before.split()) == "".join(copy.split()):
                found += 1
        false = sum(
            len([c for c in clean_text(d, stages=("dedup",), dedup_threshold=thr).changes]) for d in docs
        )
        print(f"| {thr:g} | {found}/{trials} | {false} |", flush=True)
    del rng


METHODS = {"ours": run_ours, "minhashlsh": run_minhashlsh, "allpairs": run_allpairs}


def score(clusters: list[list[int]], groups: list[list[int]], positives: set[tuple[int, int]]) -> dict:
    group_of = {x: g for g, members in enumerate(groups) for x in members}
    found: set[tuple[int, int]] = set()
    correct = 0
    for c in clusters:
        for x in range(len(c)):
            for y in range(x + 1, len(c)):
                a, b = c[x], c[y]
                found.add((a, b))
                if a in group_of and group_of.get(a) == group_of.get(b):
                    correct += 1
    precision = correct / len(found) if found else 1.0
    recall = len(positives & found) / len(positives) if positives else 1.0
    return {"reported_pairs": len(found), "precision": round(precision, 4), "recall": round(recall, 4)}


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _pss_mb(pid: int) -> float:
    """Proportional set size: forked workers' shared pages are not counted twice."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _rss_mb(pid)


def _tree_rss_mb(pid: int) -> float:
    """Memory of a process and its worker processes (Linux /proc, PSS)."""
    total = _pss_mb(pid)
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            kids = [int(x) for x in fh.read().split()]
    except OSError:
        kids = []
    return total + sum(_tree_rss_mb(k) for k in kids)


class RssPoller:
    """Samples the memory (PSS) of this process and its workers every 50 ms during the method."""

    def __init__(self) -> None:
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        pid = os.getpid()
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss_mb(pid))
            self._stop.wait(0.05)

    def __enter__(self) -> RssPoller:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def child(method: str, corpus: Path, threshold: float, workers: int) -> None:
    """Run one method in this (fresh) process and print its figures as JSON."""
    data = json.loads(corpus.read_text(encoding="utf-8"))
    paras, groups = data["paras"], data["groups"]
    positives = {tuple(p) for p in data["positives"]}
    del data
    import gc

    gc.collect()
    loaded = _pss_mb(os.getpid())  # the corpus in memory, before the method starts
    with RssPoller() as poller:
        t0 = time.perf_counter()
        clusters = METHODS[method](paras, threshold, workers)
        seconds = time.perf_counter() - t0
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = {"method": method, "n": len(paras), "seconds": round(seconds, 2)}
    out["maxrss_mb"] = round(max(peak_self, peak_children) / 1024, 1)  # includes JSON parsing
    # Sampled during the method (process + workers), and the corpus held before it started.
    out["peak_mb"] = round(poller.peak, 1)
    out["loaded_mb"] = round(loaded, 1)
    out |= score(clusters, groups, positives)
    out["positives"] = len(positives)
    print(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--methods", nargs="+", default=["ours", "minhashlsh", "allpairs"], choices=list(METHODS))
    ap.add_argument("--threshold", type=float, default=90.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--allpairs-max", type=int, default=10000)
    ap.add_argument("--minhash-max", type=int, default=100000)
    ap.add_argument(
        "--stage-sweep", type=float, nargs="*", help="Measure the dedup stage at these thresholds instead."
    )
    ap.add_argument("--trials", type=int, default=200)
    ap.add_argument("--child", nargs=2, metavar=("METHOD", "CORPUS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage_sweep is not None:
        stage_sweep(args.stage_sweep or [80, 85, 88, 90, 92, 95, 98], args.trials, args.seed)
        return
    if args.child:
        child(args.child[0], Path(args.child[1]), args.threshold, args.workers)
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            t0 = time.perf_counter()
            paras, groups = generate(n, args.seed)
            positives = positive_pairs(paras, groups, args.threshold)
            corpus = Path(tmp) / f"corpus_{n}.json"
            corpus.write_text(
                json.dumps(
                    {"paras": paras, "groups": groups, "positives": sorted(positives)}, ensure_ascii=False
                ),
                encoding="utf-8",
            )
            print(
                f"# n={n}: generated in {time.perf_counter() - t0:.1f}s, {len(groups)} planted groups,"
                f" {len(positives)} planted pairs >= {args.threshold:g}",
                file=sys.stderr,
            )
            del paras
            for method in args.methods:
                limit = {"allpairs": args.allpairs_max, "minhashlsh": args.minhash_max}.get(method)
                if limit is not None and n > limit:
                    continue
                cmd = [sys.executable, __file__, "--child", method, str(corpus)]
                cmd += ["--threshold", str(args.threshold), "--workers", str(args.workers)]
                proc = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
                if proc.returncode:
                    print(proc.stderr, file=sys.stderr)
                    continue
                row = json.loads(proc.stdout.strip().splitlines()[-1])
                rows.append(row)
                print(json.dumps(row), flush=True)
    print(
        "\n| paragraphs | method | seconds | peak memory MB (corpus alone) | precision | recall | planted pairs |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['method']} | {r['seconds']} | {r['peak_mb']} ({r['loaded_mb']}) | {r['precision']} |"
            f" {r['recall']} | {r['positives']:,} |"
        )


if __name__ == "__main__":
    main()

"""Per-stage timing on the generated corpus (one file per doc and one concatenated file).

Usage: python benchmarks/stage_profile.py CORPUS_DIR [--big N]
(CORPUS_DIR from generate_corpus.py; --big N also cleans the first N documents joined into one text.)
"""

import pathlib
import sys
import time
from collections import Counter

import docclean

corpus = pathlib.Path(
    sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "/tmp/corpus"
)
texts = [p.read_text("utf-8") for p in sorted(corpus.glob("*.raw.txt"))]
mb = sum(len(t.encode()) for t in texts) / 1e6
# Import every stage and compile its patterns before timing (the first document would
# otherwise pay for it, and with PYTHONDONTWRITEBYTECODE=1 for compiling the sources too).
for t in texts[:3]:
    docclean.clean_text(t)
tot = Counter()
t0 = time.perf_counter()
for t in texts:
    r = docclean.clean_text(t)
    tot.update(r.timings)
wall = time.perf_counter() - t0
print(f"per-doc: {len(texts)} docs {mb:.2f} MB in {wall:.2f}s = {mb / wall:.2f} MB/s")
for k, v in tot.most_common():
    print(f"  {k:10s} {v:.3f}s  {mb / v:.1f} MB/s alone")
if "--big" in sys.argv:
    n = int(sys.argv[sys.argv.index("--big") + 1])
    big = "\f".join(texts[:n])
    t0 = time.perf_counter()
    r = docclean.clean_text(big)
    wall = time.perf_counter() - t0
    bmb = len(big.encode()) / 1e6
    print(f"big: {bmb:.2f} MB in {wall:.2f}s = {bmb / wall:.2f} MB/s")
    for k, v in sorted(r.timings.items(), key=lambda kv: -kv[1]):
        print(f"  {k:10s} {v:.3f}s")

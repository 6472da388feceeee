"""Blocks that recur across documents: blocking, verification, clusters.

Circulars quote each other: a policy passage, a boilerplate paragraph, the same
annual-report wording year after year. :func:`find_shared` finds such blocks in a
batch of cleaned documents and groups them into clusters, each with its documents
and positions, plus the share of every document found elsewhere.

It never compares all pairs. Candidates come from blocking:

1. identical blocks (after normalisation) meet through a dict of their text;
2. near-identical ones through a *bottom-k sketch*: the ``k`` smallest CRC-32 values
   of each block's character ``q``-grams (Chinese has no spaces: shingles are
   characters, never whitespace tokens). Two blocks whose shingle sets have
   Jaccard similarity ``J`` share at least one sketch value with probability about
   ``1 - (1 - J)^k``, whatever rank it has. All ``(value, block)`` pairs are packed
   into one integer array and sorted, so equal values lie side by side: no dict of
   millions of postings.

Stock phrases (``进一步加强``, ``按照国家和省有关规定``) would fill the sketches with
values that thousands of blocks share. A sample of the corpus is shingled first and
the shingles frequent enough to make long runs are left out of every sketch (the
same for all blocks, so near-duplicates still agree); runs that are long anyway
are compared only with near neighbours.

Every candidate pair is verified with rapidfuzz (``fuzz.ratio`` with a score
cutoff) as soon as its run is read, and only verified pairs become edges. A coarse
test first (rapidfuzz on the low byte of each code point, which can only raise the
ratio) rules out in C nearly all the pairs that cannot pass.
Clusters are connected components of verified edges: sketch collisions alone never
join anything, which is how union-find over raw LSH buckets chains unrelated
blocks into giant clusters.
"""

from __future__ import annotations

import os
import sys
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, filterfalse, islice, pairwise, repeat, tee
from operator import ne, sub
from typing import Any
from zlib import crc32

DEFAULT_Q = 4
DEFAULT_K = 8
# Runs (blocks sharing one sketch value) up to this size are compared all-pairs.
MAX_RUN = 16
# Longer runs: each block against this many neighbours.
WINDOW = 4
SAMPLE = 10000
# Work is spread over worker processes above this many distinct blocks, in chunks.
PARALLEL_MIN = 50000
CHUNK = 20000
# Packed sketch entries are ``value << BLOCK_BITS | block``: a CRC-32 value and a block
# index, each in one 32-bit half of a 64-bit integer (read back as halves when scanning).
BLOCK_BITS = 32
# An unsigned 32-bit array type code.
_U32 = "I" if array("I").itemsize == 4 else "L"
# Shingles expected to make runs over this many times MAX_RUN are left out of sketches.
STOP_RUNS = 0.5
# The coarse pre-test's cutoff is this much below the threshold, so that no rounding
# (rapidfuzz turns a cutoff into a distance bound) can make it stricter than the test.
COARSE_MARGIN = 0.01

# --- blocking ------------------------------------------------------------------------


def shingle_values(key: str, q: int = DEFAULT_Q) -> list[int]:
    """CRC-32 of every character ``q``-gram of ``key`` (the whole key when shorter).

    CRC-32 is deterministic across processes and runs (``hash()`` of str is not),
    so sketches made by worker processes agree and results are reproducible.
    """
    # UTF-16 code units: 2 bytes a character for all of Chinese outside the rare extensions.
    data = key.encode("utf-16-le")
    width = 2 * q
    if len(data) <= width:
        return [crc32(data)]
    return [crc32(data[i : i + width]) for i in range(0, len(data) - width + 2, 2)]


def sketch(key: str, q: int = DEFAULT_Q, k: int = DEFAULT_K, stop: frozenset[int] = frozenset()) -> list[int]:
    """The ``k`` smallest distinct shingle values of ``key`` that are not stock phrases."""
    return _lowest(shingle_values(key, q), k, stop)


def _lowest(values: list[int], k: int, stop: frozenset[int]) -> list[int]:
    """The ``k`` smallest distinct ``values`` not in ``stop`` (may sort ``values`` in place)."""
    n = len(values)
    if n > 4 * k:
        # CRC values are uniform: the k smallest of n lie below about k/n of the range.
        # Sort only the values below 3k/n of it (about 3k of them) unless stop values
        # and repeats leave fewer than k there; the k found are then the k smallest.
        below = (3 * k << 32) // n
        out = _first_distinct(sorted(filter(below.__gt__, values)), k, stop)
        if len(out) == k:
            return out
    values.sort()
    return _first_distinct(values, k, stop)


def _first_distinct(ordered: list[int], k: int, stop: frozenset[int]) -> list[int]:
    """The first ``k`` distinct values of the sorted ``ordered`` not in ``stop``.

    Stop values are skipped in C: short blocks are mostly stock phrases.
    """
    out: list[int] = []
    last = -1
    # Equal values are adjacent, also once the stop values are left out.
    for v in filterfalse(stop.__contains__, ordered):
        if v != last:
            out.append(v)
            if len(out) == k:
                break
            last = v
    return out


def stop_shingles(
    keys: Sequence[str],
    q: int,
    k: int,
    max_run: int,
    sample: int = SAMPLE,
    shingled: Sequence[list[int]] | None = None,
) -> frozenset[int]:
    """Shingles that would make sketch runs longer than ``max_run / 2`` in the whole corpus.

    A shingle found ``c`` times in a sample of ``s`` of ``n`` blocks is in about
    ``c * n/s`` blocks. It enters a block's sketch when fewer than ``k`` of the
    block's ``L`` shingles hash below it: almost surely for a small value ``v``,
    with probability about ``k / (L * v/2^32)`` otherwise. Only values small enough
    to reach sketches at all are counted. ``shingled``: the shingle values of every key,
    when the caller has them (used when the sample is all keys; sorted in place here, as
    the sketches need them sorted anyway).
    """
    from collections import Counter

    n = len(keys)
    if n == 0:
        return frozenset()
    every = max(1, n // sample)
    picked = keys[::every]
    known = shingled if shingled is not None and every == 1 else None
    # sum(max(1, len(key) - q + 1)): the shingles of each key (one when shorter than q).
    lengths = sum(map(max, repeat(1), map(sub, map(len, picked), repeat(q - 1)))) / len(picked)
    cut = int(min(1.0, 4 * k / lengths) * 2**32)
    # Each key's distinct values below the cut, counted in C.
    if known is not None:
        for values in known:
            values.sort()
        # Sorted: the values below the cut are a prefix (CRC-32 values are all below 2**32).
        prefixes = known if cut >= 2**32 else map(islice, known, map(bisect_left, known, repeat(cut)))
        below = map(set, prefixes)
    else:
        shingles = map(shingle_values, picked, repeat(q))
        # CRC-32 values are all below 2**32.
        below = map(set, shingles if cut >= 2**32 else map(filter, repeat(cut.__gt__), shingles))
    counts = Counter(chain.from_iterable(below))
    scale = n / len(picked)
    half = max_run * STOP_RUNS
    # Seen once is no evidence of frequency, and the sample may hold one copy of a
    # planted pair itself: stopping its shingles would hide the pair. And as chance
    # <= 1, c * scale * chance > half needs c * scale > half: only counts from
    # ``least`` on can stop a shingle, a few of them, picked in C.
    least = 2
    while least * scale <= half:
        least += 1
    stop = set()
    for v in compress(counts.keys(), map(least.__le__, counts.values())):
        c = counts[v]
        chance = min(1.0, k / (lengths * max(v, 1) / 2**32))
        if c * scale * chance > half:
            stop.add(v)
    return frozenset(stop)


_WORK: dict[str, Any] = {}


def _sketch_range(bounds: tuple[int, int]) -> list[bytes]:
    """Worker: packed ``value << bits | block`` of keys[lo:hi], split into buckets by value."""
    keys, q, k, stop = _WORK["keys"], _WORK["q"], _WORK["k"], _WORK["stop"]
    bits, parts, shingled = _WORK["bits"], _WORK["parts"], _WORK.get("shingled")
    lo, hi = bounds
    buckets = [array("Q") for _ in range(parts)]
    adds = [b.append for b in buckets]
    low = parts - 1  # parts is a power of two: the low bits of a CRC are uniform
    for i in range(lo, hi):
        if shingled is not None:
            values = shingled[i]
            values.sort()  # done by stop_shingles already: a linear check
            lowest = _first_distinct(values, k, stop)
        else:
            lowest = _lowest(shingle_values(keys[i], q), k, stop)
        for v in lowest:
            adds[v & low]((v << bits) | i)
    return [b.tobytes() for b in buckets]


def _sketch_all(
    keys: Sequence[str],
    q: int,
    k: int,
    stop: frozenset[int],
    workers: int,
    parts: int,
    shingled: Sequence[list[int]] | None = None,
) -> tuple[list[array], int]:
    """Packed ``value << bits | block`` of every sketch value in ``parts`` buckets, and ``bits``.

    Buckets keep each later sort small: a worker sorts one bucket at a time, not all
    ``k * n`` values at once.
    """
    bits = BLOCK_BITS
    buckets = [array("Q") for _ in range(parts)]
    step = CHUNK
    chunks = [(lo, min(lo + step, len(keys))) for lo in range(0, len(keys), step)]
    _WORK.update(keys=keys, q=q, k=k, stop=stop, bits=bits, parts=parts, shingled=shingled)
    try:
        if workers > 1 and len(keys) > 2 * step and _can_fork():
            import multiprocessing as mp

            # Forked workers see the keys without pickling them.
            with mp.get_context("fork").Pool(workers) as pool:
                for blobs in pool.imap(_sketch_range, chunks):
                    for bucket, blob in zip(buckets, blobs, strict=True):
                        bucket.frombytes(blob)
        else:
            for chunk in chunks:
                for bucket, blob in zip(buckets, _sketch_range(chunk), strict=True):
                    bucket.frombytes(blob)
    finally:
        _WORK.clear()
    return buckets, bits


def _can_fork() -> bool:
    import multiprocessing as mp

    return os.name == "posix" and "fork" in mp.get_all_start_methods()


def similar_pairs(
    keys: Sequence[str],
    threshold: float = 90.0,
    *,
    q: int = DEFAULT_Q,
    k: int = DEFAULT_K,
    workers: int = 2,
    groups: Sequence[int] | None = None,
    max_run: int = MAX_RUN,
    window: int = WINDOW,
) -> list[tuple[int, int, float]]:
    """Verified pairs ``(a, b, similarity)``, ``a < b``, of near-identical keys; no all-pairs step.

    Identical keys pair with their first occurrence. With ``groups`` (say, the
    document of each block) non-identical pairs inside one group are left out.
    """
    first: dict[str, int] = {}
    edges: list[tuple[int, int, float]] = []
    distinct: list[int] = []
    for i, key in enumerate(keys):
        j = first.setdefault(key, i)
        if j != i:
            edges.append((j, i, 100.0))
        else:
            distinct.append(i)
    del first
    subset = keys if len(distinct) == len(keys) else [keys[i] for i in distinct]
    # Below SAMPLE blocks the stop list shingles every block: keep the values for the sketches.
    shingled = [shingle_values(key, q) for key in subset] if len(subset) < SAMPLE else None
    stop = stop_shingles(subset, q, k, max_run, shingled=shingled)
    parallel = workers > 1 and len(subset) > PARALLEL_MIN and _can_fork()
    parts = 8 if parallel else 1
    buckets, bits = _sketch_all(subset, q, k, stop, workers, parts, shingled)
    del shingled
    _WORK.update(
        buckets=buckets,
        bits=bits,
        keys=subset,
        distinct=distinct,
        groups=groups,
        threshold=threshold,
        max_run=max_run,
        window=window,
    )
    try:
        if parallel:
            import multiprocessing as mp

            # Equal values share a bucket: each bucket's runs are complete in it.
            with mp.get_context("fork").Pool(workers) as pool:
                found = pool.map(_scan_part, range(parts), chunksize=1)
        else:
            found = [_scan_part(0)]
    finally:
        _WORK.clear()
    del buckets
    seen: set[tuple[int, int]] = set()
    for part in found:
        for a, b, score in part:
            if (a, b) not in seen:  # a pair sharing values in two buckets
                seen.add((a, b))
                edges.append((a, b, score))
    return edges


def _scan_part(part: int) -> list[tuple[int, int, float]]:
    """Sort one bucket of sketch values and verify the pairs of each run of equal values.

    A coarse test rules out first nearly every pair that cannot pass (and never one
    that can): rapidfuzz on :func:`_low_bytes_each` keys, one ``process.extract``
    of each member against its followers, in C. The pairs left go through the
    checks made on every candidate before, in the same order, ending with the
    same ``fuzz.ratio`` call; ``process.extract`` rounds its cutoff to single
    precision, so it only pre-selects, with a margin.
    """
    from rapidfuzz import fuzz, process

    w = _WORK
    keys, distinct, groups = w["keys"], w["distinct"], w["groups"]
    threshold, max_run, window = w["threshold"], w["max_run"], w["window"]
    values, blocks = _halves(array("Q", sorted(w["buckets"][part])))
    ratio, extract = fuzz.ratio, process.extract
    limit = threshold / 100.0
    cutoff = threshold - COARSE_MARGIN
    # rapidfuzz refuses a cutoff outside 0-100 (and below 0 the test would pass everything).
    coarse = 0.0 < cutoff <= 100.0
    size_all = len(keys)
    verified: set[int] = set()
    edges: list[tuple[int, int, float]] = []
    lengths = list(map(len, keys))

    def check(a: int, b: int) -> None:
        la, lb = lengths[a], lengths[b]
        # ratio <= 2*min/(la+lb): lengths alone rule many pairs out.
        if 2 * (la if la < lb else lb) < limit * (la + lb):
            return
        ia, ib = distinct[a], distinct[b]
        if groups is not None and groups[ia] == groups[ib]:
            return
        if ia > ib:
            ia, ib = ib, ia
        # True duplicates share several sketch values: verify them once. Failed pairs
        # are not remembered (there are far too many); they rarely share two values.
        code = a * size_all + b if a < b else b * size_all + a
        if code in verified:
            return
        score = ratio(keys[a], keys[b], score_cutoff=threshold)
        if score:
            verified.add(code)
            edges.append((ia, ib, score))

    for lo, hi in _runs(values):
        # Members are in block order: the packed values sort by block after value.
        members = blocks[lo:hi].tolist()
        size = hi - lo
        reach = size if size <= max_run else window + 1
        if not coarse:
            for x in range(size):
                a = members[x]
                for y in range(x + 1, min(size, x + reach)):
                    check(a, members[y])
            continue
        # Made run by run: as fast as for all keys at once, and no second copy of the corpus.
        lows = _low_bytes_each(list(map(keys.__getitem__, members)))
        if size == 2:
            if ratio(lows[0], lows[1], score_cutoff=cutoff):
                check(members[0], members[1])
            continue
        for x in range(size - 1):
            hits = extract(lows[x], lows[x + 1 : x + reach], scorer=ratio, score_cutoff=cutoff, limit=None)
            if hits:
                a = members[x]
                for y in sorted([hit[2] for hit in hits]):
                    check(a, members[x + 1 + y])
    return edges


def _halves(packed: array) -> tuple[array, array]:
    """The values (high 32 bits) and the blocks (low 32 bits) of packed 64-bit integers.

    Read from the bytes, in C: no shift or mask per integer in Python.
    """
    words = array(_U32)
    words.frombytes(packed.tobytes())
    high, low = (1, 0) if sys.byteorder == "little" else (0, 1)
    return words[high::2], words[low::2]


def _runs(values: array) -> Iterator[tuple[int, int]]:
    """``(lo, hi)`` of each run of two or more equal ``values`` (sorted).

    All in C, with no list as long as ``values`` (memory): where the value
    changes, then the runs longer than one between changes.
    """
    n = len(values)
    changes = map(ne, values, islice(values, 1, None))
    starts = chain((0,), compress(range(1, n), changes), (n,))
    bounds, lows, highs = tee(starts, 3)
    next(highs, None)
    return compress(pairwise(bounds), map((1).__lt__, map(sub, highs, lows)))


def _low_bytes_each(keys: Sequence[str]) -> list[bytes]:
    """The low byte of each character's code point, for each key: coarse keys for a quick first test.

    Characters equal in a key stay equal; only some unequal ones become equal. So
    the longest common subsequence of two coarse keys is at least that of the keys
    and, the lengths being the same, ``fuzz.ratio`` of the coarse keys is at least
    that of the keys: a pair whose coarse keys miss a cutoff misses it too. rapidfuzz
    compares bytes much faster than Chinese text. Encoded in one go, then cut.
    """
    blob = "".join(keys).encode("utf-32-le", "surrogatepass")[::4]
    ends = list(accumulate(map(len, keys)))
    return list(map(blob.__getitem__, map(slice, [0, *ends], ends)))


def verify(
    keys: Sequence[str], pairs: Iterable[tuple[int, int]], threshold: float
) -> list[tuple[int, int, float]]:
    """Keep the pairs whose rapidfuzz ratio reaches ``threshold`` (0-100)."""
    from rapidfuzz import fuzz

    ratio = fuzz.ratio
    limit = threshold / 100.0
    out: list[tuple[int, int, float]] = []
    for a, b in pairs:
        ka, kb = keys[a], keys[b]
        la, lb = len(ka), len(kb)
        if 2 * min(la, lb) < limit * (la + lb):
            continue
        score = ratio(ka, kb, score_cutoff=threshold)
        if score:
            out.append((a, b, score))
    return out


def components(n: int, edges: Iterable[tuple[int, int, float]]) -> list[list[int]]:
    """Connected components (size >= 2) of verified edges, each sorted, in order of first member."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    touched: set[int] = set()
    for a, b, _ in edges:
        touched.add(a)
        touched.add(b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for x in sorted(touched):
        groups.setdefault(find(x), []).append(x)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])


# --- documents -----------------------------------------------------------------------


@dataclass
class Block:
    """A sentence unit of one document, as compared across the corpus."""

    doc: int
    index: int  # position among the document's compared blocks
    start: int
    end: int
    text: str
    key: str


@dataclass
class Member:
    doc: int
    start: int
    end: int
    first: int  # block indexes (inclusive) within the document
    last: int
    similarity: float = 100.0
    variants: list[list[str]] = field(default_factory=list)
    # False when the copies differ in numbers or swap words: two texts, not two copies.
    removable: bool = True


@dataclass
class Cluster:
    """Near-identical runs of blocks in several documents; ``members[0]`` is the kept copy."""

    members: list[Member]


@dataclass
class CorpusReport:
    names: list[str]
    texts: list[str]
    clusters: list[Cluster]
    shared_chars: list[int]
    total_chars: list[int]

    def share(self, doc: int) -> float:
        return self.shared_chars[doc] / self.total_chars[doc] if self.total_chars[doc] else 0.0

    def as_dict(self) -> dict[str, Any]:
        from .changes import LineIndex

        indexes = [LineIndex(t) for t in self.texts]

        def member(m: Member) -> dict[str, Any]:
            line, col = indexes[m.doc].line_col(m.start)
            end_line, _ = indexes[m.doc].line_col(max(m.start, m.end - 1))
            text = self.texts[m.doc][m.start : m.end]
            out: dict[str, Any] = {
                "document": self.names[m.doc],
                "start": m.start,
                "end": m.end,
                "line": line,
                "column": col,
                "end_line": end_line,
                "similarity": round(m.similarity, 1),
                "text": text if len(text) <= 120 else text[:58] + "…" + text[-58:],
            }
            if m.variants:
                out["variants"] = m.variants
            if not m.removable:
                out["removable"] = False
            return out

        return {
            "documents": [
                {
                    "document": name,
                    "chars": self.total_chars[d],
                    "shared_chars": self.shared_chars[d],
                    "shared_share": round(self.share(d), 4),
                }
                for d, name in enumerate(self.names)
            ],
            "clusters": [
                {"id": n + 1, "members": [member(m) for m in c.members]} for n, c in enumerate(self.clusters)
            ],
        }


def document_blocks(doc: int, text: str, min_chars: int) -> list[Block]:
    """The sentence units of ``text`` long enough to be evidence, with their comparison keys."""
    from .sentences import comparison_key, split_sentences
    from .stages.dedup import evidence

    out: list[Block] = []
    for unit in split_sentences(text):
        key = comparison_key(unit.text)
        if evidence(key) >= min_chars:  # Chinese text, not columns of figures
            out.append(Block(doc, len(out), unit.start, unit.end, unit.text, key))
    return out


def find_shared(
    names: Sequence[str],
    texts: Sequence[str],
    *,
    threshold: float = 90.0,
    min_chars: int = 24,
    workers: int = 2,
    progress: Callable[[str], None] | None = None,
) -> CorpusReport:
    """Clusters of near-identical sentence runs shared by two or more documents."""
    from rapidfuzz import fuzz

    from .stages.dedup import MAX_VARIANTS, differences_are_meaningful, variants

    per_doc = [document_blocks(d, t, min_chars) for d, t in enumerate(texts)]
    blocks = [b for bs in per_doc for b in bs]
    keys = [b.key for b in blocks]
    groups = [b.doc for b in blocks]
    edges = similar_pairs(keys, threshold, workers=workers, groups=groups)
    unit_clusters = [c for c in components(len(blocks), edges) if len({groups[x] for x in c}) > 1]
    # Runs: a cluster whose every member's next block forms the next cluster extends it.
    where = {x: n for n, c in enumerate(unit_clusters) for x in c}
    by_members = {tuple(c): n for n, c in enumerate(unit_clusters)}
    is_next: set[int] = set()
    follow: dict[int, int] = {}
    for n, c in enumerate(unit_clusters):
        nxt = []
        for x in c:
            b = blocks[x]
            if b.index + 1 >= len(per_doc[b.doc]):
                break
            nxt.append(x + 1)
        else:
            m = by_members.get(tuple(nxt))
            if m is not None and m != n and where.get(nxt[0]) == m:
                follow[n] = m
                is_next.add(m)
    clusters: list[Cluster] = []
    for n in range(len(unit_clusters)):
        if n in is_next:
            continue
        chain = [n]
        while chain[-1] in follow and len(chain) <= len(unit_clusters):
            chain.append(follow[chain[-1]])
        first, last = unit_clusters[chain[0]], unit_clusters[chain[-1]]
        members: list[Member] = []
        for x, y in zip(first, last, strict=True):
            members.append(
                Member(blocks[x].doc, blocks[x].start, blocks[y].end, blocks[x].index, blocks[y].index)
            )
        members.sort(key=lambda m: (m.doc, m.start))
        kept_key = "".join(b.key for b in per_doc[members[0].doc][members[0].first : members[0].last + 1])
        for m in members[1:]:
            key = "".join(b.key for b in per_doc[m.doc][m.first : m.last + 1])
            m.similarity = fuzz.ratio(kept_key, key)
            found = variants(kept_key, key)
            m.removable = not differences_are_meaningful(found)
            m.variants = found[:MAX_VARIANTS]
        clusters.append(Cluster(members))
    clusters.sort(key=lambda c: (c.members[0].doc, c.members[0].start))
    shared = [0] * len(texts)
    for x in where:
        shared[blocks[x].doc] += len(blocks[x].key)
    totals = [len("".join(t.split())) for t in texts]
    if progress:
        progress(f"{len(blocks)} blocks, {len(edges)} verified pairs, {len(clusters)} clusters")
    return CorpusReport(list(names), list(texts), clusters, shared, totals)


def removal_edits(report: CorpusReport, doc: int) -> list[Any]:
    """Edits removing, from document ``doc``, every cluster member that is not the kept copy."""
    from .changes import Edit
    from .stages.dedup import removal_span

    text = report.texts[doc]
    spans: list[tuple[int, int, Cluster, Member]] = []
    for cluster in report.clusters:
        kept = cluster.members[0]
        for m in cluster.members[1:]:
            if m.doc == doc and m.doc != kept.doc and m.removable:
                spans.append((m.start, m.end, cluster, m))
    spans.sort(key=lambda s: s[0])
    edits: list[Edit] = []
    cursor = 0
    for start, end, cluster, m in spans:
        if start < cursor:
            continue  # overlapping runs: the first removal already took this text
        s, e = removal_span(text, start, end)
        kept = cluster.members[0]
        edits.append(
            Edit(
                s,
                e,
                "",
                "shared-block",
                f"block shared with {report.names[kept.doc]}, {m.similarity:.0f}% alike (kept there)",
                {
                    # Not "kept": that key means a span of this document's own text.
                    "kept_in": {"document": report.names[kept.doc], "start": kept.start, "end": kept.end},
                    "similarity": round(m.similarity, 1),
                    "variants": m.variants,
                },
            )
        )
        cursor = e
    return edits


def _summary(report: CorpusReport, echo: Callable[[str], None]) -> None:
    from .changes import LineIndex

    indexes = [LineIndex(t) for t in report.texts]
    if not report.clusters:
        echo("no block recurs across these documents")
    for n, cluster in enumerate(report.clusters, 1):
        docs = len({m.doc for m in cluster.members})
        echo(f"cluster {n}: {len(cluster.members)} copies in {docs} documents")
        for m in cluster.members:
            line, _ = indexes[m.doc].line_col(m.start)
            end_line, _ = indexes[m.doc].line_col(max(m.start, m.end - 1))
            where = f"{report.names[m.doc]}:{line}" + (f"-{end_line}" if end_line != line else "")
            text = " ".join(report.texts[m.doc][m.start : m.end].split())
            text = text if len(text) <= 40 else text[:39] + "…"
            note = "kept" if m is cluster.members[0] else f"{m.similarity:.1f}%"
            if m.variants:
                note += " " + ", ".join(f"{a or '∅'}/{b or '∅'}" for a, b in m.variants[:4])
            echo(f"  {where}  [{note}]  {text}")
    for d, name in enumerate(report.names):
        echo(f"{name}: {report.share(d):.1%} of its text found in other documents")


def dedup_corpus(
    paths: Sequence[str],
    options: Any,
    *,
    glob: str = "*.txt",
    report_path: str | None = None,
    remove_shared: bool = False,
    out_dir: str | None = None,
    echo: Callable[[str], None] = print,
    error: Callable[[str], None] = print,
) -> int:
    """The ``docclean dedup`` command: clean the inputs, cluster shared blocks, report (and remove).

    Returns the exit code: 0, or 2 when an input failed.
    """
    import json
    from pathlib import Path

    from .batch import clean_inputs, collect_inputs, write_atomic
    from .changes import apply_edits

    inputs, errors = collect_inputs(paths, glob)
    for message in errors:
        error(message)
    failed = bool(errors)
    outcomes = []
    for outcome in clean_inputs(inputs, options):
        if outcome.ok and outcome.result is not None:
            outcomes.append(outcome)
        else:
            error(outcome.error or f"{outcome.input.path}: failed")
            failed = True
    names = [o.input.path for o in outcomes]
    texts = [o.result.text for o in outcomes]
    report = find_shared(names, texts, threshold=options.dedup_threshold, min_chars=options.dedup_min_chars)
    _summary(report, echo)
    data = report.as_dict()
    data["positions"] = "offsets and lines of each document's cleaned text"
    data["threshold"] = options.dedup_threshold
    data["min_chars"] = options.dedup_min_chars
    if out_dir is not None:
        removed_total = 0
        for d, outcome in enumerate(outcomes):
            result = outcome.result
            text = result.text
            changes = list(result.changes)
            if remove_shared:
                step = max((c.step for c in changes), default=-1) + 1
                text, extra = apply_edits("corpus", text, removal_edits(report, d), step)
                changes.extend(extra)
                removed_total += len(extra)
                entry = data["documents"][d]
                entry["removed"] = [c.as_dict() for c in extra]
                # The whole log, so rebuild(output, changes) gives back the input.
                entry["changes"] = [c.as_dict() for c in changes]
            target = Path(out_dir) / outcome.input.relative
            try:
                write_atomic(target, text)
            except OSError as exc:
                error(f"{target}: cannot write ({exc.strerror or exc})")
                failed = True
        if remove_shared:
            echo(f"removed {removed_total} shared block(s); outputs in {out_dir}")
    if report_path:
        try:
            write_atomic(Path(report_path), json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            error(f"{report_path}: cannot write ({exc.strerror or exc})")
            failed = True
    return 2 if failed else 0

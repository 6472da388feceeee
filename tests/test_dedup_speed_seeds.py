"""dedup's seed search by blocks of ``cdist`` finds exactly what one ``extract`` per window found."""

from __future__ import annotations

import random
import sys
import types

import pytest
from rapidfuzz import fuzz, process

from docclean.stages import dedup
from test_dedup_fastpaths import all_pairs


def old_seed_pairs(
    keys: list[str], usable: list[int], threshold: float, coarse_keys: list[bytes] | None = None
) -> dict[tuple[int, int], float]:
    """``dedup._seed_pairs`` before the blocks: the coarse keys of each window by one ``extract``."""
    sim: dict[tuple[int, int], float] = {}
    if len(usable) <= dedup.EXACT_UNITS and not 0.0 <= threshold <= 100.0:
        subset = [keys[i] for i in usable]
        for n in range(1, len(subset)):
            for _, score, m in process.extract(
                subset[n], subset[:n], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            ):
                sim[usable[n], usable[m]] = score
        return sim
    assert len(usable) <= dedup.EXACT_UNITS  # the corpus blocking beyond is unchanged
    extract, ratio = process.extract, fuzz.ratio
    ordered, firsts = dedup._length_windows(keys, usable, threshold)
    if coarse_keys is None:
        coarse = dedup._low_bytes_each([keys[i] for i in ordered])
    else:
        coarse = list(map(coarse_keys.__getitem__, ordered))
    near = max(0.0, threshold - dedup._MARGIN)
    for n, first in enumerate(firsts):
        if first == n:
            continue
        if first == n - 1:
            if ratio(coarse[n], coarse[first], score_cutoff=near) < near:
                continue
            hits = [first]
        else:
            found = extract(coarse[n], coarse[first:n], scorer=ratio, score_cutoff=threshold, limit=None)
            if not found:
                continue
            hits = [first + m for _, _, m in found]
        a = ordered[n]
        key = keys[a]
        others = []
        for m in hits:
            b = ordered[m]
            if keys[b] == key:
                sim[(a, b) if a > b else (b, a)] = 100.0
            else:
                others.append(b)
        if others:
            choices = [keys[b] for b in others]
            for _, score, h in extract(key, choices, scorer=ratio, score_cutoff=threshold, limit=None):
                b = others[h]
                sim[(a, b) if a > b else (b, a)] = score
    return sim


# Few distinct pieces, so that keys often come close; 一/开 and a key beyond the BMP
# exercise the coarse keys' special bytes; "" and repeats of one key are common.
WORDS = ["建立", "制度", "监督", "评估", "一", "开", "，", "。", "0", "a", "𠀀", "报送", "年度报告"]
THRESHOLDS = [0.0, 0.5, 1.0, 1.00005, 1.0002, 50.0, 76.0, 88.0, 90.0, 92.5, 99.99, 100.0]


def key_lists(seed: int, count: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        pool = ["".join(rng.choices(WORDS, k=rng.choice([0, 1, 2, 4, 8, 16, 30]))) for _ in range(6)]
        size = rng.choice([0, 1, 2, 3, 12, 13, 25, 40])
        keys = []
        for _ in range(size):
            if rng.random() < 0.4:
                keys.append(rng.choice(pool))  # repeats of one key, or close to it
            else:
                base = list(rng.choice(pool))
                if base and rng.random() < 0.7:
                    del base[rng.randrange(len(base))]
                keys.append("".join(base) + "".join(rng.choices(WORDS, k=rng.randint(0, 3))))
        out.append(keys)
    return out


def check(keys: list[str], rng: random.Random) -> None:
    usable = sorted(rng.sample(range(len(keys)), rng.randint(0, len(keys))))
    threshold = rng.choice([*THRESHOLDS, rng.uniform(0.0, 100.0)])
    if keys and rng.random() < 0.3:
        # A threshold next to a score: extract rounds its cutoff to single precision.
        threshold = fuzz.ratio(rng.choice(keys), rng.choice(keys)) + rng.choice([-2e-5, -4e-6, 0.0, 4e-6])
        threshold = min(100.0, max(0.0, threshold))
    coarse = dedup._usable_and_coarse(keys)[1] if rng.random() < 0.5 else None
    expected = old_seed_pairs(keys, usable, threshold, coarse)
    assert dedup._seed_pairs(keys, usable, threshold, coarse) == expected, (keys, usable, threshold)
    assert expected == all_pairs(keys, usable, threshold)  # the windows miss nothing either


def test_blocks_find_what_the_windows_found() -> None:
    assert dedup._cdist_uint8() is not None  # the block path is the one tested here
    rng = random.Random(1)
    for keys in key_lists(2, 4000):
        check(keys, rng)


def test_the_extract_fallback_finds_the_same(monkeypatch) -> None:
    monkeypatch.setattr(dedup, "_cdist_uint8", lambda: None)
    rng = random.Random(3)
    for keys in key_lists(4, 1500):
        check(keys, rng)


def test_every_pair_of_equal_keys_is_found() -> None:
    # Many equal keys span several blocks: every pair is within the windows.
    keys = ["建立职业院校质量年度报告制度"] * 30 + ["建立制度"] * 7
    usable = list(range(len(keys)))
    sim = dedup._seed_pairs(keys, usable, 88.0)
    assert sim == old_seed_pairs(keys, usable, 88.0)
    assert len(sim) == 30 * 29 // 2 + 7 * 6 // 2


@pytest.mark.parametrize("threshold", [-1.0, 100.5])
def test_a_threshold_beyond_the_scores_is_refused_as_before(threshold) -> None:
    keys = ["建立制度", "建立制度"]
    with pytest.raises(TypeError):
        old_seed_pairs(keys, [0, 1], threshold)
    with pytest.raises(TypeError):
        dedup._seed_pairs(keys, [0, 1], threshold)


def test_before_diagonal_keeps_the_pairs_left_of_each_key() -> None:
    # Keys g0 .. g1 - 1 (rows) against f0 .. g1 - 2 (columns): key r keeps columns before r.
    for f0 in range(6):
        for g0 in range(f0, f0 + 6):
            for g1 in range(max(g0 + 1, f0 + 2), g0 + 6):
                width = g1 - 1 - f0
                mask = dedup._before_diagonal(g1 - g0, width).to_bytes((g1 - g0) * width, "little")
                assert [mask[(r - g0) * width : (r - g0 + 1) * width] for r in range(g0, g1)] == [
                    bytes(255 if col < r else 0 for col in range(f0, g1 - 1)) for r in range(g0, g1)
                ]


def test_the_probe_refuses_what_it_does_not_know(monkeypatch) -> None:
    probe = dedup._cdist_uint8.__wrapped__
    assert probe() is not None
    # The private module missing, or not giving the names used.
    monkeypatch.setitem(
        sys.modules, "rapidfuzz.process_cpp_impl", types.ModuleType("rapidfuzz.process_cpp_impl")
    )
    assert probe() is None
    # Matrices of 4-byte scores, of one row, of other scores, or no buffer at all.
    fake = types.ModuleType("rapidfuzz.process_cpp_impl")
    fake.UINT8 = 4  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "rapidfuzz.process_cpp_impl", fake)
    for matrix in [
        lambda rows, cols: memoryview(bytes(4 * rows * cols)).cast("f", (rows, cols)),
        lambda rows, cols: bytes([100, 0, 0, 67, 0, 0]),
        lambda rows, cols: memoryview(bytes(rows * cols)).cast("B", (rows, cols)),
        lambda rows, cols: [[0] * cols] * rows,
    ]:
        fake.cdist = lambda queries, choices, make=matrix, **_: make(len(queries), len(choices))  # type: ignore[attr-defined]
        assert probe() is None
    # The layout rapidfuzz gives passes.
    fake.cdist = lambda queries, choices, **_: memoryview(bytes([100, 0, 0, 67, 0, 0])).cast("B", (2, 3))  # type: ignore[attr-defined]
    assert probe() is not None

"""The fast paths of docclean.corpus (coarse pre-test, C-level runs) change no result."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from docclean import corpus
from docclean.corpus import _low_bytes_each, shingle_values, similar_pairs, stop_shingles
from test_corpus import noisy, paragraphs

# Characters whose code points share their low byte (一 U+4E00, 退 U+9000, 串 U+4E32, 2 U+0032,
# 𠀀 U+20000): the coarse keys merge them, the real ones do not.
MERGING = "一退串2𠀀建立制度报告，。"


def without_coarse(monkeypatch, keys, threshold, **kw):
    """similar_pairs as it was before the coarse pre-test (a cutoff below 0 turns it off)."""
    with monkeypatch.context() as m:
        m.setattr(corpus, "COARSE_MARGIN", 1000.0)
        return similar_pairs(keys, threshold, **kw)


def planted(seed: int, n: int = 1500) -> list[str]:
    rng = random.Random(seed)
    paras = paragraphs(n, seed)
    for orig, copy in zip(range(0, 300, 3), range(n - 100, n), strict=True):
        paras[copy] = noisy(paras[orig], rng.uniform(0, 0.08), rng)
    # Short keys and a stock opening: long runs (windowed) and many length-filtered pairs.
    paras += [
        "按照国家和省有关规定执行，各地要切实加强组织领导，" + p[: rng.randint(5, 40)] for p in paras[:300]
    ]
    return paras


def test_same_pairs_in_the_same_order_at_any_threshold(monkeypatch) -> None:
    keys = planted(21)
    for threshold in (0.005, 50.0, 75.5, 88.0, 90.0, 95.0, 100.0, 101.0):
        expected = without_coarse(monkeypatch, keys, threshold, workers=1)
        got = similar_pairs(keys, threshold, workers=1)
        assert got == expected, threshold
    assert len(similar_pairs(keys, 88.0, workers=1)) >= 90


def test_same_pairs_with_groups(monkeypatch) -> None:
    keys = planted(8)
    groups = [x // 40 for x in range(len(keys))]
    expected = without_coarse(monkeypatch, keys, 90.0, workers=1, groups=groups)
    assert similar_pairs(keys, 90.0, workers=1, groups=groups) == expected


def test_same_pairs_in_worker_processes(monkeypatch) -> None:
    keys = planted(4, 3000)
    expected = without_coarse(monkeypatch, keys, 90.0, workers=1)
    monkeypatch.setattr(corpus, "PARALLEL_MIN", 100)
    monkeypatch.setattr(corpus, "CHUNK", 400)
    assert sorted(similar_pairs(keys, 90.0, workers=2)) == sorted(expected)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=MERGING, min_size=0, max_size=24), max_size=30),
    st.sampled_from([60.0, 85.0, 90.0]),
)
def test_merged_characters_never_change_the_pairs(keys: list[str], threshold: float) -> None:
    with_coarse = similar_pairs(keys, threshold, workers=1, max_run=4, window=2)
    saved = corpus.COARSE_MARGIN
    corpus.COARSE_MARGIN = 1000.0
    try:
        assert with_coarse == similar_pairs(keys, threshold, workers=1, max_run=4, window=2)
    finally:
        corpus.COARSE_MARGIN = saved


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=MERGING, max_size=30), st.text(alphabet=MERGING, max_size=30))
def test_coarse_ratio_is_never_lower(a: str, b: str) -> None:
    ca, cb = _low_bytes_each([a, b])
    assert len(ca) == len(a) and len(cb) == len(b)
    assert fuzz.ratio(ca, cb) >= fuzz.ratio(a, b)


def test_stop_list_is_the_same_from_given_shingles_or_not() -> None:
    long_keys = planted(3, 600)
    short_keys = [p[:18] for p in long_keys]  # every value can reach a sketch: no cut
    for keys in (long_keys, short_keys):
        given_values = [shingle_values(key, 4) for key in keys]
        assert stop_shingles(keys, 4, 8, 16, shingled=given_values) == stop_shingles(keys, 4, 8, 16)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 2**32 - 1) | st.integers(0, 2**20), max_size=120),
    st.integers(1, 12),
    st.data(),
)
def test_lowest_is_the_k_smallest_distinct_values_not_stopped(values: list[int], k: int, data) -> None:
    stop = frozenset(data.draw(st.lists(st.sampled_from(values), max_size=40)) if values else [])
    expected = sorted(set(values) - stop)[:k]
    assert corpus._lowest(list(values), k, stop) == expected
    assert corpus._lowest(values + values, k, stop) == expected  # repeats

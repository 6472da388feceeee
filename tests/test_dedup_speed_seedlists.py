"""The seed lists of each copy, taken in order, are the old ones: per copy, sorted by
score then kept unit, the copies visited in order."""

from __future__ import annotations

import random

from conftest import corpus_pass_inputs
from docclean.sentences import joined_comparison_keys, sentence_units
from docclean.stages import dedup


def old_seed_lists(sim: dict[tuple[int, int], float]) -> dict[int, list[int]]:
    seeds: dict[int, list[int]] = {}
    for i, j in sim:
        if i in seeds:
            seeds[i].append(j)
        else:
            seeds[i] = [j]
    for i, js in seeds.items():
        if len(js) > 1:
            js.sort(key=lambda j: (-sim[i, j], j))
    return {i: seeds[i] for i in sorted(seeds)}


def assert_same(sim: dict[tuple[int, int], float]) -> None:
    new = dedup._seed_lists(sim)
    old = old_seed_lists(sim)
    assert new == old and list(new) == list(old)


def test_seed_lists_of_random_pairs() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        pairs = [(rng.randrange(1, 30), rng.randrange(30)) for _ in range(rng.randrange(25))]
        sim = {(i, j): rng.choice([100.0, 100.0, 100.0, 95.0, 92.5, 90.0]) for i, j in pairs if j < i}
        assert_same(dict(rng.sample(list(sim.items()), len(sim))))


def test_seed_lists_of_the_corpus() -> None:
    for text in corpus_pass_inputs()["dedup.remove_repeats"][:80]:
        _starts, texts, spaceless = sentence_units(text)
        keys, joined = joined_comparison_keys(texts, spaceless)
        usable, coarse = dedup._usable_and_coarse(keys, joined)
        assert_same(dedup._seed_pairs(keys, usable, 90.0, coarse))

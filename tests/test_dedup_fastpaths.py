"""The dedup stage's shortcuts give exactly what the plain computation gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from docclean.stages import dedup

# Few distinct characters, so that random keys often come close to each other.
KEY = st.text(alphabet="建立制度监督评估，。0１a", min_size=0, max_size=40)


def all_pairs(keys: list[str], usable: list[int], threshold: float) -> dict[tuple[int, int], float]:
    """Every usable later unit against every usable earlier one (the stage before its shortcut)."""
    subset = [keys[i] for i in usable]
    sim = {}
    for n in range(1, len(subset)):
        for _, score, m in process.extract(
            subset[n], subset[:n], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        ):
            sim[usable[n], usable[m]] = score
    return sim


@settings(max_examples=300, deadline=None)
@given(st.lists(KEY, max_size=30), st.floats(min_value=0.0, max_value=100.0))
def test_length_windows_find_every_pair_that_reaches_the_threshold(keys, threshold) -> None:
    usable = list(range(len(keys)))
    assert dedup._seed_pairs(keys, usable, threshold) == all_pairs(keys, usable, threshold)


@settings(max_examples=100, deadline=None)
@given(st.lists(KEY, max_size=30), st.sampled_from([50.0, 80.0, 88.0, 90.0, 92.5, 100.0]))
def test_length_windows_at_usual_thresholds(keys, threshold) -> None:
    usable = dedup._usable(keys)
    assert dedup._seed_pairs(keys, usable, threshold) == all_pairs(keys, usable, threshold)


@given(st.lists(st.text(alphabet="建立制度，。0１a \n㐀龥豈", max_size=20), max_size=10))
def test_usable_keys_have_enough_evidence(keys) -> None:
    assert dedup._usable(keys) == [i for i, key in enumerate(keys) if dedup.evidence(key) >= dedup.MIN_SEED]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(KEY, min_size=2, max_size=20),
    st.integers(0, 10**6),
    st.floats(min_value=-2e-5, max_value=2e-5),
)
def test_length_windows_at_a_threshold_next_to_a_score(keys, pick, delta) -> None:
    # process.extract rounds its cutoff to single precision: a score a hair below the
    # threshold may pass. The shortcuts must let exactly those pairs through too.
    a, b = keys[pick % len(keys)], keys[(pick // len(keys)) % len(keys)]
    threshold = fuzz.ratio(a, b) + delta
    usable = list(range(len(keys)))
    assert outcome(dedup._seed_pairs, keys, usable, threshold) == outcome(all_pairs, keys, usable, threshold)


def outcome(fn, *args):
    """The result, or the kind of error (rapidfuzz refuses cutoffs outside 0-100)."""
    try:
        return fn(*args)
    except TypeError as err:
        return type(err)


def test_low_bytes_keep_one_byte_per_character() -> None:
    for key in ["", "建立制度", "a，。", "\ud800x", "𠀀建"]:
        assert len(dedup._low_bytes(key)) == len(key)


@given(st.lists(st.text(alphabet="建立制度，。0１a \n㐀龥豈\ud800𠀀", max_size=12), max_size=8))
def test_low_bytes_each_cuts_at_the_keys(keys) -> None:
    assert dedup._low_bytes_each(keys) == [dedup._low_bytes(key) for key in keys]

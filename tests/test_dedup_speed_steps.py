"""dedup's seed proof (_may_hold, its steps scored on coarse keys first) says what the plain one says."""

from __future__ import annotations

import random

from docclean.stages import dedup


def old_may_hold(units, keys, removed, i, j, low, min_chars, weight) -> bool:
    """_may_hold before it scored the steps on the coarse keys: the first steps of _extend."""
    size = weight(i)
    starts, texts = units
    t, r = i + 1, j + 1
    if (
        t < len(starts)
        and r < i
        and r not in removed
        and keys[r]
        and not dedup._whole_line_sentence(texts[t])
    ):
        size += weight(t)
    if size >= min_chars:
        return True
    return (
        dedup._step(keys, removed, t, r, True, 0, i, low) is not None
        or dedup._step(keys, removed, i, j, False, r, i, low) is not None
    )


# Pairs of characters whose coarse keys are equal, so that coarse scores run above the keys':
# 一 (U+4E00, read as 1) and 丁 (U+4E01), 开 (U+5F00, read as 2) and 丂 (U+4E02), 建 (U+5EFA) and 仺 (U+4EFA).
WORDS = ["建立", "制度", "监督", "评估", "，", "。", "报送", "一", "丁", "开", "丂", "仺", "2025"]


def test_may_hold_is_the_first_steps_of_extend() -> None:
    rng = random.Random(11)
    answers = set()
    for _ in range(4000):
        size = rng.randint(2, 9)
        texts = [
            "".join(rng.choices(WORDS, k=rng.randint(1, 6))) + rng.choice(["", "。", "\n"])
            for _ in range(size)
        ]
        keys = [text.strip() for text in texts]
        units = (list(range(0, 10 * size, 10)), texts)
        coarse = dedup._low_bytes_each(keys)
        i = rng.randint(1, size - 1)
        j = rng.randint(0, i - 1)
        removed = set(rng.sample(range(size), rng.randint(0, size // 2))) - {i, j}
        low = rng.choice([50.0, 60.0, 76.0, 78.0, 88.0])
        min_chars = rng.choice([0, 6, 10, 24])
        weight = [len(key) for key in keys].__getitem__
        args = (i, j, low, min_chars, weight)
        expected = old_may_hold(units, keys, removed, *args)
        assert dedup._may_hold(units, keys, coarse, removed, *args) == expected, (keys, removed, args)
        answers.add(expected)
    assert answers == {True, False}

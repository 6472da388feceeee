"""dedup._usable counts Chinese characters in C: the same keys as the regex and the plain count."""

from __future__ import annotations

import random
from itertools import compress

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.patterns import CJK_RE
from docclean.stages import dedup


def old_usable(keys: list[str]) -> list[int]:
    """_usable before the byte count: the regex that stops at the fourth Chinese character."""
    return list(compress(range(len(keys)), map(dedup._seed_cjk_re().match, keys)))


def plain_usable(keys: list[str]) -> list[int]:
    return [i for i, key in enumerate(keys) if len(CJK_RE.findall(key)) >= dedup.MIN_SEED]


# Each block edge of CJK_CHARS and the characters next to it, the separator, a
# character beyond the BMP, ASCII, punctuation and the hexagrams sharing 0x4D.
EDGES = "\u33ff\u3400\u34ff\u4cff\u4d00\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uf8ff\uf900\ufaff\ufb00"
ALPHABET = EDGES + "\ue000\ue001\U00020000建立，。0１a \u3000"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=12), max_size=12))
def test_usable_is_the_regex_and_the_plain_count(keys) -> None:
    assert dedup._usable(keys) == old_usable(keys) == plain_usable(keys)


def test_usable_on_every_bmp_high_byte() -> None:
    rng = random.Random(3)
    for high in range(256):
        chars = [chr(high * 256 + low) for low in range(256) if not 0xD800 <= high * 256 + low < 0xE000]
        if not chars:
            continue
        keys = [
            "".join(rng.choices(chars, k=rng.randint(0, 8))) + "建" * rng.randint(0, 3) for _ in range(20)
        ]
        assert dedup._usable(keys) == plain_usable(keys), hex(high)

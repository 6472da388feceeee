"""decoding._profile (GB 2312 byte counting) against the character-by-character reference."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean import decoding

_profile = decoding._profile
_reference = decoding._profile_by_counting


def test_every_bmp_character_scores_as_the_reference() -> None:
    # Each character in a line of common text, so the byte-counting path runs (a lone
    # character outside GB 2312 would take the reference path and prove nothing).
    filler = "关于做好全省教育工作的通知" * 2
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        text = filler + chr(cp) * 3 + "，ab1"
        assert _profile(text) == _reference(text), hex(cp)


def test_gb2312_round_trip_is_exact_outside_level_1() -> None:
    # _profile decodes the pairs it did not settle: the decode must give back the very
    # character that was encoded, or a symbol would be scored as another one.
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        try:
            data = ch.encode("gb2312")
        except UnicodeError:
            continue
        assert data.decode("gb2312") == ch, hex(cp)


def _mixed_text(rng: random.Random, size: int) -> str:
    pools = [
        "关于做好全省教育工作的通知各市州人民政府省直有关单位",
        "們這個時間點還沒有發佈通知書鄉鎮學校",  # Traditional: outside GB 2312
        "，。、；：“”（）〔〕【】《》①②③…—·",
        "ＡＢＣ１２３ꎬꎮꎻ\u3000\ue000ｱｲ가나다",
        "abc 123\n\t-_.,",
        "乾镕堃喆丨丿乂亍",
    ]
    return "".join(rng.choice(rng.choice(pools)) for _ in range(size))


def test_random_mixed_texts_score_as_the_reference() -> None:
    rng = random.Random(20261123)
    for _ in range(3000):
        text = _mixed_text(rng, rng.randint(0, 400))
        assert _profile(text) == _reference(text), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_scores_as_the_reference(text: str) -> None:
    assert _profile(text) == _reference(text)


def test_long_text_scores_only_the_prefix() -> None:
    text = "关于做好工作的通知。" * 3000 + "們們們" * 5000
    assert _profile(text) == _reference(text)

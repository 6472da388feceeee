"""Stage structure: the contact block is read only when one search finds 联系 (a regex
search of the literal, faster than the two-character ``in`` it replaces): it must say
what ``"联系" in text`` says."""

from __future__ import annotations

import random

from conftest import corpus_pass_inputs, generated_circulars
from docclean.stages import structure


def test_contact_word_search_is_the_in_test() -> None:
    rng = random.Random(3)
    pieces = ["联", "系", "联系", "人", "电话：", "\n", " ", "（", "）", "抄送：", "a", "0"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12))) for _ in range(3000)]
    texts += list(generated_circulars()) + corpus_pass_inputs()["structure.read_structure"]
    for text in texts:
        assert (structure._CONTACT_WORD.search(text) is not None) == ("联系" in text), repr(text)

"""patterns.only_ascii_spaces, the proof spacing and tidy_spaces make that a text holds no
space but the ASCII one: first, that it is printable once its line breaks are spaces. That
holds because every other space is unprintable."""

from __future__ import annotations

from docclean.options import Options
from docclean.patterns import HSPACE_CHARS, OTHER_HSPACES, only_ascii_spaces
from docclean.pipeline import Context
from docclean.stages.tidy import tidy_spaces
from test_tidy_speed import old_tidy_spaces


def test_every_other_space_is_unprintable() -> None:
    assert set(OTHER_HSPACES) == HSPACE_CHARS - {" "}
    assert not any(ch.isprintable() for ch in OTHER_HSPACES)


def test_only_ascii_spaces_is_no_other_space_in_the_text() -> None:
    for extra in ["", " ", "\n", "\r", "\ufeff", "\x85", "\u2028", "a", *OTHER_HSPACES]:
        text = "文字 a\n" + extra + "b"
        assert only_ascii_spaces(text) == (extra not in OTHER_HSPACES), repr(extra)


def test_long_texts_with_one_other_space_or_none() -> None:
    ctx = Context(Options())
    body = "文字 a  b \n" * 60  # past the proof's minimum length
    for extra in ["", " ", "\n", "\r", "\ufeff", "\x85", "\u2028", *OTHER_HSPACES]:
        for at in (0, 5, len(body) - 1, len(body)):
            text = body[:at] + extra + extra + body[at:]
            assert tidy_spaces(text, ctx) == old_tidy_spaces(text), repr(text)

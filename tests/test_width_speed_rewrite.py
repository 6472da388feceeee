"""Stage width: when only counts are kept, both passes hand back their output text and
number of changes (``Rewrite``): they must be what the old passes' edits give
(``apply_edits_counted``); and the full-width run found from one range is the run of
the plain class."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs
from docclean.changes import Edit, Rewrite, apply_edits_counted
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import width
from test_width_speed import _OLD_FULLWIDTH_RUN, PIECES, _texts, old_to_ascii, old_to_fullwidth

# The full-width block around the digits and letters, and what sits next to them.
CHARS = st.one_of(
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFF65),
    st.sampled_from("通知单位年3aZ .,:()%-+\n（），：％－＋．／"),
)


@settings(max_examples=400, deadline=None)
@given(st.text(CHARS, max_size=30))
def test_fullwidth_run_from_one_range_is_the_plain_class_run(text: str) -> None:
    assert [m.span() for m in width._FULLWIDTH_RUN.finditer(text)] == [
        m.span() for m in _OLD_FULLWIDTH_RUN.finditer(text)
    ]


def _counts_only(pass_fn, text: str) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    ctx = Context(Options(), keep_log=False)
    result = pass_fn(text, ctx)
    if isinstance(result, Rewrite):
        return result.text, result.changes
    return apply_edits_counted(text, result)[:2]


def _from_edits(text: str, edits: list[Edit]) -> tuple[str, int]:
    new_text, count, duplicates = apply_edits_counted(text, edits)
    assert duplicates == 0
    return new_text, count


def _check(text: str) -> None:
    assert _counts_only(width.to_ascii, text) == _from_edits(text, old_to_ascii(text)), repr(text)
    assert _counts_only(width.to_fullwidth, text) == _from_edits(text, old_to_fullwidth(text)), repr(text)


def test_rewrites_are_what_the_old_edits_give() -> None:
    for text in _texts():
        _check(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(CHARS, max_size=30), st.lists(st.sampled_from(PIECES), max_size=16).map("".join)))
def test_rewrites_on_generated_text(text: str) -> None:
    _check(text)


def test_rewrite_taken_without_number_symbols() -> None:
    ctx = Context(Options(), keep_log=False)
    assert width.to_ascii("２０２６年Ａ类", ctx) == Rewrite("2026年A类", 2)
    assert isinstance(width.to_ascii("５．５", ctx), list)  # a symbol to judge: edits
    assert width.to_fullwidth("单位:( 一)", ctx) == Rewrite("单位：（一）", 3)


def test_rewrites_on_generated_corpus_inputs() -> None:
    inputs = corpus_pass_inputs()
    for name, old in (("to_ascii", old_to_ascii), ("to_fullwidth", old_to_fullwidth)):
        assert inputs[f"width.{name}"]
        for text in inputs[f"width.{name}"]:
            assert _counts_only(getattr(width, name), text) == _from_edits(text, old(text))


URL_PIECES = ["http://a.cn/x", "www.gov.cn", "x@y.cn", "://", "/", "w", "ww.", "@", ".", "\n", " ", "通知", "a"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(URL_PIECES), max_size=12).map("".join))
def test_url_matches_are_the_whole_text_scan(text: str) -> None:
    """The scan of the lines holding a marker (looked for only when the character paired
    with it is there) finds what a scan of the whole text finds."""
    from docclean.patterns import URL_EMAIL_RE

    assert [m.span() for m in width._url_matches(text)] == [m.span() for m in URL_EMAIL_RE.finditer(text)]

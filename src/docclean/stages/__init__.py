"""The stage registry: every stage in its canonical order.

The registry is data so that ``docclean stages`` and option validation never import
the stage modules (and their heavy dependencies). Each stage module exposes
``PASSES``: the functions ``(text, ctx) -> list[Edit]`` that make up the stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module

from ..pipeline import PassFn


@dataclass(frozen=True)
class StageSpec:
    name: str
    description: str
    default: bool = True

    @cached_property
    def passes(self) -> Sequence[PassFn]:
        return import_module(f"{__name__}.{self.name}").PASSES


REGISTRY: tuple[StageSpec, ...] = (
    StageSpec("encoding", "Drop the byte-order mark and turn CRLF/CR line ends into LF."),
    StageSpec("mojibake", "Repair UTF-8 text that was once decoded as GBK (鍙戝竷 → 发布)."),
    StageSpec(
        "convert",
        "Convert Traditional/Simplified with OpenCC, guarding names (off unless --convert).",
        default=False,
    ),
    StageSpec("glyphs", "Restore font-mapped PDF punctuation (ꎬ → ，, ꎮ → 。, «» → 《》)."),
    StageSpec("pages", "Remove page numbers, running headers and form feeds; record the page structure."),
    StageSpec("width", "Full-width digits/Latin to ASCII; half-width punctuation to full-width in Chinese."),
    StageSpec("spacing", "Remove OCR spaces between CJK characters and between CJK and digits/Latin."),
    StageSpec(
        "header", "Rebuild letter-spaced and joint-issuance headers, the mark and the document number."
    ),
    StageSpec(
        "reflow", "Join hard-wrapped lines into paragraphs; keep header, title, signature and cc apart."
    ),
    StageSpec("dedup", "Remove repeated sentence runs and renumbered repeated items inside a document."),
    StageSpec("tidy", "Collapse runs of spaces, strip trailing spaces, keep at most one blank line."),
    StageSpec("structure", "Read the GB/T 9704 structure (title, date, addressees, cc, ...) into metadata."),
)

BY_NAME = {spec.name: spec for spec in REGISTRY}


class UnknownStage(ValueError):
    pass


def select(
    stages: Sequence[str] | None = None, skip: Sequence[str] = (), extra: Sequence[str] = ()
) -> list[StageSpec]:
    """The stages to run, in canonical order.

    ``stages`` names the exact set (None: the defaults); ``skip`` removes names;
    ``extra`` adds opt-in stages (``convert`` when a conversion is asked for).
    """
    for name in [*(stages or ()), *skip, *extra]:
        if name not in BY_NAME:
            known = ", ".join(BY_NAME)
            raise UnknownStage(f"unknown stage {name!r} (known: {known})")
    wanted = set(stages) if stages is not None else {s.name for s in REGISTRY if s.default}
    wanted |= set(extra)
    wanted -= set(skip)
    return [spec for spec in REGISTRY if spec.name in wanted]

"""Stage ``convert`` (opt-in): Traditional ↔ Simplified Chinese with OpenCC, guarded.

An archive keeps the script a document was written in, so this stage runs only when
asked (``--convert t2s``; any OpenCC configuration name: ``t2s``, ``s2t``, ``tw2s``,
``hk2s``, ``s2tw``, ``s2twp``, ``tw2sp``, ...). Two guards keep it from doing damage:

* OpenCC ``t2s`` run on text that is already Simplified corrupts names:
  ``松原市乾安县`` becomes ``松原市干安县``. A conversion towards Simplified therefore
  runs only on text that a character-ratio test finds Traditional (and one towards
  Traditional only on text that is not already Traditional). The test is made per
  paragraph, so a Simplified paragraph of a Traditional document keeps its script;
  a paragraph with too few telling characters follows the document. What is kept is
  flagged.
* Place and agency names in ``data/protected_names.txt`` (plus the user's files,
  ``--protect FILE``) are never converted.

Every change is recorded: for length-preserving configurations character by
character, for phrase configurations (``tw2sp``: ``記憶體`` → ``内存``) per differing
segment of a character alignment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..changes import Edit
from ..datafiles import data_lines
from ..pipeline import Context

# Configurations whose input is Traditional (the guard wants Traditional text) and whose
# input is Simplified (the guard refuses text that is already Traditional).
FROM_TRADITIONAL = {"t2s", "tw2s", "hk2s", "tw2sp", "t2tw", "t2hk", "tw2t", "hk2t", "t2jp"}
FROM_SIMPLIFIED = {"s2t", "s2tw", "s2hk", "s2twp"}
# A document is Traditional when at least this share of its script-specific characters
# is Traditional-only, and there are at least MIN_EVIDENCE of them.
TRADITIONAL_RATIO = 0.6
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；\n]*|[。！？；\n]+")
MIN_EVIDENCE = 2


class ConvertError(ValueError):
    """An OpenCC configuration name that does not exist."""


@lru_cache(maxsize=16)
def _converter(config: str) -> Any:
    import opencc  # heavy: only when a conversion is asked for

    name = config.removesuffix(".json")
    try:
        return opencc.OpenCC(name)
    except RuntimeError as exc:  # OpenCC's way of saying "no such configuration"
        raise ConvertError(f"unknown OpenCC conversion {config!r} (e.g. t2s, s2t, tw2s, hk2s, s2tw)") from exc


def check_config(config: str) -> None:
    """Raise :class:`ConvertError` unless OpenCC knows the configuration ``config``."""
    _converter(config)


def _safe_convert(config: str, text: str) -> str:
    # Lone surrogates make OpenCC raise; convert around them.
    try:
        return _converter(config).convert(text)
    except UnicodeEncodeError:
        parts = re.split("([\ud800-\udfff])", text)
        return "".join(
            p if len(p) == 1 and "\ud800" <= p <= "\udfff" else _converter(config).convert(p) for p in parts
        )


def _verdict(trad: int, simp: int) -> str:
    total = trad + simp
    if trad >= MIN_EVIDENCE and trad / total >= TRADITIONAL_RATIO:
        return "traditional"
    if simp >= MIN_EVIDENCE and simp / total >= TRADITIONAL_RATIO:
        return "simplified"
    return "unknown"


def _marks(text: str) -> tuple[list[bool], list[bool]]:
    """Per character: is it Traditional-only (``t2s`` changes it), Simplified-only
    (``s2t`` changes it)? Both configurations keep the length, so positions line up."""
    t2s, s2t = _safe_convert("t2s", text), _safe_convert("s2t", text)
    trad = [a != b for a, b in zip(text, t2s, strict=False)] if len(t2s) == len(text) else [False] * len(text)
    simp = [a != b for a, b in zip(text, s2t, strict=False)] if len(s2t) == len(text) else [False] * len(text)
    return trad, simp


def script_counts(text: str) -> dict[str, Any]:
    """Count Traditional-only and Simplified-only characters of ``text`` and give the
    verdict: ``traditional``, ``simplified``, or ``unknown`` (too little evidence)."""
    trad, simp = _marks(text)
    t, s = sum(trad), sum(simp)
    return {"script": _verdict(t, s), "traditional_chars": t, "simplified_chars": s}


def detect_script(text: str) -> str:
    """``traditional``, ``simplified`` or ``unknown`` (too few script-specific characters)."""
    return script_counts(text)["script"]


@lru_cache(maxsize=8)
def _load_names(paths: tuple[str, ...]) -> tuple[str, ...]:
    texts = ["\n".join(data_lines("protected_names.txt"))]
    texts += [Path(p).read_text(encoding="utf-8-sig") for p in paths]
    names = {
        line.strip()
        for text in texts
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    }
    return tuple(sorted(names, key=len, reverse=True))


def protected_names(extra: Sequence[Path | str] = ()) -> tuple[str, ...]:
    """The shipped protected names plus those in the user's files, longest first."""
    return _load_names(tuple(str(p) for p in extra))


def _protected_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    names = list(names)
    if not names:
        return []
    rx = re.compile("|".join(re.escape(n) for n in names))
    return [(m.start(), m.end()) for m in rx.finditer(text)]


def _diff_edits(before: str, after: str, offset: int, reason: str, config: str) -> list[Edit]:
    """Edits turning ``before`` into ``after``, one per differing segment."""
    edits: list[Edit] = []
    detail = {"config": config}
    if len(before) == len(after):
        i, n = 0, len(before)
        while i < n:
            if before[i] == after[i]:
                i += 1
                continue
            j = i
            while j < n and before[j] != after[j]:
                j += 1
            edits.append(Edit(offset + i, offset + j, after[i:j], "convert", reason, detail))
            i = j
        return edits
    # Phrase conversions change length (記憶體 → 内存): convert sentence by sentence and
    # align each pair, so the matcher stays small whatever the document's size. OpenCC's
    # phrases never span a sentence end or a line break, so the result is the same.
    from rapidfuzz.distance import Levenshtein  # C alignment; difflib is 20x slower here

    pos = 0
    for piece in _SENTENCE.findall(before):
        converted = _safe_convert(config, piece)
        if converted != piece:
            # Adjacent non-equal operations make one change: 記憶體 → 内存, not 記→内 + 憶體→存.
            run: list[int] | None = None
            for op in [*Levenshtein.opcodes(piece, converted), None]:
                if op is not None and op.tag != "equal":
                    if run is None:
                        run = [op.src_start, op.src_end, op.dest_start, op.dest_end]
                    else:
                        run[1], run[3] = op.src_end, op.dest_end
                    continue
                if run is not None:
                    a0, a1, b0, b1 = run
                    start = offset + pos + a0
                    edits.append(Edit(start, offset + pos + a1, converted[b0:b1], "convert", reason, detail))
                    run = None
        pos += len(piece)
    return edits


def _wanted(config: str, line_script: str, doc_script: str) -> bool:
    """Whether a paragraph in ``line_script`` may be converted with ``config``; a paragraph
    with too little evidence of its own follows the document."""
    script = doc_script if line_script == "unknown" else line_script
    if config in FROM_TRADITIONAL:
        return script == "traditional"
    if config in FROM_SIMPLIFIED:
        return script != "traditional"
    return True


def convert(text: str, ctx: Context) -> list[Edit]:
    config = (ctx.options.convert or "").removesuffix(".json")
    if not config:
        return []
    _converter(config)  # fail early on an unknown name
    trad, simp = _marks(text)
    counts = {"traditional_chars": sum(trad), "simplified_chars": sum(simp)}
    doc_script = _verdict(*counts.values())
    meta: dict[str, Any] = {"script": doc_script, **counts, "convert": config}
    ctx.metadata["script"] = meta
    # Decide paragraph by paragraph: a Simplified paragraph of a Traditional document
    # (or the other way round) keeps its script.
    spans: list[tuple[int, int]] = []
    skipped: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        line_script = _verdict(sum(trad[pos:end]), sum(simp[pos:end]))
        target = spans if _wanted(config, line_script, doc_script) else skipped
        if target and target[-1][1] == pos:
            target[-1] = (target[-1][0], end)
        else:
            target.append((pos, end))
        pos = end
    skipped_chars = [(a, b) for a, b in skipped if any(trad[a:b]) or any(simp[a:b])]
    if skipped_chars:
        a, b = skipped_chars[0]
        want = "Traditional" if config in FROM_TRADITIONAL else "Simplified"
        ctx.flag(
            "convert-skipped",
            f"--convert {config} asked, but {len(skipped_chars)} stretch(es) of the text are not "
            f"{want} (document: {doc_script}); left unconverted",
            a,
            b,
            detail=counts | {"stretches": len(skipped_chars)},
        )
    reason = f"OpenCC {config}"
    edits: list[Edit] = []
    names = protected_names(ctx.options.protected_names)
    protected = 0
    for span_start, span_end in spans:
        cursor = span_start
        chunk = text[span_start:span_end]
        hits = [(a + span_start, b + span_start) for a, b in _protected_spans(chunk, names)]
        protected += len(hits)
        for start, end in [*hits, (span_end, span_end)]:
            if start > cursor:
                segment = text[cursor:start]
                edits += _diff_edits(segment, _safe_convert(config, segment), cursor, reason, config)
            cursor = end
    meta["converted"] = bool(edits)
    meta["protected"] = protected
    return edits


PASSES = (convert,)

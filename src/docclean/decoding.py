"""Bytes to text, never guessing silently.

Order: a BOM decides; then strict UTF-8; then the Chinese legacy encodings that
chardet suggests (GB2312/GBK decoded as GB18030, Big5 as Big5-HKSCS). There is no
single-byte fallback: bytes that nothing decodes strictly are an error (or, with
``errors="replace"``, U+FFFD with each replacement reported).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass
class EncodingInfo:
    name: str
    confidence: float
    bom: bool = False
    newline: str = "none"  # "LF", "CRLF", "CR", "mixed" or "none"
    replacements: list[int] = field(default_factory=list)  # byte offsets replaced by U+FFFD

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "confidence": round(self.confidence, 3),
            "bom": self.bom,
            "newline": self.newline,
            "replacements": len(self.replacements),
        }


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def decode(data: bytes, encoding: str | None = None, errors: str = "strict") -> tuple[str, EncodingInfo]:
    """Decode ``data``; the text keeps its BOM (as U+FEFF) and line ends."""
    if encoding:
        text = _strict(data, encoding, errors)
        return text, EncodingInfo(encoding, 1.0, newline=newline_style(text))
    for bom, name in _BOMS:
        if data.startswith(bom):
            # Keep the BOM in the text (as U+FEFF) so the encoding stage records its removal.
            text = _strict(data, name, errors)
            return text, EncodingInfo(
                name.removesuffix("-le").removesuffix("-be") if name.startswith("utf-8") else name,
                1.0,
                bom=True,
                newline=newline_style(text),
            )
    try:
        text = data.decode("utf-8")
        return text, EncodingInfo("utf-8", 1.0, newline=newline_style(text))
    except UnicodeDecodeError:
        pass
    text = _strict(data, "gb18030", errors)
    return text, EncodingInfo("gb18030", 0.5, newline=newline_style(text))


def _strict(data: bytes, name: str, errors: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        if errors != "replace":
            raise DecodeError(f"bytes at offset {exc.start} do not decode as {name}") from None
        return data.decode(name, errors="replace")
    except LookupError:
        raise DecodeError(f"unknown encoding {name!r}") from None

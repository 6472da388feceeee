"""Character classes and patterns shared by the stages: one place, as data.

Stages import from here instead of writing their own CJK ranges or numbering
regexes, so "what counts as Chinese" means the same thing everywhere.
"""

from __future__ import annotations

import re

# CJK ideographs (URO + Ext A + compatibility) and the CJK punctuation blocks.
CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
CJK = f"[{CJK_CHARS}]"
CJK_OR_PUNCT = f"[{CJK_CHARS}{CJK_PUNCT}]"
CJK_RE = re.compile(CJK)

# Sentence ends in Chinese text (the 。of a sentence, not the . of 2.5%).
SENTENCE_END = "。！？；"
CLOSING_QUOTES = "”’」』）】》"

# Outline numbering of GB/T 9704 bodies: 一、 （一） 1. （1） 第一条.
CN_DIGITS = "〇零一二三四五六七八九十百千两"
OUTLINE_RE = re.compile(
    rf"^\s*(?:"
    rf"(?P<l1>[{CN_DIGITS}]+、)"
    rf"|(?P<l2>[（(]\s*[{CN_DIGITS}]+\s*[)）])"
    rf"|(?P<l3>\d{{1,3}}[.．、](?!\d))"
    rf"|(?P<l4>[（(]\s*\d{{1,3}}\s*[)）])"
    rf"|(?P<article>第[{CN_DIGITS}]+条)"
    rf")"
)

# Document number (发文字号): 湘教发〔2022〕7号, with the bracket variants OCR produces.
DOC_NUMBER_RE = re.compile(
    rf"(?P<prefix>{CJK}{{1,12}}?)\s*[〔\[【(（［]\s*(?P<year>(?:19|20)\d\d)\s*[〕\]】)）］]\s*(?P<num>\d{{1,5}})\s*号"
)

# A line ending in these introduces body text (现将有关事项通知如下：), never an addressee line.
LEAD_INS = ("如下：", "如下:", "以下：", "以下:")

# 成文日期: 2023年 6月 5日, or Chinese numerals 二〇二二年四月一日.
DATE_RE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
CN_DATE_RE = re.compile(
    rf"(?P<y>[〇零一二三四五六七八九]{{4}})年(?P<m>[{CN_DIGITS}]{{1,3}})月(?P<d>[{CN_DIGITS}]{{1,3}})日"
)

# The characters ``\s`` matches (what str.isspace() is true for), written out: a class of
# literals is one table lookup a character, where ``[^\S\n]`` negates a category test.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
# Every space but the line break, as the body of a character class.
SPACES_BUT_LF = re.escape(WHITESPACE.replace("\n", ""))

# Horizontal white space a line can carry (not newlines): ASCII, tab, no-break, the
# typographic spaces and the ideographic space U+3000.
HSPACE = " \t\u00a0\u2000-\u200a\u202f\u205f\u3000"
HSPACE_RE = re.compile(f"[{HSPACE}]+")
HSPACE_CHARS = frozenset(" \t\u00a0\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
# The same less the ASCII space, likeliest first. Most texts hold none of them (see
# only_ascii_spaces); then a pattern can open with a literal space, which re searches for
# ~10x faster than for a class.
OTHER_HSPACES = tuple(sorted(HSPACE_CHARS - {" "}, key=lambda ch: (ch not in "\u3000\t\u00a0", ch)))


def only_ascii_spaces(text: str) -> bool:
    """Whether ``text`` holds no horizontal space but the ASCII one (none of OTHER_HSPACES).

    Every other space is unprintable, so a text printable but for its line breaks has
    none: one pass in C. Else one search for each (U+3000 and U+2000 have a low byte of
    0, which CPython cannot memchr for: those two scan in a plain loop).
    """
    return text.replace("\n", " ").isprintable() or not any(map(text.__contains__, OTHER_HSPACES))


# Full-width forms of ASCII digits and letters (２０２２, ＳＴＥＭ) and their offset to ASCII.
FULLWIDTH_ALNUM = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
FULLWIDTH_OFFSET = 0xFEE0
# Chinese punctuation by role: spaces after an opening mark or before a closing one are
# never meaningful. Curly quotes are shared with Latin text, so they are not listed.
CJK_OPENING = "（《〈「『【〔〖〘［｛｟"
CJK_CLOSING = "）》〉」』】〕〗〙］｝｠"
CJK_MIDDLE = "，。、；：？！…·～"
# Punctuation and symbols common in circulars, for judging whether decoded bytes look
# like Chinese (decoding, mojibake). The rest of the CJK Symbols block (〞〝〡...) turns up
# mostly when Big5 is read as GBK or the reverse, so it is not listed.
COMMON_CJK_PUNCT = "\u3000、。〃々〇〈〉《》「」『』【】〔〕〖〗〜"
COMMON_SYMBOLS = "—–…“”‘’·•×÷±°℃‰§№→●○■□★☆△▲◆◇①②③④⑤⑥⑦⑧⑨⑩ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ￥"
# Yi syllables: PDF font artifacts in Chinese text (ꎬ for ，), repaired by ``glyphs``.
YI_SYLLABLES = "\ua000-\ua4cf"
# URLs and e-mail addresses: never touched by punctuation or spacing rules.
URL_EMAIL_RE = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)


def char_ranges(chars: str) -> tuple[tuple[str, str], ...]:
    """The (first, last) pairs of a character-class body of plain characters and ``a-b`` ranges.

    For single-character tests that can do without a compiled class: compiling a class of
    the ~28,000 CJK characters costs a millisecond or two, once per process and pattern.
    """
    ranges: list[tuple[str, str]] = []
    i = 0
    while i < len(chars):
        if i + 2 < len(chars) and chars[i + 1] == "-":
            ranges.append((chars[i], chars[i + 2]))
            i += 3
        else:
            ranges.append((chars[i], chars[i]))
            i += 1
    return tuple(ranges)

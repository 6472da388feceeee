"""Stage `header`: rebuild the red header (版头) of a circular that OCR tore apart.

GB/T 9704-2012 sets the issuing-authority mark (发文机关标志) as large red type:
one agency name per line, the word 文件 once to the right of the stack in a joint
document (联合行文), then the document number (发文字号) and the title. OCR and PDF
extraction break that block in a few recurring ways::

    湖南 省 教 育 厅                 letter-spaced names (the type is spaced out)
    湖南 省 财 政 厅 文件            the mark glued to the middle line of the stack
    省教育厅 / 发展和改革委员会 ...   a shared prefix typeset once, spanning the stack,
    湖南 / 湖南省发 / ...             comes out as fragment lines overlapping each name
    湘教发〔 2022 〕7 号              stray spaces, [ ] or ( ) for the 六角括号 〔〕
    湘教发〔202 / 2〕7号              the number broken over two lines (joined)
    对省政协十三届一次会议 / 第0400号提案的答复   a title wrapped over lines

The stage rebuilds every full name from the lexicon (:mod:`docclean.lexicon`),
attaching fragment *i* to name line *i* with an overlap of 0, 1 or 2 characters
(``湖南省发`` + ``发展和改革委员会`` → ``湖南省发展和改革委员会``), and lays the block out
as: one agency name per line, the mark on its own line, the document number, the
title on one line. When the pieces do not add up (more fragments than names, a name
the lexicon does not know) it keeps the text and flags it for review. It writes
``ctx.metadata["header"] = {"issuers", "mark", "doc_number", "title", "resolved"}``;
the ``structure`` stage builds the document's metadata on it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter

from ..changes import Edit, Rewrite, _pieces_in_order, _span_key
from ..lexicon import MEMO_LIMIT, Lexicon, all_cjk, data_words, load_lexicon
from ..patterns import CJK_CHARS, CJK_PUNCT, HSPACE_RE, char_ranges, only_ascii_spaces
from ..pipeline import Context

STAGE = "header"
# Whitespace is Python's (str.isspace): ASCII spaces and tabs, U+3000, U+00A0, ... The
# squeezed text, the character positions and the space runs must agree on it.
WS = " \t\u3000\u00a0"  # the common ones, for stripping values
SPACES = HSPACE_RE  # not \s: that also matches U+0085 and other controls, which are text


def squeeze(s: str) -> str:
    """``s`` without any whitespace (str.split() knows U+3000 and U+00A0 too)."""
    return "".join(s.split())


_OPEN = "〔[【(（［〖{"  # (none of them a CJK character)
_CLOSE = "〕]】)）］〗}"
# A document number once spaces are squeezed out: 湘教发〔2022〕7号, 川办规〔２０２５〕６号.
# The prefix is 1-12 CJK characters: the pattern takes what precedes the first bracket and
# match_doc_number checks it is CJK (a regex CJK class takes milliseconds to compile).
_DOC_NUMBER_SHAPE = re.compile(
    rf"(?P<prefix>[^{re.escape(_OPEN)}]{{1,12}})(?P<open>[{re.escape(_OPEN)}])"
    rf"(?P<year>(?:19|20|１９|２０)\d\d)(?P<close>[{re.escape(_CLOSE)}])(?P<num>\d{{1,5}})号"
    # 上行文 carry the signer on the same line: 湘教〔2023〕5号　签发人：张三
    rf"(?P<signer>签发人[：:].{{1,20}})?"
)


def match_doc_number(s: str) -> re.Match[str] | None:
    """The whole of ``s`` as a document number (groups prefix, open, year, close, num, signer)."""
    if "号" not in s:
        return None  # (most lines: cheaper than the pattern)
    m = _DOC_NUMBER_SHAPE.fullmatch(s)
    # An issuer's abbreviation never opens with 号: ``号湘教发〔2022〕7号`` is the end of
    # one number and another (a number printed twice, torn), not a number.
    return m if m is not None and all_cjk(m["prefix"]) and m["prefix"][0] != "号" else None


# Pieces of a document number torn apart by a PDF extractor (川办规〔 / 号 / 〕 / ６ / ２０２５).
# The longest pieces of a torn document number: an issuer's abbreviation with its opening
# bracket (川办规〔), and a number (a bracket, 号 and a year are shorter).
TORN_OPEN_MAX = 13
TORN_PIECE_MAX = 5


def is_torn_open(s: str) -> bool:
    """``川办规〔``: 1-12 CJK characters and an opening bracket, all of ``s``."""
    return 2 <= len(s) <= TORN_OPEN_MAX and s[-1] in _OPEN and all_cjk(s[:-1])


def _split_number(lines: list[Line], i: int, top: range) -> tuple[re.Match[str], int] | None:
    """A document number broken over two lines inside its brackets (湘教发〔202 / 2〕7号):
    the match of the whole and the index of the line it ends on; None if there is none.

    ``lines[i]`` ends in an opening bracket and at most three digits of the year, and the
    next content line in ``top`` completes the number. A PDF extractor or a hard wrap
    breaks a number so; read whole, it gets the same repairs as a number on one line.
    (Pieces that do not join into a number, such as 川办规〔 / 号 / 〕, stay torn.)
    """
    s = lines[i].squeezed
    if not s or not (s[-1] in _OPEN or s[-1].isdigit()) or _SPLIT_HEAD.search(s) is None:
        return None
    j = _next_content(lines, i + 1, top)
    if j == top.stop:
        return None
    m = match_doc_number(s + lines[j].squeezed)
    return (m, j) if m is not None else None


def _next_content(lines: list[Line], j: int, top: range) -> int:
    """The index of the first content line from ``lines[j]`` on in ``top`` (``top.stop``: none)."""
    while j < top.stop and lines[j].blank:
        j += 1
    return j


_SPLIT_HEAD = re.compile(rf"[{re.escape(_OPEN)}]\d{{0,3}}\Z")


TORN_PIECE = re.compile(rf"[{re.escape(_OPEN + _CLOSE)}]|号|\d{{1,{TORN_PIECE_MAX}}}")
REG_CODE = re.compile(r"[A-Z]{2,6}\d{0,4}-\d{4}-\d{3,6}")
PAGE_MARK = re.compile(r"[-—－–]+\s*\d{1,4}\s*[-—－–]+")
ADDRESSEE_END = ("：", ":")
MAX_TOP_LINES = 60
# A title's characters over all its lines (five lines of the usual ~30-character wrap).
# Counted in characters, not lines: reflow joins lines, and a second run must read the
# same title (lines cut at 6 characters or at 30 hold the same title).
MAX_TITLE_CHARS = 150
MAX_TITLE_LINE = 60
# How a title's last line may start when the line before already ended like a title
# (关于印发XX实施方案 / 的通知, ...工作规划 / （2023—2025年）的通知).
TITLE_TAIL_STARTS = ("的", "》", "（", "(", "”", "暨", "和", "及")
TITLE_TAIL_MAX = 24
MAX_OVERLAP = 4
# Characters (spaces aside) of the lines above a document number read as an unknown header:
# counted in characters, not lines, since reflow may join those lines and a second run must
# read the same header (three lines of a name and its mark, ~20 each).
UNKNOWN_HEADER_CHARS = 60


class Line:
    """One line of the pass input. Compared by identity: lines differ by position anyway.

    (split_lines makes its Lines without calling __init__: keep the two alike.)
    """

    __slots__ = ("blank", "end", "squeezed", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start  # offset of the line's first character in the pass input
        self.end = end  # offset of its "\n" (or the end of the text)
        self.text = text
        # The line without whitespace (squeeze), read many times: a plain attribute.
        self.squeezed: str = "".join(text.split())
        # Nothing but whitespace: what squeeze() leaves empty.
        self.blank = not self.squeezed

    def __repr__(self) -> str:
        return f"Line({self.start}, {self.end}, {self.text!r})"

    def char_positions(self) -> list[int]:
        """Offsets (in the pass input) of the line's non-space characters."""
        if len(self.squeezed) == len(self.text):  # no space at all (squeeze drops isspace)
            return list(range(self.start, self.start + len(self.text)))
        return [self.start + i for i, c in enumerate(self.text) if not c.isspace()]


class _Rest(Line):
    """The rest of the text after the lines split_lines was asked for, as one Line: it is
    long and hardly ever read, so it is squeezed only if asked."""

    __slots__ = ("_squeezed",)

    def __init__(self, start: int, end: int, text: str) -> None:  # (no super(): lazy)
        self.start, self.end, self.text = start, end, text
        self.blank = not text or text.isspace()
        self._squeezed: str | None = None

    @property  # type: ignore[override]  # (shadows Line's slot: computed when first read)
    def squeezed(self) -> str:
        if self._squeezed is None:
            self._squeezed = squeeze(self.text)
        return self._squeezed


def split_lines(text: str, limit: int = -1) -> list[Line]:
    """The lines of ``text``; with ``limit``, the first ``limit`` lines and then the rest as one."""
    lines: list[Line] = []
    pos = 0
    parts = text.split("\n", limit)
    rest = parts.pop() if 0 <= limit < len(parts) else None
    new = object.__new__
    for raw in parts:
        # Line(pos, end, raw) without the call of Line.__init__ (a dozen lines per pass: the
        # call costs more than the five stores; the fields are the same, see the tests).
        line = new(Line)
        line.start = pos
        line.end = pos = pos + len(raw)
        line.text = raw
        # (Most lines are empty or hold no space: isprintable is False for every space but " ".)
        line.squeezed = squeezed = raw if raw.isprintable() and " " not in raw else "".join(raw.split())
        line.blank = not squeezed
        lines.append(line)
        pos += 1
    if rest is not None:
        lines.append(_Rest(pos, pos + len(rest), rest))
    return lines


class HeaderLine:
    """A line of the header stack: names (maybe none yet), a tail lacking its prefix, a mark.

    Compared by identity: each wraps its own line. (A plain class with slots: one is made
    for every line the stack reader looks at, and a dataclass's __init__ costs more.)
    """

    __slots__ = ("at", "kind", "line", "mark", "names", "note", "prefix", "squeezed", "tail")

    def __init__(
        self,
        line: Line,
        kind: str,  # "names", "tail", "mark", "fragment"
        names: list[str] | None = None,
        tail: str = "",
        mark: str = "",  # a mark glued to the end of the line
        squeezed: str = "",
    ) -> None:
        self.line = line
        self.kind = kind
        self.names = [] if names is None else names
        self.tail = tail
        self.mark = mark
        self.squeezed = squeezed
        self.at = -1  # the line's index in split_lines' list (set by the stack reader)
        # Set when a fragment is joined to this line: the text restored in front and why
        # (on a fragment: the note of its removal).
        self.prefix = ""
        self.note = ""

    def __repr__(self) -> str:
        return f"HeaderLine({self.line!r}, {self.kind!r}, names={self.names!r}, mark={self.mark!r})"


# ----------------------------------------------------------------------------- helpers


def segment_names(s: str, lex: Lexicon) -> list[str] | None:
    """Split ``s`` into whole agency names (``教育部国家发展改革委财政部`` → three names).

    The fewest pieces win; two different splits with as few pieces are ambiguous: None.
    (:meth:`Lexicon.segment`, memoised on the lexicon; a fresh list for the caller.)
    """
    found = lex.segment(s)
    return list(found) if found else None


def split_mark(s: str) -> tuple[str, str]:
    for mark in data_words("marks.txt"):
        if s.endswith(mark) and len(s) > len(mark):
            return s[: -len(mark)], mark
    return s, ""


def is_fragment(s: str, lex: Lexicon) -> bool:
    """A short line that can only be the start of a name: a region, party or national prefix
    maybe followed by a character or two (湖南, 湖南省发, 中共湖南)."""
    if len(s) > 10 or not all_cjk(s):
        return False
    if lex.region_at(s) or lex.region_of_short(s[:2]) or lex.region_of_short(s[:3]):
        return True
    return s.startswith(lex.party_prefixes) or s.startswith(lex.national_prefixes)


def join_with_overlap(fragment: str, tail: str, lex: Lexicon) -> tuple[str, int] | None:
    """``湖南省发`` + ``发展和改革委员会`` → (``湖南省发展和改革委员会``, 1).

    The fragment is a prefix of the name and the line a suffix, so the longest overlap that
    gives a known name wins (OCR leaves 0–2 characters; up to MAX_OVERLAP are tried).
    (Remembered per lexicon: joint headers of the same agencies recur.)
    """
    joins = (_MEMO if _MEMO.lex is lex else _fresh_memo(lex)).joins
    key = (fragment, tail)
    try:
        return joins[key]
    except KeyError:
        pass
    if len(joins) > MEMO_LIMIT:
        joins.clear()
    found = None
    for k in range(MAX_OVERLAP, -1, -1):
        if k > len(fragment) or k > len(tail) or fragment[len(fragment) - k :] != tail[:k]:
            continue
        name = fragment + tail[k:]
        if lex.is_agency_name(name):
            found = name, k
            break
    joins[key] = found
    return found


_TRAILING_NOTE = re.compile(r"[（(][^（()）]{1,12}[)）]$")  # （试行）, (2023年修订)


@lru_cache(maxsize=4096)  # pure; asked again for the same joined title lines
def doc_type_end(title: str) -> bool:
    """Does the (squeezed) title end with a document type (通知, 答复, ...), maybe + （试行）?

    Not while a bracket or quote is still open: ``关于印发《XX办法`` goes on.
    """
    if _bracket_open(title):
        return False
    core = _TRAILING_NOTE.sub("", title)
    core = core.rstrip("》”」』")
    return core.endswith(data_words("doc_types.txt"))


def _bracket_open(title: str, pairs: tuple[str, ...] | None = None) -> bool:
    """A bracket or quote of ``title`` opened and not yet closed (关于印发《XX办法); of
    ``pairs`` if given, else of those a title's document type must not be inside."""
    return any(o in title and title.count(o) > title.count(c) for o, c in pairs or _TITLE_PAIRS)


_TITLE_PAIRS = ("《》", "（）", "()", "“”", "〈〉")
_ALL_PAIRS = (*_TITLE_PAIRS, *map("".join, zip(_OPEN, _CLOSE, strict=True)))


def whitespace_runs(line: Line) -> list[tuple[int, int]]:
    if len(line.squeezed) == len(line.text):
        return []  # no whitespace at all (SPACES is some of what squeeze drops): most lines
    return [(line.start + m.start(), line.start + m.end()) for m in SPACES.finditer(line.text)]


# The characters a title space sits between: [CJK_CHARS CJK_PUNCT «»], tested by range (a
# compiled class of these ~30000 characters takes milliseconds to build; few calls need it).
_TITLE_GLUE_RANGES = char_ranges(f"{CJK_CHARS}{CJK_PUNCT}«»")


def _title_glue(c: str) -> bool:
    return any(lo <= c <= hi for lo, hi in _TITLE_GLUE_RANGES)


def _title_space_edits(line: Line) -> list[Edit]:
    """Spaces inside a title line next to Chinese text (``第 0400号``, ``« 支持``) and its indent."""
    edits: list[Edit] = []
    text = line.text
    if len(line.squeezed) == len(text):
        return edits  # no whitespace at all (see whitespace_runs)
    for m in SPACES.finditer(text):
        a, b = m.start(), m.end()
        if a == 0 or b == len(text):
            reason = "indent of the title" if a == 0 else "trailing space after the title"
            edits.append(Edit(line.start + a, line.start + b, "", "title-space", reason))
            continue
        left, right = text[a - 1], text[b]
        glue_l, glue_r = _title_glue(left), _title_glue(right)
        if (glue_l and (glue_r or right.isdigit())) or (glue_r and left.isdigit()):
            edits.append(Edit(line.start + a, line.start + b, "", "title-space", "space inside the title"))
    return edits


# ----------------------------------------------------------------------------- the pass


def _classify(line: Line, lex: Lexicon) -> HeaderLine | None:
    s = line.squeezed
    if not s:
        return None
    # The kind depends on the squeezed text and the lexicon alone, and the same agency
    # names, marks and fragments head many circulars: read each once per lexicon.
    memo = _MEMO if _MEMO.lex is lex else _fresh_memo(lex)
    try:
        kind = memo.kinds[s]
    except KeyError:
        kind = _kind_of(s, lex, memo.kinds)
    if kind is None:
        return None
    names = kind[1]
    return HeaderLine(line, kind[0], list(names) if names else None, kind[2], kind[3], s)


# What _classify reads from a line: (kind, names, tail, mark), or None for no header line.
_Kind = tuple[str, tuple[str, ...] | None, str, str]


class _LexMemo:
    """Answers that depend on a line's text and the lexicon alone, for one lexicon."""

    __slots__ = ("joins", "kinds", "lex")

    def __init__(self, lex: Lexicon | None) -> None:
        self.lex = lex  # (held: its identity cannot be reused while the memo lives)
        self.kinds: dict[str, _Kind | None] = {}  # _classify's
        self.joins: dict[tuple[str, str], tuple[str, int] | None] = {}  # join_with_overlap's


# Replaced whole when the lexicon changes: a thread reading it sees one lexicon's answers.
_MEMO = _LexMemo(None)


def _fresh_memo(lex: Lexicon) -> _LexMemo:
    global _MEMO
    _MEMO = _LexMemo(lex)
    return _MEMO


def _kind_of(s: str, lex: Lexicon, memo: dict[str, _Kind | None]) -> _Kind | None:
    """_classify's reading of the squeezed line ``s``, remembered in ``memo``."""
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    marks = data_words("marks.txt")
    found: _Kind | None = None
    if s in marks:
        found = ("mark", None, "", s)
    else:
        body, mark = split_mark(s) if s.endswith(marks) else (s, "")
        names = lex.segment(body)
        if names:
            found = ("names", names, "", mark)
        elif lex.is_name_tail(body):
            found = ("tail", None, body, mark)
        elif not mark and is_fragment(s, lex):
            found = ("fragment", None, "", "")
    memo[s] = found
    return found


# The characters REG_CODE and PAGE_MARK can start with: most lines need neither pattern.
_SKIPPABLE_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ-—－–")


def _skippable(line: Line) -> bool:
    s = line.squeezed
    if not s or s[0] not in _SKIPPABLE_FIRST:
        return False
    return bool(REG_CODE.fullmatch(s) or PAGE_MARK.fullmatch(s))


def _name_line_edits(hl: HeaderLine, prefix: str, mark_target: str | None, fragment_note: str) -> list[Edit]:
    """Edits turning one header line into its name line(s).

    ``prefix``: text restored in front (from a fragment). ``mark_target``: what the glued mark
    becomes: ``"\\n文件"`` on the last name line, ``""`` elsewhere (it moves), None if no mark.
    """
    line = hl.line
    s = hl.squeezed
    name_len = len(s) - len(hl.mark)
    moves_mark = mark_target is not None and hl.mark
    if len(hl.names) <= 1 and len(s) == len(line.text):
        # One name and no space (the usual stack line, maybe taking a prefix or giving up its
        # mark): no run or cut to edit, and character i sits at line.start + i.
        edits: list[Edit] = []
        if prefix:
            edits.append(Edit(line.start, line.start, prefix, "header-prefix", fragment_note))
        if moves_mark:
            edits.append(_mark_edit(hl.mark, mark_target, line.start + name_len, line.start + len(s)))
        return edits
    runs = whitespace_runs(line)
    positions = line.char_positions()
    # Boundaries between names, as indexes into the squeezed text.
    cuts: set[int] = set()
    acc = 0
    for name in hl.names[:-1]:
        acc += len(name)
        cuts.add(acc)
    edits = []
    if prefix:
        edits.append(Edit(positions[0], positions[0], prefix, "header-prefix", fragment_note))
    run_at = {}  # squeezed index the run precedes -> run
    for a, b in runs:
        idx = bisect_left(positions, a)  # how many characters precede the run
        run_at[idx] = (a, b)
    for idx, (a, b) in run_at.items():
        if idx == 0 or idx == len(s):
            edits.append(Edit(a, b, "", "letter-spacing", "space around an agency name in the header"))
        elif idx >= name_len and moves_mark:
            continue  # before or inside the mark (文 件): part of the mark edit below
        elif idx in cuts:
            edits.append(Edit(a, b, "\n", "joint-header", "joint header: one agency name per line"))
        else:
            edits.append(Edit(a, b, "", "letter-spacing", "letter-spaced agency name"))
    for idx in cuts - set(run_at):
        edits.append(
            Edit(
                positions[idx], positions[idx], "\n", "joint-header", "joint header: one agency name per line"
            )
        )
    if moves_mark:
        # Spaces inside the mark itself (文 件) go with it.
        start = run_at[name_len][0] if name_len in run_at else positions[name_len]
        edits.append(_mark_edit(hl.mark, mark_target, start, positions[-1] + 1))
    return edits


def _mark_edit(mark: str, target: str | None, start: int, end: int) -> Edit:
    """The edit of a mark glued to a name line: to ``target`` (``"\\n文件"``: its own line) or
    cut (``""``: it moves below the last name)."""
    if target:
        return Edit(start, end, target, "mark", f"mark {mark} on its own line below the agency names")
    return Edit(start, end, "", "mark", f"mark {mark} moved below the last agency name")


# A line whose last non-space character ends an addressee (ADDRESSEE_END). The spaces are
# str.isspace's, the ones squeeze() removes: \s is the same set (minus \n, which ends lines).
_ADDRESSEE_LINE = re.compile(f"[{''.join(ADDRESSEE_END)}][^\\S\\n]*$", re.MULTILINE)


def _addressee_line(text: str) -> int | None:
    """The index of the first line after the first whose squeezed text ends with ：, if it is
    one of the first MAX_TOP_LINES lines (else None)."""
    second = text.find("\n") + 1
    if not second:
        return None
    m = _ADDRESSEE_LINE.search(text, second)
    if m is None:
        return None
    index = text.count("\n", 0, m.start())
    return index if index < MAX_TOP_LINES else None


def repair_header(text: str, ctx: Context) -> list[Edit] | Rewrite:
    lex = load_lexicon(ctx.options.lexicon)
    # The top of the document: up to the addressee line (主送机关, ends in ：). The header
    # is up there: the rest of the document stays one (unused) piece. (Nothing below reads
    # the addressee line but to see it is not blank, which the rest is not either: it and
    # the lines after it need no Line.)
    at = _addressee_line(text)
    lines = split_lines(text, MAX_TOP_LINES + 1 if at is None else at)
    top = range(min(MAX_TOP_LINES, len(lines)) if at is None else at)
    edits: list[Edit] = []
    meta: dict = {"issuers": [], "mark": None, "doc_number": None, "title": None, "resolved": True}

    # 1. The header stack: consecutive name/tail/mark/fragment lines from the first content line.
    first = None
    for i in top:
        line = lines[i]
        if not line.blank and not _skippable(line):
            first = i
            break
    stack: list[HeaderLine] = []
    after_stack = first
    named = False  # a "names" or "tail" line in the stack
    if first is not None:
        for i in range(first, top.stop):
            line = lines[i]
            if line.blank:
                continue
            hl = _classify(line, lex)
            if hl is None:
                break
            hl.at = i
            stack.append(hl)
            named = named or hl.kind == "names" or hl.kind == "tail"
            after_stack = i + 1
    if not named:
        stack = []
        after_stack = first
    if stack:
        edits += _repair_stack(stack, lines, after_stack or 0, lex, ctx, meta)
    elif first is not None:
        # No name the lexicon knows, but a document number right below: a header we cannot
        # read (an OCR typo in a name, an unknown body). Keep those lines; flag them.
        # (The content lines from the first, up to UNKNOWN_HEADER_CHARS: not every top line.)
        content: list[int] = []
        number_at = None
        chars = 0
        for i in range(first, top.stop):
            line = lines[i]
            if line.blank or _skippable(line):
                continue
            if match_doc_number(line.squeezed) or _split_number(lines, i, top):
                number_at = i
                break
            chars += len(line.squeezed)
            if chars > UNKNOWN_HEADER_CHARS:
                break
            content.append(i)
        if number_at is not None and number_at != first:
            unknown = [lines[i].squeezed for i in content]
            found = _suggestions(unknown, lex)
            ctx.flag(
                "header_unresolved",
                "line(s) above the document number are not agency names the lexicon knows ("
                + " / ".join(unknown)
                + ")"
                + _suggestions_note(found)
                + "; kept as is",
                lines[first].start,
                lines[number_at].start,
                {"lines": unknown, "suggestions": found},
            )
            meta["resolved"] = False
            after_stack = number_at

    # 2. Document number and title, in either order (川办规 puts the title first).
    i = after_stack if after_stack is not None else 0
    title_done = False
    torn: list[Line] = []
    leftovers: list[Line] = []
    while i < top.stop:  # (i is in top: top starts at 0 and lines has all of its lines)
        line = lines[i]
        s = line.squeezed
        if line.blank or _skippable(line):
            i += 1
            continue
        if meta["doc_number"] is None:
            m = match_doc_number(s)
            last = i
            if m is None and (split := _split_number(lines, i, top)) is not None:
                m, last = split
            if m:
                edits += (
                    _doc_number_edits(line, m)
                    if last == i
                    else _split_number_edits(text, line, lines[last], m)
                )
                meta["doc_number"] = f"{m['prefix']}〔{m['year']}〕{m['num']}号"
                i = last + 1
                continue
        if is_torn_open(s) or (torn and TORN_PIECE.fullmatch(s)):
            torn.append(line)
            i += 1
            continue
        if title_done or (not stack and meta["doc_number"] is None):
            # Without a header stack the title is only trusted after a document number.
            break
        title_lines = _title_lines(lines, i, top)
        if not title_lines:
            break
        joined = (
            title_lines[0][1].squeezed
            if len(title_lines) == 1
            else "".join([line.squeezed for _, line in title_lines])
        )
        typed = doc_type_end(joined)
        if (
            not typed
            and meta["doc_number"] is None
            and any(match_doc_number(lines[j].squeezed) or _split_number(lines, j, top) for j in top if j > i)
        ):
            # No document type and the document number is still to come: these lines are
            # leftovers of a header we could not read (宁乡 / 宁乡), not the title.
            leftovers.append(line)
            i += 1
            continue
        if typed:
            title_edits, title = _title_edits(title_lines)
            edits += title_edits
        else:
            # Not ended by a document type: an unsure title, read but left as it is (what
            # belongs to it may change once reflow joins lines, and a second run would
            # then edit it again).
            title = "".join([line.text.strip() for _, line in title_lines])
        meta["title"] = title
        title_done = True
        i = title_lines[-1][0] + 1
    if leftovers and meta["resolved"]:
        unknown = [x.squeezed for x in leftovers]
        found = _suggestions(unknown, lex)
        ctx.flag(
            "header_unresolved",
            "header line(s) not understood ("
            + " / ".join(unknown)
            + ")"
            + _suggestions_note(found)
            + "; kept as is",
            leftovers[0].start,
            leftovers[-1].end,
            {"lines": unknown, "suggestions": found},
        )
        meta["resolved"] = False
    if torn and meta["doc_number"] is None:
        pieces = [t.squeezed for t in torn]
        ctx.flag(
            "doc_number_torn",
            "document number torn into pieces by the PDF extractor (" + " / ".join(pieces) + "); kept as is",
            torn[0].start,
            torn[-1].end,
            {"pieces": pieces},
        )
    ctx.metadata["header"] = meta
    if edits and not ctx.keep_log:
        # Counts only: the text and count apply_edits_counted would make of the edits,
        # without its calls (no edit here has a detail: none is a duplicate removal).
        # Sorted first, as apply_edits_counted sorts edits out of order (the blank lines
        # inside the stack are edited after its lines, a moved mark after the lines below
        # it: two texts in five): edits in order keep their order, and none is read twice.
        edits.sort(key=_span_key)
        pieces = _pieces_in_order(text, edits)
        if pieces is not None:
            out = "".join(pieces)
            # The fact width proved for tidy holds on when no edit writes another space.
            if text is ctx.ascii_spaced and only_ascii_spaces("".join([e.after for e in edits])):
                ctx.ascii_spaced = out
            return Rewrite(out, len(edits))
    return edits


def _repair_stack(
    stack: list[HeaderLine], lines: list[Line], after: int, lex: Lexicon, ctx: Context, meta: dict
) -> list[Edit]:
    edits: list[Edit] = []
    name_lines: list[HeaderLine] = []  # the "names" and "tail" lines
    fragments: list[HeaderLine] = []
    marks: list[HeaderLine] = []  # the lines with a mark (a "mark" line or one glued on)
    tails: list[HeaderLine] = []
    for h in stack:  # (one loop for the four lists)
        kind = h.kind
        if kind == "fragment":
            fragments.append(h)
        elif kind != "mark":
            name_lines.append(h)
            if kind == "tail":
                tails.append(h)
        if h.mark:
            marks.append(h)

    # What _unresolved needs besides its message (a tuple: a closure would make cells of these).
    state = (stack, name_lines, fragments, marks, lex, ctx, meta)

    # Rebuild tails from fragments: fragment i belongs to name line i.
    if fragments:
        if len(fragments) == len(name_lines):
            targets = name_lines
        elif len(fragments) == len(tails):
            targets = tails
        else:
            return _unresolved(
                f"{len(fragments)} shared-prefix fragment line(s) for {len(name_lines)} agency line(s); kept as is",
                {"fragments": [f.squeezed for f in fragments], "lines": [h.squeezed for h in name_lines]},
                *state,
            )
        for frag, target in zip(fragments, targets, strict=True):
            if target.kind == "names" and len(target.names) > 1:
                return _unresolved("a fragment line belongs to a line with several names", {}, *state)
            tail = target.tail or target.names[0]
            joined = join_with_overlap(frag.squeezed, tail, lex)
            if joined is None:
                return _unresolved(
                    f"fragment {frag.squeezed} and {tail} do not make a known agency name; kept as is",
                    {"fragment": frag.squeezed, "line": tail},
                    *state,
                )
            name, k = joined
            added = frag.squeezed[: len(frag.squeezed) - k]
            overlap = f" (overlap {k}: {frag.squeezed[len(frag.squeezed) - k :]})" if k else ""
            note = f"shared-prefix fragment {frag.squeezed} of {name}{overlap}"
            target.prefix, target.note = added, f"{note}, restored on its line"
            frag.note = f"{note}, restored on the name line"
            target.kind, target.names, target.tail = "names", [name], ""
    elif tails:
        return _unresolved(
            "agency line(s) " + "、".join(t.tail for t in tails) + " lack their prefix and no fragment "
            "supplies it; kept as is",
            {"lines": [t.tail for t in tails]},
            *state,
        )
    if len(marks) > 1:
        return _unresolved(
            "more than one mark in the header; kept as is", {"marks": [m.mark for m in marks]}, *state
        )

    mark = marks[0].mark if marks else ""
    last = name_lines[-1]
    # Where the mark sits now decides how it moves: glued to the last name line it just
    # breaks onto its own line; elsewhere it is cut and re-inserted after the last name.
    standalone_ok = bool(marks) and marks[0].kind == "mark" and marks[0].at > last.at
    for h in stack:
        if h.kind == "fragment":
            edits.append(
                Edit(
                    h.line.start,
                    min(h.line.end + 1, lines[-1].end),
                    "",
                    "header-fragment",
                    h.note,
                )
            )
        elif h.kind == "mark":
            if standalone_ok:
                for a, b in whitespace_runs(h.line):
                    edits.append(Edit(a, b, "", "letter-spacing", "letter-spaced mark"))
            else:
                edits.append(
                    Edit(
                        h.line.start,
                        h.line.end + 1,
                        "",
                        "mark",
                        f"mark {h.mark} moved below the last agency name",
                    )
                )
        else:
            target = None
            if h.mark:
                target = "\n" + h.mark if h is last else ""
            edits += _name_line_edits(h, h.prefix, target, h.note)
    if mark and not standalone_ok and not last.mark:
        pos = last.line.start + len(last.line.text.rstrip())  # after its last character
        edits.append(
            Edit(pos, pos, "\n" + mark, "mark", f"mark {mark} on its own line below the agency names")
        )

    # Blank lines: none inside the stack; at most one between the stack and what follows.
    # (Stack lines come in line order: the later of the two is the one with the larger index.)
    last_kept_idx = max(last.at, marks[0].at) if standalone_ok else last.at
    seen_blank = False
    for idx in range(stack[0].at, after):
        line = lines[idx]
        if not line.blank:
            continue
        if idx > last_kept_idx and not seen_blank:
            seen_blank = True
            continue
        edits.append(Edit(line.start, line.end + 1, "", "header-blank", "blank line inside the header block"))
    # The gap after the stack: blank lines up to the next content line, beyond the first.
    idx = after
    while idx < len(lines) - 1 and lines[idx].blank:
        if seen_blank:
            edits.append(
                Edit(
                    lines[idx].start,
                    lines[idx].end + 1,
                    "",
                    "header-blank",
                    "blank line inside the header block",
                )
            )
        seen_blank = True
        idx += 1
    meta["issuers"] = [n for h in name_lines for n in h.names]
    meta["mark"] = mark or None
    return edits


def _unresolved(
    message: str,
    detail: dict,
    stack: list[HeaderLine],
    name_lines: list[HeaderLine],
    fragments: list[HeaderLine],
    marks: list[HeaderLine],
    lex: Lexicon,
    ctx: Context,
    meta: dict,
) -> list[Edit]:
    """_repair_stack's way out: flag the stack, fill ``meta`` as far as it goes, and undo only
    safe letter-spacing. (A module function: a closure would cost its cells on every call.)"""
    # A "fragment" may be a name with an OCR slip (湖南省财政斤): say what it may be.
    suggestions = _suggestions([f.squeezed for f in fragments], lex)
    if suggestions:
        message += _suggestions_note(suggestions)
        detail = {**detail, "suggestions": suggestions}
    ctx.flag("header_unresolved", message, stack[0].line.start, stack[-1].line.end, detail)
    meta["resolved"] = False
    meta["issuers"] = [n for h in name_lines for n in h.names]
    meta["mark"] = marks[0].mark if len(marks) == 1 else None
    # Keep the text; only letter-spacing inside lines that are whole names is safe to undo.
    out: list[Edit] = []
    for h in name_lines:
        if h.kind == "names" and len(h.names) == 1 and not h.mark:
            out += _name_line_edits(h, "", None, "")
    return out


def _suggestions(lines: list[str], lex: Lexicon) -> dict[str, str]:
    """Known names close to unknown header lines (湖南省财政斤 → 湖南省财政厅), for the reviewer."""
    out: dict[str, str] = {}
    for s in lines:
        body, mark = split_mark(s)
        guess = lex.suggest(body)
        if guess:
            out[s] = guess + mark
    return out


def _suggestions_note(found: dict[str, str]) -> str:
    """The message's part for ``_suggestions``' answer (asked once: rapidfuzz is not cheap)."""
    return "; perhaps " + "、".join(found.values()) if found else ""


def _doc_number_edits(line: Line, m: re.Match[str]) -> list[Edit]:
    """Brackets to 〔〕 and stray spaces out: ``湘教发 [2022] 7 号`` → ``湘教发〔2022〕7号``."""
    if m["open"] == "〔" and m["close"] == "〕" and len(line.squeezed) == len(line.text):
        return []  # the brackets of GB/T 9704 and no whitespace: the usual number, clean
    positions = line.char_positions()
    edits: list[Edit] = []
    for group, wanted in (("open", "〔"), ("close", "〕")):
        pos = positions[m.start(group)]
        if line.text[pos - line.start] != wanted:
            edits.append(
                Edit(pos, pos + 1, wanted, "doc-number", "document-number brackets are 〔〕 (GB/T 9704)")
            )
    # The number ends at 号; a signer (签发人) keeps its own spacing.
    span_start, span_end = positions[m.start()], positions[m.end("num")] + 1
    signer_end = positions[m.end() - 1] + 1
    for a, b in whitespace_runs(line):
        if span_start < a < span_end:
            edits.append(Edit(a, b, "", "doc-number", "stray space in the document number"))
        elif a < span_start or a >= signer_end:
            edits.append(Edit(a, b, "", "doc-number", "space around the document number"))
    return edits


def _split_number_edits(text: str, first: Line, last: Line, m: re.Match[str]) -> list[Edit]:
    """:func:`_doc_number_edits` of a number split over ``first`` … ``last``, and the join."""
    whole = Line(first.start, last.end, text[first.start : last.end])
    join_start = first.start + len(first.text.rstrip())
    join_end = last.start + len(last.text) - len(last.text.lstrip())
    # The spaces at the break go with it, in one edit.
    edits = [e for e in _doc_number_edits(whole, m) if not (join_start <= e.start and e.end <= join_end)]
    edits.append(Edit(join_start, join_end, "", "doc-number", "document number split over lines"))
    edits.sort(key=_start_of)
    return edits


def _title_lines(lines: list[Line], i: int, top: range) -> list[tuple[int, Line]]:
    """The lines of the title starting at ``lines[i]``: until it ends with a document type."""
    found: list[tuple[int, Line]] = []
    joined = ""
    j = i
    while j < top.stop:  # (see repair_header: j is in top)
        line = lines[j]
        s = line.squeezed
        if line.blank:
            j += 1
            continue
        if (
            len(joined) + len(s) > MAX_TITLE_CHARS
            or len(s) > MAX_TITLE_LINE
            or (found and found[-1][1].squeezed.endswith(("。", "；")))
            # A registration code, page mark or (torn, split) document number: each needs one
            # of these characters, which most title lines lack.
            or (
                (s[0] in _SKIPPABLE_FIRST or "号" in s or s[-1] in _OPEN or s[-1].isdigit())
                and (
                    _skippable(line)
                    or match_doc_number(s)
                    or (is_torn_open(s) and not _closed_below(lines, j, top))
                    or _split_number(lines, j, top)
                )
            )
        ):
            break
        found.append((j, line))
        joined += s
        if doc_type_end(joined):
            # 关于印发XX工作方案 / 的通知: a short next line that still ends the title with a
            # document type belongs to it.
            # Tails one after another (…工作方案》 / 的通知 / （一）): once joined, a second
            # run reads the first two as one line and would take the third.
            while tail := _title_tail(lines, j + 1, top, joined):
                found += tail
                j = tail[-1][0]
                joined += "".join([line.squeezed for _, line in tail])
            return found
        j += 1
    # No document type at the end: trust only the first line, with the lines that close a
    # bracket it leaves open (办公厅湘教发〔2022 / 〕7号), which reflow joins to it.
    first, read = found[:1], found[0][1].squeezed if found else ""
    for k in range(1, len(found)):
        if not _bracket_open(read, _ALL_PAIRS):
            break
        first.append(found[k])
        read += found[k][1].squeezed
    return first


def _closed_below(lines: list[Line], j: int, top: range) -> bool:
    """The next content line closes the bracket ``lines[j]`` ends with (厅湘教发〔 / 2022〕):
    reflow joins the two, so a second run would not see a torn document number there."""
    close = _CLOSE[_OPEN.index(lines[j].squeezed[-1])]
    k = _next_content(lines, j + 1, top)
    return k < top.stop and close in lines[k].squeezed


def _title_tail(lines: list[Line], j: int, top: range, title: str) -> list[tuple[int, Line]]:
    """The content line from ``lines[j]`` on, if it is a short tail of ``title`` (the index and
    line), else nothing. A tail torn inside its bracket (（试 / 行）) comes with the lines
    that close it: reflow would join them, and a second run would then find the tail."""
    tail: list[tuple[int, Line]] = []
    more = ""
    while True:
        j = _next_content(lines, j, top)
        if j == top.stop:
            return []
        more += lines[j].squeezed
        tail.append((j, lines[j]))
        if (
            len(more) > TITLE_TAIL_MAX
            or len(title) + len(more) > MAX_TITLE_CHARS
            or not more.startswith(TITLE_TAIL_STARTS)
        ):
            return []
        if not _bracket_open(more):
            return tail if doc_type_end(title + more) else []
        j += 1


def _title_edits(title_lines: list[tuple[int, Line]]) -> tuple[list[Edit], str]:
    if len(title_lines) > 1:
        title = "".join([line.text for _, line in title_lines])
        # No whitespace on any line (isprintable is False for every space but " "): no space
        # edits, each join runs from one line's end to the next one's start, and the title
        # reads as the lines' text (the usual wrapped title).
        if title.isprintable() and " " not in title:
            return [
                Edit(
                    a.end, b.start, _join_glue(a.text[-1], b.text[0]), "title-join", "title split over lines"
                )
                for (_, a), (_, b) in pairwise(title_lines)
            ], title
    edits: list[Edit] = []
    for _, line in title_lines:
        edits += _title_space_edits(line)
    # Join: from the end of one line's text to the start of the next one's.
    for (_, a), (_, b) in pairwise(title_lines):
        a_end = a.start + len(a.text.rstrip())
        b_start = b.start + (len(b.text) - len(b.text.lstrip()))
        glue = _join_glue(a.text.rstrip()[-1:], b.text.lstrip()[:1])
        # The spaces at both ends were already claimed by _title_space_edits: replace them too.
        edits = [e for e in edits if not (a_end <= e.start and e.end <= b_start)]
        edits.append(Edit(a_end, b_start, glue, "title-join", "title split over lines"))
    # The title as it reads after the edits.
    if len(title_lines) == 1:  # (the usual title)
        return edits, _apply_local(title_lines[0][1], edits)
    return edits, "".join([_apply_local(line, edits) for _, line in title_lines])


def _join_glue(left: str, right: str) -> str:
    """What joins two title lines ending and starting so: a space between ASCII words."""
    return " " if (left.isascii() and left.isalnum() and right.isascii() and right.isalnum()) else ""


_start_of = attrgetter("start")


def _apply_local(line: Line, edits: list[Edit]) -> str:
    out = line.text
    if not edits:
        return out.strip()
    if len(line.squeezed) == len(out):
        # No whitespace: no title-space edit here, and a title-join spans the line break.
        return out
    for e in sorted(edits, key=_start_of, reverse=True):
        if line.start <= e.start and e.end <= line.end:
            out = out[: e.start - line.start] + e.after + out[e.end - line.start :]
    return out.strip()


PASSES = (repair_header,)

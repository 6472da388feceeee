"""Stage ``spacing``: remove the spaces OCR and PDF extraction put into Chinese text.

Chinese is set without spaces, but scans and PDFs of justified text come out spaced:

    湖 南 省 教 育 厅                       (OCR of a letter-spaced header)
    去年 6月 ……  2023年 6月 5日  二、关于 STEM教育
    （一）加 大 创 业 信 贷 支 持 力 度。   (a justified line of a PDF)
    号 ， 邮 编 ： 223100 ， 电 话 ：      健康发展 。

Spaces between two Chinese characters, around Chinese punctuation (``健康发展 。``,
``（ 一）``) and between Chinese and digits or Latin (``全省 101所`` → ``全省101所``,
``STEM 教育`` → ``STEM教育``) are removed. The Chinese–Latin policy is
``ctx.options.cjk_latin_space``: ``remove`` (default, as official documents are
typeset), ``keep``, or ``add`` (one space between Chinese and Latin/digits).

What stays: spaces between Latin words and inside numbers, a space separating two
whole agency names (``国务院办公厅 中央军委办公厅`` on a signature line, judged by
:func:`docclean.lexicon.is_agency_name`), spaces at the start of a line (a page
break mark the ``pages`` stage reads) and at the end of a line after Latin text (``tidy``
strips those; after Chinese they go here, before reflow joins the lines).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import cache
from itertools import accumulate, chain

from ..changes import Edit, Rewrite
from ..patterns import (
    CJK,
    CJK_CHARS,
    CJK_CLOSING,
    CJK_MIDDLE,
    CJK_OPENING,
    CJK_RE,
    DOC_NUMBER_RE,
    HSPACE,
    HSPACE_CHARS,
    only_ascii_spaces,
)
from ..pipeline import Context

_HAN = CJK_RE
_QUOTES = "\u2018\u2019\u201c\u201d"
# Chinese punctuation proper: the CJK symbols block and the full-width marks of text
# (，：；？！（）［］｛｝); not full-width maths symbols like ＋－％, which belong to numbers.
_PUNCT_CHARS = (
    "\u3001-\u303f\uff01\uff08\uff09\uff0c\uff0e\uff1a\uff1b\uff1f\uff3b\uff3d\uff5b\uff5d\uff5f-\uff65"
)
_PUNCT = re.compile(f"[{_PUNCT_CHARS}]")
_OPENING = set(CJK_OPENING) | {"\u201c", "\u2018"}
_CLOSING = set(CJK_CLOSING) | {"\u201d", "\u2019"}
_MIDDLE = set(CJK_MIDDLE)
# Latin letters, digits and what sticks to numbers (2.5% 的, 30℃ 以上).
_LATIN_CHARS = "A-Za-z0-9%‰℃°\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_LATIN = re.compile(f"[{_LATIN_CHARS}]")

# Compiling a class of the Chinese characters costs about a millisecond (Python fills a
# 64K-entry map for it), more than cleaning a page. So each is compiled where it is
# needed and only when it is needed; where a cheap superset will do for a first look,
# a wide character (_WIDE) stands in for a Chinese one, and the exact pattern is
# compiled only when that look finds something.
# A class body: beyond Latin-1, outside the CJK punctuation and full-width blocks.
_WIDE = "^\x00-\xff\u3000-\u303f\uff00-\uffef"


@cache
def _add_gap() -> re.Pattern[str]:
    return re.compile(f"(?<=[{CJK_CHARS}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])(?=[{CJK_CHARS}])")


# A line of three or more Chinese runs of three or more characters and nothing else is
# a flattened table row or a list of names (本年制发件数 本年废止件数 现行有效件数): its
# spaces separate cells. Letter-spaced lines (加 大 创 业) have one-character runs, and
# OCR'd words (全面 落实 双减) two-character ones. Such a line is found after the "\n"
# that opens it (a pattern that starts with a literal is searched for directly). A run
# is followed by what cannot continue it, so a shorter run never helps: the runs are
# possessive where Python has them (3.11), which spares backtracking on every line.
_POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""


def _cell_row_pattern(chars: str) -> str:
    run = f"[{chars}]{{3,}}{_POSSESSIVE}"
    return f"\n{run}(?:[ \u3000]+{_POSSESSIVE}{run}){{2,}}(?=\n|\\Z)"


_CELL_ROW_MAYBE = re.compile(_cell_row_pattern(_WIDE))


@cache
def _cell_row() -> re.Pattern[str]:
    return re.compile(_cell_row_pattern(CJK_CHARS))


def _cell_row_end(text: str, line_start: int) -> int | None:
    """Where the line at ``line_start`` ends (before its line end) if it is a table row."""
    if line_start == 0:
        # The first line is matched as if a "\n" opened it.
        end = text.find("\n")
        first_line = "\n" + (text[:end] if end >= 0 else text)
        if not _CELL_ROW_MAYBE.match(first_line):
            return None
        m = _cell_row().match(first_line)
        return m.end() - 1 if m else None
    if not _CELL_ROW_MAYBE.match(text, line_start - 1):
        return None
    m = _cell_row().match(text, line_start - 1)
    return m.end() if m else None


HAN, PUNCT, LATIN, QUOTE, OTHER = "H", "P", "A", "Q", "O"
_REASONS = {
    "HH": "space between Chinese characters",
    "HA": "space between Chinese and Latin/digits",
    "AH": "space between Latin/digits and Chinese",
}
_REASONS = (
    dict.fromkeys((a + b for a in "HPAQO" for b in "HPAQO"), "space next to Chinese punctuation") | _REASONS
)


def _kind_of(ch: str) -> str:
    if _HAN.match(ch):
        return HAN
    if ch in _QUOTES:
        return QUOTE
    if _PUNCT.match(ch) or ch == "…":
        return PUNCT
    if _LATIN.match(ch):
        return LATIN
    return OTHER


_KINDS: dict[str, str] = {}


def _kind(ch: str) -> str:
    try:
        return _KINDS[ch]
    except KeyError:
        kind = _KINDS[ch] = _kind_of(ch)
        return kind


def _agency_checker(ctx: Context) -> Callable[[str], bool]:
    """``is_agency_name`` from the lexicon (engineer B's module), with the user's lexicon files."""
    try:
        from ..lexicon import is_agency_name, load_lexicon
    except ImportError:  # lexicon not available: no names are kept apart
        return lambda s: False
    lexicon = load_lexicon(ctx.options.lexicon)
    cache: dict[str, bool] = {}

    def check(s: str) -> bool:
        if s not in cache:
            cache[s] = is_agency_name(s, lexicon)
        return cache[s]

    return check


# Characters whose kind depends on their neighbours (see _side_kind).
_CONTEXTUAL = frozenset(_QUOTES + "—")


def _side_kind(text: str, pos: int, step: int) -> str:
    """The kind of ``text[pos]``, seen from a space run on its ``step`` side.

    A curly quote counts as Chinese punctuation when the character on its far side is
    Chinese (``“天府杯” “挑战杯”``: ``”`` closes 杯). A doubled em dash (——) counts like
    a quote: Chinese punctuation only when the other side of the space is Chinese."""
    ch = text[pos]
    kind = _kind(ch)
    if ch not in _CONTEXTUAL:
        return kind
    if ch == "—" and 0 <= pos - step < len(text) and text[pos - step] == "—":
        return QUOTE  # the Chinese dash is doubled (——); a single one is a range or page mark
    if kind == QUOTE:
        far = pos - step
        while 0 <= far < len(text) and text[far] in HSPACE_CHARS:
            far -= step  # letter-spaced: 杯 ” “ 挑
        if 0 <= far < len(text) and _kind(text[far]) in (HAN, PUNCT, QUOTE):
            return PUNCT
    return kind


_HAN_OR_PUNCT = frozenset((HAN, PUNCT))


def _decide(text: str, start: int, end: int, policy: str) -> str:
    """What to do with the space run ``text[start:end]``: 'remove', 'keep' or 'names'."""
    left, right = text[start - 1], text[end]
    lk, rk = _side_kind(text, start - 1, 1), _side_kind(text, end, -1)
    if lk == QUOTE:
        lk = PUNCT if rk in _HAN_OR_PUNCT else OTHER
    if rk == QUOTE:
        rk = PUNCT if lk in _HAN_OR_PUNCT else OTHER
    if lk == HAN and rk == HAN:
        return "names"
    if lk in _HAN_OR_PUNCT and rk in _HAN_OR_PUNCT:
        return "remove"
    if (lk == HAN and rk == LATIN) or (lk == LATIN and rk == HAN):
        return "remove" if policy == "remove" else "keep"
    if lk == PUNCT and rk == LATIN:
        # （ STEM, ，STEM: always stray; ） STEM follows the Chinese–Latin policy.
        return "keep" if left in _CLOSING and policy != "remove" else "remove"
    if lk == LATIN and rk == PUNCT:
        return "keep" if right in _OPENING and policy != "remove" else "remove"
    if left == "." and rk == HAN and start >= 2 and text[start - 2].isdigit():
        return "remove"  # outline numbering: 2. 夯实 → 2.夯实
    return "keep"


MIN_NAME, MAX_NAME = 3, 32

# A contact line holds several "label：value" fields on one line
# (联系地址：长沙市东二环二段238号 邮政编码：410001): the space before the next label
# separates two fields, it is not OCR damage.
_FIELD_LABEL_MAYBE = re.compile(f"[{_WIDE}]{{2,6}}[：:]")


@cache
def _field_label() -> re.Pattern[str]:
    return re.compile(f"{CJK}{{2,6}}[：:]")


def _field_label_at(text: str, pos: int) -> bool:
    return bool(_FIELD_LABEL_MAYBE.match(text, pos) and _field_label().match(text, pos))


def _is_field_separator(text: str, start: int, end: int) -> bool:
    if not _field_label_at(text, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return "：" in text[line_start:start] or ":" in text[line_start:start]


def _name_at(run: str, is_name: Callable[[str], bool], *, from_end: bool) -> bool:
    """Whether ``run`` ends (``from_end``) or starts with a whole agency name."""
    for k in range(min(len(run), MAX_NAME), MIN_NAME - 1, -1):
        if is_name(run[-k:] if from_end else run[:k]):
            return True
    return False


@cache
def _han_runs() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A run of Chinese characters, and one that ends where the search ends."""
    return re.compile(f"[{CJK_CHARS}]{{1,40}}"), re.compile(f"[{CJK_CHARS}]{{1,40}}\\Z")


def _token(text: str, pos: int, step: int, gap: int) -> str:
    """The Chinese word at ``pos`` read in direction ``step``, looking through space runs
    narrower than ``gap``: in ``湖 南 省 教 育 厅    湖 南 省 财 政 厅`` the wide gap has
    ``湖南省教育厅`` on its left."""
    if gap <= 1:
        # No space run is narrower than one: the word is the run of Chinese characters.
        run, run_before = _han_runs()
        if step > 0:
            m = run.match(text, pos)
        else:
            m = run_before.search(text, max(0, pos - 39), pos + 1)
        return m.group() if m else ""
    chars: list[str] = []
    i = pos
    while 0 <= i < len(text) and len(chars) < 40:
        if _HAN.match(text[i]):
            chars.append(text[i])
            i += step
            continue
        j = i
        while 0 <= j < len(text) and text[j] in HSPACE_CHARS:
            j += step
        if j == i or abs(j - i) >= gap or not (0 <= j < len(text)) or not _HAN.match(text[j]):
            break
        i = j
    return "".join(chars[::step])


# One-character space runs whose fate the neighbours alone settle, found by one pattern in
# C rather than judged one by one in Python (most runs in OCR text are of this kind):
# a space (not a tab) between Chinese characters, Chinese punctuation and (under the
# default ``remove`` policy) Latin/digits, outside quotes and dashes (see _side_kind).
# The kinds of the two neighbours are captured once (groups 1-3 on the left, 4-6 on the
# right: the Chinese class is compiled twice, not once per case) and the cases branch
# on them; each case ends in an empty group, and ``Match.lastindex`` names the reason.
# Left to the general path (the last alternative, the whole run): everything else, and
# runs where a name may end on the left and another start on the right (three wide
# characters on both sides) or a field label may follow (_FIELD_LABEL_MAYBE). A table
# row (_cell_row_end) has three Chinese characters on both sides of each of its spaces,
# so none of its runs is a fast one.
_H = CJK_CHARS
_P = _PUNCT_CHARS + "…"  # the PUNCT kind (_kind_of)
_A = _LATIN_CHARS
_LEFT_KIND = f"(?<=(?:([{_H}])|([{_P}])|([{_A}])).)"
_RIGHT_KIND = f"(?=([{_H}])|([{_P}])|([{_A}]))"
_NOT_NAMES = f"(?!(?<=[{_WIDE}]{{3}}.)[{_WIDE}]{{3}})"
# (Possessive: a colon is not wide, so giving back wide characters never finds one.)
_NOT_FIELD = f"(?![{_WIDE}]{{2,6}}{_POSSESSIVE}[：:])"
_FAIL = "(?!)"
_NOT_TAB = "(?<!\\t)"  # after the opening space: it is not a tab


@cache
def _space_runs(remove_latin: bool) -> tuple[re.Pattern[str], tuple[str | None, ...]]:
    """The pattern that finds every space run, and the removal reason by ``lastindex``
    (None: the general path). ``remove_latin``: the policy removes Chinese–Latin spaces."""
    reasons: list[str | None] = [None] * 7  # groups 1-6 capture the kinds

    def case(kinds: str, *, latin: bool = False) -> str:
        if latin and not remove_latin:
            return _FAIL  # kept or judged in Python
        reasons.append(_REASONS[kinds])
        return "()"

    by_right = (
        f"(?(4){_NOT_FIELD}(?(1){_NOT_NAMES}{case('HH')}|(?(2){case('PH')}|{case('AH', latin=True)}))"
        f"|(?(5)(?(3){case('AP', latin=True)}|{case('PP')})"
        f"|(?(3){_FAIL}|(?(1){case('HA', latin=True)}|{case('PA', latin=True)}))))"
    )
    pattern = f"[{HSPACE}](?:{_NOT_TAB}{_LEFT_KIND}{_RIGHT_KIND}{by_right}|[{HSPACE}]*())"
    reasons.append(None)
    return re.compile(pattern), tuple(reasons)


# For runs that keep only counts (Rewrite): the runs removed without a look from Python,
# the fast ones and the general path's line-final runs after Chinese (a run with a tab is
# left: tabs separate columns), found and removed by one re.subn (or, where every space is
# an ASCII one and alone, by _remove_lone_spaces, which gives the same). That is all the
# general path would remove when no run is left in the middle of a line (_MID_RUN):
# line-leading runs are kept, and the rest are judged only in Python. Removing a fast
# run (a single space between two others) neither joins two runs nor moves one to a line
# end, so the runs left in the output are the general path's other runs, as they were.
_SPACES_NOT_TAB = HSPACE.replace("\t", "")
_LINE_END = f"(?<=[{_H}{_P}].)[{_SPACES_NOT_TAB}]*{_POSSESSIVE}(?=\\n|\\Z)"
_MID_RUN = f"[{HSPACE}](?<=[^\\n{HSPACE}].)[{HSPACE}]*{_POSSESSIVE}(?=[^\\n])"


@cache
def _removed_runs(remove_latin: bool) -> re.Pattern[str]:
    """The fast runs of _space_runs and the line-final runs after Chinese (_LINE_END).

    No reasons are needed here, so the cases are told apart without capturing the kinds
    (a sixth fewer instructions than the conditionals on groups). by_right of _space_runs
    removes, after Chinese, Chinese punctuation or (when Latin is removed) Latin: a space
    before Chinese unless a field label follows and, after Chinese, unless names may meet
    (_NOT_FIELD, _NOT_NAMES); a space before Chinese punctuation; and (when Latin is
    removed) a space before Latin but not after it.
    """
    left = _H + _P + (_A if remove_latin else "")
    cases = f"(?=[{_H}]){_NOT_FIELD}(?:(?<![{_H}].)|{_NOT_NAMES})|(?=[{_P}])"
    if remove_latin:
        cases += f"|(?=[{_A}])(?<![{_A}].)"
    return re.compile(f"[{HSPACE}](?:{_NOT_TAB}(?:(?<=[{left}].)(?:{cases})|{_LINE_END}))")


# Without spaces other than the ASCII one (patterns.OTHER_HSPACES), the runs are searched
# for from a literal space.
_OPENING_CLASS = f"[{HSPACE}]"
_PROOF_MIN_CHARS = 300


_ascii_patterns: dict[str, re.Pattern[str]] = {}


def _from_ascii_space(runs: re.Pattern[str]) -> re.Pattern[str]:
    """``runs`` (which opens with a space class) opening with the ASCII space instead,
    and without the look back for a tab that an ASCII space makes needless."""
    # Kept by the pattern's text: a Pattern's hash reads its whole compiled code (~16K
    # instructions for these), and a str's hash is computed once.
    ascii_runs = _ascii_patterns.get(runs.pattern)
    if ascii_runs is None:
        assert runs.pattern.startswith(_OPENING_CLASS)
        rest = runs.pattern[len(_OPENING_CLASS) :]
        if rest.startswith("(?:" + _NOT_TAB):
            rest = rest.replace(_NOT_TAB, "", 1)
        ascii_runs = _ascii_patterns[runs.pattern] = re.compile(" " + rest)
    return ascii_runs


_MID_RUN_RE = re.compile(_MID_RUN)


@cache
def _kept_spaces(remove_latin: bool) -> re.Pattern[str]:
    """An ASCII space, alone in its run, that the ASCII form of ``_removed_runs(remove_latin)``
    does not match (in a text without other spaces): its cases behind a negative look-ahead.

    They are grouped by the kind of character on the left, so that most spaces need one
    look back (each look-around costs ~140 instructions): after Chinese, a space goes
    before Chinese punctuation, Latin (when removed), Chinese unless names meet, or a line
    end; after Latin (when removed), before Chinese punctuation or Chinese; after Chinese
    punctuation, before any of these, names or not. Inside the look-ahead the character on the right may
    be consumed: a field label (_NOT_FIELD) then needs one to five more wide characters
    before its colon, and names (_NOT_NAMES) are looked for before it.
    """
    latin = _A if remove_latin else ""
    before_han = f"[{_H}](?![{_WIDE}]{{1,5}}{_POSSESSIVE}[：:])"
    cases = [f"(?<=[{_H}].)(?:[{_P}{latin}]|{_NOT_NAMES}{before_han}|\\n|\\Z)"]
    if remove_latin:
        cases.append(f"(?<=[{_A}].)(?:[{_P}]|{before_han})")
    cases.append(f"(?<=[{_P}].)(?:[{_P}{latin}]|{before_han}|\\n|\\Z)")
    return re.compile(f" (?!{'|'.join(cases)})")


def _remove_lone_spaces(text: str, remove_latin: bool) -> tuple[str, int] | None:
    """``removed.subn("", text)`` for ``removed = _from_ascii_space(_removed_runs(...))``
    and a text without spaces other than the ASCII one; None when it has two spaces in a row.

    subn's cost is mostly in the piece it makes before each match, and nearly every space
    is removed. A space after a space is never removed on its own (no case looks behind at
    a space), so it is a kept one; where no kept space follows a space, every space is a
    run of one, removed alone or kept: the text between the kept spaces (few) loses all its
    spaces, by str.replace, and each change removes one character."""
    parts = _kept_spaces(remove_latin).split(text)
    if len(parts) == 1:
        out = text.replace(" ", "")
    else:
        # A kept space after a space: one ending the part before it, or a part left empty
        # between two kept spaces (an empty first part is the text's leading space).
        if any(not part or part[-1] == " " for part in parts[1:-1]) or parts[0].endswith(" "):
            return None
        out = " ".join([part.replace(" ", "") for part in parts])
    return out, len(text) - len(out)


def remove_spaces(text: str, ctx: Context) -> list[Edit] | Rewrite:
    policy = ctx.options.cjk_latin_space
    lines: list[tuple[int, int]] | None = None  # counts only: the lines to judge here
    # (Below _PROOF_MIN_CHARS the proof's 15 searches cost more than the class scans. Width
    # mostly proved it already, on the way: Context.ascii_spaced.)
    literal = text is ctx.ascii_spaced or (len(text) >= _PROOF_MIN_CHARS and only_ascii_spaces(text))
    # (The removal pattern, ~20 ms to compile, is compiled only where it is used.)
    removed: re.Pattern[str] | None = None
    if not ctx.keep_log and policy != "add":
        lone = _remove_lone_spaces(text, policy == "remove") if literal else None
        if lone is None:
            removed = _removal(policy, literal)
            out, count = removed.subn("", text)
        else:
            out, count = lone
        mid_run = _from_ascii_space(_MID_RUN_RE) if literal else _MID_RUN_RE
        # (With only ASCII spaces, a memchr proves most outputs spaceless: no search.)
        if (literal and " " not in out) or not mid_run.search(out):
            if text is ctx.ascii_spaced:
                ctx.ascii_spaced = out  # (handed on: the pass only removes spaces)
            return Rewrite(out, count)  # no run for Python to judge (see _removed_runs)
        # Runs left in the middle of a line are judged below, and with them every run on
        # their lines, which then replace those lines of ``out`` (_splice_lines).
        # Removals leave the line breaks, so line k of ``out`` is line k of the text.
        mid_lines = sorted({out.count("\n", 0, m.start()) for m in mid_run.finditer(out)})
        # (The characters of the lines before each line: line k starts k line breaks later.)
        before = list(accumulate(map(len, text.split("\n")), initial=0))
        lines = [(before[k] + k, before[k + 1] + k) for k in mid_lines]
    is_name: Callable[[str], bool] | None = None
    edits: list[Edit] = []
    # Table rows (_CELL_ROW) are found line by line where a space run needs the general
    # path: every run of a row does (see _space_runs), so no other line can be one.
    rows: list[tuple[int, int]] = []
    row_line, row_end = -1, None  # the last line looked at, and its end if it is a row
    n = len(text)
    kinds = _KINDS
    contextual = _CONTEXTUAL
    append = edits.append
    new_edit = Edit.__new__
    runs, fast_reasons = _space_runs(policy == "remove")
    if literal:
        runs = _from_ascii_space(runs)
    if lines is None:
        found = runs.finditer(text)
    else:
        # The judgement of a run never looks past its line: each line (with its line
        # break, which the patterns look at) is searched as the whole text would be.
        found = chain.from_iterable(runs.finditer(text, start, end + 1) for start, end in lines)
    for m in found:
        reason = fast_reasons[m.lastindex]  # type: ignore[index]
        if reason is not None:
            # A fast run is one character. Most edits are made here: each without a call of
            # Edit.__init__, which costs a third of it (every field is set, as it would).
            start = m.start()
            edit = new_edit(Edit)
            edit.start, edit.end, edit.after = start, start + 1, ""
            edit.kind, edit.reason, edit.detail = "space", reason, None
            append(edit)
            continue
        start, end = m.span()
        # Line-leading spaces mark page breaks (pages stage): never touched here.
        if start == 0:
            continue
        left = text[start - 1]
        if left == "\n":
            continue
        if end == n or text[end] == "\n":
            # After Chinese, a line-final space would end up inside the sentence once
            # reflow joins the lines; other trailing spaces are tidy's.
            if _kind(left) in _HAN_OR_PUNCT and "\t" not in m.group():
                append(Edit(start, end, "", "space", "space at the end of a Chinese line"))
            continue
        if "\t" in m.group():
            continue  # tabs separate columns
        line_start = text.rfind("\n", 0, start) + 1
        if line_start != row_line:
            row_line, row_end = line_start, _cell_row_end(text, line_start)
            if row_end is not None:
                rows.append((line_start, row_end))
        if row_end is not None:
            continue
        right = text[end]
        lk = kinds.get(left) or _kind(left)
        rk = kinds.get(right) or _kind(right)
        if left in contextual or right in contextual:
            action = _decide(text, start, end, policy)
        elif lk in _HAN_OR_PUNCT and rk in _HAN_OR_PUNCT:
            # The common case, without _decide's look at quotes and dashes.
            action = "names" if lk == HAN and rk == HAN else "remove"
        else:
            action = _decide(text, start, end, policy)
        if action == "keep":
            continue
        if _is_field_separator(text, start, end):
            continue
        if action == "names":
            a = _token(text, start - 1, -1, end - start)
            b = _token(text, end, 1, end - start)
            if len(a) >= MIN_NAME and len(b) >= MIN_NAME:
                if is_name is None:
                    is_name = _agency_checker(ctx)
                # A whole name ends the left run and another starts the right one. Ends,
                # not whole runs, so the verdict survives later merges (reflow, spacing).
                if _name_at(a, is_name, from_end=True) and _name_at(b, is_name, from_end=False):
                    continue  # a separator between two whole names, not OCR damage
        append(Edit(start, end, "", "space", _REASONS[lk + rk]))
    for start, end in rows:
        ctx.flag("table-row-spacing", "spaces kept: they look like table cell separators", start, end)
    if policy == "add":
        # A document number (湘教发〔2022〕7号) is one token: no space goes inside it.
        numbers = [(m.start(), m.end()) for m in DOC_NUMBER_RE.finditer(text)]
        for m in _add_gap().finditer(text):
            if not any(a < m.start() < b for a, b in numbers):
                edits.append(
                    Edit(m.start(), m.start(), " ", "space", "space between Chinese and Latin (add)")
                )
    if lines is not None:
        if removed is None:
            removed = _removal(policy, literal)
        rewrite = _splice_lines(text, out, count, removed, mid_lines, lines, edits)
        if text is ctx.ascii_spaced:
            ctx.ascii_spaced = rewrite.text
        return rewrite
    return edits


def _removal(policy: str, literal: bool) -> re.Pattern[str]:
    """``_removed_runs`` for ``policy``, opening with the ASCII space where ``literal``."""
    removed = _removed_runs(policy == "remove")
    return _from_ascii_space(removed) if literal else removed


def _splice_lines(
    text: str,
    out: str,
    count: int,
    removed: re.Pattern[str],
    mid_lines: list[int],
    lines: list[tuple[int, int]],
    edits: list[Edit],
) -> Rewrite:
    """``out`` (``text`` less the ``count`` runs ``removed`` matches) with its lines
    ``mid_lines`` (``lines`` of ``text``: start, end) made from ``edits`` instead: the
    edits, in order, are all on those lines, and all removals."""
    out_lines = out.split("\n")
    edit_at = iter(edits)
    edit = next(edit_at, None)
    for k, (start, end) in zip(mid_lines, lines, strict=True):
        pieces = []
        cursor = start
        while edit is not None and edit.start < end:
            pieces.append(text[cursor : edit.start])
            cursor = edit.end
            count += 1
            edit = next(edit_at, None)
        pieces.append(text[cursor:end])
        out_lines[k] = "".join(pieces)
        count -= len(removed.findall(text, start, end + 1))  # what the subn did on the line
    return Rewrite("\n".join(out_lines), count)


PASSES = (remove_spaces,)

"""Agency names of Chinese official documents: regions, bodies and name endings, as data.

A whole agency name (机关名称) is built the same way everywhere in China:

    [party prefix] [region ...] [national prefix] body ending
    中共          湖南省                          委   办公厅
                  长沙市                     人民政府   办公厅
                                    国家     发展改革   委
                  湖南省                 人力资源和社会保障 厅

The pieces live in ``docclean/data`` (``regions.tsv``: provincial- and
prefecture-level divisions with their short forms; ``agency_endings.txt``;
``agency_prefixes.txt``; ``national_bodies.txt``: central bodies that stand on their
own such as 教育部 or 国家发展改革委). Users extend them with ``--lexicon FILE``:
one whole agency name per line, or ``kind<TAB>value`` lines where kind is
``name``, ``region`` (``region<TAB>雄安新区<TAB>雄安``), ``ending``, ``party`` or
``national``. Lines starting with ``#`` are comments.

The header stage uses :meth:`Lexicon.parse` to rebuild names; the spacing stage asks
:func:`is_agency_name` whether two space-separated runs are whole names that must
keep their separating space (``国务院办公厅 中央军委办公厅``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

from .datafiles import data_lines
from .patterns import CJK_CHARS

# The one compiled CJK class of the lexicon and the header stage (see char_ranges): the
# patterns that need CJK characters match loosely and test their groups with all_cjk.
_ALL_CJK = re.compile(f"[{CJK_CHARS}]+")


def all_cjk(s: str) -> bool:
    """``s`` is one or more CJK characters."""
    return _ALL_CJK.fullmatch(s) is not None


# Endings that make a name with an empty body: 湖南省人民政府, 中共湖南省委, 长沙市政协.
STANDALONE_ENDINGS = frozenset(
    "人民政府 政府 委 纪委 监委 人大常委会 常委会 人民代表大会 政协 人民法院 人民检察院 "
    "总工会 妇联 残联 科协 侨联 文联 社科联 工商联".split()
)
# Words no agency name contains; they mark running text or a title (湖南省教育厅等三部门关于...).
STOP_WORDS = (
    "的 了 是 在 将 把 被 请 等 各 我 你 他 们 这 那 关于 通知 意见 答复 提案 决定 方案 报告 批复 印发 "
    "转发 文件 或 并 但 若 贯彻 落实 围绕 设立"
).split()
# One search instead of a loop over STOP_WORDS (a plain alternation of words: cheap to compile).
_STOP_RE = re.compile("|".join(map(re.escape, STOP_WORDS)))
# Bodies a county-level unit not in the lexicon (浏阳市, 洪泽区, 宁乡县) may open with.
COUNTY_BODIES = ("人民政府", "人民代表大会", "人大常委会", "政协", "委", "纪委", "人民法院", "人民检察院")
# (Two characters at least before 县/区/市: 州市人民政府 is the tail of 杭州市人民政府.)
# Matched only against names that are all CJK (see _parse_pattern): any character will do.
COUNTY_UNIT_IN_NAME = re.compile("(?s:.){2,5}?(?:自治县|自治旗|县|区|旗|市)")
MAX_NAME = 32
MAX_BODY = 18


@dataclass(frozen=True)
class Region:
    name: str
    shorts: tuple[str, ...]
    level: str
    parent: str = ""


@dataclass(frozen=True)
class AgencyParts:
    """A parsed agency name: ``prefix + body + ending == name``."""

    name: str
    party: str = ""
    regions: tuple[str, ...] = ()
    national: str = ""
    body: str = ""
    ending: str = ""

    @property
    def prefix(self) -> str:
        return self.party + "".join(self.regions) + self.national


# Memo tables of the lexicon's pure lookups are emptied past this many entries (a batch
# of thousands of files sees new strings forever; memory must stay bounded).
MEMO_LIMIT = 100_000
_T = TypeVar("_T")


def _memo(cache: dict[str, _T], key: str, compute: Callable[[str], _T]) -> _T:
    try:  # (one lookup; and no window for another thread's clear())
        return cache[key]
    except KeyError:
        pass
    if len(cache) > MEMO_LIMIT:
        cache.clear()
    found = cache[key] = compute(key)
    return found


@dataclass
class Lexicon:
    regions: dict[str, Region] = field(default_factory=dict)
    endings: tuple[str, ...] = ()
    names: frozenset[str] = frozenset()
    party_prefixes: tuple[str, ...] = ()
    national_prefixes: tuple[str, ...] = ()
    # Derived lookup tables, filled by _index().
    _region_forms: dict[str, str] = field(default_factory=dict, repr=False)
    _short_to_region: dict[str, str] = field(default_factory=dict, repr=False)
    # first character -> lengths of the full region forms (3+ characters) opening with it
    _inner_region_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    # first character -> lengths (longest first) of the region forms opening with it
    _region_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    # last character -> endings ending with it (longest first); "" is kept apart
    _endings_by_last: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _empty_ending: bool = field(default=False, repr=False)
    # The characters a whole name can end with (the last of an ending or of a name), or
    # None when any character can (an empty ending from a user lexicon).
    _final_chars: frozenset[str] | None = field(default=None, repr=False)
    # The whole names, sorted: suggest()'s choices when no region opens the name.
    _names_sorted: tuple[str, ...] = field(default=(), repr=False)
    # Memoised answers. Every query is a pure function of the lexicon's data, which is
    # fixed once built (extended() builds a new Lexicon, with empty caches).
    _cache: dict[str, AgencyParts | None] = field(default_factory=dict, repr=False)
    _cache_one: dict[str, AgencyParts | None] = field(default_factory=dict, repr=False)
    _segments: dict[str, tuple[str, ...] | None] = field(default_factory=dict, repr=False)
    _tails: dict[str, bool] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        self.endings = tuple(sorted(set(self.endings), key=len, reverse=True))
        self.party_prefixes = tuple(sorted(set(self.party_prefixes), key=len, reverse=True))
        self.national_prefixes = tuple(sorted(set(self.national_prefixes), key=len, reverse=True))
        forms: dict[str, str] = {}
        shorts: dict[str, str] = {}
        for region in self.regions.values():
            forms[region.name] = region.name
            for short in region.shorts:
                # A short form that still ends like a division (湘西州, 兴安盟) opens names;
                # 湖南 or 湘 only ever abbreviate (doc numbers, fragments).
                # (杭州 for 杭州市 is an abbreviation, not a division name.)
                if short[-1] in "州盟区" and region.name != short + "市":
                    forms.setdefault(short, region.name)
                shorts.setdefault(short, region.name)
        self._region_forms = forms
        self._short_to_region = shorts
        # Two names glued together (长沙市教育局长沙市财政局) carry a second region in the body:
        # the forms of 3+ characters, by first character, for _has_region. (A dict scan: a
        # regex alternation of the ~400 forms takes milliseconds to compile.)
        inner: dict[str, set[int]] = {}
        for form in forms:
            if len(form) >= 3:
                inner.setdefault(form[0], set()).add(len(form))
        self._inner_region_lengths = {c: tuple(sorted(ls)) for c, ls in inner.items()}
        # region_at only returns forms of 2 to 12 characters.
        lengths: dict[str, set[int]] = {}
        for form in forms:
            if 2 <= len(form) <= 12:
                lengths.setdefault(form[0], set()).add(len(form))
        self._region_lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}
        by_last: dict[str, list[str]] = {}
        for ending in self.endings:  # longest first, and so in each list
            if ending:
                by_last.setdefault(ending[-1], []).append(ending)
        self._endings_by_last = {c: tuple(es) for c, es in by_last.items()}
        self._empty_ending = "" in self.endings
        finals = {e[-1] for e in self.endings if e} | {n[-1] for n in self.names if n}
        self._final_chars = None if self._empty_ending else frozenset(finals)
        self._names_sorted = tuple(sorted(self.names))

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def default(cls) -> Lexicon:
        return _default_lexicon()

    def extended(self, paths: Iterable[Path | str]) -> Lexicon:
        """A copy with the entries of user lexicon files (see the module docstring) added."""
        regions = dict(self.regions)
        endings = list(self.endings)
        names = set(self.names)
        party = list(self.party_prefixes)
        national = list(self.national_prefixes)
        for path in paths:
            text = Path(path).read_text(encoding="utf-8-sig")
            for raw in text.splitlines():
                line = raw.strip()
                if not line or line.startswith("#"):
                    continue
                cols = [c.strip() for c in line.split("\t")]
                kind = cols[0] if len(cols) > 1 else "name"
                value = cols[1] if len(cols) > 1 else cols[0]
                if kind == "region":
                    shorts = tuple(s for s in (cols[2].split(",") if len(cols) > 2 else ()) if s)
                    regions[value] = Region(value, shorts, cols[3] if len(cols) > 3 else "user")
                elif kind == "ending":
                    endings.append(value)
                elif kind == "party":
                    party.append(value)
                elif kind == "national":
                    national.append(value)
                else:
                    names.add(value)
        return Lexicon(regions, tuple(endings), frozenset(names), tuple(party), tuple(national))

    # -- queries ----------------------------------------------------------------------------

    def region_at(self, s: str, pos: int = 0) -> str:
        """The longest region form (full name, or a short form like 湘西州) at ``s[pos:]``."""
        room = len(s) - pos
        forms = self._region_forms
        for length in self._region_lengths.get(s[pos : pos + 1], ()):
            if length <= room:
                form = s[pos : pos + length]
                if form in forms:
                    return form
        return ""

    def region_of_short(self, short: str) -> Region | None:
        """The division a short form or full name stands for (湘 → 湖南省)."""
        full = self._short_to_region.get(short) or self._region_forms.get(short)
        return self.regions.get(full) if full else None

    def ending_of(self, s: str) -> str:
        """The longest known ending ``s`` ends with, or ''."""
        for ending in self._endings_by_last.get(s[-1:], ()):
            if s.endswith(ending):
                return ending
        return ""

    def endings_of(self, s: str) -> list[str]:
        """Every known ending ``s`` ends with, longest first."""
        found = [e for e in self._endings_by_last.get(s[-1:], ()) if s.endswith(e)]
        if self._empty_ending:
            found.append("")
        return found

    def can_end_name(self, s: str, end: int) -> bool:
        """Cheap necessary test: may a whole name end at ``s[end - 1]``? (No name ends in 的.)"""
        return self._final_chars is None or (0 < end <= len(s) and s[end - 1] in self._final_chars)

    def _body_ok(self, body: str, ending: str) -> bool:
        if len(body) > MAX_BODY or (not body and ending not in STANDALONE_ENDINGS):
            return False
        if _STOP_RE.search(body):
            return False
        return not self._has_region(body)

    def _has_region(self, body: str) -> bool:
        """Does a full region form of 3+ characters (长沙市, 湘西州) occur anywhere in ``body``?"""
        forms = self._region_forms
        lengths = self._inner_region_lengths
        if lengths.keys().isdisjoint(body):
            return False  # no character of the body opens a region form (the usual case)
        n = len(body)
        for pos, c in enumerate(body):
            for length in lengths.get(c, ()):
                if pos + length <= n and body[pos : pos + length] in forms:
                    return True
        return False

    def parse(self, s: str) -> AgencyParts | None:
        """Split a whole agency name into its parts, or None if ``s`` is not one.

        Two names run together (``国家发展改革委财政部``) are not one name, even when the
        pattern alone would accept them.
        """
        cache = self._cache
        if s in cache:
            return cache[s]
        parts = self._parse_one(s)
        if parts is not None and s not in self.names:
            finals = self._final_chars
            for cut in range(2, len(s) - 1):
                # (A first name must end at the cut: skip the cuts where none can.)
                if finals is not None and s[cut - 1] not in finals:
                    continue
                if self._parse_one(s[:cut]) and self._parse_one(s[cut:]):
                    parts = None
                    break
        if len(cache) > MEMO_LIMIT:
            cache.clear()
            self._cache_one.clear()
            self._segments.clear()
        cache[s] = parts
        return parts

    def _parse_one(self, s: str) -> AgencyParts | None:
        cache = self._cache_one
        if s not in cache:
            cache[s] = self._parse_pattern(s)
        return cache[s]

    def _parse_pattern(self, s: str) -> AgencyParts | None:
        if not s or len(s) > MAX_NAME or not _ALL_CJK.fullmatch(s):
            return None
        if s in self.names:
            return AgencyParts(s, national=s)
        pos = 0
        party = ""
        if s.startswith(self.party_prefixes):
            party = next(p for p in self.party_prefixes if s.startswith(p))
        pos += len(party)
        regions: list[str] = []
        while region := self.region_at(s, pos):
            regions.append(region)
            pos += len(region)
        national = ""
        if not regions:
            national = next((p for p in self.national_prefixes if s.startswith(p, pos)), "")
            pos += len(national)
        if not (party or regions or national):
            # A county-level unit missing from the lexicon, only before its core bodies.
            unit = COUNTY_UNIT_IN_NAME.match(s)
            if unit and s.startswith(COUNTY_BODIES, unit.end()) and not _STOP_RE.search(unit.group()):
                regions.append(unit.group())
                pos = unit.end()
            else:
                return None
        rest = s[pos:]
        # Longest ending first, but a shorter one may leave the body a name needs
        # (雄安新区 + 管理 + 委员会, when 管理委员会 alone would leave no body).
        for ending in self.endings_of(rest):
            body = rest[: len(rest) - len(ending)]
            if self._body_ok(body, ending):
                return AgencyParts(s, party, tuple(regions), national, body, ending)
        return None

    def is_agency_name(self, s: str) -> bool:
        try:  # the cache of parse(), without the call (this is the hot query)
            return self._cache[s] is not None
        except KeyError:
            return self.parse(s) is not None

    def segment(self, s: str) -> tuple[str, ...] | None:
        """Split ``s`` into whole agency names (``教育部国家发展改革委财政部`` → three names).

        The fewest pieces win; two different splits with as few pieces are ambiguous: None.
        """
        try:  # (the memo's hit, without a call: the header and structure stages ask often)
            return self._segments[s]
        except KeyError:
            return _memo(self._segments, s, self._segment)

    def _segment(self, s: str) -> tuple[str, ...] | None:
        n = len(s)
        if not n or n > 200:
            return None
        finals = self._final_chars
        if finals is not None and s[-1] not in finals:
            return None  # no name can end the text: the test below would find none
        is_name = self.is_agency_name
        if not any(is_name(s[i:]) for i in range(max(0, n - 32), n - 1)):
            return None  # no name ends the text (a line of running text): skip the table
        # best[j] = (pieces, number of splits reaching j with that many pieces, previous cut)
        best: list[tuple[int, int, int] | None] = [None] * (n + 1)
        best[0] = (0, 1, -1)
        for j in range(1, n + 1):
            if finals is not None and s[j - 1] not in finals:
                continue  # no name ends here
            for i in range(max(0, j - 32), j - 1):
                prev = best[i]
                if prev is None or not is_name(s[i:j]):
                    continue
                pieces, ways, _ = prev
                cur = best[j]
                if cur is None or pieces + 1 < cur[0]:
                    best[j] = (pieces + 1, ways, i)
                elif pieces + 1 == cur[0]:
                    best[j] = (cur[0], cur[1] + ways, cur[2])
        final = best[n]
        if final is None or final[1] != 1:
            return None
        cuts = [n]
        j = n
        while j > 0:
            j = best[j][2]  # type: ignore[index]
            cuts.append(j)
        cuts.reverse()
        return tuple(s[a:b] for a, b in pairwise(cuts))

    def suggest(self, s: str) -> str | None:
        """The known name an unknown one most likely is (``湖南省教肓厅`` → ``湖南省教育厅``), for a
        reviewer's flag only: the text is never changed on a guess. None if nothing is close."""
        if not s or self.is_agency_name(s) or len(s) > MAX_NAME:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        party = next((p for p in self.party_prefixes if s.startswith(p)), "")
        pos = len(party)
        level = ""
        while region := self.region_at(s, pos):
            pos += len(region)
            level = self.regions[self._region_forms[region]].level
        if pos > len(party):
            prefix, rest = s[:pos], s[pos:]
            # A province has 厅, a city or county 局: try the level's own ending first.
            own = "厅" if level == "province" else "局"
            choices = _departments_first(own)
        else:
            prefix, rest, choices = "", s, self._names_sorted
        # One OCR slip per five characters (教育斤 → 教育厅, 人力资源和社会保障斤 → ...厅).
        limit = max(1, len(rest) // 5)
        best = process.extractOne(rest, choices, scorer=Levenshtein.distance, score_cutoff=limit)
        if best is None or best[0] == rest:
            return None
        name = prefix + best[0]
        return name if self.is_agency_name(name) else None

    def is_name_tail(self, s: str) -> bool:
        """A name that may lack its prefix (``省教育厅``, ``发展和改革委员会``): the header lines
        OCR leaves when the shared prefix of a joint header was typeset once."""
        try:  # (as in segment)
            return self._tails[s]
        except KeyError:
            return _memo(self._tails, s, self._is_name_tail)

    def _is_name_tail(self, s: str) -> bool:
        if self.is_agency_name(s):
            return True
        if not s or len(s) > MAX_NAME or not _ALL_CJK.fullmatch(s):
            return False
        for ending in self.endings_of(s):
            body = s[: len(s) - len(ending)]
            # A bare level word (省, 市, 县, 区) may stand for the dropped region.
            if body[:1] in "省市县区":
                body = body[1:]
            if body and self._body_ok(body, ending):
                return True
        return False


@lru_cache(maxsize=8)
def data_words(name: str) -> tuple[str, ...]:
    """A shipped one-word-per-line list (``marks.txt``, ``doc_types.txt``), longest first."""
    # Stable: equally long entries keep the file's order (no set-order surprises).
    words = dict.fromkeys(line.strip() for line in data_lines(name))
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=2)
def _departments_first(own: str) -> tuple[str, ...]:
    """The shipped departments, those ending with ``own`` first (each kept in its order)."""
    return tuple(sorted(data_words("departments.txt"), key=lambda d: not d.endswith(own)))


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    regions: dict[str, Region] = {}
    for line in data_lines("regions.tsv"):
        cols = line.split("\t")
        cols += [""] * (4 - len(cols))
        shorts = tuple(s for s in cols[1].split(",") if s)
        regions[cols[0]] = Region(cols[0], shorts, cols[2], cols[3])
    party: list[str] = []
    national: list[str] = []
    for line in data_lines("agency_prefixes.txt"):
        kind, value = line.split("\t")[:2]
        (party if kind == "party" else national).append(value.strip())
    return Lexicon(
        regions,
        tuple(line.strip() for line in data_lines("agency_endings.txt")),
        frozenset(line.strip() for line in data_lines("national_bodies.txt")),
        tuple(party),
        tuple(national),
    )


@lru_cache(maxsize=32)
def _extended(paths: tuple[str, ...]) -> Lexicon:
    return _default_lexicon().extended(paths)


def load_lexicon(extra: Sequence[Path | str] = ()) -> Lexicon:
    """The shipped lexicon, extended by the user files ``extra`` (``Options.lexicon``)."""
    if not extra:
        return _default_lexicon()
    return _extended(tuple(str(p) for p in extra))


def is_agency_name(s: str, lexicon: Lexicon | None = None) -> bool:
    """True if ``s`` is one whole agency name: ``湖南省教育厅``, ``国家发展改革委``,
    ``中共湖南省委办公厅``; False for fragments (``湖南省发``), titles and running text."""
    return (lexicon or _default_lexicon()).is_agency_name(s.strip())

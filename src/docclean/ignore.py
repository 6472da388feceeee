"""``.doccleanignore``: files a batch run leaves alone, in gitignore syntax.

An archive checked into git usually has files docclean must not touch: originals
kept as evidence, hand-corrected texts, drafts. Listing them in a
``.doccleanignore`` uses the syntax everyone already knows from ``.gitignore``.
The common subset is implemented here (a dependency for 150 lines is not worth it):

- ``#`` comments and blank lines; ``\\#`` and ``\\!`` for literal ``#``/``!``; trailing
  spaces are dropped unless escaped with ``\\``;
- ``*``, ``?``, ``[a-z]``/``[!a-z]`` never match ``/``;
- ``!pattern`` re-includes what an earlier pattern excluded (but, as in git, never a
  file inside an excluded directory);
- ``name/`` matches directories only;
- a pattern with a ``/`` at the start or in the middle is anchored to the directory
  of the ignore file; otherwise it matches at any depth;
- ``**/x``, ``x/**`` and ``a/**/b`` cross directory levels.

Ignore files nest: a ``.doccleanignore`` in a subdirectory applies below it, and its
patterns win over those of the directories above (the last match decides).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

IGNORE_FILE = ".doccleanignore"


@dataclass(frozen=True)
class Pattern:
    text: str  # the line as written, for messages
    regex: re.Pattern[str]
    negate: bool
    dir_only: bool


def _translate(body: str) -> str:
    """Regex for one pattern body (no leading ``!``/``/``, no trailing ``/``)."""
    out: list[str] = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == "*":
            if body.startswith("**", i):
                at_start = i == 0 or body[i - 1] == "/"
                at_end = i + 2 == n or body[i + 2] == "/"
                if at_start and at_end:
                    if i + 2 == n:
                        out.append(".*")  # trailing ``/**``: everything inside
                        i += 2
                    else:
                        out.append("(?:.*/)?")  # ``**/``: zero or more directories
                        i += 3
                    continue
                i += 2  # other runs of asterisks are a plain ``*``
                while i < n and body[i] == "*":
                    i += 1
                out.append("[^/]*")
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = i + 1
            if j < n and body[j] in "!^":
                j += 1
            if j < n and body[j] == "]":
                j += 1
            while j < n and body[j] != "]":
                j += 1
            if j >= n:
                out.append(re.escape(c))  # an unclosed bracket is literal
            else:
                inner = body[i + 1 : j]
                negate = inner[:1] in ("!", "^")
                if negate:
                    inner = inner[1:]
                inner = inner.replace("\\", "\\\\").replace("[", "\\[")
                out.append(f"[^/{inner}]" if negate else f"[{inner}]")
                i = j
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(body[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def parse_line(line: str) -> Pattern | None:
    """One ignore-file line as a :class:`Pattern`, or None for blanks and comments."""
    line = line.rstrip("\n").rstrip("\r")
    # Trailing spaces go unless the last one is escaped.
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        stripped += " "
    line = stripped
    if not line or line.startswith("#"):
        return None
    text = line
    negate = line.startswith("!")
    if negate:
        line = line[1:]
    elif line.startswith(("\\!", "\\#")):
        line = line[1:]
    dir_only = line.endswith("/") and not line.endswith("\\/")
    if dir_only:
        line = line.rstrip("/")
    if not line:
        return None
    anchored = "/" in line
    line = line.lstrip("/")
    if not line:
        return None
    body = _translate(line)
    if not anchored:
        body = "(?:.*/)?" + body
    return Pattern(text, re.compile(body + r"\Z", re.DOTALL), negate, dir_only)


def parse(lines: Iterable[str]) -> list[Pattern]:
    return [p for p in (parse_line(line) for line in lines) if p is not None]


def last_match(patterns: Iterable[Pattern], rel: str, is_dir: bool) -> bool | None:
    """True (ignored), False (re-included) or None (no pattern matched)."""
    verdict: bool | None = None
    for pattern in patterns:
        if pattern.dir_only and not is_dir:
            continue
        if pattern.regex.match(rel):
            verdict = not pattern.negate
    return verdict


class IgnoreRules:
    """The ignore patterns that apply under ``root``.

    ``extra`` patterns (the config file's ``exclude``) count as if written at the top
    of ``root``'s own ignore file. Ignore files in subdirectories are read lazily,
    once each, when a path below them is asked about.
    """

    def __init__(self, root: str | Path, extra: Iterable[str] = (), read_files: bool = True):
        self.root = _absolute(root)
        self.read_files = read_files
        self._extra = parse(extra)
        # Keyed by absolute path strings: a batch asks about every file, and string
        # slicing is several times cheaper than pathlib's relative_to / parts.
        self._root = str(self.root)
        self._cache: dict[str, list[Pattern]] = {}
        self._dir_verdicts: dict[str, bool] = {}
        self._others: dict[str, IgnoreRules] = {}
        self._roots: dict[str, Path] = {}

    def _patterns_in(self, directory: str) -> list[Pattern]:
        found = self._cache.get(directory)
        if found is None:
            found = list(self._extra) if directory == self._root else []
            file = os.path.join(directory, IGNORE_FILE)
            if self.read_files and os.path.isfile(file):
                try:
                    with open(file, encoding="utf-8-sig", errors="replace") as fh:
                        found += parse(fh.read().splitlines())
                except OSError:
                    pass
            self._cache[directory] = found
        return found

    def _verdict(self, path: str, is_dir: bool, dirs: list[str]) -> bool | None:
        """The last match over the ignore files of ``dirs`` (shallowest first)."""
        verdict: bool | None = None
        for directory in dirs:
            patterns = self._patterns_in(directory)
            if not patterns:
                continue
            found = last_match(patterns, _relative(path, directory), is_dir)
            if found is not None:
                verdict = found
        return verdict

    def ignored(self, path: str | Path, is_dir: bool | None = None) -> bool:
        """Whether ``path`` (a file or directory under ``root``) is ignored.

        A path outside ``root`` follows the ignore files of its own tree (see
        :func:`find_root`); the ``extra`` patterns apply only under ``root``. As in
        git, a file inside an ignored directory stays ignored whatever a later ``!``
        pattern says.
        """
        absolute = _absolute_str(path)
        root = self._root
        if absolute == root:
            return False
        inside = root if root.endswith(os.sep) else root + os.sep
        if not absolute.startswith(inside):
            # Outside the project root (say, an archive named by absolute path from
            # elsewhere): that tree's own ignore files apply, found the same way.
            return self._elsewhere(absolute).ignored(absolute, is_dir)
        parts = absolute[len(inside) :].split(os.sep)
        if is_dir is None:
            is_dir = os.path.isdir(absolute)
        dirs = [root]
        current = root
        for part in parts[:-1]:
            current = os.path.join(current, part)
            if self._dir_ignored(current, dirs):
                return True
            dirs.append(current)
        return bool(self._verdict(absolute, is_dir, dirs))

    def _elsewhere(self, path: str) -> IgnoreRules:
        parent = os.path.dirname(path)
        root = self._roots.get(parent)
        if root is None:
            # An ancestor of path, so never self.root or below it.
            root = self._roots[parent] = find_root(parent)
        rules = self._others.get(str(root))
        if rules is None:
            rules = self._others[str(root)] = IgnoreRules(root, read_files=self.read_files)
        return rules

    def _dir_ignored(self, directory: str, dirs: list[str]) -> bool:
        known = self._dir_verdicts.get(directory)
        if known is None:
            known = bool(self._verdict(directory, True, dirs))
            self._dir_verdicts[directory] = known
        return known


def _relative(path: str, directory: str) -> str:
    """``path`` below ``directory``, with ``/`` separators as in ignore patterns."""
    rel = path[len(directory) :].lstrip(os.sep)
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def _absolute_str(path: str | Path) -> str:
    # Normalise without resolving symlinks, so a symlinked file stays under its root.
    return os.path.normpath(os.path.abspath(path))


def _absolute(path: str | Path) -> Path:
    return Path(_absolute_str(path))


def find_root(start: str | Path | None = None) -> Path:
    """Where the top ``.doccleanignore`` is looked for when no config file fixes the root:
    the nearest directory upward holding one, stopping at the repository root (``.git``);
    else ``start`` itself."""
    here = _absolute(start or Path.cwd())
    for directory in (here, *here.parents):
        if (directory / IGNORE_FILE).is_file():
            return directory
        if (directory / ".git").exists():
            break
    return here

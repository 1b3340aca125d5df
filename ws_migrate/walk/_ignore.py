"""Gitignore lines matched as pathspec's `GitIgnoreSpec` matches them, at a cost that does not
grow with the number of lines.

pathspec compiles every line to a regular expression up front and tries each on every path: a
generated `.gitignore` of 100,000 lines cost 20 s to compile and as long again to match a few
hundred files. Here a short file is compiled whole (as pathspec does: most are), and in a long
one a line is compiled only when a path could match it: each line is indexed by
the rarest three characters it needs literally (every path a pattern matches holds each of its
literal pieces), a path looks up its own three-character windows, and only the lines found so
(and the few with no such piece, like `*` or `*.c`) are compiled and matched, by pathspec, in
their order. The lines no path could match change nothing, so the answer is pathspec's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

from pathspec import GitIgnoreSpec

if TYPE_CHECKING:  # where pathspec keeps it changed between versions: only named for types
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern as Pattern

Kind = Literal["files", "dirs", "walked"]
"""What a view of the lines judges: file paths; folder paths (folder-only patterns lose their
`/`); or files reached through folders `dirs` let by (folder-only exclusions left out)."""

_WILD = frozenset("*?[\\/")  # ends a literal piece (`[…]` and `\x` are never taken literally)
_INDEXED_FROM = 200  # lines: a shorter file is compiled whole, as pathspec would (no lookups per path)


class IgnoreLines:
    """The lines of one ignore file (rebased onto the top folder), indexed on first use."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = tuple(lines)
        # what can be a pattern (blank lines and comments never are); an over-count is harmless
        self.patterns = sum(1 for line in self.lines if line.strip() and not line.startswith("#"))
        self._index: dict[str, list[int]] | None = None
        self._always: list[int] = []  # lines with no literal piece of three characters
        self._compiled: dict[int, tuple[Pattern | None, Pattern | None]] = {}

    @property
    def small(self) -> bool:
        return len(self.lines) < _INDEXED_FROM

    def candidates(self, path: str) -> list[int]:
        """The lines that could match `path`, in order (a superset of those that do)."""
        if self.small:
            return list(range(len(self.lines)))
        index = self._index if self._index is not None else self._build()
        found = [i for k in range(len(path) - 2) for i in index.get(path[k:k + 3], ())]
        if not found:
            return self._always
        return sorted({*found, *self._always})

    def pattern(self, i: int, kind: Kind) -> Pattern | None:
        """Line `i` compiled for `kind`, or None when it is no pattern there: invalid in either
        form (dropped, as git drops it), or a folder-only exclusion for `walked`."""
        compiled = self._compiled.get(i)
        if compiled is None:
            compiled = self._compiled[i] = _compile(self.lines[i])
        files, dirs = compiled
        if kind == "dirs":
            return dirs
        if kind == "walked" and folder_only_exclusion(self.lines[i]):
            return None
        return files

    def _build(self) -> dict[str, list[int]]:
        needs = [_trigrams(line) for line in self.lines]
        counts = Counter(t for grams in needs if grams for t in grams)
        index: dict[str, list[int]] = {}
        for i, grams in enumerate(needs):
            if grams is None:
                continue  # blank or a comment: no pattern
            if not grams:
                self._always.append(i)
            else:
                index.setdefault(min(grams, key=counts.__getitem__), []).append(i)
        self._index = index
        return index


class IgnoreSpec:
    """One or more ignore files, later ones winning, viewed as `kind`: `match_file` answers as
    `GitIgnoreSpec.from_lines(all their lines)` would."""

    def __init__(self, parts: tuple[IgnoreLines, ...], kind: Kind) -> None:
        self.parts = parts
        self.kind = kind
        self._decided: dict[tuple[int, ...], GitIgnoreSpec] = {}
        # short files only (most): all their lines compiled once into one spec, on first use
        self._whole: GitIgnoreSpec | None = None
        self._small = all(part.small for part in parts)

    def __add__(self, later: IgnoreSpec) -> IgnoreSpec:
        return IgnoreSpec(self.parts + later.parts, self.kind)

    def match_file(self, path: str) -> bool:
        if self._small:
            if self._whole is None:
                self._whole = GitIgnoreSpec(self._patterns(path, every=True))
            return self._whole.match_file(path)
        found = self._patterns(path)
        if not found:
            return False
        key = tuple(id(p) for p in found)
        spec = self._decided.get(key)
        if spec is None:  # paths mostly share their few candidates: one spec for all of them
            spec = self._decided[key] = GitIgnoreSpec(found)
        return spec.match_file(path)

    def _patterns(self, path: str, every: bool = False) -> list[Pattern]:
        """The compiled lines that could match `path` (`every`: all of them), in order."""
        found: list[Pattern] = []
        for part in self.parts:
            for i in range(len(part.lines)) if every else part.candidates(path):
                pattern = part.pattern(i, self.kind)
                if pattern is not None and pattern.include is not None:
                    found.append(pattern)
        return found


def ignore_matcher(lines: Sequence[str]) -> Callable[[str], bool]:
    """The test of paths (relative to the ignore file's folder; a folder's ends in `/`) against
    the gitignore `lines`: invalid lines dropped, as git drops them."""
    return IgnoreSpec((IgnoreLines(lines),), "files").match_file


def folder_only_exclusion(line: str) -> bool:
    """`gen/`, `/build/`, `a/**/out/`: excludes folders only (not a comment, not a negation)."""
    return folder_pattern(line) and not line.startswith(("!", "#"))


def folder_pattern(line: str) -> bool:
    """Ends with `/` (trailing spaces aside, unless escaped): it matches folders only."""
    return line.rstrip(" ").endswith("/") and not line.endswith("\\ ")


def dir_line(line: str) -> str:
    """A folder-only pattern (`gen/`, `!*/`) as a plain one (`gen`, `!*`): for a folder that
    restriction always holds."""
    return line.rstrip(" ")[:-1] if folder_pattern(line) else line


def _compile(line: str) -> tuple[Pattern | None, Pattern | None]:
    try:
        files = GitIgnoreSpec.from_lines([line]).patterns
        dirs = GitIgnoreSpec.from_lines([dir_line(line)]).patterns
    except ValueError:
        return None, None
    return (files[0] if files else None), (dirs[0] if dirs else None)


def _trigrams(line: str) -> set[str] | None:
    """The three-character windows of the longest literal piece `line` needs in every path it
    matches (in either form), an empty set when it has none so long, None for no pattern."""
    if not line.strip() or line.startswith("#"):
        return None
    body = line.removeprefix("!").rstrip(" ")  # trailing spaces: not the pattern
    pieces, piece, bracket = [], "", False
    for c in body:
        if bracket:  # the rest of a component after `[`: not literal
            bracket = c != "/"
            continue
        if c in _WILD:
            pieces.append(piece)
            piece = ""
            bracket = c == "["
        else:
            piece += c
    pieces.append(piece)
    longest = max(pieces, key=len)
    return {longest[k:k + 3] for k in range(len(longest) - 2)}

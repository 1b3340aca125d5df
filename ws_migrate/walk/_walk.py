"""Find the source files of a repository: the first stage of a scan, with no parsing.

The walk honours `.gitignore` files the way git does (nested files for their own subtree,
negation, anchored patterns; `.gitignore` files of the enclosing work tree above the root and
`.git/info/exclude` too), always skips dependency, cache and build-output folders, follows
symlinks inside the root without looping (never one out of it: a repository's link can name any
file of the machine), and reports every path it had to pass over as a `Skipped` instead of
raising.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections import deque
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from pathspec import GitIgnoreSpec

from ws_migrate._exceptions import ScanError
from ws_migrate.walk._ignore import IgnoreLines, IgnoreSpec, dir_line, folder_only_exclusion

Language = Literal["typescript", "tsx", "javascript", "vue", "svelte", "python"]

ALL_LANGUAGES: tuple[Language, ...] = get_args(Language)

# fmt: off
ALWAYS_SKIPPED_DIRS: frozenset[str] = frozenset(
    {
        # dependencies, version control, tool caches
        "node_modules", ".git", ".hg", ".svn", "__pycache__", ".venv", "venv", ".tox",
        ".mypy_cache", ".pytest_cache", ".ws-migrate-cache",
        # build output
        "dist", "build", ".next", ".nuxt", ".output", "coverage", ".turbo", ".parcel-cache",
        "storybook-static",
        # tests and their doubles: sockets there are not the app's
        "__tests__", "__mocks__", "__snapshots__", "test", "tests", "e2e", "cypress",
    }
)
# files that say how a package's modules resolve (stamped, for they decide what links)
CONFIG_FILES = frozenset({"tsconfig.json", "jsconfig.json", "package.json", "svelte.config.js",
                          "svelte.config.ts", "nuxt.config.ts", "nuxt.config.js"})
# a build's environment (`.env`, `.env.development`, `.env.example`): the URLs' bases
_ENV_FILE = re.compile(r"^\.env(?:\.[\w.-]+)?$")
# test files beside the code (`x.test.ts`, `x.spec.tsx`, stories, `test_x.py`): not the app's
_TEST_FILE = re.compile(r"\.(?:test|spec|stories|story|cy)\.[cm]?[jt]sx?$|^test_.*\.py$|_test\.py$|^conftest\.py$")

_LANGUAGE_OF_SUFFIX: dict[str, Language] = {
    ".ts": "typescript", ".mts": "typescript", ".cts": "typescript",
    ".tsx": "tsx",
    ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
    ".vue": "vue", ".svelte": "svelte",  # components: their `<script>` blocks are read
    ".py": "python",
}
# fmt: on

# `x.d.ts` and TypeScript 5's arbitrary-extension declarations (`styles.d.css.ts`).
_DECLARATION = re.compile(r"\.d(\.[^./]+)?\.[mc]?ts$")


@dataclass(frozen=True)
class SourceFile:
    """A file to scan: where to read it, how to name it in reports, which grammar parses it."""

    fspath: str  # absolute path to read (a `str`: building 10,000 `Path`s costs more than the walk)
    rel: str
    language: Language
    size: int = 0
    mtime_ns: int = 0  # with `size`, lets the scan cache trust an unchanged file without reading it

    @property
    def path(self) -> Path:
        return Path(self.fspath)


@dataclass(frozen=True)
class Skipped:
    """A path the walk passed over although it might have held source code, and why."""

    rel: str
    reason: str


Stamp = tuple[str, int, int]  # (path, size, mtime_ns); size -1: the path did not exist


@dataclass(frozen=True)
class WalkResult:
    """The files of one walk, sorted by `rel`; `root / file.rel == file.path` for every file.

    `watched` stamps what else decided the walk: every folder listed (its mtime moves when an
    entry is added, removed or renamed), every ignore file read or looked for, and every file
    skipped for its size. With the files' own stamps, an unchanged stamp for each means the
    same walk would list the same files.
    """

    root: Path
    files: tuple[SourceFile, ...]
    skipped: tuple[Skipped, ...]
    watched: tuple[Stamp, ...] = ()
    # the project files that say how modules resolve (`tsconfig.json`, `package.json`, …) and
    # the `.env` files git keeps (the environment's variables), by rel
    configs: tuple[str, ...] = ()


def language_for(path: str) -> Language | None:
    """The language of `path` judged by its extension alone, or None for anything else.

    Declaration files (`.d.ts`, `.d.mts`, `.d.cts`, `x.d.css.ts`) hold no runtime code and
    get None. Extensions are compared case-sensitively, as TypeScript does.
    """
    return _language_of_name(path.rpartition("/")[2].rpartition(os.sep)[2])


def _language_of_name(name: str) -> Language | None:
    dot = name.rfind(".")
    if dot <= 0:
        return None
    language = _LANGUAGE_OF_SUFFIX.get(name[dot:])
    if language == "typescript" and _DECLARATION.search(name):
        return None
    return language


@dataclass(frozen=True)
class _Patterns:
    """Gitignore lines seen two ways: `files` judges file paths, `dirs` judges folder paths.

    pathspec judges file paths only (a folder counts through the files it would hold), so a
    folder is judged on its own by a copy of the lines with the trailing `/` of folder-only
    patterns removed: for a folder that restriction always holds. Lines are compiled only
    where a path could match them (`_ignore.py`): a `.gitignore` of 100,000 lines costs what
    the few lines a tree's paths could meet cost.
    """

    files: IgnoreSpec
    dirs: IgnoreSpec
    # what can still drop a file the walk reaches, whose folders all got through `dirs`: the
    # lines but folder-only exclusions (`node_modules/`, `dist/`), which match no such file;
    # None when nothing is left, so most files of a tree are not matched at all
    walked: IgnoreSpec | None
    count: int  # lines that may be patterns

    @classmethod
    def compile(cls, lines: Sequence[str]) -> _Patterns:
        """The lines; an invalid one is dropped where it would be matched, as git drops it."""
        part = IgnoreLines(lines)
        walked = any(line.strip() and not line.startswith("#") and not folder_only_exclusion(line)
                     for line in part.lines)
        return cls(IgnoreSpec((part,), "files"), IgnoreSpec((part,), "dirs"),
                   IgnoreSpec((part,), "walked") if walked else None, part.patterns)

    def __add__(self, later: _Patterns) -> _Patterns:
        """Both sets of patterns, `later`'s winning where both match (as a nested .gitignore)."""
        walked = (later.walked if self.walked is None else self.walked if later.walked is None
                  else self.walked + later.walked)
        return _Patterns(self.files + later.files, self.dirs + later.dirs, walked, self.count + later.count)

    def __len__(self) -> int:
        return self.count

    def spec(self, as_dir: bool) -> IgnoreSpec | None:
        """What judges a folder, or a file the walk reached through folders `dirs` let by."""
        return self.dirs if as_dir else self.walked


@dataclass(frozen=True)
class _Dir:
    """A folder still to walk, and the ignore files that apply in it."""

    path: Path
    rel: str
    ignores: _Patterns | None  # every ignore file that applies here, rebased onto the top


def walk(
    root: Path,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    languages: Collection[Language] = ALL_LANGUAGES,
    max_bytes: int = 5_000_000,
    on_file: Callable[[SourceFile], None] | None = None,
) -> WalkResult:
    """List the source files under `root` (a directory, or one file), sorted by `rel`.

    `include` and `exclude` are gitignore-style patterns relative to `root`: with `include`
    only matching files are kept, `exclude` removes files and whole folders. Ignored and
    always-skipped paths are left out silently; paths that could hold code but cannot be
    listed (unreadable, broken or looping symlinks, symlinks out of the root, too large, not a
    regular file, the same file or folder seen again through a link) come back in `skipped`. A
    file root is always either listed or skipped with a reason, and its folder becomes the
    result's `root`. A root that git itself ignores is walked all the same, under its own
    ignore files only.

    `on_file(file)` runs as a directory walk lists each file (in the order found, not sorted),
    so a caller can start on the files while the walk goes on.

    Raises `ScanError` when `root` does not exist, a pattern is invalid, a language is
    unknown, or the root directory cannot be listed.
    """
    unknown = sorted(set(languages) - set(ALL_LANGUAGES))
    if unknown:
        raise ScanError(
            f"unknown language {unknown[0]!r}; expected one of {', '.join(ALL_LANGUAGES)}"
        )
    include_spec = _compile_patterns(include, "include")
    exclude_spec = _compile_patterns(exclude, "exclude")
    root = Path(os.path.abspath(root))
    try:
        st = os.stat(root)
    except (FileNotFoundError, NotADirectoryError):
        raise ScanError(f"{root}: no such file or directory") from None
    except OSError as exc:
        raise ScanError(f"{root}: {exc.strerror}") from None
    if stat.S_ISREG(st.st_mode):
        return _walk_single_file(root, st, include_spec, exclude_spec, languages, max_bytes)
    if not stat.S_ISDIR(st.st_mode):
        raise ScanError(f"{root}: not a file or directory")
    return _Walk(root, include_spec, exclude_spec, frozenset(languages), max_bytes, on_file).run(st)


def path_matcher(patterns: Sequence[str], option: str = "include") -> Callable[[str], bool] | None:
    """A test of repo-relative file paths against gitignore-style `patterns`, or None for none.

    Raises `ScanError` naming an invalid pattern."""
    compiled = _compile_patterns(patterns, option)
    return compiled.files.match_file if compiled is not None else None


def _compile_patterns(patterns: Sequence[str], option: str) -> _Patterns | None:
    if isinstance(patterns, str):
        patterns = (patterns,)  # a lone string would otherwise be read one character a pattern
    if not patterns:
        return None
    for pattern in patterns:
        try:
            compiled = GitIgnoreSpec.from_lines([pattern])
            GitIgnoreSpec.from_lines([dir_line(pattern)])
        except ValueError as exc:
            raise ScanError(f"invalid {option} pattern {pattern!r}: {exc}") from None
        if not any(p.include is not None for p in compiled.patterns):
            raise ScanError(f"invalid {option} pattern {pattern!r}: it matches nothing")
    return _Patterns.compile(patterns)


def _walk_single_file(
    path: Path,
    st: os.stat_result,
    include: _Patterns | None,
    exclude: _Patterns | None,
    languages: Collection[Language],
    max_bytes: int,
) -> WalkResult:
    # Ignore files do not apply to a file named explicitly, but the caller's own patterns do.
    name = path.name
    language = language_for(name)
    reason: str | None = None
    if language is None:
        reason = (
            "declaration file (no runtime code)"
            if _DECLARATION.search(name)
            else "not a TypeScript, JavaScript or Python file"
        )
    elif language not in languages:
        reason = f"{language} is not among the selected languages"
    elif exclude is not None and exclude.files.match_file(name):
        reason = "matches an exclude pattern"
    elif include is not None and not include.files.match_file(name):
        reason = "matches no include pattern"
    elif st.st_size > max_bytes:
        reason = _too_large(st.st_size, max_bytes)
    if reason is not None:
        return WalkResult(path.parent, (), (Skipped(name, reason),), ((str(path), st.st_size, st.st_mtime_ns),))
    assert language is not None
    return WalkResult(
        path.parent, (SourceFile(str(path), name, language, st.st_size, st.st_mtime_ns),), ()
    )


class _Walk:
    """The state of one directory walk; `run` is called once."""

    def __init__(
        self,
        root: Path,
        include: _Patterns | None,
        exclude: _Patterns | None,
        languages: frozenset[Language],
        max_bytes: int,
        on_file: Callable[[SourceFile], None] | None = None,
    ) -> None:
        self.root = root
        self.on_file = on_file
        self.root_real = os.path.realpath(root)
        self.include = include
        self.exclude = exclude
        self.languages = languages
        self.max_bytes = max_bytes
        # Ignore files match paths relative to the work tree's top, so keys carry root's place.
        self.base = ""
        self.skipped: list[Skipped] = []
        self.files: dict[tuple[int, int], SourceFile] = {}
        # Symlinked files wait for the end, so a file's real path wins over a link to it.
        self.linked_files: list[tuple[str, tuple[int, int], SourceFile]] = []
        self.dir_owner: dict[tuple[int, int], str] = {}
        self.watched: list[Stamp] = []
        self.configs: list[str] = []

    def run(self, root_stat: os.stat_result) -> WalkResult:
        ignores = self._outer_ignores()
        self.dir_owner[(root_stat.st_dev, root_stat.st_ino)] = ""
        self.watched.append((str(self.root), root_stat.st_size, root_stat.st_mtime_ns))
        stack = [_Dir(self.root, "", ignores)]
        # Symlinked folders wait until every real folder is walked, for the same reason.
        linked: deque[_Dir] = deque()
        first = True
        while stack or linked:
            if stack:
                current = stack.pop()
            else:
                current = linked.popleft()
                try:
                    st = os.stat(current.path)
                except OSError as exc:
                    self.skipped.append(Skipped(current.rel, _unreadable(exc)))
                    continue
                if not self._claim(current.rel, st, str(current.path)):
                    continue
            try:
                with os.scandir(current.path) as it:
                    entries = list(it)
            except OSError as exc:
                if first:
                    raise ScanError(f"{self.root}: cannot list: {exc.strerror}") from None
                self.skipped.append(Skipped(current.rel, f"unreadable: {exc.strerror}"))
                continue
            first = False
            self._visit(current, entries, stack, linked)
        for rel, key, source in sorted(self.linked_files, key=lambda f: f[0]):
            self._add_file(rel, key, source)
        files = sorted(self.files.values(), key=_rel)
        return WalkResult(self.root, tuple(files), tuple(sorted(self.skipped, key=_rel)), tuple(self.watched),
                          tuple(sorted(self.configs)))

    def _outer_ignores(self) -> _Patterns | None:
        """`.git/info/exclude` and the `.gitignore` files from the work tree's top down to root.

        None outside a work tree, and None when git ignores the root itself: a folder asked
        for by name is walked even so, under its own ignore files only.
        """
        top = _worktree_top(self.root_real, self.watched)
        if top is None:
            return None
        rel_root = os.path.relpath(self.root_real, top)
        parts = [] if rel_root == "." else rel_root.split(os.sep)
        ignores = self._read_ignore_file(os.path.join(top, ".git", "info", "exclude"), "", None)
        # The root's own .gitignore is read by the walk itself.
        for depth in range(len(parts)):
            prefix = "".join(p + "/" for p in parts[:depth])
            path = os.path.join(top, *parts[:depth], ".gitignore")
            ignores = _chain(ignores, self._read_ignore_file(path, prefix, None))
            if ignores is not None and ignores.dirs.match_file(prefix + parts[depth]):
                return None
        self.base = "".join(p + "/" for p in parts)
        return ignores

    def _read_ignore_file(self, path: str, prefix: str, rel: str | None) -> _Patterns | None:
        """The patterns of the ignore file at `path`, in the folder `prefix` of the top."""
        try:
            st = os.stat(path)
            self.watched.append((path, st.st_size, st.st_mtime_ns))
            with open(path, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
        except FileNotFoundError:
            self.watched.append((path, -1, -1))
            return None
        except OSError as exc:
            if rel is not None:
                self.skipped.append(Skipped(rel, _unreadable(exc)))
            return None
        patterns = _Patterns.compile([_rebase(line, prefix) for line in lines])
        return patterns if len(patterns) else None

    def _excluded(self, ignores: _Patterns | None, rel: str, as_dir: bool) -> bool:
        """True when an ignore file or an exclude pattern drops the file or folder `rel`."""
        if self.exclude is not None:
            spec = self.exclude.spec(as_dir)
            if spec is not None and spec.match_file(rel):
                return True
        if ignores is None:
            return False
        spec = ignores.spec(as_dir)
        return spec is not None and spec.match_file(self.base + rel)

    def _visit(
        self, current: _Dir, entries: list[os.DirEntry[str]], stack: list[_Dir], linked: deque[_Dir]
    ) -> None:
        prefix = current.rel + "/" if current.rel else ""
        ignores = current.ignores
        subdirs: list[os.DirEntry[str]] = []
        for entry in entries:
            if entry.name == ".gitignore" and not self._outside(entry):
                rel = prefix + ".gitignore"
                ignores = _chain(
                    ignores, self._read_ignore_file(entry.path, self.base + prefix, rel)
                )
        for entry in entries:
            name = entry.name
            if name in ALWAYS_SKIPPED_DIRS:
                continue
            if _is_dir(entry):
                subdirs.append(entry)
                continue
            language = _language_of_name(name)
            is_link = entry.is_symlink()
            if language is None and (name in CONFIG_FILES or _ENV_FILE.match(name)):
                if name.startswith(".env") and self._excluded(ignores, prefix + name, False):
                    continue  # a developer's own `.env` (ignored by git): not what the repo says
                if is_link and self._outside(entry):
                    self.skipped.append(Skipped(prefix + name, "symlink to a file outside the root"))
                    continue
                try:
                    st = entry.stat()
                except OSError:
                    continue
                self.watched.append((entry.path, st.st_size, st.st_mtime_ns))
                if st.st_size > self.max_bytes:  # read whole when linking: a source file's cap
                    self.skipped.append(Skipped(prefix + name, _too_large(st.st_size, self.max_bytes)))
                else:
                    self.configs.append(prefix + name)
                continue
            if language is not None and _TEST_FILE.search(name):
                continue
            if language is None or language not in self.languages:
                if is_link and not _is_file(entry):
                    # A dangling link may have been a folder of sources: say so.
                    self._visit_odd_link(entry, prefix + name, ignores)
                continue
            rel = prefix + name
            if self._excluded(ignores, rel, False) or (
                self.include is not None and not self.include.files.match_file(rel)
            ):
                continue
            if not _utf8(name):
                self.skipped.append(Skipped(_printable(rel), "file name is not valid UTF-8"))
                continue
            try:
                st = entry.stat()
            except OSError as exc:
                self.skipped.append(Skipped(rel, _link_error(exc) if is_link else _unreadable(exc)))
                continue
            if not stat.S_ISREG(st.st_mode):
                self.skipped.append(Skipped(rel, "not a regular file"))
            elif st.st_size > self.max_bytes:
                self.skipped.append(Skipped(rel, _too_large(st.st_size, self.max_bytes)))
                self.watched.append((entry.path, st.st_size, st.st_mtime_ns))
            else:
                source = SourceFile(
                    entry.path, rel, language, st.st_size, st.st_mtime_ns
                )
                if is_link:
                    if self._outside(entry):
                        self.skipped.append(Skipped(rel, "symlink to a file outside the root"))
                        continue
                    self.linked_files.append((rel, (st.st_dev, st.st_ino), source))
                else:
                    self._add_file(rel, (st.st_dev, st.st_ino), source)
        # Sorted, so which of two links to one folder walks it does not depend on the disk.
        subdirs.sort(key=lambda e: e.name)
        for entry in subdirs:
            self._visit_dir(current, entry, prefix + entry.name, ignores, stack, linked)

    def _add_file(self, rel: str, key: tuple[int, int], source: SourceFile) -> None:
        owner = self.files.get(key)
        if owner is None:
            self.files[key] = source
            if self.on_file is not None:
                self.on_file(source)
        else:
            self.skipped.append(Skipped(rel, f"same file as {owner.rel}"))

    def _visit_dir(
        self,
        current: _Dir,
        entry: os.DirEntry[str],
        rel: str,
        ignores: _Patterns | None,
        stack: list[_Dir],
        linked: deque[_Dir],
    ) -> None:
        if self._excluded(ignores, rel, True):
            return
        if not _utf8(entry.name):
            # its files could not be named in a report, a patch or the cache
            self.skipped.append(Skipped(_printable(rel), "folder name is not valid UTF-8"))
            return
        child = _Dir(current.path / entry.name, rel, ignores)
        if entry.is_symlink():
            if not self._inside(os.path.realpath(entry.path)):
                # Following it could walk the whole disk (`lib -> /`); files may point out.
                self.skipped.append(Skipped(rel, "symlink to a directory outside the root"))
            else:
                linked.append(child)  # claimed when its turn comes, after all real folders
            return
        try:
            st = entry.stat()
        except OSError as exc:
            self.skipped.append(Skipped(rel, _unreadable(exc)))
            return
        if self._claim(rel, st, entry.path):
            stack.append(child)

    def _inside(self, real: str) -> bool:
        return real == self.root_real or real.startswith(self.root_real + os.sep)

    def _outside(self, entry: os.DirEntry[str]) -> bool:
        """A symlink whose target is not under the root: a repository's link can name any file
        of the machine (`src/a.ts -> ~/.ssh/id_rsa`), and the scan would read it."""
        return entry.is_symlink() and not self._inside(os.path.realpath(entry.path))

    def _claim(self, rel: str, st: os.stat_result, path: str) -> bool:
        """Make `rel` the one path a folder is walked under; False if it already has one."""
        key = (st.st_dev, st.st_ino)
        owner = self.dir_owner.get(key)
        if owner is None:
            self.dir_owner[key] = rel
            self.watched.append((path, st.st_size, st.st_mtime_ns))
            return True
        if owner == "" or rel.startswith(owner + "/"):
            self.skipped.append(Skipped(rel, "symlink loop"))
        else:
            self.skipped.append(Skipped(rel, f"same directory as {owner}"))
        return False

    def _visit_odd_link(self, entry: os.DirEntry[str], rel: str, ignores: _Patterns | None) -> None:
        if self._excluded(ignores, rel, False):
            return
        try:
            entry.stat()
        except OSError as exc:
            self.skipped.append(Skipped(rel, _link_error(exc)))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False  # a link that loops or cannot be followed: judged as a file


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _rel(item: SourceFile | Skipped) -> str:
    return item.rel


def _worktree_top(real_dir: str, watched: list[Stamp]) -> str | None:
    """The nearest folder at or above `real_dir` that holds a `.git`, or None outside git.

    Stamps each `.git` looked for: absent (-1), or present whatever its state (-2), since git
    itself changes its folder all the time."""
    current = real_dir
    while True:
        git = os.path.join(current, ".git")
        present = os.path.lexists(git)
        watched.append((git, -2 if present else -1, 0))
        if present:
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _chain(first: _Patterns | None, later: _Patterns | None) -> _Patterns | None:
    if first is None or later is None:
        return later or first
    return first + later


def _rebase(line: str, prefix: str) -> str:
    """The gitignore `line` of the folder `prefix` ('web/src/'), rewritten for the top folder.

    A pattern with a `/` before its end is anchored to its own folder; any other pattern
    matches at any depth below it (gitignore(5)).
    """
    if not prefix or not line or line.startswith("#"):
        return line
    negate = "!" if line.startswith("!") else ""
    body = line[len(negate) :]
    core = body.rstrip(" ").rstrip("/")
    if not core:
        return line
    if "/" in core:
        return f"{negate}{prefix}{body.lstrip('/')}"
    return f"{negate}{prefix}**/{body}"


def _link_error(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "broken symlink"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return _unreadable(exc)


def _utf8(name: str) -> bool:
    """Was `name` valid UTF-8 on disk? (Python decodes the other bytes to lone surrogates.)"""
    if name.isascii():
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(rel: str) -> str:
    """`rel` with the bytes that are not UTF-8 written as `\\xff`."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _unreadable(exc: OSError) -> str:
    return f"unreadable: {exc.strerror}"


def _too_large(size: int, limit: int) -> str:
    return f"larger than {_size(limit)} ({_size(size)})"


def _size(n: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"

"""Which project a path on the command line belongs to, found the way eslint, ruff and tsc do.

`ws-migrate fix src/pages/Overview.tsx` names one file of a project; the project is what its
rules, tsconfig paths, client paths and cache belong to. From the path, upwards (to the git
root, or the file system's root outside git): the nearest folder with a `ws-migrate.yaml`, else
the nearest with a `tsconfig.json`, `jsconfig.json` or `package.json`, else: a folder named is
its own project; a file's is the git root (or, outside git, its folder). The command scans the project and reports, and
rewrites, only what was named (`Project.scope`). Diffs are written relative to the git root, so
`git apply` works from there (`Project.prefix`). Stdlib only: the replay runs it too.
"""

from __future__ import annotations

import os
import posixpath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

RULES_FILE = "ws-migrate.yaml"  # (`ws_migrate.rules.ROOT_RULES_FILE`, without importing the rules)
MARKERS = ("tsconfig.json", "jsconfig.json", "package.json")


class Project:
    """Where a command runs: `root` (the project folder), `scope` (what was named, `/`-separated
    and relative to `root`; "" for the whole project) and `git_root` (or None)."""

    __slots__ = ("git_root", "root", "scope", "stamps")

    def __init__(self, root: str, scope: str, git_root: str | None,
                 consulted: tuple[str, ...] = ()) -> None:
        self.root = root
        self.scope = scope
        self.git_root = git_root
        # stamps (`ws_migrate._replay`: present or absent, whatever their size and mtime) of the
        # paths that decided it: a replayed scan is of the same project only while they hold
        self.stamps = tuple((p, -2 if os.path.exists(p) else -1, 0) for p in consulted)

    @property
    def prefix(self) -> str:
        """The project folder relative to the git root, with a trailing `/` ("" at the git root
        or outside git): what a path relative to the project needs in front to be one of git's."""
        if self.git_root is None or self.git_root == self.root:
            return ""
        return os.path.relpath(self.root, self.git_root).replace(os.sep, "/") + "/"

    def includes(self, rel: str) -> bool:
        """Whether the project-relative file `rel` is within what was named."""
        return not self.scope or rel == self.scope or rel.startswith(self.scope + "/")


def _upwards(start: str, stop: str | None) -> Iterator[str]:
    folder = start
    while True:
        yield folder
        parent = os.path.dirname(folder)
        if folder == stop or parent == folder:
            return
        folder = parent


def git_root(start: str) -> str | None:
    """The nearest folder at or above `start` with a `.git` (a folder, or a worktree's file)."""
    return next((f for f in _upwards(start, None) if os.path.exists(os.path.join(f, ".git"))), None)


def locate(path: str) -> Project:
    """The project of `path` (a file or folder that exists; the caller says when it does not)."""
    named = os.path.abspath(path)
    start = named if os.path.isdir(named) else os.path.dirname(named)
    top = git_root(start)
    folders = list(_upwards(start, top))
    root = (next((f for f in folders if os.path.isfile(os.path.join(f, RULES_FILE))), None)
            or next((f for f in folders if any(os.path.isfile(os.path.join(f, m)) for m in MARKERS)), None)
            or (start if named == start else top or start))
    scope = "" if named == root else os.path.relpath(named, root).replace(os.sep, "/")
    consulted = tuple(os.path.join(f, name) for f in folders for name in (".git", RULES_FILE, *MARKERS))
    return Project(root, posixpath.normpath(scope) if scope else "", top, consulted)

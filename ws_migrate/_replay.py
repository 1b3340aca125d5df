"""Replaying a scan: when nothing a scan read has changed, print what it printed, and stop.

A warm scan already skips parsing (summaries keyed on content) and linking (the last result is
reused when every file's size and mtime are as last seen). What remains is the start-up of the
command line, the walk and the rendering. For the output scripts read (`scan --format json`),
this module answers before any of it is imported: the scan that wrote the output also wrote a
signed record of every stamp (path, size, mtime) its answer depends on, the way git's index
trusts a file whose stat did not move:

- every file it read, and every file it skipped for its size;
- every folder it listed: adding, removing or renaming an entry moves the folder's mtime;
- every ignore file read or looked for, each `.git` looked for, the rules files, the root's
  `ws-migrate.yaml`, `tsconfig.json` and `jsconfig.json` (present or not);
- the command line (but where the output goes), its working folder, and the installed code.

A stamp taken within `RACY_NS` of the scan's start is not trusted (a file changed twice within
one tick of a coarse clock keeps its mtime), so such a scan records nothing.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from operator import itemgetter

from ws_migrate import __version__
from ws_migrate._signing import sign, verified

TYPE_CHECKING = False
if TYPE_CHECKING:  # a replay imports nothing it can do without (`typing` alone costs 15 ms)
    from collections.abc import Iterable, Mapping, Sequence

    from ws_migrate.walk import Stamp

ABSENT = -1
PRESENT = -2  # exists; its size and mtime do not matter

RACY_NS = 2_000_000_000
KEEP = 8  # replay records per cache folder (one per distinct command line)
_PREFIX = "replay-"
_FORMAT = 1

_VALUE_OPTIONS = {
    "--rules": "rules", "--include": "include", "--exclude": "exclude",
    "--format": "format", "-f": "format", "--output": "output", "-o": "output",
    "--cache-dir": "cache_dir", "--jobs": "jobs", "-j": "jobs",
}  # fmt: skip
_REPEATED = frozenset({"rules", "include", "exclude", "format"})


class Invocation:
    """The parts of a `scan` command line its output depends on (`--jobs`, `--quiet` do not)."""

    def __init__(self, path: str, rules: tuple[str, ...], include: tuple[str, ...],
                 exclude: tuple[str, ...], output: str | None, cache_dir: str | None,
                 indent: int | None) -> None:
        self.cwd = os.getcwd()
        self.path = path
        self.rules = rules
        self.include = include
        self.exclude = exclude
        self.output = output
        self.cache_dir = cache_dir
        self.indent = indent  # JSON for people (a terminal) or for scripts
        # as given on the command line, for running the scan (`ws_migrate._run.scan_json`):
        # none of these changes the answer
        self.given: tuple[str, tuple[str, ...], str | None] = (path, rules, cache_dir)
        self.jobs: int | None = None
        self.quiet = False

    def key(self) -> str:
        """Everything but `output`: where the answer goes does not change it."""
        parts = (_FORMAT, self.cwd, self.path, self.rules, self.include, self.exclude, self.cache_dir,
                 self.indent)
        h = hashlib.blake2b(repr(parts).encode(), digest_size=16)
        h.update(_code_stamp().encode())
        return h.hexdigest()

    def record_path(self, key: str) -> str:
        if self.cache_dir is not None:
            folder = os.path.join(self.cwd, self.cache_dir)
        else:
            from ws_migrate._project import locate

            # the cache of the project the path is in (the scan's own, `ws_migrate._run.run_scan`)
            folder = os.path.join(locate(os.path.join(self.cwd, self.path)).root, ".ws-migrate-cache")
        return os.path.join(folder, f"{_PREFIX}{key}.bin")


def invocation(path: str | os.PathLike[str], rules: Sequence[str | os.PathLike[str]],
               include: Sequence[str], exclude: Sequence[str], output: str | os.PathLike[str] | None,
               cache_dir: str | os.PathLike[str] | None, indent: int | None) -> Invocation:
    """The `Invocation` of a `scan --format json`, however its paths are spelled."""
    return Invocation(_norm(path), tuple(map(_norm, rules)), tuple(include), tuple(exclude),
                      None if output is None else os.fspath(output),
                      None if cache_dir is None else _norm(cache_dir), indent)


def _norm(path: str | os.PathLike[str]) -> str:
    return os.path.normpath(os.fspath(path))


def strict(argv: Sequence[str], command: str, options: Mapping[str, str], repeated: frozenset[str],
           flags: Mapping[str, str]) -> tuple[list[str], dict[str, list[str]], set[str]] | None:
    """`argv` as `command`'s positionals, option values (by name) and flags, when it uses only
    `options` (each once unless `repeated`, none empty) and `flags`; else None: anything more
    (`--help`, an unknown option, a missing value) is the command line's to judge."""
    if not argv or argv[0] != command:
        return None
    values: dict[str, list[str]] = {}
    positional: list[str] = []
    seen: set[str] = set()
    tokens = iter(argv[1:])
    for token in tokens:
        if token in flags:
            seen.add(flags[token])
            continue
        name, eq, value = token.partition("=")
        if eq and name.startswith("--") and name in options:
            values.setdefault(options[name], []).append(value)
        elif token in options:
            following = next(tokens, None)
            if following is None:
                return None
            values.setdefault(options[token], []).append(following)
        elif token.startswith("-"):
            return None
        else:
            positional.append(token)
    if any(len(v) > 1 or not v[0] for k, v in values.items() if k not in repeated):
        return None  # repeated or empty single-valued options: the command line's to judge
    return positional, values, seen


def parse(argv: Sequence[str]) -> Invocation | None:
    """The `Invocation` of `argv` when it is a plain `scan … --format json`, else None.

    Only a strict subset of what the command line takes: anything else (another format,
    `--baseline`, `--no-cache`, `--help`, a bad value) is left to the command line itself."""
    parsed = strict(argv, "scan", _VALUE_OPTIONS, _REPEATED, {"-q": "quiet", "--quiet": "quiet"})
    if parsed is None:
        return None
    positional, values, flags = parsed
    if len(positional) > 1 or values.get("format", [""])[-1] != "json":
        return None
    if not all(j.isascii() and j.isdigit() and int(j) >= 1 for j in values.get("jobs", ())):
        return None
    output = values.get("output", [None])[-1]
    path = positional[0] if positional else "."
    rules = tuple(values.get("rules", ()))
    cache_dir = values.get("cache_dir", [None])[-1]
    inv = invocation(path, rules, values.get("include", ()), values.get("exclude", ()), output,
                     cache_dir, 2 if output is None and sys.stdout.isatty() else None)
    inv.given = (path, rules, cache_dir)
    inv.jobs = int(values["jobs"][-1]) if "jobs" in values else None
    inv.quiet = "quiet" in flags
    return inv


def replay(argv: Sequence[str]) -> bool:
    """Print what the last identical scan printed, if nothing it depends on changed."""
    inv = parse(argv)
    return inv is not None and replay_invocation(inv)


def replay_invocation(inv: Invocation) -> bool:
    """`replay`, for a command line parsed already."""
    try:
        key = inv.key()
        with open(inv.record_path(key), "rb") as fh:
            payload = verified(fh.read())
        record = marshal.loads(payload) if payload is not None else None
    except (OSError, ValueError, EOFError, TypeError):
        return False
    if not isinstance(record, tuple) or len(record) != 3 or record[0] != key:
        return False
    _, stamps, text = record
    if not isinstance(text, str) or not unchanged(stamps):
        return False
    try:
        _write(inv.output, text)
    except OSError:
        return False  # the command line says what is wrong with the output path
    return True


def unchanged(stamps: Iterable[Stamp]) -> bool:
    """Every stamp as it was taken."""
    stat = os.stat
    try:
        for path, size, mtime in stamps:
            try:
                st = stat(path)
            except FileNotFoundError:
                if size != ABSENT:
                    return False
                continue
            if size != PRESENT and (st.st_size != size or st.st_mtime_ns != mtime):
                return False
    except (OSError, ValueError, TypeError):
        return False
    return True


def stamp(path: str) -> Stamp:
    try:
        st = os.stat(path)
    except OSError:
        return (path, ABSENT, 0)
    return (path, st.st_size, st.st_mtime_ns)


def record(inv: Invocation, stamps: Sequence[Stamp], text: str, started_ns: int) -> bool:
    """Keep `text` as the answer to `inv` while `stamps` hold; False when a stamp is too recent
    to trust, or the cache folder cannot be written (the next scan then runs in full)."""
    racy = started_ns - RACY_NS
    # (a missing path's stamp has an mtime of 0 or -1: never too recent)
    if max(map(itemgetter(2), stamps), default=0) >= racy:
        return False
    key = inv.key()
    target = inv.record_path(key)
    payload = marshal.dumps((key, list(stamps), text))
    try:
        from ws_migrate._atomic import write_atomic

        write_atomic(target, sign(payload))
        _prune(os.path.dirname(target))
    except OSError:
        return False
    return True


def _prune(folder: str) -> None:
    with os.scandir(folder) as it:
        records = sorted((e.stat().st_mtime_ns, e.path) for e in it if e.name.startswith(_PREFIX))
    for _, path in records[:-KEEP]:
        try:
            os.unlink(path)
        except OSError:
            pass


def _write(output: str | None, text: str) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from ws_migrate._atomic import write_atomic

    write_atomic(output, text, parents=False)
    if output != os.devnull:
        sys.stderr.write(f"wrote {_as_path(output)}\n")


def _as_path(path: str) -> str:
    """`str(Path(path))`, as the command line prints it, without importing `pathlib` on POSIX."""
    if os.name != "posix":
        from pathlib import Path

        return str(Path(path))
    lead = "//" if path.startswith("//") and not path.startswith("///") else "/" if path.startswith("/") else ""
    return lead + "/".join(p for p in path.split("/") if p and p != ".") or "."


def _code_stamp() -> str:
    """The installed version and the mtimes of its modules: changed code never replays."""
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    folders = [os.path.dirname(os.path.abspath(__file__))]
    while folders:
        with os.scandir(folders.pop()) as it:
            for entry in sorted(it, key=lambda e: e.name):
                if entry.is_dir() and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    h.update(f"{entry.path}\0{entry.stat().st_mtime_ns}\0".encode())
    return h.hexdigest()

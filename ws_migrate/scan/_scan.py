"""The scan: walk → read and prefilter → summarise (parallel, cached) → link → `ScanResult`.

Most files of a front end never mention a socket. A byte prefilter keeps only files that contain
`WebSocket(` or the name of a known wrapper; the others are read but never parsed. Wrappers found
in the first round name the files of the next round (their callers), until nothing new turns up.
On a large tree, worker processes read, prefilter and summarise a share of the files each, and
send back pickled summaries that the cache keeps as they came.
"""

from __future__ import annotations

import functools
import gc
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from ws_migrate._exceptions import ScanError
from ws_migrate._replay import stamp
from ws_migrate.analyse import (
    Connection,
    FileSummary,
    Finding,
    Inventory,
    ParseError,
    Wrapper,
)
from ws_migrate.rules import ROOT_RULES_FILE, Rules, load_rules
from ws_migrate.scan._cache import ANALYSIS_VERSION, IndexEntry, SummaryCache, content_key
from ws_migrate.walk import Language, Skipped, SourceFile, Stamp, path_matcher, walk

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from ws_migrate.analyse._backend import Backend

SCAN_LANGUAGES: tuple[Language, ...] = ("typescript", "tsx", "javascript", "python")
_SOCKET = re.compile(rb"WebSocket\s*\(")
_MINIFIED_BYTES = 200_000
_MINIFIED_LINE = 1_000
_PARALLEL_AT = 500  # below this many files to read, a process pool costs more than it saves
_BATCH = 250  # files per task: results come back (and are unpickled) while the workers go on

Progress = Callable[[str, int, int], None]  # (stage, done, total)
_P = ParamSpec("_P")
_R = TypeVar("_R")


@dataclass(frozen=True)
class ScanResult:
    """Everything `scan` found; `ws_migrate.render` turns it into tables, JSON and reports."""

    root: Path
    rules: Rules
    files_scanned: int
    files_parsed: int
    cache_hits: int
    parse_errors: tuple[ParseError, ...]
    inventory: Inventory
    skipped: tuple[Skipped, ...] = ()
    problems: tuple[str, ...] = ()  # files the analysis could not read, one line each
    backend: Backend | None = None  # the Python back end's endpoints, emits and cross-check
    extra: dict[str, object] = field(default_factory=dict)
    # what the result depends on, stamped before it was read (see `ws_migrate._replay`)
    stamps: tuple[Stamp, ...] = ()

    @property
    def connections(self) -> tuple[Connection, ...]:
        return self.inventory.connections

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Front-end findings, then the back end's."""
        return self.inventory.findings + (self.backend.findings if self.backend is not None else ())

    @property
    def wrappers(self) -> tuple[Wrapper, ...]:
        return self.inventory.wrappers


def _analyse(rel: str, lang: str, data: bytes, fields: str) -> FileSummary | str:
    """The file's summary, or one line saying why there is none."""
    type_field, _, payload_field = fields.partition("\0")
    from ws_migrate.analyse import summarize  # loaded on first use: a warm scan never parses

    try:
        return summarize(data, rel, lang, type_field, payload_field)
    except RecursionError:
        return f"{rel}: nested too deeply to analyse; skipped"
    except Exception as exc:  # one odd file must not end the scan of the others
        return f"{rel}: analysis failed ({type(exc).__name__}: {exc}); skipped"


def _read(f: SourceFile) -> bytes | str:
    """The file's bytes, or why it is not read: binary and minified files are not parsed."""
    try:
        fd = os.open(f.fspath, os.O_RDONLY)
        try:
            data = os.read(fd, f.size + 1)  # one read when the size is still the walk's
            if len(data) != f.size:
                data += b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
        finally:
            os.close(fd)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if b"\0" in data[:8192]:
        return "binary file"
    if len(data) > _MINIFIED_BYTES and len(data) / (data.count(b"\n") + 1) > _MINIFIED_LINE:
        return "minified (very long lines)"
    return data


# One file's outcome in a worker: ("S", key, pickled summary) parsed; ("H", key) the main
# process has that summary already; ("P", message) no summary; ("K", reason) not read;
# None: read, and it mentions no socket (the prefilter passed over it).
_Outcome = tuple[str, str] | tuple[str, str, bytes] | None
_known: frozenset[str] = frozenset()  # content keys the cache holds, as the workers were forked


def _sift_batch(files: Sequence[SourceFile], names: tuple[str, ...], fields: str) -> list[_Outcome]:
    """In a worker: read, prefilter and summarise a share of the files."""
    import pickle

    rx = _mentions(names)
    out: list[_Outcome] = []
    for f in files:
        data = _read(f)
        if isinstance(data, str):
            out.append(("K", data))
        elif not rx(data):
            out.append(None)
        else:
            key = content_key(data, f.language, fields)
            if key in _known:
                out.append(("H", key))
                continue
            summary = _analyse(f.rel, f.language, data, fields)
            out.append(("P", summary) if isinstance(summary, str)
                       else ("S", key, pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL)))
    return out


def _worker_start(keys: frozenset[str]) -> None:
    """A worker's first step: what the cache holds, and the parsers and queries, ready."""
    global _known
    _known = keys
    from ws_migrate.analyse import prepare

    prepare(("typescript", "tsx", "javascript"))


class _Analyser:
    """Summaries of the files that may hold sockets: from the cache, else parsed, by worker
    processes that also read and prefilter their share when there are many files."""

    def __init__(self, cache: SummaryCache, type_field: str, jobs: int, progress: Progress | None) -> None:
        self.cache = cache
        self.type_field = type_field
        self.jobs = jobs
        self.progress = progress
        self.summaries: dict[str, FileSummary] = {}
        self.problems: list[str] = []
        self.skipped: list[Skipped] = []
        self.parsed = 0
        self.hits = 0
        self._pool: ProcessPoolExecutor | None = None

    def read(self, f: SourceFile) -> bytes | None:
        data = _read(f)
        if isinstance(data, str):
            self.skipped.append(Skipped(f.rel, data))
            return None
        return data

    def add(self, f: SourceFile, data: bytes) -> None:
        """Summarise `f` (read already), from the cache when its content is known."""
        key = content_key(data, f.language, self.type_field)
        hit = self.cache.get(key, f.rel)
        if hit is not None:
            self._keep(f, key, hit)
            self.hits += 1
            return
        out = _analyse(f.rel, f.language, data, self.type_field)
        if isinstance(out, str):
            self.problems.append(out)
            return
        self.parsed += 1
        self.cache.put(key, out)
        self._keep(f, key, out)

    def add_cached(self, f: SourceFile, key: str) -> bool:
        """Keep the cache's summary of `f`'s content; False when the cache has none."""
        hit = self.cache.get(key, f.rel)
        if hit is None:
            return False
        self._keep(f, key, hit)
        self.hits += 1
        return True

    def _keep(self, f: SourceFile, key: str, summary: FileSummary) -> None:
        self.summaries[f.rel] = summary
        self.cache.record(f, key)

    def sift(self, files: Sequence[SourceFile], names: Iterable[str]) -> list[SourceFile]:
        """Read `files`, summarise those that open a socket or mention one of `names`, and
        return the others."""
        words = tuple(sorted({n for n in names if n}))
        if self.jobs > 1 and len(files) >= _PARALLEL_AT:
            self.start()
        if self._pool is not None and len(files) >= _PARALLEL_AT:
            return self._sift_parallel(files, words)
        rx = _mentions(words)
        rest = []
        for i, f in enumerate(files):
            if self.progress is not None and (i % 500 == 0 or i + 1 == len(files)):
                self.progress("reading", i + 1, len(files))
            data = self.read(f)
            if data is None:
                continue
            if rx(data):
                self.add(f, data)
            else:
                rest.append(f)
        return rest

    def start(self) -> None:
        """Fork the worker processes; they get ready (imports, parsers) while this one goes on."""
        if self._pool is not None:
            return
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        # fork: the cache's keys without a copy; a first task launches every worker
        pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=get_context("fork"),
                                   initializer=_worker_start, initargs=(frozenset(self.cache.entries),))
        try:
            pool.submit(int)
        except OSError:  # no processes to be had (limits, memory): one process does it all
            pool.shutdown(wait=False)
            self.jobs = 1
            return
        self._pool = pool

    def _sift_parallel(self, files: Sequence[SourceFile], names: tuple[str, ...]) -> list[SourceFile]:
        import pickle

        assert self._pool is not None
        size = max(50, min(_BATCH, len(files) // (self.jobs * 8)))
        batches = [files[i:i + size] for i in range(0, len(files), size)]
        futures = [self._pool.submit(_sift_batch, b, names, self.type_field) for b in batches]
        rest: list[SourceFile] = []
        done = 0
        for batch, future in zip(batches, futures):  # in order: the same result every run
            for f, outcome in zip(batch, future.result()):
                if outcome is None:
                    rest.append(f)
                elif outcome[0] == "K":
                    self.skipped.append(Skipped(f.rel, outcome[1]))
                elif outcome[0] == "P":
                    self.problems.append(outcome[1])
                elif outcome[0] == "H":
                    if not self.add_cached(f, outcome[1]) and (data := self.read(f)) is not None:
                        self.add(f, data)
                else:
                    key, blob = outcome[1], outcome[2]  # type: ignore[misc]
                    summary = pickle.loads(blob)
                    self.parsed += 1
                    self.cache.put(key, summary, blob)
                    self._keep(f, key, summary)
            done += len(batch)
            if self.progress is not None:
                self.progress("reading", done, len(files))
        return rest

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def _collector_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `fn` with the cyclic garbage collector off. A scan builds some 100,000 objects that
    live until it returns; the collector would walk them over and over (a tenth of a cold
    scan) to free next to nothing. The workers, forked meanwhile, inherit the pause: a file's
    analysis leaves no cycles behind (a worker's memory stays flat over thousands of files)."""

    @functools.wraps(fn)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return run


@_collector_paused
def scan(
    root: Path,
    *,
    rules: Rules | None = None,
    rules_files: Sequence[Path] = (),
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    cache_dir: Path | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan the repo (or file) at `root` for legacy WebSocket connections.

    Raises `ScanError`/`RulesError` for bad input; a file that does not parse is reported in
    `parse_errors` and the scan goes on.
    """
    root = Path(root)
    if not root.exists():
        raise ScanError(f"{root}: no such file or directory")
    folder = root if root.is_dir() else root.parent
    # stamped before reading: a change while the scan runs is then seen by the next one
    config = tuple(stamp(os.path.abspath(p)) for p in (
        *rules_files, folder / ROOT_RULES_FILE, folder / "tsconfig.json", folder / "jsconfig.json"))
    if rules is None:
        rules = load_rules(rules_files, folder)
    # `--include` narrows what is reported, not what is read: a wrapper defined outside the
    # included folders still makes its calls inside them connections
    keep = path_matcher(include, "include")
    if use_cache and cache_dir is None:
        cache_dir = Path(os.path.abspath(folder)) / ".ws-migrate-cache"
    # the envelope decides what the analysis records: it is part of every cache key
    type_field = f"{rules.envelope.type_field}\0{rules.envelope.payload_field}"
    cache = SummaryCache(cache_dir if use_cache else None, type_field)
    analyser = _Analyser(cache, type_field, jobs if jobs is not None else (os.cpu_count() or 1), progress)
    # a first scan of a large tree starts its workers while the walk goes on
    early = (_PARALLEL_AT, analyser.start) if analyser.jobs > 1 and cache.empty else None
    try:
        walked = walk(root, exclude=exclude, languages=SCAN_LANGUAGES, when_large=early)
    except BaseException:
        analyser.close()
        raise
    base = walked.root if walked.root.is_dir() else walked.root.parent
    python_files = [f for f in walked.files if f.language == "python"]
    walked = replace(walked, files=tuple(f for f in walked.files if f.language != "python"))
    extra = _fingerprint(rules, base)
    every = list(walked.files) + python_files
    stamps = (config + tuple(stamp(os.path.abspath(s)) for s in rules.sources) + walked.watched
              + tuple((f.fspath, f.size, f.mtime_ns) for f in every))
    if use_cache and not (declared_names(rules) - cache.names_searched):
        # nothing changed since the last scan (git's trick: same size and mtime): reuse its result
        if cache.tree_unchanged(every, extra):
            stored = cache.load_result()
            if isinstance(stored, _Stored):
                analyser.close()
                return _narrowed(ScanResult(
                    root=base, rules=rules, files_scanned=len(every), files_parsed=0,
                    cache_hits=stored.candidates, parse_errors=stored.parse_errors,
                    inventory=stored.inventory, skipped=tuple(walked.skipped) + stored.skipped,
                    problems=stored.problems, backend=stored.backend, stamps=stamps), keep, every)
    from ws_migrate.analyse import ModuleResolver, link, wrapper_names

    declared = declared_names(rules)
    # files the prefilter passed over: they may still call a wrapper found later
    rest: dict[str, tuple[SourceFile, IndexEntry | None]] = {}
    unread: list[SourceFile] = []
    try:
        for f in walked.files:
            entry = cache.unchanged(f.rel, f.size, f.mtime_ns)
            if entry is not None:
                if entry.key and analyser.add_cached(f, entry.key):
                    continue
                if not entry.key and not (declared - cache.names_searched):
                    rest[f.rel] = (f, entry)
                    continue
            unread.append(f)
        rest.update((f.rel, (f, None)) for f in analyser.sift(unread, declared))
        resolver = ModuleResolver.for_root(base, frozenset(f.rel for f in walked.files))

        def load(rel: str) -> FileSummary | None:
            """Summarise a file linking needs (a re-exporting index) the prefilter passed over."""
            item = rest.pop(rel, None)
            if item is not None and (data := analyser.read(item[0])) is not None:
                analyser.add(item[0], data)
            return analyser.summaries.get(rel)

        searched: frozenset[str] = frozenset()
        while rest:
            names = frozenset(wrapper_names(analyser.summaries, rules, resolver, load)) | declared
            new = names - searched
            if not new:
                break
            searched |= new
            # the index knows which files mention none of the names searched last time
            known = new <= cache.names_searched
            todo = [f for f, entry in rest.values() if not (known and entry is not None)]
            found = {f.rel for f in todo} - {f.rel for f in analyser.sift(todo, new)}
            for rel in found:
                del rest[rel]
        for f, _ in rest.values():
            # mentions none of this run's names (else it would have been analysed)
            cache.record(f, "")
        inventory = link(analyser.summaries, rules, resolver, load)
        backend = _backend(python_files, analyser, cache, rules, inventory) if python_files else None
    finally:
        analyser.close()
    summaries = analyser.summaries
    parse_errors = tuple(
        ParseError(s.rel, s.parse_error.line, s.parse_error.column, s.parse_error_message)
        for s in sorted(summaries.values(), key=lambda s: s.rel)
        if s.parse_error is not None
    ) + tuple(ParseError(f.file, f.line, f.column, f.message) for f in (backend.findings if backend else ())
              if f.rule == "parse-error")
    cache.save(searched, extra, _Stored(inventory, parse_errors, tuple(analyser.skipped),
                                        tuple(analyser.problems), len(summaries), backend))
    return _narrowed(ScanResult(
        root=base,
        rules=rules,
        files_scanned=len(every),
        files_parsed=analyser.parsed,
        cache_hits=analyser.hits,
        parse_errors=parse_errors,
        inventory=inventory,
        skipped=tuple(walked.skipped) + tuple(sorted(analyser.skipped, key=lambda s: s.rel)),
        problems=tuple(analyser.problems),
        backend=backend,
        extra={"summaries": summaries},  # for `fix`: the analysis of each file as scanned
        stamps=stamps,
    ), keep, every)


def _narrowed(result: ScanResult, keep: Callable[[str], bool] | None,
              files: Sequence[SourceFile]) -> ScanResult:
    """The result limited to the files `--include` names (everything when there is no filter)."""
    if keep is None:
        return result
    from ws_migrate.analyse import message_types_of

    inv = result.inventory
    connections = tuple(c for c in inv.connections if keep(c.file))
    vias = {name for c in connections for name in (c.via or ())}
    inventory = replace(
        inv,
        connections=connections,
        wrappers=tuple(w for w in inv.wrappers if w.name in vias or (w.file and keep(w.file))),
        findings=tuple(f for f in inv.findings if keep(f.file)),
        message_types=message_types_of(connections, result.rules),
        external=tuple(e for e in inv.external if keep(e.file)),
    )
    return replace(result, inventory=inventory, files_scanned=sum(1 for f in files if keep(f.rel)),
                   parse_errors=tuple(p for p in result.parse_errors if keep(p.file)))


@dataclass(frozen=True)
class _Stored:
    """The part of a scan result worth keeping for the next scan of an unchanged tree."""

    inventory: Inventory
    parse_errors: tuple[ParseError, ...]
    skipped: tuple[Skipped, ...]
    problems: tuple[str, ...]
    candidates: int
    backend: Backend | None = None


def _backend(files: Sequence[SourceFile], reader: _Analyser, cache: SummaryCache, rules: Rules,
             inventory: Inventory) -> Backend | None:
    """Summarise the Python files that may serve legacy sockets (cached like the rest), link them."""
    from ws_migrate.analyse._backend import link_backend
    from ws_migrate.analyse._python import PySummary, summarize_python, worth_reading

    summaries: dict[str, PySummary] = {}
    for f in files:
        entry = cache.unchanged(f.rel, f.size, f.mtime_ns)
        hit = cache.get(entry.key, f.rel) if entry is not None and entry.key else None
        if isinstance(hit, PySummary):
            summaries[f.rel] = hit
            cache.record(f, entry.key)
            continue
        data = reader.read(f)
        if data is None or not worth_reading(data):
            cache.record(f, "")
            continue
        key = content_key(data, "python", rules.envelope.type_field)
        cached = cache.get(key, f.rel)
        summary = cached if isinstance(cached, PySummary) else summarize_python(data, f.rel, rules.envelope.type_field)
        if cached is None:
            cache.put(key, summary)  # type: ignore[arg-type]
        cache.record(f, key)
        summaries[f.rel] = summary
    if not summaries:
        return None
    return link_backend(summaries, rules, inventory.connections, inventory.message_types)


def declared_names(rules: Rules) -> frozenset[str]:
    return frozenset(w.name.split(".")[0] for w in rules.wrappers)


def _fingerprint(rules: Rules, base: Path) -> str:
    """What a linked result depends on besides the files: rules, analysis version, tsconfig."""
    parts = [ANALYSIS_VERSION, repr(rules)]
    for name in ("tsconfig.json", "jsconfig.json"):
        try:
            parts.append((base / name).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            parts.append("")
    return "\0".join(parts)


def _mentions(names: tuple[str, ...]) -> Callable[[bytes], bool]:
    """The prefilter: does a file's text open a socket or mention one of `names` (as a word)?"""
    if not names:
        return lambda data: _SOCKET.search(data) is not None
    literals = tuple(n.encode() for n in names)
    rx = re.compile(rb"\b(?:" + b"|".join(re.escape(n) for n in literals) + rb")\b")

    def mentions(data: bytes) -> bool:
        # `in` first: a substring search per name is ten times quicker than the alternation
        return _SOCKET.search(data) is not None or (
            any(n in data for n in literals) and rx.search(data) is not None)

    return mentions

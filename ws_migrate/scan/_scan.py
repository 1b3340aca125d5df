"""The scan: walk → read and prefilter → summarise (parallel, cached) → link → `ScanResult`.

Most files of a front end never mention a socket. A byte prefilter keeps only files that contain
`WebSocket(` or the name of a known wrapper; the others are read but never parsed. Wrappers found
in the first round name the files of the next round (their callers), until nothing new turns up.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ws_migrate._exceptions import ScanError
from ws_migrate.analyse import (
    Connection,
    FileSummary,
    Finding,
    Inventory,
    ParseError,
    Wrapper,
)
from ws_migrate.rules import Rules, load_rules
from ws_migrate.scan._cache import ANALYSIS_VERSION, IndexEntry, SummaryCache, content_key
from ws_migrate.walk import Language, Skipped, SourceFile, path_matcher, walk

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from ws_migrate.analyse._backend import Backend

SCAN_LANGUAGES: tuple[Language, ...] = ("typescript", "tsx", "javascript", "python")
_SOCKET = re.compile(rb"WebSocket\s*\(")
_MINIFIED_BYTES = 200_000
_MINIFIED_LINE = 1_000
_PARALLEL_AT = 48  # below this many files to parse, a process pool costs more than it saves
_BATCH = 40  # files per task handed to a worker while the main process reads on
_KEEP_BYTES = 128 * 1024 * 1024  # prefiltered-out files kept in memory for the wrapper round

Progress = Callable[[str, int, int], None]  # (stage, done, total)


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


def _analyse(item: tuple[str, str, bytes, str]) -> FileSummary | str:
    rel, lang, data, fields = item
    type_field, _, payload_field = fields.partition("\0")
    from ws_migrate.analyse import summarize  # loaded on first use: a warm scan never parses

    try:
        return summarize(data, rel, lang, type_field, payload_field)
    except RecursionError:
        return f"{rel}: nested too deeply to analyse; skipped"
    except Exception as exc:  # one odd file must not end the scan of the others
        return f"{rel}: analysis failed ({type(exc).__name__}: {exc}); skipped"


def _analyse_batch(items: Sequence[tuple[str, str, bytes, str]]) -> list[FileSummary | str]:
    return [_analyse(i) for i in items]


class _Reader:
    """Reads files; refuses binary and minified ones with a reason instead of parsing them."""

    def __init__(self) -> None:
        self.skipped: list[Skipped] = []

    def read(self, f: SourceFile) -> bytes | None:
        try:
            with open(f.fspath, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            self.skipped.append(Skipped(f.rel, f"unreadable: {exc.strerror or exc}"))
            return None
        if b"\0" in data[:8192]:
            self.skipped.append(Skipped(f.rel, "binary file"))
            return None
        if len(data) > _MINIFIED_BYTES and len(data) / (data.count(b"\n") + 1) > _MINIFIED_LINE:
            self.skipped.append(Skipped(f.rel, "minified (very long lines)"))
            return None
        return data


class _Analyser:
    """Summaries for candidate files: from the cache, else parsed, in worker processes when many."""

    def __init__(self, cache: SummaryCache, type_field: str, jobs: int, progress: Progress | None) -> None:
        self.cache = cache
        self.type_field = type_field
        self.jobs = jobs
        self.progress = progress
        self.summaries: dict[str, FileSummary] = {}
        self.problems: list[str] = []
        self.parsed = 0
        self.hits = 0
        self._pending: list[tuple[SourceFile, str, bytes]] = []
        self._futures: list[tuple[list[tuple[SourceFile, str]], Future[list[FileSummary | str]]]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._submitted = 0
        self._done = 0

    def add(self, f: SourceFile, data: bytes) -> None:
        key = content_key(data, f.language, self.type_field)
        hit = self.cache.get(key, f.rel)
        if hit is not None:
            self._keep(f, key, hit)
            self.hits += 1
            return
        self._pending.append((f, key, data))
        if self.jobs > 1 and len(self._pending) >= _BATCH:
            self._submit()

    def add_cached(self, f: SourceFile, entry: IndexEntry) -> bool:
        hit = self.cache.get(entry.key, f.rel)
        if hit is None:
            return False
        self._keep(f, entry.key, hit)
        self.hits += 1
        return True

    def _keep(self, f: SourceFile, key: str, summary: FileSummary) -> None:
        self.summaries[f.rel] = summary
        self.cache.record(f.rel, IndexEntry(f.size, f.mtime_ns, key, frozenset()))

    def _submit(self) -> None:
        batch, self._pending = self._pending, []
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_context

            # fork: workers inherit the loaded grammars and modules instead of importing them again
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=get_context("fork"))
        items = [(f.rel, f.language, data, self.type_field) for f, _, data in batch]
        self._futures.append(([(f, key) for f, key, _ in batch], self._pool.submit(_analyse_batch, items)))
        self._submitted += len(batch)

    def finish(self) -> None:
        """Wait for every file handed in so far."""
        if self._pending and (self._pool is not None or len(self._pending) >= _PARALLEL_AT) and self.jobs > 1:
            self._submit()
        total = self._submitted + len(self._pending)
        for meta, future in self._futures:
            self._store(meta, future.result())
            self._report(total)
        self._futures = []
        batch, self._pending = self._pending, []
        for f, key, data in batch:
            self._store([(f, key)], [_analyse((f.rel, f.language, data, self.type_field))])
            self._report(total)

    def _store(self, meta: list[tuple[SourceFile, str]], results: list[FileSummary | str]) -> None:
        for (f, key), out in zip(meta, results):
            self._done += 1
            if isinstance(out, str):
                self.problems.append(out)
                continue
            self.parsed += 1
            self.cache.put(key, out)
            self._keep(f, key, out)

    def _report(self, total: int) -> None:
        if self.progress is not None and total:
            self.progress("parsing", min(self._done, total), total)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


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
    if rules is None:
        rules = load_rules(rules_files, root if root.is_dir() else root.parent)
    # `--include` narrows what is reported, not what is read: a wrapper defined outside the
    # included folders still makes its calls inside them connections
    keep = path_matcher(include, "include")
    walked = walk(root, exclude=exclude, languages=SCAN_LANGUAGES)
    base = walked.root if walked.root.is_dir() else walked.root.parent
    python_files = [f for f in walked.files if f.language == "python"]
    walked = replace(walked, files=tuple(f for f in walked.files if f.language != "python"))
    if use_cache and cache_dir is None:
        cache_dir = base / ".ws-migrate-cache"
    # the envelope decides what the analysis records: it is part of every cache key
    type_field = f"{rules.envelope.type_field}\0{rules.envelope.payload_field}"
    cache = SummaryCache(cache_dir if use_cache else None, type_field)
    extra = _fingerprint(rules, base)
    reader = _Reader()
    every = list(walked.files) + python_files
    if use_cache and not (declared_names(rules) - cache.names_searched):
        # nothing changed since the last scan (git's trick: same size and mtime): reuse its result
        if cache.tree_unchanged(every, extra):
            stored = cache.load_result()
            if isinstance(stored, _Stored):
                return _narrowed(ScanResult(
                    root=base, rules=rules, files_scanned=len(every), files_parsed=0,
                    cache_hits=stored.candidates, parse_errors=stored.parse_errors,
                    inventory=stored.inventory, skipped=tuple(walked.skipped) + stored.skipped,
                    problems=stored.problems, backend=stored.backend), keep, every)
    from ws_migrate.analyse import ModuleResolver, link, wrapper_names

    analyser = _Analyser(cache, type_field, jobs if jobs is not None else (os.cpu_count() or 1), progress)
    declared = declared_names(rules)
    declared_rx = _names_regex(declared)
    # files the prefilter passed over: they may still call a wrapper found later
    rest: dict[str, tuple[SourceFile, bytes | None, IndexEntry | None]] = {}
    kept_bytes = 0
    total = len(walked.files)
    try:
        for i, f in enumerate(walked.files):
            if progress is not None and (i % 500 == 0 or i + 1 == total):
                progress("reading", i + 1, total)
            entry = cache.unchanged(f.rel, f.size, f.mtime_ns)
            if entry is not None:
                if entry.key and analyser.add_cached(f, entry):
                    continue
                if not entry.key and not (declared - cache.names_searched):
                    rest[f.rel] = (f, None, entry)
                    continue
            data = reader.read(f)
            if data is None:
                continue
            if _SOCKET.search(data) or (declared_rx is not None and declared_rx.search(data)):
                analyser.add(f, data)
            else:
                hold = kept_bytes + len(data) <= _KEEP_BYTES
                kept_bytes += len(data) if hold else 0
                rest[f.rel] = (f, data if hold else None, None)
        analyser.finish()
        resolver = ModuleResolver.for_root(base, frozenset(f.rel for f in walked.files))

        def load(rel: str) -> FileSummary | None:
            """Summarise a file linking needs (a re-exporting index) the prefilter passed over."""
            item = rest.pop(rel, None)
            if item is not None:
                data = item[1] if item[1] is not None else reader.read(item[0])
                if data is not None:
                    analyser.add(item[0], data)
                    analyser.finish()
            return analyser.summaries.get(rel)

        searched: frozenset[str] = frozenset()
        while rest:
            names = frozenset(wrapper_names(analyser.summaries, rules, resolver, load)) | declared
            new = names - searched
            if not new:
                break
            searched |= new
            rx = _names_regex(new)
            assert rx is not None
            for rel, (f, data, entry) in list(rest.items()):
                if entry is not None and new <= cache.names_searched:
                    if not entry.names & new:
                        continue  # the index knows this file mentions none of them
                    data = None
                if data is None:
                    data = reader.read(f)
                if data is not None and rx.search(data):
                    del rest[rel]
                    analyser.add(f, data)
            analyser.finish()
        for f, _, entry in rest.values():
            # mentions none of this run's names (else it would have been analysed)
            cache.record(f.rel, IndexEntry(f.size, f.mtime_ns, "", frozenset()))
        inventory = link(analyser.summaries, rules, resolver, load)
        backend = _backend(python_files, reader, cache, rules, inventory) if python_files else None
    finally:
        analyser.close()
    summaries = analyser.summaries
    parse_errors = tuple(
        ParseError(s.rel, s.parse_error.line, s.parse_error.column, s.parse_error_message)
        for s in sorted(summaries.values(), key=lambda s: s.rel)
        if s.parse_error is not None
    ) + tuple(ParseError(f.file, f.line, f.column, f.message) for f in (backend.findings if backend else ())
              if f.rule == "parse-error")
    cache.save(searched, extra, _Stored(inventory, parse_errors, tuple(reader.skipped),
                                        tuple(analyser.problems), len(summaries), backend))
    return _narrowed(ScanResult(
        root=base,
        rules=rules,
        files_scanned=len(every),
        files_parsed=analyser.parsed,
        cache_hits=analyser.hits,
        parse_errors=parse_errors,
        inventory=inventory,
        skipped=tuple(walked.skipped) + tuple(reader.skipped),
        problems=tuple(analyser.problems),
        backend=backend,
        extra={"summaries": summaries},  # for `fix`: the analysis of each file as scanned
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


def _backend(files: Sequence[SourceFile], reader: _Reader, cache: SummaryCache, rules: Rules,
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
            cache.record(f.rel, entry)
            continue
        data = reader.read(f)
        if data is None or not worth_reading(data):
            cache.record(f.rel, IndexEntry(f.size, f.mtime_ns, "", frozenset()))
            continue
        key = content_key(data, "python", rules.envelope.type_field)
        cached = cache.get(key, f.rel)
        summary = cached if isinstance(cached, PySummary) else summarize_python(data, f.rel, rules.envelope.type_field)
        if cached is None:
            cache.put(key, summary)  # type: ignore[arg-type]
        cache.record(f.rel, IndexEntry(f.size, f.mtime_ns, key, frozenset()))
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


def _names_regex(names: Iterable[str]) -> re.Pattern[bytes] | None:
    names = sorted({n for n in names if n})
    if not names:
        return None
    return re.compile(rb"\b(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")\b")

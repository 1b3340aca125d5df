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
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

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
    from multiprocessing.connection import Connection as PipeEnd
    from multiprocessing.process import BaseProcess

    from ws_migrate.analyse._backend import Backend

SCAN_LANGUAGES: tuple[Language, ...] = ("typescript", "tsx", "javascript", "python")
_SOCKET = re.compile(rb"WebSocket\s*\(")
_MINIFIED_BYTES = 200_000
_MINIFIED_LINE = 1_000
_PARALLEL_AT = 500  # below this many files to read, a process pool costs more than it saves
_BATCH = 125  # files per batch: a worker's next one goes out as it answers the last

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


# One file's outcome: ("S", key, pickled summary) parsed; ("H", key) the main process has that
# summary already; ("P", message) no summary; ("K", reason) not read; None: read, and it
# mentions no socket (the prefilter passed over it).
_Outcome = tuple[str, str] | tuple[str, str, bytes] | None
_known: frozenset[str] = frozenset()  # content keys the cache holds, as the workers were forked


def _outcome(f: SourceFile, data: bytes, fields: str) -> _Outcome:
    """Summarise `f` (read already, and it passed the prefilter)."""
    import pickle

    key = content_key(data, f.language, fields)
    if key in _known:
        return ("H", key)
    summary = _analyse(f.rel, f.language, data, fields)
    if isinstance(summary, str):
        return ("P", summary)
    return ("S", key, pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL))


def _sift_batch(files: Sequence[SourceFile], names: tuple[str, ...], fields: str,
                kept: dict[str, tuple[SourceFile, bytes]] | None = None) -> list[_Outcome]:
    """Read, prefilter and summarise a share of the files; those the prefilter passes over
    are kept in `kept` (a worker's memory) for a later round's names."""
    rx = _mentions(names)
    out: list[_Outcome] = []
    for f in files:
        data = _read(f)
        if isinstance(data, str):
            out.append(("K", data))
        elif not rx(data):
            out.append(None)
            if kept is not None:
                kept[f.rel] = (f, data)
        else:
            out.append(_outcome(f, data, fields))
    return out


def _search_kept(kept: dict[str, tuple[SourceFile, bytes]], names: tuple[str, ...],
                 fields: str) -> list[tuple[str, _Outcome]]:
    """A later round in a worker: the kept files that mention `names`, summarised (and no
    longer kept)."""
    rx = _mentions(names)
    found = [rel for rel, (_, data) in kept.items() if rx(data)]
    return [(rel, _outcome(*kept.pop(rel), fields)) for rel in found]


def _crew_worker(conn: PipeEnd[Any, Any], keys: frozenset[str], fields: str) -> None:
    """A worker process: ready the parsers, then answer the main process until it says stop."""
    global _known
    _known = keys
    from ws_migrate.analyse import prepare

    prepare(("typescript", "tsx", "javascript"))
    kept: dict[str, tuple[SourceFile, bytes]] = {}
    try:
        while (task := conn.recv()) is not None:
            if task[0] == "sift":
                conn.send(_sift_batch(task[1], task[2], fields, kept))
            else:  # ("search", names)
                conn.send(_search_kept(kept, task[1], fields))
    except (EOFError, OSError, KeyboardInterrupt):
        pass  # the main process is gone or interrupted: so is this one


class _Member:
    """One worker of a `_Crew`: its pipe, the batch it works on, the files it keeps."""

    def __init__(self, conn: PipeEnd[Any, Any], process: BaseProcess) -> None:
        self.conn = conn
        self.process = process
        self.batch: int | None = None  # the batch it works on
        self.kept: set[str] = set()  # files it holds in memory, by rel
        self.alive = True


class _Crew:
    """Forked worker processes, each with its own pipe. Batches of files go to whichever is free
    (one at a time: a worker waits in `recv` whenever it is sent something, so no pipe ever
    fills both ways); each worker keeps the text of the files the prefilter passed over, so a
    later round searches memory instead of reading 10,000 files again. A worker that dies has
    its batch done here instead, and its kept files read again from disk when needed."""

    def __init__(self, jobs: int, keys: frozenset[str], fields: str) -> None:
        from multiprocessing import get_context

        context = get_context("fork")
        self.fields = fields
        self.members: list[_Member] = []
        try:
            for _ in range(jobs):
                ours, theirs = context.Pipe()
                process = context.Process(target=_crew_worker, args=(theirs, keys, fields), daemon=True)
                try:
                    process.start()
                finally:
                    theirs.close()
                self.members.append(_Member(ours, process))
        except BaseException:
            self.close()
            raise
        self.batches: list[tuple[list[SourceFile], tuple[str, ...]]] = []
        self.results: dict[int, list[_Outcome]] = {}
        self._waiting: deque[int] = deque()  # batches not sent yet
        self._filling: list[SourceFile] = []
        self.names: tuple[str, ...] = ()  # the names the next batches search for

    def search_for(self, names: tuple[str, ...]) -> None:
        """The names the batches from now on search for."""
        if names != self.names:
            self._seal()
            self.names = names

    def add(self, f: SourceFile) -> None:
        """Queue `f` for the next batch; hand out whatever batches are ready meanwhile."""
        self._filling.append(f)
        if len(self._filling) >= _BATCH:
            self._seal()
            self._pump(0)

    def _seal(self) -> None:
        if self._filling:
            self._waiting.append(len(self.batches))
            self.batches.append((self._filling, self.names))
            self._filling = []

    def _pump(self, timeout: float | None) -> None:
        """Collect the answers ready within `timeout` (None: at least one), send more work."""
        from multiprocessing.connection import wait

        for member in self.members:
            if member.alive and member.batch is None and self._waiting:
                self._send(member, self._waiting.popleft())
        busy = [m for m in self.members if m.alive and m.batch is not None]
        if not busy:
            return
        ready = wait([m.conn for m in busy], timeout)
        for member in busy:
            if member.conn not in ready:
                continue
            number = member.batch
            assert number is not None
            try:
                outcomes: list[_Outcome] = member.conn.recv()
            except (EOFError, OSError):
                self._lost(member)
                continue
            member.batch = None
            self.results[number] = outcomes
            files = self.batches[number][0]
            member.kept.update(f.rel for f, o in zip(files, outcomes) if o is None)
            if self._waiting:
                self._send(member, self._waiting.popleft())

    def _send(self, member: _Member, number: int) -> None:
        files, names = self.batches[number]
        member.batch = number
        try:
            member.conn.send(("sift", files, names))
        except OSError:
            self._lost(member)

    def _lost(self, member: _Member) -> None:
        """A worker died (killed, out of memory): its batch is done here, its files are not kept."""
        member.alive = False
        member.kept.clear()
        if member.batch is not None:
            self._do_here(member.batch)
            member.batch = None

    def _do_here(self, number: int) -> None:
        files, names = self.batches[number]
        self.results[number] = _sift_batch(files, names, self.fields)

    def in_order(self, first: int) -> Iterator[tuple[list[SourceFile], list[_Outcome]]]:
        """Each batch from `first` on with its outcomes, in order, as soon as it is done (the
        next ones are worked on meanwhile)."""
        self._seal()
        for number in range(first, len(self.batches)):
            while number not in self.results:
                if any(m.alive for m in self.members):
                    self._pump(None)
                    continue
                for waiting in self._waiting:  # every worker died: the rest is done here
                    self._do_here(waiting)
                self._waiting.clear()
            yield self.batches[number][0], self.results.pop(number)

    def search(self, names: tuple[str, ...]) -> dict[str, _Outcome]:
        """The kept files that mention `names`, summarised, by rel (every worker at once)."""
        from multiprocessing.connection import wait

        asked: list[_Member] = []
        for member in self.members:
            if member.alive and member.kept:
                try:
                    member.conn.send(("search", names))
                except OSError:
                    self._lost(member)
                    continue
                asked.append(member)
        found: dict[str, _Outcome] = {}
        while asked:
            ready = wait([m.conn for m in asked])
            for member in [m for m in asked if m.conn in ready]:
                asked.remove(member)
                try:
                    answer: list[tuple[str, _Outcome]] = member.conn.recv()
                except (EOFError, OSError):
                    self._lost(member)
                    continue
                member.kept.difference_update(rel for rel, _ in answer)
                found.update(answer)
        return found

    def kept(self) -> set[str]:
        return set().union(*(m.kept for m in self.members if m.alive))

    def close(self) -> None:
        """Stop the workers: an idle one reads the stop, a busy one (the scan failed midway)
        finds its pipe closed when it answers."""
        for member in self.members:
            try:
                member.conn.send(None)
            except OSError:
                pass
            member.conn.close()
        for member in self.members:
            member.process.join(5)
            if member.process.is_alive():
                member.process.kill()
                member.process.join()


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
        self._crew: _Crew | None = None
        self._streamed: list[SourceFile] = []  # handed to the crew as the walk found them
        self._seen = 0

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

    def _take(self, f: SourceFile, outcome: _Outcome) -> bool:
        """Record a worker's outcome for `f`; False when the prefilter passed over it."""
        import pickle

        if outcome is None:
            return False
        if outcome[0] == "K":
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
        return True

    def stream(self, names: Iterable[str]) -> Callable[[SourceFile], None]:
        """A walk's `on_file` for a first scan: from the `_PARALLEL_AT`th file on, the workers
        start, and read and summarise batches while the walk goes on."""
        words = tuple(sorted({n for n in names if n}))
        pending: list[SourceFile] = []

        def on_file(f: SourceFile) -> None:
            if f.language == "python":
                return
            crew = self._crew
            if crew is not None:
                crew.add(f)
                self._streamed.append(f)
                return
            pending.append(f)
            if len(pending) == _PARALLEL_AT and self.jobs > 1:
                self.start()
                if self._crew is not None:
                    self._crew.search_for(words)
                    for early in pending:
                        self._crew.add(early)
                    self._streamed.extend(pending)
                pending.clear()

        return on_file

    def sift(self, files: Sequence[SourceFile], names: Iterable[str]) -> list[SourceFile]:
        """Read `files`, summarise those that open a socket or mention one of `names`, and
        return the others."""
        words = tuple(sorted({n for n in names if n}))
        streamed = self._streamed
        self._streamed = []
        if streamed:
            # the walk handed them to the workers already (with these names, before the cache
            # had a say: a first scan has no cache)
            done = {f.rel for f in streamed}
            files = [f for f in files if f.rel not in done]
        if self.jobs > 1 and len(files) + len(streamed) >= _PARALLEL_AT:
            self.start()
        if self._crew is not None and (streamed or len(files) >= _PARALLEL_AT):
            return self._sift_parallel(streamed, files, words)
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
        if self._crew is not None or self.jobs <= 1:
            return
        try:
            self._crew = _Crew(self.jobs, frozenset(self.cache.entries), self.type_field)
        except (OSError, ValueError):  # no processes to be had (limits, memory; no fork): one does all
            self.jobs = 1

    def _sift_parallel(self, streamed: Sequence[SourceFile], files: Sequence[SourceFile],
                       names: tuple[str, ...]) -> list[SourceFile]:
        crew = self._crew
        assert crew is not None
        crew.search_for(names)
        for f in files:
            crew.add(f)
        total = len(streamed) + len(files)
        rest: list[SourceFile] = []
        done = 0
        # in order (the same result every run), each batch while the workers go on with the next
        for batch, outcomes in crew.in_order(self._seen):
            for f, outcome in zip(batch, outcomes):
                if not self._take(f, outcome):
                    rest.append(f)
            done += len(batch)
            if self.progress is not None:
                self.progress("reading", done, total)
        self._seen = len(crew.batches)
        return rest

    def search(self, files: Sequence[SourceFile], names: Iterable[str]) -> set[str]:
        """Of `files` (passed over so far), the rels that mention `names` (now summarised)."""
        words = tuple(sorted({n for n in names if n}))
        crew = self._crew
        kept = crew.kept() if crew is not None else set()
        in_memory = [f for f in files if f.rel in kept]
        on_disk = [f for f in files if f.rel not in kept]
        found = {f.rel for f in on_disk} - {f.rel for f in self.sift(on_disk, words)}
        if in_memory:
            assert crew is not None
            outcomes = crew.search(words)
            still = crew.kept()
            lost = []
            for f in in_memory:  # in order: the same result every run
                if f.rel in outcomes:
                    if self._take(f, outcomes[f.rel]):
                        found.add(f.rel)
                elif f.rel not in still:
                    lost.append(f)  # its worker died: read it again
            found |= {f.rel for f in lost} - {f.rel for f in self.sift(lost, words)}
        return found

    def close(self) -> None:
        if self._crew is not None:
            self._crew.close()
            self._crew = None


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
    # a first scan of a large tree starts its workers while the walk goes on, and feeds them
    early = analyser.stream(declared_names(rules)) if analyser.jobs > 1 and cache.empty else None
    try:
        walked = walk(root, exclude=exclude, languages=SCAN_LANGUAGES, on_file=early)
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
            found = analyser.search(todo, new)
            for rel in found:
                del rest[rel]
        for f, _ in rest.values():
            # mentions none of this run's names (else it would have been analysed)
            cache.record(f, "")
        # in path order, whatever order the workers (fed as the walk found files) answered in
        analyser.summaries = dict(sorted(analyser.summaries.items()))
        analyser.problems.sort()
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

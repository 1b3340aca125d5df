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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from ws_migrate._exceptions import ScanError
from ws_migrate._replay import stamp
from ws_migrate.rules import ROOT_RULES_FILE, Rules, load_rules
from ws_migrate.scan._cache import IndexEntry, SummaryCache
from ws_migrate.scan._crew import Crew
from ws_migrate.scan._sift import (
    ANALYSIS_VERSION,
    Outcome,
    analyse,
    assigns_any,
    calls_any,
    content_key,
    defines_any,
    mentions,
    names_any,
    read_source,
    serves_sockets,
    unparsed,
)
from ws_migrate.walk import Language, Skipped, SourceFile, Stamp, path_matcher, walk

if TYPE_CHECKING:
    # (loaded when the scan needs them: the walk starts sooner)
    from ws_migrate.analyse import Connection, FileSummary, Finding, Inventory, ParseError, Wrapper
    from ws_migrate.analyse._backend import Backend
    from ws_migrate.analyse._python import PySummary

SCAN_LANGUAGES: tuple[Language, ...] = ("typescript", "tsx", "javascript", "vue", "svelte", "python")
_PARALLEL_AT = 500  # below this many files to read, worker processes cost more than they save

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


class _Analyser:
    """Summaries of the files that may hold sockets: from the cache, else parsed, by worker
    processes that also read and prefilter their share when there are many files."""

    def __init__(self, cache: SummaryCache, type_field: str, jobs: int, progress: Progress | None,
                 crew: Crew | None = None) -> None:
        self.cache = cache
        self.type_field = type_field
        self.jobs = jobs
        self.progress = progress
        self.summaries: dict[str, FileSummary] = {}
        self.backend: dict[str, PySummary] = {}  # the Python files', kept apart: linked apart
        self.problems: list[str] = []
        self.skipped: list[Skipped] = []
        self.parsed = 0
        self.hits = 0
        self._crew: Crew | None = None
        self._summoned = crew  # forked as the command started, waiting for a large tree
        self._streamed: list[SourceFile] = []  # handed to the crew as the walk found them
        self._released = False  # the workers were let go: this process does the rest

    def read(self, f: SourceFile) -> bytes | None:
        data = read_source(f.fspath, f.size)
        if isinstance(data, str):
            self.skipped.append(Skipped(f.rel, data))
            return None
        return data

    def add(self, f: SourceFile, data: bytes) -> None:
        """Summarise `f` (read already), from the cache when its content is known."""
        why = unparsed(f.language, data)
        if why is not None:
            self.skipped.append(Skipped(f.rel, why))
            return
        key = content_key(data, f.language, self.type_field)
        hit = self.cache.get(key, f.rel)
        if hit is not None:
            self._keep(f, key, hit)
            self.hits += f.language != "python"
            return
        out = analyse(f.rel, f.language, data, self.type_field)
        if isinstance(out, str):
            self.problems.append(out)
            return
        self.parsed += f.language != "python"  # (the count is the front end's)
        self.cache.put(key, out)  # type: ignore[arg-type]
        self._keep(f, key, out)

    def add_cached(self, f: SourceFile, key: str) -> bool:
        """Keep the cache's summary of `f`'s content; False when the cache has none."""
        hit = self.cache.get(key, f.rel)
        if hit is None:
            return False
        self._keep(f, key, hit)
        self.hits += f.language != "python"
        return True

    def _keep(self, f: SourceFile, key: str, summary: FileSummary | PySummary) -> None:
        if f.language == "python":
            self.backend[f.rel] = summary  # type: ignore[assignment]
        else:
            self.summaries[f.rel] = summary  # type: ignore[assignment]
        self.cache.record(f, key)

    def _take(self, f: SourceFile, outcome: Outcome) -> bool:
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
            self.parsed += f.language != "python"
            self.cache.put(key, summary, blob)
            self._keep(f, key, summary)
        return True

    def stream(self, names: Iterable[str]) -> Callable[[SourceFile], None]:
        """A walk's `on_file` for a first scan: the workers read and summarise batches while
        the walk goes on. Those summoned as the command started (ready about when the walk
        starts) get every file; new ones start from the `_PARALLEL_AT`th file on."""
        words = tuple(sorted({n for n in names if n}))
        pending: list[SourceFile] = []
        at = 1 if self._summoned is not None else _PARALLEL_AT

        def on_file(f: SourceFile) -> None:
            crew = self._crew
            if crew is not None:
                crew.add(f)
                self._streamed.append(f)
                return
            pending.append(f)
            if len(pending) == at and self.jobs > 1:
                self.start()
                if self._crew is not None:
                    self._crew.search_for(words)
                    for early in pending:
                        self._crew.add(early)
                    self._streamed.extend(pending)
                pending.clear()

        return on_file

    def walked(self) -> None:
        """The walk is over: the workers it fed get enough to go on with while this process
        takes stock of what it found."""
        if self._crew is not None:
            self._crew.stock_up()

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
        if not files:  # (a later round's files are all in the workers' memory: no search to build)
            return []
        rx = mentions(words, fields=self.type_field)
        rest = []
        for i, f in enumerate(files):
            if self.progress is not None and (i % 500 == 0 or i + 1 == len(files)):
                self.progress("reading", i + 1, len(files))
            data = self.read(f)
            if data is None:
                continue
            if serves_sockets(data) if f.language == "python" else rx(data):
                self.add(f, data)
            else:
                rest.append(f)
        return rest

    def start(self) -> None:
        """Put the workers to use: those summoned as the command started, else new ones (which
        get ready while this process goes on)."""
        if self._crew is not None or self.jobs <= 1:
            return
        crew = self._summoned or Crew.summon(self.jobs, frozenset(self.cache.entries))
        self._summoned = None
        if crew is None:  # no processes to be had (limits, memory; no fork): one does all
            self.jobs = 1
            return
        crew.fields = self.type_field
        self._crew = crew

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
        for batch, outcomes in crew.in_order():
            for f, outcome in zip(batch, outcomes):
                if not self._take(f, outcome):
                    rest.append(f)
            done += len(batch)
            if self.progress is not None:
                self.progress("reading", done, total)
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
            searched: set[str] = set()
            # taken as each batch is done, while the workers go on with the next
            for f, outcome in crew.search(words, {f.rel: f for f in in_memory}):
                searched.add(f.rel)
                if self._take(f, outcome):
                    found.add(f.rel)
            still = crew.kept()
            lost = [f for f in in_memory if f.rel not in searched and f.rel not in still]
            # their worker died: read them again
            found |= {f.rel for f in lost} - {f.rel for f in self.sift(lost, words)}
        return found

    def summarise(self, found: Sequence[tuple[SourceFile, bytes]]) -> None:
        """Summarise files read already: by the workers, when there are some."""
        if self._crew is None or self._released:
            for f, data in found:
                self.add(f, data)
            return
        for f, outcome in self._crew.summarise(found):
            self._take(f, outcome)

    def release(self) -> None:
        """No more work for the workers: they end while this process goes on."""
        self._released = True
        for crew in (self._crew, self._summoned):
            if crew is not None:
                crew.release()

    def close(self) -> None:
        for crew in (self._crew, self._summoned):
            if crew is not None:
                crew.close()
        self._crew = self._summoned = None


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
    crew: Crew | None = None,
    scope: str = "",
) -> ScanResult:
    """Scan the repo (or file) at `root` for legacy WebSocket connections.

    `scope`: a file or folder of the repo (`/`-separated, relative to `root`): the whole repo is
    read (its wrappers, rules and tsconfig count), only what is in `scope` is reported.

    `crew`: worker processes summoned before the scan was imported (`Crew.summon`), for a
    first scan of a large tree; the scan puts them to use or stops them.

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
    keep = _within(path_matcher(include, "include"), scope)
    if use_cache and cache_dir is None:
        cache_dir = Path(os.path.abspath(folder)) / ".ws-migrate-cache"
    # the envelope decides what the analysis records: it is part of every cache key
    type_field = analysis_fields(rules)
    cache = SummaryCache(cache_dir if use_cache else None, type_field)
    if crew is not None and not cache.empty:  # they know nothing of the cache: new ones will
        crew.close()
        crew = None
    analyser = _Analyser(cache, type_field, jobs if jobs is not None else (os.cpu_count() or 1), progress, crew)
    # a first scan of a large tree starts its workers while the walk goes on, and feeds them
    early = analyser.stream(declared_names(rules)) if analyser.jobs > 1 and cache.empty else None
    try:
        walked = walk(root, exclude=exclude, languages=SCAN_LANGUAGES, on_file=early)
    except BaseException:
        analyser.close()
        raise
    analyser.walked()
    base = walked.root if walked.root.is_dir() else walked.root.parent
    python_files = [f for f in walked.files if f.language == "python"]
    walked = replace(walked, files=tuple(f for f in walked.files if f.language != "python"))
    extra = _fingerprint(rules, base, walked.configs)
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
    from ws_migrate.analyse import ModuleResolver, ParseError, link, link_and_names, wrapper_names

    declared = declared_names(rules)
    # files the prefilter passed over: they may still call a wrapper found later
    rest: dict[str, tuple[SourceFile, IndexEntry | None]] = {}
    # the Python files it passed over: they may still call a send helper found in the others
    quiet: list[SourceFile] = []
    unread: list[SourceFile] = []
    try:
        for f in every:
            entry = cache.unchanged(f.rel, f.size, f.mtime_ns)
            if entry is not None:
                if entry.key and analyser.add_cached(f, entry.key):
                    continue
                if not entry.key and f.language == "python":  # its prefilter knows no names
                    quiet.append(f)
                    continue
                if not entry.key and not (declared - cache.names_searched):
                    rest[f.rel] = (f, entry)
                    continue
            unread.append(f)
        for f in analyser.sift(unread, declared):
            if f.language == "python":
                quiet.append(f)
            else:
                rest[f.rel] = (f, None)
        # (before the front end's later rounds: the workers are still there to share them out)
        served = _second_round(python_files, quiet, analyser) if python_files else {}
        resolver = ModuleResolver.for_root(base, frozenset(f.rel for f in walked.files), walked.configs)

        def load(rel: str) -> FileSummary | None:
            """Summarise a file linking needs (a re-exporting index) the prefilter passed over:
            by a worker while there are some (its parser is ready, where this process has none)."""
            item = rest.pop(rel, None)
            if item is not None and (data := analyser.read(item[0])) is not None:
                analyser.summarise([(item[0], data)])
            return analyser.summaries.get(rel)

        searched: frozenset[str] = frozenset()
        inventory: Inventory | None = None
        while rest:
            if not searched:
                found = wrapper_names(analyser.summaries, rules, resolver, load)
            else:
                # a round after the first seldom finds new wrappers: link in full, and that is
                # the answer when it finds none
                inventory, found = link_and_names(analyser.summaries, rules, resolver, load)
            new = (frozenset(found) | declared) - searched
            if not new:
                break
            inventory = None
            searched |= new
            # the index knows which files mention none of the names searched last time
            known = new <= cache.names_searched
            todo = [f for f, entry in rest.values() if not (known and entry is not None)]
            for rel in analyser.search(todo, new):
                del rest[rel]
        analyser.release()  # linking and the Python back end are this process's work
        for f, _ in rest.values():
            # mentions none of this run's names (else it would have been analysed)
            cache.record(f, "")
        # in path order, whatever order the workers (fed as the walk found files) answered in
        analyser.summaries = dict(sorted(analyser.summaries.items()))
        analyser.problems.sort()
        if inventory is None:
            inventory = link(analyser.summaries, rules, resolver, load)

        backend = None
        if served:
            from ws_migrate.analyse._backend import link_backend

            backend = link_backend(served, rules, inventory.connections, inventory.message_types)
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
        # for `fix`: the analysis of each file as scanned, and how imports resolve among all files
        extra={"summaries": summaries, "resolver": resolver},
        stamps=stamps,
    ), keep, every)


def _within(keep: Callable[[str], bool] | None, scope: str) -> Callable[[str], bool] | None:
    """`keep`, and within `scope` (a file or folder) when there is one."""
    if not scope:
        return keep
    folder = scope.rstrip("/") + "/"

    def inside(rel: str) -> bool:
        return (rel == scope or rel.startswith(folder)) and (keep is None or keep(rel))

    return inside


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
        adapted=tuple(c for c in inv.adapted if keep(c.file)),
        socketio=tuple(c for c in inv.socketio if keep(c.file)),
    )
    backend = result.backend
    if backend is not None:
        backend = replace(backend, findings=tuple(f for f in backend.findings if keep(f.file)),
                          endpoints=tuple(e for e in backend.endpoints if keep(e.file)),
                          emitted=tuple(e for e in backend.emitted if keep(e.file)),
                          socketio=tuple(s for s in backend.socketio if keep(s.file)))
    return replace(result, inventory=inventory, files_scanned=sum(1 for f in files if keep(f.rel)),
                   parse_errors=tuple(p for p in result.parse_errors if keep(p.file)), backend=backend)


@dataclass(frozen=True)
class _Stored:
    """The part of a scan result worth keeping for the next scan of an unchanged tree."""

    inventory: Inventory
    parse_errors: tuple[ParseError, ...]
    skipped: tuple[Skipped, ...]
    problems: tuple[str, ...]
    candidates: int
    backend: Backend | None = None


def _second_round(files: Sequence[SourceFile], quiet: Sequence[SourceFile],
                  analyser: _Analyser) -> dict[str, PySummary]:
    """The Python files' summaries, in the walk's order: those the first round read, then the
    `quiet` files (passed over by its prefilter) that call a send helper it found."""
    from ws_migrate.analyse._backend import (
        helper_names,
        route_constants,
        schema_names,
        socket_classes,
    )

    first = analyser.backend
    # in the walk's order, whatever order the workers answered in
    summaries = {f.rel: first[f.rel] for f in files if f.rel in first}
    # a private helper (`_send_sync`, `_`) is called in its own module, which was read
    helpers = tuple(sorted(h for h in helper_names(summaries) if not h.startswith("_"))) if quiet else ()
    calls = calls_any(helpers) if helpers else None
    # a WebSocket handler class named as a base or routed (`class Flash(CommandSocket)`,
    # `(f"{base}flash", FlashSocket)`) in a module naming no socket
    classes = tuple(sorted(socket_classes(summaries))) if quiet else ()
    named = names_any(classes) if classes else None
    # a message class sent (`WSWhitelistMessage(data=…).model_dump()`) defined in a module naming
    # no socket (its schemas' module): its field defaults say the type
    kinds = tuple(sorted(schema_names(summaries))) if quiet else ()
    defined = defines_any(kinds) if kinds else None
    # a constant a route's path imports (`from .consts import WS_PATH`) from a module naming no socket
    paths = tuple(sorted(route_constants(summaries))) if quiet else ()
    assigned = assigns_any(paths) if paths else None
    rest = list(quiet)
    unreadable: set[str] = set()
    # a module read now may name another a further round reads: a builder's module the class it
    # returns (`return SnapFrame()`), a route's constant imported again (two rounds more at most)
    for _ in range(3):
        found: list[tuple[SourceFile, bytes]] = []
        passed: list[SourceFile] = []
        for f in rest:
            data = analyser.read(f) if (calls is not None or named is not None or defined is not None
                                        or assigned is not None) and f.rel not in unreadable else None
            if data is None:
                unreadable.add(f.rel)  # (binary, minified: said once, in `skipped`)
            if data is not None and ((calls is not None and calls(data)) or (named is not None and named(data))
                                     or (defined is not None and defined(data))
                                     or (assigned is not None and assigned(data))):
                found.append((f, data))
            else:
                passed.append(f)
        rest = passed
        if not found:
            break
        analyser.summarise(found)
        more = {f.rel for f, _ in found}
        summaries.update((f.rel, analyser.backend[f.rel]) for f in files
                         if f.rel in more and f.rel in analyser.backend)
        for f, _ in found:
            if f.rel not in analyser.backend:
                analyser.cache.record(f, "")
        new_kinds = tuple(sorted(set(schema_names(summaries)) - set(kinds)))
        new_paths = tuple(sorted(set(route_constants(summaries)) - set(paths)))
        kinds, paths = kinds + new_kinds, paths + new_paths
        calls = named = None  # (what further rounds look for: the new names only)
        defined = defines_any(new_kinds) if new_kinds else None
        assigned = assigns_any(new_paths) if new_paths else None
        if defined is None and assigned is None:
            break
    for f in rest:
        analyser.cache.record(f, "")
    return summaries


def analysis_fields(rules: Rules) -> str:
    """What a file's summary depends on besides the file (part of every cache key): the
    envelope's fields and the library openers, `\0`-joined."""
    from ws_migrate.analyse.shapes._libraries import encode

    return f"{rules.envelope.type_field}\0{rules.envelope.payload_field}\0{encode(rules.libraries)}"


def declared_names(rules: Rules) -> frozenset[str]:
    return frozenset(w.name.split(".")[0] for w in rules.wrappers)


def _fingerprint(rules: Rules, base: Path, configs: Sequence[str] = ()) -> str:
    """What a linked result depends on besides the files: rules, analysis version, the
    tsconfigs (the root's and every package's), the `.env` files and where the packages are."""
    parts = [ANALYSIS_VERSION, repr(rules), "\n".join(configs)]
    for name in ("tsconfig.json", "jsconfig.json",
                 *(c for c in configs if c.endswith("config.json") or c.rsplit("/", 1)[-1].startswith(".env"))):
        try:
            parts.append((base / name).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            parts.append("")
    return "\0".join(parts)

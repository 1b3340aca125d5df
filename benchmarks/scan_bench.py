#!/usr/bin/env python3
"""Time `ws-migrate scan` against ast-grep on a synthetic corpus, and check what it finds.

    python benchmarks/scan_bench.py [--files 10000] [--corpus DIR] [--repeat 3]

The corpus comes from `benchmarks/make_corpus.py` (into a temporary folder, or into
`--corpus DIR` when DIR has no corpus yet). In one run, best of `--repeat` each: the in-process
file walk, the baseline `ast-grep run -p 'new WebSocket($$$A)'`, a cold scan (fresh empty
cache) and a warm scan (the same command on the cache the last cold scan filled). The cold
scan's JSON is checked against the corpus's MANIFEST.json. The corpus gets the unified client
first (`ws-migrate init`), which `fix` needs.

Exit code: 0 every goal met, 1 a goal missed, 2 the benchmark could not run. See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
MAKE_CORPUS = REPO / "benchmarks" / "make_corpus.py"
SCAN_SCHEMA = "ws-migrate/scan/1"

# The goals, in one place: README.md explains each.
MAX_COLD_OVER_AST_GREP = 1.0
MIN_COLD_OVER_WARM = 4.0
MAX_PEAK_MB = 300.0
MAX_FIX_OVER_COLD = 2.0  # issue 3: fix takes at most twice a cold scan
MAX_WALK_SECONDS_PER_10K = 0.2  # a smaller corpus gets the same 0.2 s: fixed costs dominate

# Parts of the scan JSON that may differ between two runs on the same input.
RUN_SPECIFIC_KEYS = frozenset({"summary"})

_SAMPLE_EVERY = 0.1  # seconds between memory samples of a child's process tree


class BenchError(Exception):
    """The benchmark cannot run: one line saying why."""


@dataclass(frozen=True)
class Site:
    """One legacy connection the corpus generator wrote."""

    file: str
    line: int
    kind: str
    endpoint: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.kind} {self.endpoint}"


@dataclass(frozen=True)
class WrapperRef:
    name: str
    file: str
    line: int


@dataclass(frozen=True)
class Manifest:
    files: int
    sites: tuple[Site, ...]
    wrappers: tuple[WrapperRef, ...]


@dataclass(frozen=True)
class Recall:
    """How much of the MANIFEST a scan found."""

    sites: int
    found: int  # file and line match
    kind_exact: int  # ... and the kind too
    endpoint_exact: int  # ... and the endpoint too
    missing: tuple[Site, ...]
    wrappers_missing: tuple[WrapperRef, ...]
    extra: tuple[str, ...]  # "file:line" of connections the MANIFEST does not list

    @property
    def percent(self) -> float:
        return 100.0 * self.found / self.sites if self.sites else 100.0

    @property
    def complete(self) -> bool:
        return self.found == self.sites and not self.wrappers_missing


@dataclass(frozen=True)
class Timing:
    """Best wall time of the runs of one command, and the most memory any of them used."""

    seconds: float
    peak_mb: float  # the larger of `largest_mb` and `tree_mb`
    largest_mb: float  # peak RSS of the largest single process (wait4)
    tree_mb: float | None  # peak sampled PSS of the whole process tree; None off Linux


@dataclass(frozen=True)
class Goal:
    key: str  # stable, for code; `name` is for people
    name: str
    shown: str
    target: str
    met: bool


# --- the corpus --------------------------------------------------------------------------


def make_corpus(out: Path, files: int) -> None:
    """Write a corpus of `files` source files and its MANIFEST.json into `out`."""
    if not MAKE_CORPUS.is_file():
        raise BenchError(f"{MAKE_CORPUS}: corpus generator not found")
    done = subprocess.run(
        [sys.executable, str(MAKE_CORPUS), str(out), "--files", str(files)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"make_corpus.py failed: {_last_line(done.stderr)}")


def load_manifest(corpus: Path) -> Manifest:
    """Read `corpus/MANIFEST.json`; BenchError if it is missing or not the expected shape."""
    path = corpus / "MANIFEST.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sites = tuple(
            Site(s["file"], int(s["line"]), s["kind"], s["endpoint"]) for s in data["legacy_sites"]
        )
        wrappers = tuple(WrapperRef(w["name"], w["file"], int(w["line"])) for w in data["wrappers"])
        return Manifest(int(data["files"]), sites, wrappers)
    except FileNotFoundError:
        raise BenchError(f"{path}: not found; is {corpus} a corpus?") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise BenchError(f"{path}: unexpected content ({exc!r})") from None


# --- what the scan found -----------------------------------------------------------------


def check_recall(manifest: Manifest, scan: Mapping[str, Any]) -> Recall:
    """Match the MANIFEST against a scan JSON: sites on `file` + `line`, wrappers on name + file."""
    by_place: dict[tuple[str, int], list[Mapping[str, Any]]] = {}
    for connection in scan.get("connections", []):
        by_place.setdefault((connection.get("file"), connection.get("line")), []).append(connection)
    found = kind_exact = endpoint_exact = 0
    missing = []
    for site in manifest.sites:
        here = by_place.get((site.file, site.line), [])
        if not here:
            missing.append(site)
            continue
        found += 1
        kind_exact += any(c.get("kind") == site.kind for c in here)
        endpoint_exact += any(
            c.get("kind") == site.kind and c.get("endpoint") == site.endpoint for c in here
        )
    listed = {(s.file, s.line) for s in manifest.sites}
    # The wrapper's own `new WebSocket(` is in the MANIFEST as a wrapper, not as a site.
    listed |= {(w.file, w.line) for w in manifest.wrappers}
    extra = tuple(
        f"{file}:{line}" for file, line in sorted(by_place, key=str) if (file, line) not in listed
    )
    wrappers = {(w.get("name"), w.get("file")) for w in scan.get("wrappers", [])}
    wrappers_missing = tuple(w for w in manifest.wrappers if (w.name, w.file) not in wrappers)
    return Recall(
        len(manifest.sites),
        found,
        kind_exact,
        endpoint_exact,
        tuple(missing),
        wrappers_missing,
        extra,
    )


def same_results(cold: Mapping[str, Any], warm: Mapping[str, Any]) -> bool:
    """True when two scan JSONs agree on everything but their run-specific parts."""

    def results(scan: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in scan.items() if k not in RUN_SPECIFIC_KEYS}

    return results(cold) == results(warm)


def read_scan(path: Path) -> dict[str, Any]:
    """A scan JSON file; BenchError if it is missing, not JSON, or of another schema."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BenchError(f"{path}: no scan JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCAN_SCHEMA:
        schema = data.get("schema") if isinstance(data, dict) else None
        raise BenchError(f"{path}: schema is {schema!r}, expected {SCAN_SCHEMA!r}")
    return data


# --- goals -------------------------------------------------------------------------------


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, infinite when the denominator is zero."""
    return numerator / denominator if denominator > 0 else float("inf")


def evaluate(
    *,
    ast_grep: Timing,
    cold: Timing,
    warm: Timing,
    recall: Recall,
    warm_same: bool,
    walk_seconds: float,
    walk_files: int,
    fix: Timing | None = None,
) -> list[Goal]:
    """Every goal of the benchmark, measured."""
    cold_vs_ast_grep = ratio(cold.seconds, ast_grep.seconds)
    cold_vs_warm = ratio(cold.seconds, warm.seconds)
    peak = max(cold.peak_mb, warm.peak_mb)
    walk_limit = MAX_WALK_SECONDS_PER_10K * max(1.0, walk_files / 10_000)
    extra = []
    if fix is not None:
        fix_vs_cold = ratio(fix.seconds, cold.seconds)
        extra.append(Goal("fix-vs-cold", "fix / cold scan", f"{fix_vs_cold:.2f}",
                          f"<= {MAX_FIX_OVER_COLD:g}", fix_vs_cold <= MAX_FIX_OVER_COLD))
    return extra + [
        Goal(
            "cold-vs-ast-grep",
            "cold / ast-grep",
            f"{cold_vs_ast_grep:.2f}",
            f"<= {MAX_COLD_OVER_AST_GREP:g}",
            cold_vs_ast_grep <= MAX_COLD_OVER_AST_GREP,
        ),
        Goal(
            "cold-vs-warm",
            "cold / warm",
            f"{cold_vs_warm:.1f}",
            f">= {MIN_COLD_OVER_WARM:g}",
            cold_vs_warm >= MIN_COLD_OVER_WARM,
        ),
        Goal("peak-mb", "peak MB", f"{peak:.0f}", f"< {MAX_PEAK_MB:g}", peak < MAX_PEAK_MB),
        Goal("recall", "recall", f"{recall.percent:.1f}%", "100%", recall.complete),
        Goal("warm-same", "warm results = cold", "yes" if warm_same else "no", "yes", warm_same),
        Goal(
            "walk",
            f"walk {walk_files:,} files",
            f"{walk_seconds:.3f}s",
            f"< {walk_limit:.2g}s",
            walk_seconds < walk_limit,
        ),
    ]


def exit_code(goals: Sequence[Goal]) -> int:
    return 0 if all(g.met for g in goals) else 1


# --- running and measuring children ------------------------------------------------------


def ast_grep_binary() -> str:
    """The ast-grep next to this Python (the venv's), else the one on PATH."""
    beside = Path(sys.executable).parent
    for name in ("ast-grep", "ast-grep.exe"):
        if (beside / name).is_file():
            return str(beside / name)
    # Not `sg` from PATH: on Linux that is usually shadow-utils' "execute as group".
    found = shutil.which("ast-grep")
    if found is None:
        raise BenchError("ast-grep not found: pip install -e '.[bench]' (ast-grep-cli is in the bench extra)")
    return found


def child_env() -> dict[str, str]:
    """The environment for ws-migrate children: this checkout's package comes first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


def require_ws_migrate() -> None:
    """BenchError unless `python -m ws_migrate` can start here.

    Also byte-compiles the package, as installing it does: an editable install under
    PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module on every run (≈ 20 ms of
    a cold scan), and the cold scan is about a cold cache, not a fresh install.
    """
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "ws_migrate")],
        cwd=REPO, env=child_env(), capture_output=True, check=False,
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", "import ws_migrate.cli"],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(
            f"ws_migrate cannot be imported ({_last_line(done.stderr)}); "
            "this benchmark needs the `ws-migrate scan` command"
        )


def measure(
    argv_for: Callable[[int], Sequence[str]],
    repeat: int,
    *,
    env: Mapping[str, str] | None = None,
    ok_codes: Collection[int] = (0,),
) -> Timing:
    """Run `argv_for(i)` for i in range(repeat), one at a time, for the best time; then once
    more, `argv_for(repeat)`, with the process tree's memory sampled, for the peak.

    No timed run is sampled: reading a process's `/proc/PID/smaps_rollup` walks its page tables
    under its memory lock, which slowed the cold scan (three processes) by ≈ 70 ms in 0.85 s and
    ast-grep not at all. The biggest single process (wait4) counts from every run.
    """
    times: list[float] = []
    largest = 0.0
    for i in range(repeat):
        seconds, largest_mb, _ = _run_once(list(argv_for(i)), env, ok_codes, sample=False)
        times.append(seconds)
        largest = max(largest, largest_mb)
    _, largest_mb, tree = _run_once(list(argv_for(repeat)), env, ok_codes, sample=True)
    largest = max(largest, largest_mb)
    return Timing(min(times), max(largest, tree or 0.0), largest, tree)


def measure_in_turn(
    commands: Mapping[str, Callable[[int], Sequence[str]]],
    repeat: int,
    *,
    env: Mapping[str, str] | None = None,
    ok_codes: Collection[int] = (0,),
) -> dict[str, Timing]:
    """`measure` for commands that are compared, run in turn (a, b, a, b, ...) rather than one
    after the other: a machine whose speed drifts during the run (another tenant of the host, a
    CPU-credit limit after a minute of load) then slows each of them alike, and their ratio
    stays fair. Each command's best time counts; then each runs once more, sampled, for its peak.
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    largest = dict.fromkeys(commands, 0.0)
    for i in range(repeat):
        for name, argv_for in commands.items():
            seconds, largest_mb, _ = _run_once(list(argv_for(i)), env, ok_codes, sample=False)
            times[name].append(seconds)
            largest[name] = max(largest[name], largest_mb)
    out: dict[str, Timing] = {}
    for name, argv_for in commands.items():
        _, largest_mb, tree = _run_once(list(argv_for(repeat)), env, ok_codes, sample=True)
        biggest = max(largest[name], largest_mb)
        out[name] = Timing(min(times[name]), max(biggest, tree or 0.0), biggest, tree)
    return out


def _run_once(
    argv: list[str], env: Mapping[str, str] | None, ok_codes: Collection[int], *, sample: bool
) -> tuple[float, float, float | None]:
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=stderr,
        )  # fmt: skip
        sampler = _TreeSampler(child.pid)
        if sample:
            sampler.start()
        # wait4, not Popen.wait: it also returns the child's own resource usage.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in ok_codes:
            stderr.seek(0)
            tail = _last_line(stderr.read().decode("utf-8", "replace"))
            raise BenchError(f"{' '.join(argv)}: exit {child.returncode}: {tail}")
    # ru_maxrss is KiB on Linux and bytes on macOS; it covers the child's waited-for children.
    largest_mb = usage.ru_maxrss / (1 << 20 if sys.platform == "darwin" else 1 << 10)
    return seconds, largest_mb, sampler.peak_mb if sample else None


class _TreeSampler:
    """Samples the summed PSS of a process and its descendants while it runs (Linux only).

    wait4 reports the largest single process; a scan that forks workers uses their sum.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.available = Path("/proc/self/stat").exists()
        self.peak_kb = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    @property
    def peak_mb(self) -> float | None:
        return self.peak_kb / 1024 if self.available else None

    def start(self) -> None:
        if self.available:
            self._thread.start()

    def stop(self) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def _loop(self) -> None:
        while not self._done.is_set():
            total = sum(_memory_kb(pid) for pid in _descendants(self.pid))
            self.peak_kb = max(self.peak_kb, total)
            self._done.wait(_SAMPLE_EVERY)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as fh:
                    fields = fh.read().rpartition(")")[2].split()
            except OSError:
                continue  # exited meanwhile
            children.setdefault(int(fields[1]), []).append(int(name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def _memory_kb(pid: int) -> int:
    """PSS of `pid` in KiB (its share of shared pages), else RSS; 0 once it has exited."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return 0


def time_walk(corpus: Path, repeat: int) -> tuple[float, int]:
    """Best time of the library's file walk over `corpus`, and the number of files it lists."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from ws_migrate.walk import walk

    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = len(walk(corpus).files)
        best = min(best, time.perf_counter() - start)
    return best, count


# --- the report --------------------------------------------------------------------------


def render(
    manifest: Manifest,
    repeat: int,
    walk: tuple[float, int],
    timings: Mapping[str, Timing],
    scan: Mapping[str, Any],
    recall: Recall,
    goals: Sequence[Goal],
) -> str:
    """The report printed at the end of a run."""
    scanned = scan.get("files_scanned")
    lines = [
        (
            f"corpus: {manifest.files:,} source files, {len(manifest.sites):,} legacy sites; "
            f"ws-migrate scanned {scanned if isinstance(scanned, int) else '?'}; best of {repeat}"
        ),
        "",
        f"{'':26}{'time':>9}  {'peak MB':>8}  {'largest':>8}  {'tree':>8}",
        f"{'walk (in process)':26}{walk[0]:>8.3f}s  ({walk[1]:,} files)",
    ]
    for label, t in timings.items():
        tree = "-" if t.tree_mb is None else f"{t.tree_mb:.0f}"
        lines.append(
            f"{label:26}{t.seconds:>8.3f}s  {t.peak_mb:>8.0f}  {t.largest_mb:>8.0f}  {tree:>8}"
        )
    lines += [
        "",
        (
            f"recall: {recall.found:,} of {recall.sites:,} sites found at file:line "
            f"({recall.percent:.1f}%); kind exact {recall.kind_exact:,}, "
            f"kind and endpoint exact {recall.endpoint_exact:,}"
        ),
        "wrappers: "
        + (
            "all found"
            if not recall.wrappers_missing
            else "missing " + ", ".join(f"{w.name} ({w.file})" for w in recall.wrappers_missing)
        ),
        f"connections not in the MANIFEST: {len(recall.extra):,}"
        + (f" (first: {', '.join(recall.extra[:5])})" if recall.extra else ""),
        f"parse errors: {len(scan.get('parse_errors', [])):,}",
    ]
    if recall.missing:
        lines.append(f"missing sites (first 10 of {len(recall.missing):,}):")
        lines += [f"  {site}" for site in recall.missing[:10]]
    lines += ["", f"{'goal':24}{'value':>9}  {'target':>8}"]
    lines += [
        f"{g.name:24}{g.shown:>9}  {g.target:>8}  {'ok' if g.met else 'MISSED'}" for g in goals
    ]
    return "\n".join(lines)


# --- main --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="corpus size (default 10000)")
    parser.add_argument("--corpus", type=Path, help="use (or create) the corpus in DIR")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.files < 1:
        parser.error("--files and --repeat must be at least 1")
    try:
        require_ws_migrate()
        ast_grep = ast_grep_binary()
        with tempfile.TemporaryDirectory(prefix="ws-migrate-bench-") as tmp:
            work = Path(tmp)
            corpus = _corpus(args.corpus, args.files, work)
            return _run(corpus, args.repeat, ast_grep, work)
    except BenchError as exc:
        print(f"scan_bench: {exc}", file=sys.stderr)
        return 2


def _corpus(given: Path | None, files: int, work: Path) -> Path:
    if given is not None and (given / "MANIFEST.json").exists():
        return given.resolve()
    if given is not None and given.exists() and any(given.iterdir()):
        raise BenchError(f"{given}: not empty and has no MANIFEST.json")
    corpus = given.resolve() if given is not None else work / "corpus"
    print(f"writing a {files:,}-file corpus to {corpus} ...", file=sys.stderr)
    make_corpus(corpus, files)
    return corpus


def _run(corpus: Path, repeat: int, ast_grep: str, work: Path) -> int:
    manifest = load_manifest(corpus)
    env = child_env()
    # A scan with findings may exit 1 (and `fix` with changes pending); 2 and up mean it failed.
    scan_codes = (0, 1)

    def scan(output: Path, cache: Path) -> list[str]:
        cache.mkdir(exist_ok=True)  # empty for a cold scan, filled for a warm one
        return [
            sys.executable, "-m", "ws_migrate", "scan", str(corpus), "--format", "json",
            "--output", str(output), "--cache-dir", str(cache),
        ]  # fmt: skip

    # `fix` writes no patch that imports a client `init` has not written: as a user does, first
    done = subprocess.run([sys.executable, "-m", "ws_migrate", "init", str(corpus)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"ws-migrate init failed: {_last_line(done.stderr)}")
    print("timing the walk, ast-grep, cold and warm scans ...", file=sys.stderr)
    walk = time_walk(corpus, repeat)
    # side by side: the goals are the ratios of the scan to ast-grep and of fix to the scan
    timings = measure_in_turn(
        {
            "ast-grep (baseline)": lambda i: [ast_grep, "run", "-p", "new WebSocket($$$A)", str(corpus)],
            "ws-migrate scan, cold": lambda i: scan(work / f"cold-{i}.json", work / f"cache-{i}"),
            "ws-migrate fix (no cache)": lambda i: [
                sys.executable, "-m", "ws_migrate", "fix", str(corpus), "--no-cache", "--quiet",
                "--output", str(work / f"fix-{i}.diff")],
        },
        repeat,
        env=env,
        ok_codes=scan_codes,
    )  # fmt: skip
    warm_cache = work / f"cache-{repeat - 1}"  # filled by the last cold scan
    timings["ws-migrate scan, warm"] = measure(
        lambda i: scan(work / f"warm-{i}.json", warm_cache), repeat, env=env, ok_codes=scan_codes
    )
    cold_scan = read_scan(work / f"cold-{repeat - 1}.json")
    warm_scan = read_scan(work / f"warm-{repeat - 1}.json")
    recall = check_recall(manifest, cold_scan)
    goals = evaluate(
        ast_grep=timings["ast-grep (baseline)"],
        cold=timings["ws-migrate scan, cold"],
        warm=timings["ws-migrate scan, warm"],
        recall=recall,
        warm_same=same_results(cold_scan, warm_scan),
        walk_seconds=walk[0],
        walk_files=walk[1],
        fix=timings["ws-migrate fix (no cache)"],
    )
    print(render(manifest, repeat, walk, timings, cold_scan, recall, goals))
    return exit_code(goals)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no message"


if __name__ == "__main__":
    sys.exit(main())

"""What the commands do around the library, without the command-line parser.

Error handling (one line and an exit code, never a traceback), progress on stderr, writing the
output, and the whole of a plain `scan --format json`. The command line (`cli.py`, typer) uses
these for every command; `__main__` runs a plain JSON scan through `scan_json` directly, with
the options `ws_migrate._replay.parse` read, so a script's scan does not pay typer's start-up.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ws_migrate._atomic import write_atomic
from ws_migrate._exceptions import WsMigrateError

if TYPE_CHECKING:
    from rich.console import Console

    from ws_migrate._replay import Invocation
    from ws_migrate.scan import Gate, ScanResult
    from ws_migrate.scan._crew import Crew

Progress = Callable[[str, int, int], None]


@cache
def stderr_console() -> Console:
    # rich costs ~40 ms to import: JSON runs that print nothing on stderr never pay it
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def errors(passthrough: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Bad input becomes one red line and exit 2; never a traceback.

    `passthrough`: exceptions that are not errors (the command line's own way to exit)."""
    try:
        yield
    except passthrough:
        raise
    except WsMigrateError as exc:
        stderr_console().print(f"[red]error:[/] {exc}", markup=True)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        stderr_console().print("interrupted")
        raise SystemExit(130) from None
    except Exception as exc:  # noqa: BLE001 - a bug: one line, not a traceback, a distinct code
        stderr_console().print(
            f"[red]internal error:[/] {type(exc).__name__}: {exc} (please report this)", markup=True)
        raise SystemExit(3) from None


def emit(text: str, output: Path | None) -> None:
    """`text` to stdout, or atomically to `output` (and a line on stderr saying so)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise WsMigrateError(f"{output}: cannot write: {exc.strerror or exc}") from None
        if str(output) != os.devnull:
            sys.stderr.write(f"wrote {output}\n")  # plain: rich would cost more than the write


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Progress | None]:
    """A transient rich progress bar on stderr, one line per stage; None when not `enabled`."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    with Bar(TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
             TimeElapsedColumn(), console=stderr_console(), transient=True) as bar:
        tasks: dict[str, object] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

        yield update


def run_scan(path: Path, rules: list[Path] | None, include: list[str] | None,
             exclude: list[str] | None, no_cache: bool, cache_dir: Path | None, jobs: int | None,
             quiet: bool) -> ScanResult:
    """`scan` with progress on stderr (on a terminal) and its warnings after it."""
    # the commands that scan end soon after: the cyclic collector stays off for the rest of the
    # process, instead of walking the scan's 100,000 objects once it is back on (see `scan`)
    gc.disable()
    crew = _summon(path, no_cache, cache_dir, jobs)
    try:
        from ws_migrate.scan import scan

        with progress_bar(not quiet and sys.stderr.isatty()) as progress:
            result = scan(
                path,
                rules_files=rules or (),
                include=include or (),
                exclude=exclude or (),
                cache_dir=cache_dir,
                use_cache=not no_cache,
                jobs=jobs,
                progress=progress,
                crew=crew,
            )
    finally:
        if crew is not None:
            crew.close()
    if not quiet:
        for problem in result.problems:
            stderr_console().print(f"[yellow]warning:[/] {problem}", markup=True)
    return result


def _summon(path: Path, no_cache: bool, cache_dir: Path | None, jobs: int | None) -> Crew | None:
    """For what may be a first scan of a large tree, its worker processes, forked now: they
    ready the analysis on the other cores while this process imports the scan and walks."""
    # what the workers need as well as this process (the summaries' types) is imported first,
    # once for all
    import ws_migrate.analyse._model  # noqa: F401
    from ws_migrate.scan._cache import SummaryCache
    from ws_migrate.scan._crew import Crew

    if not path.is_dir():
        return None
    if not no_cache and SummaryCache.indexed(cache_dir or path / ".ws-migrate-cache"):
        return None  # a cache: most files are summarised already
    return Crew.summon(jobs if jobs is not None else (os.cpu_count() or 1))


def write_scan_json(result: ScanResult, path: Path, rules: list[Path] | None,
                    include: list[str] | None, exclude: list[str] | None, output: Path | None,
                    cache_dir: Path | None, started_ns: int, *, gate: Gate | None = None,
                    record_it: bool = True) -> None:
    """Render `result` as JSON to stdout or `output`; with `record_it`, keep it for replay."""
    from ws_migrate.render import render_json

    indent = 2 if output is None and sys.stdout.isatty() else None
    text = render_json(result, indent=indent, gate=gate)
    emit(text, output)
    if record_it and not result.problems:
        # the next identical command replays this answer while nothing changes
        from ws_migrate._replay import invocation, record
        from ws_migrate.render._json import replayed_json

        record(invocation(path, rules or (), include or (), exclude or (), output, cache_dir, indent),
               result.stamps, replayed_json(result, text, indent=indent), started_ns)


def scan_json(inv: Invocation) -> NoReturn:
    """A plain `scan --format json` (no baseline, no gate), as the command line runs it; then
    the process ends at once with exit 0 (bad input exits 2 through `errors`).

    A first scan of a large tree leaves some 100,000 objects: freeing them one by one and
    tearing the interpreter down after them took ≈ 40 ms of a 1 s cold scan, for an answer
    already written."""
    given_path, given_rules, given_cache = inv.given
    path = Path(given_path)
    rules = [Path(r) for r in given_rules] or None
    include, exclude = list(inv.include) or None, list(inv.exclude) or None
    output = None if inv.output is None else Path(inv.output)
    cache_dir = None if given_cache is None else Path(given_cache)
    with errors():
        started = time.time_ns()
        result = run_scan(path, rules, include, exclude, False, cache_dir, inv.jobs, inv.quiet)
        write_scan_json(result, path, rules, include, exclude, output, cache_dir, started)
        end_process(0)


_FIX_OPTIONS = {"--rules": "rules", "--include": "include", "--exclude": "exclude",
                "--output": "output", "-o": "output"}
_FIX_FLAGS = {"--write": "write", "--check": "check", "--no-cache": "no_cache", "--quiet": "quiet",
              "-q": "quiet"}


def fix_direct(argv: list[str]) -> bool:
    """Run `argv` when it is a `fix` the strict parser takes (then the process ends here), without
    typer's start-up; False for anything else, which goes to the command line."""
    from ws_migrate._replay import strict

    parsed = strict(argv, "fix", _FIX_OPTIONS, frozenset({"rules", "include", "exclude"}), _FIX_FLAGS)
    if parsed is None or len(parsed[0]) > 1:
        return False
    positional, values, flags = parsed
    output = values.get("output", [None])[-1]
    with errors():
        code = run_fix(Path(positional[0] if positional else "."),
                       [Path(r) for r in values.get("rules", ())] or None,
                       values.get("include") or None, values.get("exclude") or None,
                       "no_cache" in flags, "quiet" in flags, write="write" in flags,
                       check="check" in flags, output=None if output is None else Path(output))
    end_process(code)


def run_fix(path: Path, rules: list[Path] | None, include: list[str] | None,
            exclude: list[str] | None, no_cache: bool, quiet: bool, *, write: bool, check: bool,
            output: Path | None) -> int:
    """`fix`: the patch to stdout or `output`, or applied (`write`), or only whether there is one
    (`check`: exit 1); what is left for a person on stderr (unless `quiet`). The exit code."""
    from ws_migrate.fix import plan_fixes

    result = plan_fixes(run_scan(path, rules, include, exclude, no_cache, None, None, quiet))
    if not quiet:
        for m in result.manual:
            c = m.connection
            stderr_console().print(f"{c.file}:{c.line}: manual: {m.reason}", markup=False)
        for rel, why in result.withheld:
            stderr_console().print(f"{rel}: patch withheld: {why}", markup=False)
        for rel, line, why in result.backend_manual:
            stderr_console().print(f"{rel}:{line}: manual: {why}", markup=False)
    fixed = sum(len(p.connections) for p in result.patches)
    if check:
        if result.all_patches:
            stderr_console().print(f"{fixed} connection(s) in {len(result.patches)} file(s) and "
                                   f"{len(result.backend_patches)} back-end file(s) would be rewritten")
            return 1
        return 0
    if write:
        for patch in result.all_patches:
            try:
                write_atomic(result.scan.root / patch.rel, patch.after)
            except OSError as exc:
                raise WsMigrateError(f"{patch.rel}: cannot write: {exc.strerror or exc}") from None
        stderr_console().print(f"rewrote {fixed} connection(s) in {len(result.patches)} file(s); "
                               f"{len(result.manual)} left for a person"
                               + (f"; {len(result.backend_patches)} back-end file(s) now publish unified events"
                                  if result.backend_patches else ""))
        return 0
    emit(result.diff, output)
    return 0


def end_process(code: int) -> NoReturn:
    """End the process now, its output flushed, without freeing what it holds: for a command
    that is done (its files written, its workers reaped)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said anyway
        pass
    os._exit(code)

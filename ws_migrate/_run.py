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
from ws_migrate._words import count, visible

if TYPE_CHECKING:
    from rich.console import Console

    from ws_migrate._project import Project
    from ws_migrate._replay import Invocation
    from ws_migrate.scan import Gate, ScanResult
    from ws_migrate.scan._crew import Crew

Progress = Callable[[str, int, int], None]


@cache
def stderr_console() -> Console:
    # rich costs ~40 ms to import: JSON runs that print nothing on stderr never pay it
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


@contextmanager
def errors(passthrough: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Bad input becomes one red line and exit 2; never a traceback.

    `passthrough`: exceptions that are not errors (the command line's own way to exit)."""
    try:
        yield
    except passthrough:
        raise
    except WsMigrateError as exc:
        labelled("error:", "red", str(exc))
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        stderr_console().print("interrupted")
        raise SystemExit(130) from None
    except Exception as exc:  # noqa: BLE001 - a bug: one line, not a traceback, a distinct code
        labelled("internal error:", "red", f"{type(exc).__name__}: {exc} (please report this)")
        raise SystemExit(3) from None


def labelled(label: str, style: str, line: str) -> None:
    """`label` in `style`, then `line` on stderr: `line` names files, URLs and types from the
    scanned code, so it is never read as rich markup (`[/bold]` in a path is text), and its
    control characters are shown as escapes."""
    from rich.text import Text

    stderr_console().print(Text.assemble((label, style), " ", visible(line)))


def say(line: str) -> None:
    """A line for a person on stderr: wrapped at words on a terminal, whole into a pipe; never
    markup, and one line whatever the names in it hold (`_words.visible`)."""
    stderr_console().print(visible(line), markup=False, soft_wrap=not sys.stderr.isatty())


def emit(text: str, output: Path | None) -> None:
    """`text` to stdout, or atomically to `output` (and a line on stderr saying so), in UTF-8.

    A patch's context may hold bytes of the file that are not UTF-8 (decoded as lone
    surrogates): they are written back as the bytes they were, wherever the text goes."""
    data = text.encode("utf-8", "surrogateescape")
    if output is None:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a stream of text only (a test's capture): it takes what it can
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            buffer.write(data)
        sys.stdout.flush()
    else:
        check_output(output)
        try:
            write_atomic(output, data, parents=False)
        except OSError as exc:
            raise WsMigrateError(f"{output}: cannot write: {exc.strerror or exc}") from None
        if str(output) != os.devnull:
            sys.stderr.write(f"wrote {output}\n")  # plain: rich would cost more than the write


def check_output(output: Path | None) -> None:
    """Raise unless `output`'s folder exists: an output option never makes folders (a typo in
    one would put the file somewhere nobody looks)."""
    if output is not None and not output.parent.is_dir():
        raise WsMigrateError(f"{output}: cannot write: no folder {output.parent} (make it first)")


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Progress | None]:
    """A transient rich progress bar on stderr, one line per stage; None when not `enabled`."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    with Bar(TextColumn("{task.description:>8}", markup=False), BarColumn(), MofNCompleteColumn(),
             TimeElapsedColumn(), console=stderr_console(), transient=True) as bar:
        tasks: dict[str, object] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

        yield update


def project_of(path: Path) -> Project:
    """The project `path` (a file or folder the user named) belongs to (`ws_migrate._project`)."""
    from ws_migrate._project import locate

    if not path.exists():
        raise WsMigrateError(f"{path}: no such file or directory")
    return locate(str(path))


def run_scan(path: Path, rules: list[Path] | None, include: list[str] | None,
             exclude: list[str] | None, no_cache: bool, cache_dir: Path | None, jobs: int | None,
             quiet: bool, project: Project | None = None) -> ScanResult:
    """`scan` of the project `path` is in, reporting what `path` names, with progress on stderr
    (on a terminal) and its warnings after it."""
    # the commands that scan end soon after: the cyclic collector stays off for the rest of the
    # process, instead of walking the scan's 100,000 objects once it is back on (see `scan`)
    gc.disable()
    project = project or project_of(path)
    path = Path(project.root)
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
                scope=project.scope,
            )
    finally:
        if crew is not None:
            crew.close()
    if project.stamps:
        from dataclasses import replace

        result = replace(result, stamps=result.stamps + project.stamps)
    if not quiet:
        for problem in result.problems:
            labelled("warning:", "yellow", str(problem))
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
    # ... and the shapes the linker reads as well as the analysis (≈ 20 ms of CPU the first
    # worker would spend importing them again, while this process needs them anyway)
    from ws_migrate.analyse import _inventory  # noqa: F401
    from ws_migrate.analyse.shapes import _kept, _libraries, _stores  # noqa: F401

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
        check_output(output)  # before the work, as the command line does
        started = time.time_ns()
        result = run_scan(path, rules, include, exclude, False, cache_dir, inv.jobs, inv.quiet)
        write_scan_json(result, path, rules, include, exclude, output, cache_dir, started)
        end_process(0)


def run_fix(path: Path, rules: list[Path] | None, include: list[str] | None,
            exclude: list[str] | None, no_cache: bool, quiet: bool, *, write: bool, check: bool,
            output: Path | None, inline: bool = False) -> int:
    """`fix`: the patch to stdout or `output` (paths relative to the git root), or applied
    (`write`), or only whether there is one (`check`: exit 1); what is left for a person on
    stderr (unless `quiet`), then one line of summary. The exit code."""
    from ws_migrate.fix import plan_fixes

    check_output(output)
    project = project_of(path)
    # (`--inline` reads every file's analysis, which a scan of an unchanged tree does not keep)
    result = plan_fixes(run_scan(path, rules, include, exclude, no_cache or inline, None, None, quiet, project),
                        inline)
    # a wrapper's file outside what was named is not touched (its callers elsewhere would move too)
    patches = [p for p in result.patches if project.includes(p.rel)]
    outside = sorted(p.rel for p in result.all_patches if not project.includes(p.rel))
    backend = [p for p in result.backend_patches if project.includes(p.rel)]
    at = project.prefix  # the diff's paths, and these lines', are the git root's
    if not quiet:
        for m in result.manual:
            c = m.connection
            say(f"{at}{c.file}:{c.line}: manual: {m.reason}")
        for rel, why in result.withheld:
            say(f"{at}{rel}: patch withheld: {why}")
        for rel, line, why in result.backend_manual:
            if project.includes(rel):
                say(f"{at}{rel}:{line}: manual: {why}")
        for m in result.on_adapter:
            say(f"{at}{m.connection.file}:{m.connection.line}: stays on the adapter: {m.reason}")
        for rel in outside:
            say(f"{at}{rel}: not rewritten: outside {path} (fix the whole project to include it)")
    fixed = len({cid for p in patches for cid in p.connections})
    rewritten = (f"{count(fixed, 'connection')} in {count(len(patches), 'file')}"
                 + (f" and {count(len(backend), 'back-end file')}" if backend else ""))
    if check:
        if patches or backend:
            say(f"{rewritten} would be rewritten")
            return 1
        say("nothing to rewrite")
        return 0
    if patches:
        _require_client(project, result.scan)
    if backend and not _publisher_written(project, result.scan):
        # the front end's patch stands alone: the back end's waits for its module
        from ws_migrate.scaffold._backend import backend_file

        say(f"{count(len(backend), 'back-end file')} not rewritten: it would import "
            f"{at}{backend_file(result.scan.rules)}, which does not exist yet: run "
            f"`ws-migrate init {shown(project.root)} --backend` first")
        backend = []
        rewritten = f"{count(fixed, 'connection')} in {count(len(patches), 'file')}"
    summary = f"{count(len(result.manual), 'connection')} left for a person (listed above)"
    if inline:
        summary += f"; {count(len(result.on_adapter), 'connection')} still through the adapter"
    if outside:
        summary += f"; {count(len(outside), 'file')} outside {path} not rewritten (listed above)"
    if write:
        for patch in patches + backend:
            try:
                write_atomic(result.scan.root / patch.rel, patch.after)
            except OSError as exc:
                raise WsMigrateError(f"{at}{patch.rel}: cannot write: {exc.strerror or exc}") from None
        say(f"rewrote {rewritten}; {summary}")
        return 0
    from ws_migrate.render._diff import under

    emit("".join(under(p.diff, at, p.rel) for p in patches + backend), output)
    if patches or backend:
        summary = f"{rewritten} in the patch ({_apply_where(project)}); {summary}"
    else:
        summary = f"nothing to rewrite; {summary}"
    if not quiet:
        say(summary)
    return 0


def _require_client(project: Project, scan: ScanResult) -> None:
    """Raise when the patch would import the client `init` has not written yet, naming the one
    command that writes it."""
    service = _service_file(project, scan)
    if not (Path(project.root) / service).is_file():
        raise WsMigrateError(f"the patch would import {project.prefix}{service}, which does not exist "
                             f"yet: run `{_init_command(project, scan)}` first")


def _service_file(project: Project, scan: ScanResult) -> str:
    """The project-relative file of the unified service `init` writes (the rules' `client`)."""
    from ws_migrate.scaffold import client_layout

    return client_layout(Path(project.root), scan.rules).service_file


def _init_command(project: Project, scan: ScanResult) -> str:
    """The `init` to run: with `--backend` when the scan found a back end that sends."""
    backend = " --backend" if scan.backend is not None and scan.backend.emitted else ""
    return f"ws-migrate init {shown(project.root)}{backend}"


def _publisher_written(project: Project, scan: ScanResult) -> bool:
    from ws_migrate.scaffold._backend import backend_file

    return (Path(project.root) / backend_file(scan.rules)).is_file()


def _apply_where(project: Project) -> str:
    """Where the patch applies: its paths are the git root's."""
    if project.git_root is None:
        return f"paths from {shown(project.root)}"
    if os.path.samefile(project.git_root, "."):
        return "`git apply` it here"
    return f"paths from the git root: `git apply` it in {shown(project.git_root)}"


def shown(folder: str | None) -> str:
    """`folder` as a person at this working folder would type it."""
    if folder is None:
        return "."
    rel = os.path.relpath(folder)
    return folder if rel.startswith("..") else rel


def next_step(result: ScanResult, path: Path, project: Project) -> str:
    """The one line after a scan's table: what to do next, as the README's first migration goes."""
    from ws_migrate._project import RULES_FILE
    from ws_migrate.rules import builtin_rules_path

    conns = result.connections
    if not conns:
        return "no legacy connections: nothing to migrate here"
    root = shown(project.root)
    auto = sum(1 for c in conns if c.fix == "auto")
    if result.rules.sources == (str(builtin_rules_path()),):
        rules = os.path.join(root, RULES_FILE)
        return (f"next: draft the project's rules, `ws-migrate rules infer {path} -o {rules}`, "
                f"review them, then `ws-migrate rules check {rules}`")
    if not _client_written(project, result):
        return f"next: `{_init_command(project, result)}` writes the unified client the rewrites import"
    if auto:
        return (f"{auto} auto-fixable: run `ws-migrate fix {path} > migrate.diff`, read it, then "
                "`git apply migrate.diff`")
    return (f"{count(len(conns), 'connection')} left for a person (the reasons are above); "
            f"`ws-migrate report {root}` tracks the migration")


def _client_written(project: Project, result: ScanResult) -> bool:
    try:
        return (Path(project.root) / _service_file(project, result)).is_file()
    except WsMigrateError:
        return True  # the rules' client paths are wrong: `init` says so


def end_process(code: int) -> NoReturn:
    """End the process now, its output flushed, without freeing what it holds: for a command
    that is done (its files written, its workers reaped)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said anyway
        pass
    os._exit(code)

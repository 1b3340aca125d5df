"""The `ws-migrate` command line: parses options, calls the library, renders, picks the exit code.

Exit codes: 0 success; 1 `--check`/gating failures (later commands); 2 bad input (paths, rules,
options); 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import AbstractContextManager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ws_migrate._exceptions import WsMigrateError
from ws_migrate._run import check_output, errors, project_of, say, shown, write_scan_json
from ws_migrate._run import emit as _emit
from ws_migrate._run import run_scan as _scan
from ws_migrate._words import count

if TYPE_CHECKING:
    from ws_migrate.scan import ScanResult

app = typer.Typer(
    name="ws-migrate",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="Check and draft rule files.", short_help="Check and draft rule files.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


def _version(value: bool) -> None:
    if value:
        from ws_migrate import __version__

        typer.echo(f"ws-migrate {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Move a real-time front end off per-topic WebSockets onto one unified connection.

    PATH (default: the current folder) may be a project, a folder or a file of it: the project
    is the nearest folder at or above it with a ws-migrate.yaml, else with a tsconfig.json,
    jsconfig.json or package.json (else a folder is its own project, a file is in the git
    root's). Commands read the whole project and report (and rewrite) only what PATH names.
    """


class ScanFormat(str, Enum):
    table = "table"
    json = "json"
    sarif = "sarif"


class FailOn(str, Enum):
    new = "new"  # legacy connections or findings the baseline does not have
    any = "any"  # any legacy connection or finding
    none = "none"


RulesOpt = Annotated[
    list[Path] | None,
    typer.Option("--rules", help="Rule file (repeatable; later files override earlier ones)."),
]
IncludeOpt = Annotated[list[str] | None, typer.Option("--include", help="Only report paths matching this glob (repeatable).")]
ExcludeOpt = Annotated[list[str] | None, typer.Option("--exclude", help="Skip paths matching this glob (repeatable).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Parse every file; read and write no cache.")]


def _errors() -> AbstractContextManager[None]:
    """Bad input becomes one red line and exit 2; never a traceback (`ws_migrate._run`)."""
    return errors(passthrough=(typer.Exit,))


@app.command("scan", short_help="Legacy connections, wrappers, types and findings.")
def scan_command(
    path: Annotated[Path, typer.Argument(help="Project, or a folder or file of it, to scan.")] = Path("."),
    rules: RulesOpt = None,
    format: Annotated[ScanFormat, typer.Option("--format", "-f", help="Output format.")] = ScanFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Cache folder (default: .ws-migrate-cache in the project).")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Parser processes (default: all cores).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or warnings on stderr.")] = False,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="Only what this baseline lacks counts as new.")] = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help="Exit 1 on new (default with --baseline), any, or none (default).")] = None,
) -> None:
    """Find every legacy WebSocket connection, the wrappers behind them and their message types."""
    from ws_migrate.scan import gate, load_baseline

    with _errors():
        check_output(output)
        known = load_baseline(baseline) if baseline is not None else None
        started = time.time_ns()
        project = project_of(path)
        result = _scan(path, rules, include, exclude, no_cache, cache_dir, jobs, quiet, project)
        policy = fail_on or (FailOn.new if baseline is not None else FailOn.none)
        news = gate(result, known if policy is FailOn.new else None)
        if format is ScanFormat.json:
            write_scan_json(result, path, rules, include, exclude, output, cache_dir, started,
                            gate=news if known else None,
                            record_it=not (no_cache or baseline or fail_on))
        elif format is ScanFormat.sarif:
            from ws_migrate.fix import plan_fixes
            from ws_migrate.render._sarif import render_sarif

            _emit(render_sarif(result, plan_fixes(result)), output)
        else:
            _table(result, output)
            if not quiet:
                from ws_migrate._run import next_step

                say(next_step(result, path, project))
        if known is not None and not quiet:
            say(f"baseline {baseline}: {count(len(news.new_connections), 'new legacy connection')}, "
                f"{count(len(news.new_findings), 'new finding')}")
            for c in news.new_connections:
                say(f"  new: {c.file}:{c.line}: legacy connection to {c.endpoint or '?'}")
            for f in news.new_findings:
                say(f"  new: {f.file}:{f.line}: {f.rule}: {f.message}")
        if policy is not FailOn.none and not news.clean:
            raise typer.Exit(1)


def _table(result: ScanResult, output: Path | None) -> None:
    from rich.console import Console

    from ws_migrate.render import render_table

    if output is None:
        render_table(result, Console(highlight=False, emoji=False))
        return
    with open(os.devnull, "w") as sink:
        console = Console(record=True, file=sink, width=160, highlight=False, emoji=False)
        render_table(result, console)
    _emit(console.export_text(), output)


baseline_app = typer.Typer(help="Record what a repo has today, so CI fails only on what is new.",
                           short_help="Record today's findings: CI fails on new ones.", no_args_is_help=True)
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("update", short_help="Write the baseline of what the repo has now.")
def baseline_update(
    path: Annotated[Path, typer.Argument(help="Project, or a folder or file of it, to scan.")] = Path("."),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Baseline file (default: .ws-migrate-baseline.json in the project).")] = None,
    rules: RulesOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write the baseline: every legacy connection and finding the repo has now."""
    from ws_migrate.scan import DEFAULT_BASELINE, write_baseline

    with _errors():
        check_output(output)
        project = project_of(path)
        result = _scan(path, rules, include, exclude, no_cache, None, None, False, project)
        target = output or Path(shown(project.root)) / DEFAULT_BASELINE
        try:
            write_baseline(result, target)
        except OSError as exc:
            raise WsMigrateError(f"{target}: cannot write: {exc.strerror or exc}") from None
        findings = sum(1 for f in result.findings if f.rule != "legacy-connection")
        say(f"wrote {target}: {count(len(result.connections), 'connection')}, {count(findings, 'finding')}")


class ReportFormat(str, Enum):
    table = "table"  # for a terminal (its old name, `terminal`, still works)
    markdown = "markdown"
    json = "json"
    html = "html"


@app.command("report", short_help="The migration checklist, measured.")
def report_command(
    path: Annotated[Path, typer.Argument(help="Project (or a folder or file of it) to report on.")] = Path("."),
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: table (for a terminal), markdown, json or html.",
                                        metavar="<table|markdown|json|html>")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")] = None,
    rules: RulesOpt = None,
    history: Annotated[int, typer.Option("--history", min=0, help="Also scan the last N commits (from git objects).")] = 0,
    no_cache: NoCacheOpt = False,
) -> None:
    """The guide's migration checklist, measured: status, evidence, phase, per-endpoint progress."""
    from ws_migrate.render._report_formats import render_report
    from ws_migrate.report import build_report

    with _errors():
        chosen = _report_format(format)
        check_output(output)
        root = Path(project_of(path).root)
        report = build_report(root, rules_files=rules or (), history=history, use_cache=not no_cache)
        if output is None and chosen is ReportFormat.table:
            from rich.console import Console

            render_report(report, "terminal", console=Console(highlight=False, emoji=False))
            return
        _emit(render_report(report, "terminal" if chosen is ReportFormat.table else chosen.value), output)


def _report_format(value: str) -> ReportFormat:
    if value == "terminal":  # its name before it was scan's
        return ReportFormat.table
    try:
        return ReportFormat(value)
    except ValueError:
        raise WsMigrateError(f"--format: {value!r} is not one of table, markdown, json, html") from None


@app.command("init", short_help="Write the unified client the rewrites import.")
def init_command(
    path: Annotated[Path, typer.Argument(help="Project (or a folder or file of it) to add the unified client to.")] = Path("."),
    rules: RulesOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite generated files you changed.")] = False,
    backend: Annotated[bool, typer.Option("--backend", help="Also write the Python EventType + publisher module.")] = False,
    monitor: Annotated[bool, typer.Option("--monitor", help="Also write the dev-only debug wiring (enableDebugMode) and, for React, the EventMonitor component.")] = False,
) -> None:
    """Write the unified TypeScript client (EventType, websocketService, useWebSocketEvents) from the rules."""
    from ws_migrate.rules import load_rules
    from ws_migrate.scaffold import init_client

    with _errors():
        project = project_of(path)
        root = Path(project.root)
        the_rules = load_rules(rules or (), root)
        seen = None
        if the_rules.messages:  # which endpoints send the shared types: the whole project's scan
            from ws_migrate.scaffold import shared_types_seen

            scanned = _scan(root, rules, None, None, False, None, None, True, project_of(root))
            seen = shared_types_seen(scanned.connections, scanned.rules)
        result = init_client(root, the_rules, force=force, backend=backend, monitor=monitor, seen=seen)
        for f in result.files:
            say(f"{f.status:>9}  {project.prefix}{f.path}")
        if result.conflicts:
            for rel in result.conflicts:
                say(f"error: {project.prefix}{rel}: changed since ws-migrate generated it; "
                    "nothing was written (keep your changes, or pass --force)")
            raise typer.Exit(2)
        say(f"next: `ws-migrate fix {shown(project.root)} > migrate.diff`, read it, "
            "then `git apply migrate.diff` (or `fix --write`)")


@app.command("fix", short_help="Rewrite legacy sockets onto it: a diff for git apply.")
def fix_command(
    path: Annotated[Path, typer.Argument(help="Project, or a folder or file of it, to migrate.")] = Path("."),
    rules: RulesOpt = None,
    write: Annotated[bool, typer.Option("--write", help="Apply the patch in place (atomically, file by file).")] = False,
    check: Annotated[bool, typer.Option("--check", help="Print no patch: exit 1 while any rewrite is pending (for CI), "
                                        "with a line on stderr saying how many.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the patch to this file.")] = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not list manual connections on stderr.")] = False,
    inline: Annotated[bool, typer.Option("--inline", help="Also move the callers of wrappers already on the "
                                         "adapter onto the service itself, where that is certain.")] = False,
) -> None:
    """Rewrite legacy sockets onto the unified service: a unified diff for `git apply`, or --write.

    The diff's paths are relative to the git root (`git apply` it there), and it imports the
    client `ws-migrate init` writes: run that first. Only files within PATH are rewritten.
    What is left for a person is listed on stderr, then one line of summary.
    """
    from ws_migrate._run import run_fix

    with _errors():
        code = run_fix(path, rules, include, exclude, no_cache, quiet, write=write, check=check, output=output,
                       inline=inline)
    if code:
        raise typer.Exit(code)


@rules_app.command("check", short_help="Validate rule files: every problem with file, line, key.")
def rules_check(
    files: Annotated[list[Path], typer.Argument(help="Rule files to validate.")],
) -> None:
    """Validate rule files: every problem with its file, line and key. Exit 2 if any."""
    from ws_migrate.rules import check_rules_file

    with _errors():
        bad = 0
        for f in files:
            problems = check_rules_file(f)
            for p in problems:
                say(str(p))
            if problems:
                bad += 1
            else:
                typer.echo(f"{f}: ok")
        if bad:
            raise typer.Exit(2)


@rules_app.command("infer", short_help="Draft a rule file from what a scan finds.")
def rules_infer(
    path: Annotated[Path, typer.Argument(help="Project, or a folder or file of it, to scan.")] = Path("."),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the draft here (default stdout).")] = None,
    rules: RulesOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    no_cache: NoCacheOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing --output file.")] = False,
) -> None:
    """Draft a rule file from what a scan finds: endpoints, wrappers, types, EventType names."""
    from ws_migrate.rules._infer import infer_rules

    with _errors():
        if output is not None and output.exists() and not force:
            raise WsMigrateError(f"{output}: already exists; pass --force to overwrite it")
        check_output(output)
        result = _scan(path, rules, include, exclude, no_cache, None, None, False)
        _emit(infer_rules(result), output)


# serve / publish / validate: the reference server (its heavy imports load only when it runs)
from ws_migrate.server._cli import register as _register_server

_register_server(app)


def main() -> None:
    """The console script: run the command, then end the process at once (a scan's objects
    freed one by one and the interpreter torn down after them took ≈ 60 ms of a `fix`)."""
    from ws_migrate._run import end_process

    try:
        app()
        code = 0
    except SystemExit as exc:  # how click ends every command
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    end_process(code)

"""A plain `scan --format json` runs without typer, and answers exactly as the command line does.

Each case runs the same arguments twice in a fresh process: once through `python -m ws_migrate`
(the direct path of `__main__`) and once through `ws_migrate.cli.main` itself (typer), and
compares exit code, stdout, stderr and the files written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "demo-app"

# runs one entry point with sys.argv set; says on the fd $REPORT_FD whether typer was imported,
# also when the entry point ends the process itself (`os._exit`, as a plain JSON scan does)
_RUNNER = """
import os, sys
entry, *argv = sys.argv[1:]
sys.argv = ["ws-migrate", *argv]
_exit, me = os._exit, os.getpid()

def report_and_exit(code):
    if os.getpid() == me:  # (not a worker the scan forked)
        os.write(int(os.environ["REPORT_FD"]), b"typer" if "typer" in sys.modules else b"-")
        sys.stdout.flush(); sys.stderr.flush()
    _exit(code)

os._exit = report_and_exit
try:
    if entry == "main":
        from ws_migrate.__main__ import main
    else:
        from ws_migrate.cli import main
    main()
    code = 0
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
report_and_exit(code)
"""


def _run(entry: str, *args: object, cwd: Path) -> tuple[int, str, str, bool]:
    """(exit code, stdout, stderr, typer imported) of one entry point."""
    read, write = os.pipe()
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["REPORT_FD"] = str(write)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _RUNNER, entry, *map(str, args)], cwd=cwd, env=env,
            capture_output=True, text=True, encoding="utf-8", timeout=120, pass_fds=(write,), check=False,
        )
    finally:
        os.close(write)
    with os.fdopen(read, "rb") as fh:
        typer_loaded = fh.read() == b"typer"
    return proc.returncode, proc.stdout, proc.stderr, typer_loaded


def _both(tmp_path: Path, *args: object) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """The direct and the typer run of `args`, each with its own cache folder and output file,
    named the same relative to its own working folder."""
    results = []
    for entry in ("main", "cli"):
        work = tmp_path / entry
        work.mkdir()
        code, out, err, typer_loaded = _run(entry, *args, cwd=work)
        assert typer_loaded == (entry == "cli")
        written = (work / "out.json").read_text(encoding="utf-8") if (work / "out.json").exists() else None
        results.append((code, out + (written or ""), err))
    return results[0], results[1]


def test_a_json_scan_goes_around_typer_and_prints_what_the_command_line_prints(tmp_path: Path) -> None:
    direct, typer = _both(tmp_path, "scan", DEMO, "--format", "json", "--cache-dir", "cache")
    assert direct == typer
    assert direct[0] == 0 and json.loads(direct[1])["schema"] == "ws-migrate/scan/1"


def test_output_file_quiet_jobs_and_repeated_options_match(tmp_path: Path) -> None:
    direct, typer = _both(
        tmp_path, "scan", DEMO, "-f", "json", "-o", "out.json", "--cache-dir=cache", "-q", "-j", "1",
        "--exclude", "src/legacy/**", "--include", "src/**", "--rules", DEMO / "ws-migrate.yaml",
    )
    assert direct == typer
    code, text, err = direct
    assert code == 0 and err == "wrote out.json\n" and '"files_scanned"' in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("scan", "no-such-folder", "--format", "json"), "no-such-folder: no such file or directory"),
        (("scan", DEMO, "--format", "json", "--rules", "missing.yaml"), "missing.yaml"),
        (("scan", DEMO, "--format", "json", "--exclude", "["), "exclude"),
    ],
)
def test_bad_input_is_the_same_one_line_error_and_exit_2(tmp_path: Path, args: tuple[object, ...],
                                                          message: str) -> None:
    direct, typer = _both(tmp_path, *args, "--cache-dir", "cache")
    assert direct == typer
    code, out, err = direct
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("error: ") and message in err


def test_what_the_strict_parser_does_not_take_goes_to_typer(tmp_path: Path) -> None:
    # table output, --no-cache, --help, a bad --jobs: the command line's to handle
    for args in (("scan", DEMO, "--no-cache", "-f", "json"), ("scan", "--help"),
                 ("scan", DEMO, "-f", "json", "--jobs", "0")):
        code, _, err, typer_loaded = _run("main", *args, cwd=tmp_path)
        assert typer_loaded, args
    assert code == 2 and "--jobs" in err


def test_fix_runs_through_typer_from_either_entry_point(tmp_path: Path) -> None:
    # one command line for `fix`: no parser of its own beside typer (issue 16)
    import shutil

    results = []
    for entry in ("main", "cli"):
        work = tmp_path / entry
        shutil.copytree(DEMO, work / "app", ignore=shutil.ignore_patterns(".ws-migrate-cache"))
        assert _run("cli", "init", "app", "--backend", cwd=work)[0] == 0  # the client the patch imports
        runs = [_run(entry, "fix", "app", "--no-cache", *extra, cwd=work)
                for extra in ((), ("--check",), ("-o", "out.diff", "-q"), ("--write",))]
        assert [typer_loaded for *_, typer_loaded in runs] == [True] * 4
        changed = sorted(str(p.relative_to(work)) for p in (work / "app").rglob("*")
                         if p.is_file() and (DEMO / p.relative_to(work / "app")).is_file()
                         and p.read_bytes() != (DEMO / p.relative_to(work / "app")).read_bytes())
        results.append(([run[:3] for run in runs], (work / "out.diff").read_text(encoding="utf-8"), changed))
    assert results[0] == results[1]
    (diff, check, quiet, written), out_file, changed = results[0]
    assert diff[0] == 0 and diff[1].startswith("diff --git") and "manual:" in diff[2]
    assert check[0] == 1 and check[1] == "" and "would be rewritten" in check[2]
    assert quiet == (0, "", "wrote out.diff\n") and out_file == diff[1]
    assert written[0] == 0 and "rewrote" in written[2] and changed


def test_the_json_scans_parser_takes_only_what_typers_scan_takes() -> None:
    """The one hand-written parser (`_replay.parse`, for the replay and the direct JSON scan)
    against typer's `scan`: each option it reads is typer's, under the same name and with the
    same repetition; the ones it leaves to typer are listed here, so a new `scan` option fails
    this test until someone decides which side reads it."""
    import typer.main

    from ws_migrate import _replay
    from ws_migrate.cli import app

    scan = typer.main.get_command(app).commands["scan"]  # type: ignore[attr-defined]
    options = {flag: p for p in scan.params if getattr(p, "param_type_name", "") == "option" for flag in p.opts}
    for flag, name in _replay._VALUE_OPTIONS.items():
        assert options[flag].name == name, flag
        assert options[flag].multiple == (name in _replay._REPEATED - {"format"}), flag
    for flag in ("-q", "--quiet"):
        assert options[flag].name == "quiet" and options[flag].is_flag
    left_to_typer = {"--no-cache", "--baseline", "--fail-on"}  # (and --help, not a parameter)
    assert set(options) - set(_replay._VALUE_OPTIONS) - {"-q", "--quiet"} == left_to_typer

"""A newcomer's first migration, as the README tells it: from the git root of a repository whose
front end is in `frontend/`, in fresh processes, at 80 columns, and never a traceback.

The README's walk-through ("A first migration") is run here verbatim, line by line, on a copy of
the demo app placed under `frontend/` of a new git repository.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_cli

DEMO = REPO / "fixtures" / "demo-app"
BIN = Path(sys.executable).parent  # where `ws-migrate` is installed beside this interpreter


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(GIT_AUTHOR_NAME="n", GIT_AUTHOR_EMAIL="n@example.com", GIT_COMMITTER_NAME="n",
               GIT_COMMITTER_EMAIL="n@example.com")
    return env


def sh(line: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """One line of the README, as a person types it into bash."""
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=_env(), capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, check=False)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=_env(), check=True, capture_output=True,
                          text=True).stdout


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert "(s)" not in proc.stderr + proc.stdout, "a count in words, never `file(s)`"


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    no_traceback(proc)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the demo app in `frontend/`, without its rules (a newcomer's)."""
    root = tmp_path / "repo"
    shutil.copytree(DEMO, root / "frontend", symlinks=True,
                    ignore=shutil.ignore_patterns(".ws-migrate-cache", "ws-migrate.yaml", "EXPECTED.json"))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the app as it is")
    return root


@pytest.fixture
def ruled(repo: Path) -> Path:
    """`repo` with the demo's reviewed rules in `frontend/ws-migrate.yaml`, committed."""
    shutil.copy(DEMO / "ws-migrate.yaml", repo / "frontend" / "ws-migrate.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "rules")
    return repo


def walkthrough() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## A first migration", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the walk-through has its commands in one sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


# --- the README's walk-through, verbatim --------------------------------------------------------


def test_the_readme_walkthrough_verbatim(repo: Path) -> None:
    lines = walkthrough()
    verbs = [line.split()[1] for line in lines]
    assert verbs == ["scan", "rules", "rules", "init", "fix", "report", "baseline"], lines
    done = {}
    for line in lines:
        proc = sh(line, repo)
        assert proc.returncode == 0, (line, proc.stderr)
        no_traceback(proc)
        done[" ".join(line.split()[1:3])] = proc
    scan = done["scan frontend"]
    assert "/ws/health" in scan.stdout and "manual" in scan.stdout
    assert "next: draft the project's rules, `ws-migrate rules infer frontend -o frontend/ws-migrate.yaml`" in scan.stderr
    assert (repo / "frontend" / "ws-migrate.yaml").is_file()
    assert "frontend/ws-migrate.yaml: ok" in done["rules check"].stdout
    assert "created  frontend/src/services/websocket.ts" in done["init frontend"].stderr
    assert "next: `ws-migrate fix frontend > migrate.diff`" in done["init frontend"].stderr
    # the patch applied from the git root: the app's files changed, nothing outside frontend/
    changed = git(repo, "diff", "--name-only").split()
    assert changed and all(p.startswith("frontend/") for p in changed), changed
    assert "frontend/src/components/ForwarderTable.tsx" in changed
    summary = done["fix frontend"].stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ connections in \d+ files and 1 back-end file in the patch \(`git apply` it here\); "
                        r"\d+ connections left for a person \(listed above\)", summary), summary
    report = " ".join(done["report frontend"].stdout.split())
    assert "Phase 2 of 3" in report
    # endpoints the front end no longer connects to, which the back end still serves, are named
    assert re.search(r"the back end still serves /ws/alerts, [^()]*/ws/system \(remove the routes", report), report
    assert (repo / "frontend" / ".ws-migrate-baseline.json").is_file()
    # idempotent: the same command finds nothing more to rewrite
    again = sh("ws-migrate fix frontend", repo)
    assert again.returncode == 0 and again.stdout == "", again.stderr
    assert again.stderr.strip().splitlines()[-1].startswith("nothing to rewrite")
    gate = sh("ws-migrate scan frontend --baseline frontend/.ws-migrate-baseline.json -q", repo)
    assert gate.returncode == 0, gate.stderr
    # the cross-check is named, not only counted: the back end serves a route nothing connects to
    after = " ".join(sh("ws-migrate scan frontend", repo).stdout.split())
    assert "Cross-check of the front end against the back end" in after
    assert "served, connected to by nothing: /ws/{connection_type}/{user_id}" in after


# --- where the project is -----------------------------------------------------------------------


def test_fix_before_init_stops_and_names_the_one_command(ruled: Path) -> None:
    proc = run_cli("fix", "frontend", cwd=ruled)

    assert proc.stdout == ""
    last = proc.stderr.strip().splitlines()[-1]
    assert proc.returncode == 2, proc.stderr
    assert last == ("error: the patch would import frontend/src/services/websocket.ts, which does not "
                    "exist yet: run `ws-migrate init frontend --backend` first")
    no_traceback(proc)


def test_fix_before_init_backend_leaves_the_back_end_and_names_the_command(ruled: Path) -> None:
    assert run_cli("init", "frontend", cwd=ruled).returncode == 0
    proc = run_cli("fix", "frontend", "-q", cwd=ruled)

    assert proc.returncode == 0, proc.stderr
    assert "frontend/src/components/ForwarderTable.tsx" in proc.stdout
    assert "frontend/backend/" not in proc.stdout  # nothing imports a module that is not there
    assert proc.stderr.startswith(
        "1 back-end file not rewritten: it would import frontend/backend/ws_events.py, which does not "
        "exist yet: run `ws-migrate init frontend --backend` first\n")


def test_fix_of_one_file_uses_the_projects_rules_and_rewrites_only_it(ruled: Path) -> None:
    assert run_cli("init", "frontend", "--backend", cwd=ruled).returncode == 0
    target = "frontend/src/components/ForwarderTable.tsx"
    for cwd, path in ((ruled, target), (ruled / "frontend" / "src", "components/ForwarderTable.tsx")):
        proc = run_cli("fix", path, cwd=cwd)
        assert proc.returncode == 0, proc.stderr
        heads = re.findall(r"^diff --git a/(\S+) b/", proc.stdout, re.MULTILINE)
        assert heads == [target], heads  # the git root's path, wherever it was run from
        assert "+import { websocketService } from '../services/websocket';" in proc.stdout
        assert "./src/services" not in proc.stdout
    (ruled / "one.diff").write_text(proc.stdout)
    git(ruled, "apply", "one.diff")
    assert git(ruled, "diff", "--name-only").split() == [target]
    # validate finds the same project's rules from the file: here, admins alone get the event
    rules = ruled / "frontend" / "ws-migrate.yaml"
    rules.write_text(rules.read_text().replace("FORWARDER_STATUS_CHANGED: {roles: [viewer, admin]}",
                                               "FORWARDER_STATUS_CHANGED: {roles: [admin]}"))
    checked = run_cli("validate", target, cwd=ruled, timeout=120)
    assert checked.returncode == 0, checked.stderr
    assert "ok   FORWARDER_STATUS_CHANGED receive [admin]" in checked.stdout
    assert "receive [viewer]" not in checked.stdout


def test_fix_of_a_folder_leaves_the_wrappers_outside_it_and_says_so(ruled: Path) -> None:
    assert run_cli("init", "frontend", "--backend", cwd=ruled).returncode == 0
    proc = run_cli("fix", "frontend/src/components", cwd=ruled)

    assert proc.returncode == 0, proc.stderr
    heads = re.findall(r"^diff --git a/(\S+) b/", proc.stdout, re.MULTILINE)
    assert heads and all(h.startswith("frontend/src/components/") for h in heads), heads
    assert ("frontend/src/lib/TopicClient.ts: not rewritten: outside frontend/src/components "
            "(fix the whole project to include it)") in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].endswith(
        "; 3 files outside frontend/src/components not rewritten (listed above)")


def test_scan_of_a_subfolder_reports_only_it_with_the_projects_rules(ruled: Path) -> None:
    proc = run_cli("scan", "frontend/src/components", "--format", "json", "--no-cache", cwd=ruled)
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    files = {c["file"] for c in data["connections"]}
    assert files and all(f.startswith("src/components/") for f in files), files
    assert all(f["file"].startswith("src/components/") for f in data["findings"])
    assert data["rules"] == [str(ruled / "frontend" / "ws-migrate.yaml")]
    # a wrapper defined outside what was named still makes its calls there connections
    assert any(c["via"] for c in data["connections"])


def test_fix_help_says_where_the_diffs_paths_start() -> None:
    proc = run_cli("fix", "--help")
    flat = " ".join(proc.stdout.split())
    assert "The diff's paths are relative to the git root (`git apply` it there)" in flat
    assert "Print no patch: exit 1 while any rewrite is pending (for CI), with a line on stderr saying how many." in flat


def test_fix_check_prints_what_its_help_says(ruled: Path) -> None:
    assert run_cli("init", "frontend", "--backend", cwd=ruled).returncode == 0
    proc = run_cli("fix", "frontend", "--check", "-q", cwd=ruled)
    assert proc.returncode == 1 and proc.stdout == ""
    assert re.fullmatch(r"\d+ connections in \d+ files and 1 back-end file would be rewritten\n", proc.stderr), proc.stderr


# --- errors: one line, exit 2 ------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("publish", "X", "{}", "--server", "notaurl", "--api-key", "k"),
    ("publish", "X", "{}", "--server", "http://[::1", "--api-key", "k"),
    ("validate", str(DEMO), "--server", "notaurl", "--api-key", "k", "--jwt-secret", "s"),
])
def test_a_bad_server_url_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    line = one_line_error(run_cli(*args))
    assert line.startswith("error: --server ")


def test_serve_where_it_cannot_listen_is_one_line_before_it_starts() -> None:
    rules = DEMO / "ws-migrate.yaml"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        in_use = run_cli("serve", "--rules", rules, "--jwt-secret", "s", "--port", port, timeout=30)
    bogus = run_cli("serve", "--rules", rules, "--jwt-secret", "s", "--host", "bogus.invalid", timeout=30)
    out_of_range = run_cli("serve", "--rules", rules, "--jwt-secret", "s", "--port", "99999", timeout=30)

    assert one_line_error(in_use) == (f"error: cannot listen on 127.0.0.1:{port}: Address already in use "
                                      "(another server there? pick one with --port)")
    assert one_line_error(bogus).startswith("error: --host 'bogus.invalid': cannot resolve it")
    assert out_of_range.returncode == 2 and "99999 is not in the range 1<=x<=65535" in out_of_range.stderr
    for proc in (in_use, bogus, out_of_range):
        assert "startup complete" not in proc.stderr


def test_tokens_file_problems_are_file_line_message(tmp_path: Path) -> None:
    rules = DEMO / "ws-migrate.yaml"
    broken = tmp_path / "tokens.yaml"
    broken.write_text("tok1: {user: ana, role: admin}\ntok2: [\n")
    unknown = tmp_path / "roles.yaml"
    unknown.write_text("tok1: {user: ana, role: admin}\ntok2: {user: bo, role: admn}\n")

    assert one_line_error(run_cli("serve", "--rules", rules, "--tokens", broken)) == (
        f"error: {broken}:2: the file ends before what is opened here is closed")
    assert one_line_error(run_cli("serve", "--rules", rules, "--tokens", unknown)) == (
        f"error: {unknown}:2: entry 2 (user bo): role 'admn' is none the rules' events go to "
        "(known: admin, viewer)")


# --- output a person reads ---------------------------------------------------------------------


def test_version() -> None:
    from ws_migrate import __version__

    proc = run_cli("--version")
    assert (proc.returncode, proc.stdout) == (0, f"ws-migrate {__version__}\n")


def test_the_library_example_of_the_readme_runs_as_written() -> None:
    """`ws_migrate.scan` stays the function once its subpackage is imported, and `from
    ws_migrate import scan` gives the function too (a lazy name must not turn into the module
    of the same name)."""
    code = (
        "from pathlib import Path\n"
        "import ws_migrate\n"
        f"result = ws_migrate.scan(Path({str(DEMO)!r}))\n"
        "fixes = ws_migrate.plan_fixes(result)\n"
        "again = ws_migrate.scan(Path({0!r}))\n".format(str(DEMO))
        + "from ws_migrate import scan, load_rules\n"
        "print(len(result.connections), len(again.connections), callable(scan), callable(load_rules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    first, second, *called = proc.stdout.split()
    assert int(first) > 0 and first == second
    assert called == ["True", "True"]


def test_every_option_has_help_and_no_summary_is_cut() -> None:
    import typer.main

    from ws_migrate.cli import app

    def commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
        out = []
        for name, cmd in group.commands.items():
            out.append((prefix + name, cmd))
            if hasattr(cmd, "commands"):
                out += commands(cmd, prefix + name + " ")
        return out

    root = typer.main.get_command(app)
    missing = [f"{name} {opt.opts[0]}" for name, cmd in commands(root) for opt in cmd.params
               if getattr(opt, "param_type_name", "") == "option" and not getattr(opt, "help", None)]
    assert missing == []
    for args in ((), ("rules",), ("baseline",)):
        listed = run_cli(*args, "--help").stdout.split("Commands:")[1]
        assert "..." not in listed, listed
    scan_help = " ".join(run_cli("scan", "--help").stdout.split())
    report_help = " ".join(run_cli("report", "--help").stdout.split())
    assert "<table|json|sarif>" in scan_help and "<table|markdown|json|html>" in report_help


def test_report_takes_the_default_format_by_the_scans_name(ruled: Path) -> None:
    by_name = run_cli("report", "frontend", "--format", "table", "--no-cache", cwd=ruled)
    default = run_cli("report", "frontend", "--no-cache", cwd=ruled)
    assert by_name.returncode == 0 and by_name.stdout == default.stdout


def test_counts_are_in_words(tmp_path: Path) -> None:
    (tmp_path / "app.ts").write_text(
        "const a = new WebSocket('wss://feeds.example.com/x');\n"
        "const b = new WebSocket('/ws/health');\nb.onmessage = (e) => console.log(e.data);\n")
    proc = run_cli("scan", tmp_path, "--no-cache")
    no_traceback(proc)
    flat = " ".join(proc.stdout.split())
    assert "1 legacy connection (1 direct, 0 through wrappers) in 1 file;" in flat
    assert "1 external socket," in flat and "0 files with syntax errors" in flat


def test_scan_then_init_each_say_what_to_do_next(ruled: Path) -> None:
    scan = run_cli("scan", "frontend", "--no-cache", cwd=ruled)
    assert scan.stderr.strip().splitlines()[-1] == (
        "next: `ws-migrate init frontend --backend` writes the unified client the rewrites import")
    init = run_cli("init", "frontend", "--backend", cwd=ruled)
    assert init.stderr.strip().splitlines()[-1].startswith("next: `ws-migrate fix frontend > migrate.diff`")
    after = run_cli("scan", "frontend", "--no-cache", cwd=ruled)
    assert re.fullmatch(r"\d+ auto-fixable: run `ws-migrate fix frontend > migrate.diff`, read it, then "
                        r"`git apply migrate.diff`", after.stderr.strip().splitlines()[-1]), after.stderr


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux)")
def test_the_scan_table_in_a_real_80_column_terminal(ruled: Path) -> None:
    """A real terminal (tmux), not `COLUMNS`: no line is cut, every verdict and rule id whole."""
    data = json.loads(run_cli("scan", "frontend", "--format", "json", "--no-cache", cwd=ruled).stdout)
    conf = ruled.parent / "tmux.conf"
    conf.write_text("set-option -g history-limit 20000\n")
    tmux = ["tmux", "-L", f"ws-migrate-test-{uuid.uuid4().hex[:8]}", "-f", str(conf)]
    env = _env()
    # the server in the foreground (-D), a child of this test: it needs no daemon(3), which some
    # containers cannot give it
    server = subprocess.Popen([*tmux, "-D"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    command = f"cd {ruled} && ws-migrate scan frontend --no-cache; echo __done__; sleep 60"
    try:
        started = time.monotonic() + 10
        while subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "50", "bash", "--norc", "-c", command],
                             env=env, capture_output=True, check=False).returncode != 0:
            assert time.monotonic() < started, "tmux did not start"
            time.sleep(0.1)
        deadline = time.monotonic() + 90
        screen = ""
        while time.monotonic() < deadline:
            screen = subprocess.run([*tmux, "capture-pane", "-p", "-J", "-S", "-", "-E", "-"], env=env,
                                    capture_output=True, text=True, check=True).stdout
            if "__done__" in screen:
                break
            time.sleep(0.3)
        width = subprocess.run([*tmux, "display-message", "-p", "#{pane_width}"], env=env,
                               capture_output=True, text=True, check=True).stdout.strip()
    finally:
        subprocess.run([*tmux, "kill-server"], env=env, capture_output=True, check=False)
        server.wait(timeout=10)
    assert width == "80"
    assert "__done__" in screen, screen
    lines = screen.splitlines()
    # -J joins what the terminal wrapped: a line longer than 80 is one the terminal cut or wrapped
    assert [line for line in lines if len(line.rstrip()) > 80] == []
    assert "…" not in screen
    rows = [line for line in lines if line.startswith("│")]
    for c in data["connections"]:
        place = f"{c['file']}:{c['line']}"
        row = next((r for r in rows if f"│ {place} " in r), None)
        assert row is not None, place
        assert row.rstrip().endswith(f"│ {c['fix']:<6} │"), row
    for f in data["findings"]:
        assert re.search(rf"│ {re.escape(f['rule'])} +│ {re.escape(f['file'])}:{f['line']}:", screen), f
    assert "token-in-query" in screen  # back-end findings are listed, not only counted
    assert "Back-end endpoints" in screen and "backend/main.py:20 (fastapi)" in screen
    assert "wss://stream.partner-feeds.example.com/v1/prices" in screen  # the external socket, named

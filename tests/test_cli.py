"""The `ws-migrate` command line, run the way a user runs it: `python -m ws_migrate` in a subprocess.

Every scan passes `--no-cache` or a `--cache-dir` under `tmp_path`, so no test writes into the
repository; the cache tests own their cache folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import run_cli

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "demo-app"
PACK = REPO / "rules" / "default.yaml"

# An override of one mapping of the demo's own rules (`fixtures/demo-app/ws-migrate.yaml`).
OVERRIDE_RULES = """\
version: 1
endpoints:
  /ws/health:
    messages:
      forwarder_status: FORWARDER_CHANGED
events:
  FORWARDER_CHANGED: {roles: [viewer]}
"""


run = run_cli


def scan_json(path: Path | str, *args: object, cwd: Path = REPO) -> dict[str, Any]:
    proc = run("scan", path, "--format", "json", *args, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def assert_one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    """Exit 2 and exactly one line on stderr, never a traceback; returns that line."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def copy_demo(tmp_path: Path) -> Path:
    dest = tmp_path / "demo-app"
    shutil.copytree(DEMO, dest, symlinks=True, ignore=shutil.ignore_patterns(".ws-migrate-cache"))
    return dest


def ids(data: dict[str, Any]) -> set[str]:
    return {c["id"] for c in data["connections"]}


def by_file(data: dict[str, Any], file: str) -> list[dict[str, Any]]:
    return [c for c in data["connections"] if c["file"] == file]


@pytest.fixture(scope="module")
def demo_run() -> subprocess.CompletedProcess[str]:
    """One JSON scan of the shipped demo, shared by the read-only tests."""
    return run("scan", DEMO, "--format", "json", "--no-cache")


@pytest.fixture(scope="module")
def demo_scan(demo_run: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert demo_run.returncode == 0, demo_run.stderr
    data: dict[str, Any] = json.loads(demo_run.stdout)
    return data


# --- scan --format json: the contract ----------------------------------------------------------


def test_json_output_is_pure_json_with_the_contract_keys(
    demo_run: subprocess.CompletedProcess[str],
) -> None:
    proc = demo_run

    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("{") and proc.stdout.endswith("}\n")  # no progress, no banner
    data = json.loads(proc.stdout)
    assert data["schema"] == "ws-migrate/scan/1"
    for key, kind in [
        ("files_scanned", int),
        ("parse_errors", list),
        ("connections", list),
        ("wrappers", list),
        ("findings", list),
        ("message_types", list),
        ("unmapped", list),
        ("summary", dict),
    ]:
        assert isinstance(data[key], kind), key
    assert data["files_scanned"] > 0


def test_json_connections_follow_the_contract(demo_scan: dict[str, Any]) -> None:
    connections = demo_scan["connections"]
    assert connections
    assert len(ids(demo_scan)) == len(connections), "connection ids are unique"
    for c in connections:
        assert isinstance(c["id"], str) and c["id"]
        assert not Path(c["file"]).is_absolute() and "\\" not in c["file"]
        assert (DEMO / c["file"]).is_file(), c["file"]
        assert c["kind"] in ("direct", "wrapper-call")
        if c["kind"] == "direct":
            assert c["via"] is None
        else:
            assert isinstance(c["via"], list) and c["via"]
            assert all(isinstance(v, str) for v in c["via"])
        assert c["endpoint"] is None or c["endpoint"].startswith("/")
        assert isinstance(c["external"], bool)
        assert all(isinstance(t, str) for t in c["message_types"])
        assert all(isinstance(t, str) for t in c["event_types"])
        assert isinstance(c["token_in_url"], bool)
        assert c["cleanup"] in (True, False, None)
        assert c["fix"] in ("auto", "manual")
        assert all(isinstance(r, str) and r for r in c["manual_reasons"])
        assert bool(c["manual_reasons"]) == (c["fix"] == "manual"), c


def test_json_positions_are_one_based_and_point_at_the_call(demo_scan: dict[str, Any]) -> None:
    for c in demo_scan["connections"]:
        assert c["line"] >= 1 and c["column"] >= 1
        text = (DEMO / c["file"]).read_text(encoding="utf-8").splitlines()[c["line"] - 1]
        at = text[c["column"] - 1 :]
        if c["kind"] == "direct":
            assert re.match(r"new\s+(?:\w+\.)?WebSocket\s*\(", at), (c["file"], c["line"], at)
        else:
            name = re.escape(c["via"][0].split(".")[-1])
            assert re.match(rf"(?:new\s+)?(?:\w+\.)?{name}\s*\(", at), (c["file"], c["line"], at)


def test_json_wrappers_findings_and_message_types_follow_the_contract(
    demo_scan: dict[str, Any],
) -> None:
    assert demo_scan["wrappers"]
    for w in demo_scan["wrappers"]:
        assert isinstance(w["name"], str) and w["name"]
        lines = (DEMO / w["file"]).read_text(encoding="utf-8").splitlines()
        assert 1 <= w["line"] <= len(lines)
        assert w["endpoint_template"] is None or isinstance(w["endpoint_template"], str)
        # `calls` counts the connections that go through the wrapper
        through = [c for c in demo_scan["connections"] if w["name"] in (c["via"] or [])]
        assert w["calls"] == len(through), w["name"]

    assert demo_scan["findings"]
    for f in demo_scan["findings"]:
        assert isinstance(f["rule"], str) and f["rule"]
        assert f["severity"] in ("error", "warning", "info")
        assert (DEMO / f["file"]).is_file()
        assert f["line"] >= 1 and f["column"] >= 1
        assert isinstance(f["message"], str) and f["message"]

    assert demo_scan["message_types"]
    for m in demo_scan["message_types"]:
        assert isinstance(m["type"], str) and m["type"]
        assert m["event_type"] is None or re.fullmatch(r"[A-Z][A-Z0-9_]*", m["event_type"])
        for where in m["handled_in"]:
            file, _, line = where.rpartition(":")
            assert (DEMO / file).is_file() and int(line) >= 1, where
    unmapped = [
        (m["type"], m["endpoint"]) for m in demo_scan["message_types"] if m["event_type"] is None
    ]
    assert [(u["type"], u["endpoint"]) for u in demo_scan["unmapped"]] == unmapped


def test_json_summary_agrees_with_the_lists(demo_scan: dict[str, Any]) -> None:
    summary = demo_scan["summary"]
    assert summary["files_scanned"] == demo_scan["files_scanned"]
    assert summary["connections"] == len(demo_scan["connections"])
    assert summary["wrappers"] == len(demo_scan["wrappers"])
    assert summary["message_types"] == len(demo_scan["message_types"])
    assert summary["unmapped"] == len(demo_scan["unmapped"])
    assert summary["parse_errors"] == len(demo_scan["parse_errors"])
    assert sum(summary["findings"].values()) == len(demo_scan["findings"])


def test_json_reports_the_demo_parse_error(demo_scan: dict[str, Any]) -> None:
    assert [(p["file"], p["line"]) for p in demo_scan["parse_errors"]] == [
        ("src/broken/Draft.tsx", 20)
    ]
    assert any(
        f["rule"] == "parse-error" and f["file"] == "src/broken/Draft.tsx"
        for f in demo_scan["findings"]
    )


# --- connection ids ----------------------------------------------------------------------------


def test_connection_ids_are_stable_across_runs_and_line_moves(tmp_path: Path) -> None:
    demo = copy_demo(tmp_path)
    before = scan_json(demo, "--no-cache")
    assert ids(scan_json(demo, "--no-cache")) == ids(before)

    panel = demo / "src/components/HealthPanel.tsx"
    panel.write_text("\n\n\n" + panel.read_text(encoding="utf-8"), encoding="utf-8")
    after = scan_json(demo, "--no-cache")

    assert ids(after) == ids(before)
    old = {c["id"]: c["line"] for c in before["connections"]}
    moved = by_file(after, "src/components/HealthPanel.tsx")
    assert moved
    for c in after["connections"]:
        shift = 3 if c["file"] == "src/components/HealthPanel.tsx" else 0
        assert c["line"] == old[c["id"]] + shift, c["file"]


# --- --output ----------------------------------------------------------------------------------


def test_output_writes_the_same_json_to_the_file(
    tmp_path: Path, demo_run: subprocess.CompletedProcess[str]
) -> None:
    out = tmp_path / "scan.json"
    proc = run("scan", DEMO, "--format", "json", "--no-cache", "--output", out)

    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert out.read_text(encoding="utf-8") == demo_run.stdout


def _no_file_left(folder: Path, name: str) -> None:
    if folder.is_dir():
        assert [p.name for p in folder.iterdir() if name in p.name] == []


@pytest.mark.parametrize("command", [
    ("scan", "--format", "json"), ("scan",), ("rules", "infer"), ("report", "--format", "json"),
    ("fix",), ("baseline", "update")])
def test_output_into_a_missing_folder_is_refused_and_makes_no_folder(tmp_path: Path, command: tuple[str, ...]) -> None:
    # as cp, tee and other tools do: a typo in `-o` must not put the file somewhere nobody looks
    out = tmp_path / "nonexistent" / "dir" / "out.json"
    proc = run(*command, DEMO, "--no-cache", "--output", out)

    line = assert_one_line_error(proc)
    assert str(out) in line and "no folder" in line
    assert not (tmp_path / "nonexistent").exists()


@pytest.mark.parametrize("how", ["parent-is-a-file", "read-only-folder"])
def test_output_that_cannot_be_written_is_an_input_error(tmp_path: Path, how: str) -> None:
    if how == "parent-is-a-file":
        folder = tmp_path / "not-a-folder"
        folder.write_text("a file\n")
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
    out = folder / "scan.json"
    proc = run("scan", DEMO, "--format", "json", "--no-cache", "--output", out)

    line = assert_one_line_error(proc)
    assert "scan.json" in line
    assert not out.exists()
    _no_file_left(folder, "scan.json")


# --- the table ---------------------------------------------------------------------------------


def test_table_names_every_endpoint_and_counts_connections(demo_scan: dict[str, Any]) -> None:
    proc = run("scan", DEMO, "--no-cache")

    assert proc.returncode == 0, proc.stderr
    endpoints = {c["endpoint"] for c in demo_scan["connections"] if c["endpoint"]}
    assert {"/ws/health", "/ws/dns_management"} <= endpoints
    for endpoint in endpoints:
        assert endpoint in proc.stdout, endpoint
    flat = " ".join(proc.stdout.split())
    assert f"{len(demo_scan['connections'])} legacy connections" in flat


def test_table_lists_socketio_clients_and_the_unified_client_apart() -> None:
    """Neither is a legacy WebSocket: the summary says where they are, and counts neither."""
    cases = REPO / "tests" / "data" / "scan"
    libraries = run("scan", cases / "library_wrappers", "--no-cache")
    unified = run("scan", cases / "false_reports", "--no-cache")

    assert libraries.returncode == 0, libraries.stderr
    flat = " ".join(libraries.stdout.split())
    assert "Socket.IO clients (not WebSockets, not counted): src/services/chat.ts:62" in flat
    assert unified.returncode == 0, unified.stderr
    flat = " ".join(unified.stdout.split())
    assert ("unified client (already migrated): RealtimeClient at src/realtime/RealtimeClient.ts:16, "
            "4 places use it") in flat


# --- --rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("version: 1\nendpoints:\n  health:\n    default_event: HEALTH_STATUS\n", 3),
        ("version: 1\nendpoints:\n  /ws/health:\n    default_event: HEALTH_STATUS: extra\n", 4),
    ],
    ids=["bad-endpoint", "yaml-syntax"],
)
def test_broken_rules_file_is_one_line_with_its_file_and_line(
    tmp_path: Path, text: str, line: int
) -> None:
    rules = tmp_path / "broken-rules.yaml"
    rules.write_text(text)
    proc = run("scan", DEMO, "--no-cache", "--rules", rules)

    error = assert_one_line_error(proc)
    assert f"broken-rules.yaml:{line}:" in error
    assert proc.stdout == ""


def test_later_rules_file_overrides_a_mapping(tmp_path: Path, demo_scan: dict[str, Any]) -> None:
    override = tmp_path / "override.yaml"
    override.write_text(OVERRIDE_RULES)
    data = scan_json(DEMO, "--no-cache", "--rules", DEMO / "ws-migrate.yaml", "--rules", override)

    before = by_file(demo_scan, "src/components/HealthPanel.tsx")[0]["event_types"]
    after = by_file(data, "src/components/HealthPanel.tsx")[0]["event_types"]
    assert "FORWARDER_STATUS_CHANGED" in before
    assert "FORWARDER_CHANGED" in after and "FORWARDER_STATUS_CHANGED" not in after
    # the rest of the first file still applies
    assert "SYSTEM_HEALTH_UPDATED" in after


# --- bad input ---------------------------------------------------------------------------------


def test_missing_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    proc = run("scan", tmp_path / "no-such-repo", "--no-cache")

    assert "no-such-repo" in assert_one_line_error(proc)


def test_unknown_format_is_a_usage_error() -> None:
    proc = run("scan", DEMO, "--no-cache", "--format", "xyz")

    assert proc.returncode == 2
    assert "--format" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


# --- --include / --exclude ---------------------------------------------------------------------


def test_include_limits_connections_to_the_folder(demo_scan: dict[str, Any]) -> None:
    data = scan_json(DEMO, "--no-cache", "--include", "src/components/**")

    assert data["connections"]
    assert all(c["file"].startswith("src/components/") for c in data["connections"])
    direct = {
        c["id"]
        for c in demo_scan["connections"]
        if c["file"].startswith("src/components/") and c["kind"] == "direct"
    }
    assert direct <= ids(data)


def test_include_keeps_wrapper_calls_whose_wrapper_lives_elsewhere(
    demo_scan: dict[str, Any],
) -> None:
    data = scan_json(DEMO, "--no-cache", "--include", "src/components/**")

    expected = {
        c["id"] for c in demo_scan["connections"] if c["file"].startswith("src/components/")
    }
    assert ids(data) == expected


def test_exclude_removes_the_legacy_folder(demo_scan: dict[str, Any]) -> None:
    data = scan_json(DEMO, "--no-cache", "--exclude", "src/legacy/**")

    legacy = {c["id"] for c in demo_scan["connections"] if c["file"].startswith("src/legacy/")}
    assert legacy
    assert ids(data) == ids(demo_scan) - legacy


# --- rules check -------------------------------------------------------------------------------


def test_rules_check_accepts_the_shipped_pack() -> None:
    proc = run("rules", "check", PACK)

    assert proc.returncode == 0, proc.stderr
    assert "ok" in proc.stdout


def test_rules_check_prints_every_problem_with_file_line_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 2\n"  # 1: unsupported version
        "endpoints:\n"
        "  health:\n"  # 3: not a path
        "    default_event: HEALTH_STATUS\n"
        "wrapper: []\n"  # 5: unknown key
        "events:\n"
        "  HEALTH_STATUS: {roles: [viewer]}\n"
    )
    proc = run("rules", "check", bad, PACK, cwd=tmp_path)

    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    problems = proc.stderr.strip().splitlines()
    shape = re.compile(rf"^{re.escape(str(bad))}:(\d+): ([\w./]+): \S.*$")
    matches = [shape.match(p) for p in problems]
    assert all(matches), problems
    assert [(int(m[1]), m[2]) for m in matches if m] == [
        (1, "version"),
        (3, "endpoints.health"),
        (5, "wrapper"),
    ]
    assert f"{PACK}: ok" in proc.stdout  # the good file is still checked


# --- rules infer -------------------------------------------------------------------------------


def test_rules_infer_drafts_rules_that_map_every_message(tmp_path: Path) -> None:
    proc = run("rules", "infer", DEMO, "--no-cache", "-o", "draft.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    draft = tmp_path / "draft.yaml"

    check = run("rules", "check", draft)
    assert check.returncode == 0, check.stderr

    data = scan_json(DEMO, "--no-cache", "--rules", draft)
    assert data["unmapped"] == []
    for c in data["connections"]:
        if c["endpoint"] is not None:
            assert c["event_types"], (c["file"], c["line"])


def test_rules_infer_keeps_topics_apart_and_finds_where_the_data_is(tmp_path: Path) -> None:
    # two watch streams send the same type names; their handlers read the data from `object`
    (tmp_path / "src").mkdir()
    for kind in ("pods", "tasks"):
        (tmp_path / "src" / f"{kind}.ts").write_text(
            f"export function watch(onAdd: (item: unknown) => void) {{\n"
            f"  const ws = new WebSocket('/watch/{kind}');\n"
            "  ws.onmessage = (event) => {\n"
            "    const { type, object } = JSON.parse(event.data);\n"
            "    if (type === 'ADDED') onAdd(object);\n"
            "    else if (type === 'DELETED') onAdd(null);\n"
            "  };\n"
            "}\n", encoding="utf-8")
    proc = run("rules", "infer", ".", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    draft = yaml.safe_load(proc.stdout)
    assert draft["endpoints"]["/watch/pods"] == {
        "payload_field": "object", "messages": {"ADDED": "PODS_ADDED", "DELETED": "PODS_DELETED"}}
    assert draft["endpoints"]["/watch/tasks"]["messages"] == {"ADDED": "TASKS_ADDED", "DELETED": "TASKS_DELETED"}


def test_rules_infer_writes_a_rule_for_a_segment_that_glues_text_and_a_parameter(tmp_path: Path) -> None:
    # `/ws/room-${id}` and `/api/command${path}`: a rule cannot write such a segment, and a draft
    # `rules check` refuses is no draft; the segment becomes one parameter that matches it
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "rooms.ts").write_text(
        "const id = location.hash.slice(1);\n"
        "const path = window.name;\n"
        "export const room = new WebSocket(`/ws/room-${id}`);\n"
        "room.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'joined') console.log(m); };\n"
        "export const cmd = new WebSocket(`/api/command${path}`);\n"
        "cmd.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'output') console.log(m); };\n",
        encoding="utf-8")
    proc = run("rules", "infer", ".", "--no-cache", "-o", "draft.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    check = run("rules", "check", tmp_path / "draft.yaml")
    assert check.returncode == 0, check.stdout + check.stderr
    draft = yaml.safe_load((tmp_path / "draft.yaml").read_text(encoding="utf-8"))
    assert set(draft["endpoints"]) == {"/ws/{id}", "/api/{path}"}
    data = scan_json(tmp_path, "--no-cache", "--rules", tmp_path / "draft.yaml")
    assert sorted(c["event_types"] for c in data["connections"]) == [["JOINED"], ["OUTPUT"]]


def test_rules_infer_leaves_a_wrapper_whose_path_is_not_known_for_the_team_to_write(tmp_path: Path) -> None:
    # a socket opened at the page's own path, returned to callers: declaring the wrapper with
    # a made-up endpoint would be a guess the scan then takes for true (a second connection)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "ws.ts").write_text(
        "let ws: WebSocket;\n"
        "function connect(): WebSocket {\n"
        "  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${location.pathname}`);\n"
        "  socket.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'toast') console.log(m); };\n"
        "  return socket;\n"
        "}\n"
        "setTimeout(() => { ws = connect(); }, 0);\n"
        "export const close = () => ws.close();\n", encoding="utf-8")
    before = scan_json(tmp_path, "--no-cache")
    proc = run("rules", "infer", ".", "--no-cache", "-o", "ws-migrate.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "ws-migrate.yaml").read_text(encoding="utf-8")
    assert "wrappers: []\n  # - name: connect  # src/ws.ts:3, 1 connection; its path is not known: write it here, " \
           "then uncomment\n" in text
    check = run("rules", "check", tmp_path / "ws-migrate.yaml")
    assert check.returncode == 0, check.stdout + check.stderr
    after = scan_json(tmp_path, "--no-cache")
    assert [(c["file"], c["line"]) for c in after["connections"]] == \
           [(c["file"], c["line"]) for c in before["connections"]] == [("src/ws.ts", 7)]


def test_rules_infer_puts_the_client_in_the_package_of_the_sockets(tmp_path: Path) -> None:
    # a monorepo: the front end is a package of its own, which cannot import from the root
    web = tmp_path / "apps" / "web"
    (web / "src").mkdir(parents=True)
    (web / "package.json").write_text('{"name": "web"}\n', encoding="utf-8")
    (tmp_path / "package.json").write_text('{"private": true, "workspaces": ["apps/*"]}\n', encoding="utf-8")
    (web / "src" / "feed.ts").write_text(
        "export const feed = new WebSocket('/ws/feed');\n"
        "feed.onmessage = (e) => console.log(JSON.parse(e.data));\n", encoding="utf-8")
    proc = run("rules", "infer", ".", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    draft = yaml.safe_load(proc.stdout)
    assert draft["client"] == {"service_import": "apps/web/src/services/websocket",
                               "types_import": "apps/web/src/types/websocket"}
    assert "# in the package of the sockets: apps/web/package.json" in proc.stdout


def test_rules_infer_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text("# mine\n")

    proc = run("rules", "infer", DEMO, "--no-cache", "-o", draft, cwd=tmp_path)
    assert "draft.yaml" in assert_one_line_error(proc)
    assert draft.read_text() == "# mine\n"

    forced = run("rules", "infer", DEMO, "--no-cache", "-o", draft, "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert draft.read_text() != "# mine\n"
    assert run("rules", "check", draft).returncode == 0


# --- the cache ---------------------------------------------------------------------------------


def _same_result(a: dict[str, Any], b: dict[str, Any]) -> None:
    for key in ("connections", "findings", "wrappers", "message_types", "parse_errors"):
        assert a[key] == b[key], key


def test_cache_reuses_the_result_of_an_unchanged_tree(
    tmp_path: Path, demo_scan: dict[str, Any]
) -> None:
    demo = copy_demo(tmp_path)
    cache = tmp_path / "cache"

    first = scan_json(demo, "--cache-dir", cache)
    second = scan_json(demo, "--cache-dir", cache)

    assert first["summary"]["files_parsed"] > 0
    assert second["summary"]["files_parsed"] == 0
    _same_result(first, second)
    _same_result(first, demo_scan)
    assert not (demo / ".ws-migrate-cache").exists()  # --cache-dir is honoured


NEW_BRANCH = "      } else if (msg.type === 'zone_purged') {\n        onZoneDeleted?.('*');\n"


def _add_message_type(demo: Path) -> None:
    hook = demo / "src/hooks/useZoneEvents.ts"
    text = hook.read_text(encoding="utf-8")
    anchor = "      }\n    };\n    ws.onclose"
    assert anchor in text
    hook.write_text(text.replace(anchor, NEW_BRANCH + anchor, 1), encoding="utf-8")


def _add_socket(demo: Path) -> None:
    with (demo / "src/config.ts").open("a", encoding="utf-8") as fh:
        fh.write("\nexport const topicSocket = new WebSocket('/ws/newtopic');\n")


def _add_wrapper_call(demo: Path) -> None:
    (demo / "src/components/NewGauge.tsx").write_text(
        "import { useLiveFeed } from '@/hooks/useLiveFeed';\n\n"
        "export function NewGauge() {\n"
        "  const { connected } = useLiveFeed({ topic: 'alerts' });\n"
        "  return <span>{connected ? 'on' : 'off'}</span>;\n"
        "}\n",
        encoding="utf-8",
    )


def test_cache_sees_an_edited_tree(tmp_path: Path) -> None:
    demo = copy_demo(tmp_path)
    cache = tmp_path / "cache"
    scan_json(demo, "--cache-dir", cache)
    second = scan_json(demo, "--cache-dir", cache)
    assert second["summary"]["files_parsed"] == 0

    _add_message_type(demo)  # an edited file with a new message type
    _add_socket(demo)  # an edited file with a new socket
    _add_wrapper_call(demo)  # a new file that only calls a known wrapper
    third = scan_json(demo, "--cache-dir", cache)

    # the hook hands its messages to the editor's callbacks: the editor's call is the connection
    assert any(
        "zone_purged" in c["message_types"] for c in by_file(third, "src/components/ZoneEditor.tsx")
    )
    assert any(c["endpoint"] == "/ws/newtopic" for c in by_file(third, "src/config.ts"))
    assert [c["via"] for c in by_file(third, "src/components/NewGauge.tsx")] == [["useLiveFeed"]]
    assert len(third["connections"]) == len(second["connections"]) + 2
    assert 0 < third["summary"]["files_parsed"] < third["files_scanned"]
    _same_result(third, scan_json(demo, "--no-cache"))


def test_cache_follows_a_change_of_rules(tmp_path: Path) -> None:
    demo = copy_demo(tmp_path)
    cache = tmp_path / "cache"
    override = tmp_path / "override.yaml"
    override.write_text(OVERRIDE_RULES)
    scan_json(demo, "--cache-dir", cache)

    data = scan_json(
        demo, "--cache-dir", cache, "--rules", demo / "ws-migrate.yaml", "--rules", override
    )

    assert "FORWARDER_CHANGED" in by_file(data, "src/components/HealthPanel.tsx")[0]["event_types"]


def test_cache_follows_an_edited_env_file(tmp_path: Path) -> None:
    """An `.env` file sets a URL's base: editing it changes the endpoints, through the cache
    and the replay of the last answer alike."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "tests" / "data" / "scan" / "env_bases", repo)
    cache = tmp_path / "cache"
    first = scan_json(repo, "--cache-dir", cache)
    assert [c["endpoint"] for c in by_file(first, "src/stores/orders.ts")] == ["/realtime/orders/{id}"]
    time.sleep(0.01)
    env = repo / ".env.example"
    env.write_text(env.read_text().replace("ws://localhost:8000/realtime", "ws://localhost:8000/live/v2"))
    os.utime(env, (time.time() - 10, time.time() - 10))  # not "changed just now": a replay may be tried

    second = scan_json(repo, "--cache-dir", cache)

    assert [c["endpoint"] for c in by_file(second, "src/stores/orders.ts")] == ["/live/v2/orders/{id}"]
    _same_result(second, scan_json(repo, "--no-cache"))


def _corrupt_cache(cache: Path, garbage: bytes) -> None:
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files
    for p in files:
        p.write_bytes(garbage)


def test_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    demo = copy_demo(tmp_path)
    cache = tmp_path / "cache"
    first = scan_json(demo, "--cache-dir", cache)

    _corrupt_cache(cache, b"\x00garbage\xff\xfe" * 512)
    second = scan_json(demo, "--cache-dir", cache)

    _same_result(first, second)
    assert second["summary"]["files_parsed"] == first["summary"]["files_parsed"]
    assert scan_json(demo, "--cache-dir", cache)["summary"]["files_parsed"] == 0  # rebuilt


def test_regression_cache_with_a_bogus_pickle_frame_is_ignored(tmp_path: Path) -> None:
    demo = copy_demo(tmp_path)
    cache = tmp_path / "cache"
    first = scan_json(demo, "--cache-dir", cache)

    _corrupt_cache(cache, b"\x80\x05\x95" + bytes(range(256)) * 8)
    proc = run("scan", demo, "--format", "json", "--cache-dir", cache)

    assert proc.returncode == 0, proc.stderr
    _same_result(first, json.loads(proc.stdout))


def test_output_to_a_pipe_or_through_a_symlink_writes_there_and_replaces_nothing(tmp_path: Path) -> None:
    """`--output /dev/null` (or a FIFO a script reads) is written to, never replaced by a file —
    run as root, a rename over `/dev/null` replaced the machine's null device; a symlink stays a
    link and the file it names gets the JSON."""
    import threading

    fifo = tmp_path / "scan.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = run_cli("scan", DEMO, "--format", "json", "--no-cache", "--output", fifo)
    reader.join(30)
    assert proc.returncode == 0, proc.stderr
    assert fifo.is_fifo() and json.loads(got[0])["summary"]["connections"] > 0

    real = tmp_path / "reports" / "scan.json"
    real.parent.mkdir()
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    proc = run_cli("scan", DEMO, "--format", "json", "--no-cache", "--output", link)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["summary"]["connections"] > 0
    assert not [p for p in tmp_path.rglob(".*.tmp")]

"""The rules around the shapes real apps use: drafts `rules check` accepts whatever the tree,
an endpoint's own type field, the team's own unified client named or found."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from conftest import run_cli

from ws_migrate.report import build_report
from ws_migrate.render import scan_to_dict
from ws_migrate.scan import scan

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "data" / "scan"


def infer(root: Path, tmp_path: Path) -> dict:
    out = tmp_path / "draft.yaml"
    proc = run_cli("rules", "infer", root, "--no-cache", "-o", out)
    assert proc.returncode == 0, proc.stderr
    check = run_cli("rules", "check", out)
    assert check.returncode == 0, check.stdout + check.stderr
    data: dict = yaml.safe_load(out.read_text(encoding="utf-8"))
    return data


def test_a_draft_of_a_tree_with_no_socket_is_a_valid_rule_file(tmp_path: Path) -> None:
    tree = tmp_path / "app"
    (tree / "src").mkdir(parents=True)
    (tree / "src" / "main.ts").write_text("export const answer = 42;\n", encoding="utf-8")

    draft = infer(tree, tmp_path)

    assert draft["endpoints"] == {} and draft["events"] == {}  # not null: `rules check` takes it


def test_a_draft_names_each_endpoints_own_type_field(tmp_path: Path) -> None:
    draft = infer(CASES / "discriminators", tmp_path)

    fields = {key: rule.get("type_field", draft["envelope"]["type_field"]) for key, rule in draft["endpoints"].items()}
    assert fields["/ws/audit"] == "action"
    assert fields["/ws/docs"] == "data.op"
    assert fields["/ws/bus"] == "Topic"
    assert set(draft["endpoints"]["/ws/docs"]["messages"]) == {"delete", "format", "insert", "snapshot"}


def test_a_draft_pins_the_unified_client_it_found(tmp_path: Path) -> None:
    draft = infer(CASES / "false_reports", tmp_path)
    assert draft["unified_client"] == ["RealtimeClient"]


def test_a_rules_type_field_decides_which_field_is_the_type(tmp_path: Path) -> None:
    # the handler compares `kind` (two values) and `phase` (one): `kind` wins on its own, the
    # rules can say it is `phase`
    app = tmp_path / "app"
    (app / "src").mkdir(parents=True)
    (app / "src" / "feed.ts").write_text(
        "const ws = new WebSocket('/ws/feed');\n"
        "ws.onmessage = (e) => {\n"
        "  const m = JSON.parse(e.data);\n"
        "  if (m.kind === 'tick' || m.kind === 'halt') show(m);\n"
        "  if (m.phase === 'closed') stop();\n"
        "};\n", encoding="utf-8")
    found = scan_to_dict(scan(app, use_cache=False, jobs=1))["connections"][0]
    assert (found["message_field"], found["message_types"]) == ("kind", ["halt", "tick"])

    (app / "ws-migrate.yaml").write_text(
        "version: 1\nendpoints:\n  /ws/feed:\n    type_field: phase\n    messages: {closed: FEED_CLOSED}\n"
        "events: {FEED_CLOSED: {roles: [viewer]}}\n", encoding="utf-8")
    forced = scan_to_dict(scan(app, use_cache=False, jobs=1))["connections"][0]
    assert (forced["message_field"], forced["message_types"], forced["event_types"]) == (
        "phase", ["closed"], ["FEED_CLOSED"])


def test_a_unified_client_named_in_the_rules_is_not_legacy_and_its_users_count_as_migrated(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(CASES / "fixed_topic_hooks", app)
    before = scan_to_dict(scan(app, use_cache=False, jobs=1))
    (app / "ws-migrate.yaml").write_text("version: 1\nunified_client: [useTopicSocket]\n", encoding="utf-8")

    after = scan_to_dict(scan(app, use_cache=False, jobs=1))
    report = build_report(app)

    assert before["connections"] and not after["connections"]
    [client] = after["unified_clients"]
    assert (client["name"], client["declared"]) == ("useTopicSocket", True)
    assert len(client["users"]) == len(before["connections"])  # each call of it uses the team's client
    replaced = next(i for i in report.items if i.id == "replace-connections")
    assert replaced.status == "done"
    assert report.replaced == len(before["connections"])


def test_socketio_clients_are_listed_apart_in_json(tmp_path: Path) -> None:
    data = json.loads(run_cli("scan", CASES / "library_wrappers", "--format", "json", "--no-cache").stdout)
    assert data["socketio"] and all(s["file"].endswith(".ts") for s in data["socketio"])
    assert not any(c["file"] == s["file"] and c["line"] == s["line"] for c in data["connections"] for s in data["socketio"])

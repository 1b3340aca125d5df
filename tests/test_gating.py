"""CI gating: SARIF output (validated against the SARIF 2.1.0 schema), baselines, --fail-on,
and the pre-commit hook definition."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO, run_cli

SARIF_SCHEMA = REPO / "tests" / "data" / "sarif" / "sarif-2.1.0-rtm.5.json"
DEMO = REPO / "fixtures" / "demo-app"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    shutil.copytree(DEMO, tmp_path / "demo")
    return tmp_path / "demo"


def test_sarif_is_valid_and_carries_the_fixes(demo: Path) -> None:
    proc = run_cli("scan", demo, "--format", "sarif", "--no-cache")
    assert proc.returncode == 0, proc.stderr
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(log)
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"legacy-connection", "token-in-url", "parse-error"}
    results = run["results"]
    scan = json.loads(run_cli("scan", demo, "--format", "json", "--no-cache").stdout)
    assert len(results) == len(scan["findings"])
    with_fix = [r for r in results if r.get("fixes")]
    auto = [c for c in scan["connections"] if c["fix"] == "auto"]
    assert len(with_fix) == len(auto) > 0
    change = with_fix[0]["fixes"][0]["artifactChanges"][0]
    assert "websocketService" in change["replacements"][0]["insertedContent"]["text"]
    assert all(r["partialFingerprints"]["wsMigrate/v1"] for r in results)


def test_baseline_fails_only_on_what_is_new(demo: Path) -> None:
    assert run_cli("baseline", "update", demo, "--no-cache").returncode == 0
    baseline = demo / ".ws-migrate-baseline.json"
    assert json.loads(baseline.read_text())["schema"] == "ws-migrate/baseline/1"
    check = ("scan", demo, "--baseline", baseline, "--no-cache", "--format", "json")
    assert run_cli(*check).returncode == 0
    # unrelated edits move every line of a file: still nothing new
    panel = demo / "src" / "components" / "HealthPanel.tsx"
    panel.write_text("// moved\n\n\n" + panel.read_text())
    assert run_cli(*check).returncode == 0
    # a new legacy socket is new
    panel.write_text(panel.read_text() + "\nexport const extra = new WebSocket(`/ws/admin?token=${'x'}`);\n")
    proc = run_cli(*check)
    assert proc.returncode == 1
    gate = json.loads(proc.stdout)["baseline"]
    assert len(gate["new_connections"]) == 1 and gate["new_findings"]
    assert "new: src/components/HealthPanel.tsx" in proc.stderr
    assert run_cli(*check, "--fail-on", "none").returncode == 0


def test_fail_on_any_and_bad_baselines(demo: Path, tmp_path: Path) -> None:
    assert run_cli("scan", demo, "--no-cache", "--fail-on", "any", "-q").returncode == 1
    assert run_cli("scan", demo, "--no-cache", "-q").returncode == 0  # findings alone never fail a scan
    missing = run_cli("scan", demo, "--baseline", tmp_path / "nope.json")
    assert missing.returncode == 2 and "nope.json" in missing.stderr and "Traceback" not in missing.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "other"}')
    out = run_cli("scan", demo, "--baseline", bad)
    assert out.returncode == 2 and "bad.json:1:" in out.stderr


def test_pre_commit_hooks_are_well_formed_and_run() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"ws-migrate-scan", "ws-migrate-fix-check"}
    for h in hooks:
        assert {"id", "name", "entry", "language"} <= set(h)
        assert h["entry"].startswith("ws-migrate ")


def test_pre_commit_hook_blocks_a_commit_that_adds_a_legacy_socket(demo: Path) -> None:
    """Run the hook's own entry as pre-commit would, in a git repo with a baseline."""
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    entry = hooks["ws-migrate-scan"]["entry"].split()
    assert entry[0] == "ws-migrate"
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "x"]):
        subprocess.run(["git", *cmd], cwd=demo, check=True, capture_output=True)
    assert run_cli("baseline", "update", ".", "--no-cache", cwd=demo).returncode == 0
    assert run_cli(*entry[1:], cwd=demo).returncode == 0
    (demo / "src" / "New.ts").write_text("export const s = new WebSocket('/ws/security');\n")
    assert run_cli(*entry[1:], cwd=demo).returncode == 1


def test_the_hook_through_pre_commit_itself(demo: Path, tmp_path: Path) -> None:
    """`pre-commit try-repo` installs ws-migrate from this checkout, as a team's config would."""
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "x"]):
        subprocess.run(["git", *cmd], cwd=demo, check=True, capture_output=True)
    assert run_cli("baseline", "update", ".", "--no-cache", cwd=demo).returncode == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    hook = [pre_commit, "try-repo", str(REPO), "ws-migrate-scan"]
    ok = subprocess.run([*hook, "--all-files"], cwd=demo, env=env, capture_output=True, text=True, timeout=600)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (demo / "src" / "New.ts").write_text("export const s = new WebSocket('/ws/security');\n")
    subprocess.run(["git", "add", "src/New.ts"], cwd=demo, check=True)
    blocked = subprocess.run(hook, cwd=demo, env=env, capture_output=True, text=True, timeout=600)
    assert blocked.returncode == 1
    assert "new: src/New.ts:1" in blocked.stdout

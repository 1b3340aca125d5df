"""After `init` + `fix --write`, the demo app still passes `tsc --noEmit --strict` (pinned TypeScript)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "tests" / "node" / "node_modules"
TSC = NODE_MODULES / "typescript" / "bin" / "tsc"


def _tsc(repo: Path) -> subprocess.CompletedProcess[str]:
    config = repo / "tsconfig.check.json"
    config.write_text(json.dumps({
        "extends": "./tsconfig.json",
        "compilerOptions": {"noEmit": True, "strict": True, "skipLibCheck": True,
                            "typeRoots": [str(NODE_MODULES / "@types")], "types": ["react", "react-dom"]},
        "include": ["src"],
        "exclude": ["node_modules", "dist", "src/broken"],
    }))
    return subprocess.run(["node", str(TSC), "-p", str(config)], capture_output=True, text=True, timeout=300)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ws_migrate", *args], cwd=cwd, capture_output=True, text=True)


def test_demo_app_compiles_before_and_after_init_and_fix(tmp_path: Path) -> None:
    if not TSC.is_file() or shutil.which("node") is None:
        pytest.skip("tests/node/node_modules is missing: run `npm ci` in tests/node (tests/run.sh does)")
    repo = tmp_path / "demo"
    shutil.copytree(ROOT / "fixtures" / "demo-app", repo)
    before = _tsc(repo)
    assert before.returncode == 0, before.stdout
    assert _cli("init", ".", cwd=repo).returncode == 0
    fixed = _cli("fix", ".", "--write", "--no-cache", cwd=repo)
    # 4 rewritten onto the service, 7 through the adapter (their wrappers kept), 4 left
    assert fixed.returncode == 0 and "rewrote 11 connections in 11 files; 4 connections left for a person" in fixed.stderr
    after = _tsc(repo)
    assert after.returncode == 0, after.stdout
    assert "websocketService.on(EventType.SYSTEM_METRICS" in (repo / "src/components/ServiceMonitor.tsx").read_text()
    assert "openLegacySocket(wsUrl(`/ws/${topic}`))" in (repo / "src/hooks/useLiveFeed.ts").read_text()


def test_validate_passes_on_the_migrated_demo(tmp_path: Path) -> None:
    """The reference server grants, denies and delivers every event type the migrated code uses."""
    repo = tmp_path / "demo"
    shutil.copytree(ROOT / "fixtures" / "demo-app", repo)
    assert _cli("init", ".", cwd=repo).returncode == 0
    assert _cli("fix", ".", "--write", "--no-cache", cwd=repo).returncode == 0
    checked = _cli("validate", ".", cwd=repo)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 failed" in checked.stdout + checked.stderr
    assert "EventType.X" not in checked.stdout


def test_inline_moves_compile_strict_and_say_what_stays(tmp_path: Path) -> None:
    """`fix --inline --write` on tests/data/fix/inline_channels (a class with an instance per
    floor area and a fixed-topic hook, already over the adapter): the moved callers, whose
    listeners were typed against the wrappers' `(data: any) => void`, still pass strict tsc
    against the service's `unknown` data; the summary counts what moved and what stays."""
    if not TSC.is_file() or shutil.which("node") is None:
        pytest.skip("tests/node/node_modules is missing: run `npm ci` in tests/node (tests/run.sh does)")
    from test_fix import _checkout

    repo = _checkout(ROOT / "tests" / "data" / "fix" / "inline_channels", tmp_path / "floor")
    before = _tsc(repo)
    assert before.returncode == 0, before.stdout
    fixed = _cli("fix", ".", "--inline", "--write", cwd=repo)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stderr.count(": stays on the adapter: ") == 4
    assert fixed.stderr.rstrip().endswith(
        "rewrote 3 connections in 5 files; 0 connections left for a person (listed above); "
        "4 connections still through the adapter")
    after = _tsc(repo)
    assert after.returncode == 0, after.stdout
    again = _cli("fix", ".", "--inline", cwd=repo)
    assert again.returncode == 0 and again.stdout == ""

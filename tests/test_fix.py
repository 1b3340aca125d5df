"""`fix`: data-driven rewrite cases plus the guarantees, checked on every case and the demo app.

A case is tests/data/fix/<name>/ with `src/…` inputs, `expected/…` for every file the patch
changes (files without one must stay byte for byte), and `MANUAL.json`: the connections left for
a person and why. A case with an `INLINE` file runs `fix --inline` (on code already over the
adapter), and its `ON_ADAPTER.json` lists the connections whose callers stay on the adapter, and
why. On every case and on the demo app: `git apply --check` accepts the patch on a
clean checkout, the patched files re-parse, and `fix` on its own output changes nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ws_migrate.fix import _engine, plan_fixes
from ws_migrate.rules import load_rules
from ws_migrate.scaffold import init_client, shared_types_seen
from ws_migrate.parse import first_error, parse
from ws_migrate.scan import scan
from ws_migrate.walk import language_for

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted(p.parent for p in (ROOT / "tests" / "data" / "fix").glob("*/MANUAL.json"))


def _checkout(src: Path, dest: Path) -> Path:
    """The case as a git repo; a case with an `INIT` file has the unified client (and the
    adapter) `ws-migrate init` writes, committed with it, as after the README's `init` step."""
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("expected", "MANUAL.json", "EXPECTED.json", "INIT",
                                                             "INLINE", "ON_ADAPTER.json"))
    if (src / "INIT").exists():
        rules = load_rules(root=dest)
        # as the CLI's init: with top-level `messages`, the scan says which endpoints send them
        seen = shared_types_seen(scan(dest, use_cache=False, jobs=1).connections, rules) if rules.messages else None
        assert init_client(dest, rules, seen=seen).written
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base"]):
        subprocess.run(["git", *cmd], cwd=dest, check=True, capture_output=True)
    return dest


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_rewrite_case(case: Path, tmp_path: Path) -> None:
    repo = _checkout(case, tmp_path / "repo")
    result = plan_fixes(scan(repo, use_cache=False, jobs=1), inline=(case / "INLINE").exists())
    patched = {p.rel: p.after for p in result.patches}
    expected_dir = case / "expected"
    expected = {str(f.relative_to(expected_dir)): f.read_bytes() for f in expected_dir.rglob("*") if f.is_file()} \
        if expected_dir.is_dir() else {}
    assert sorted(patched) == sorted(expected)
    for rel, data in expected.items():
        assert patched[rel] == data, rel
    manual = [{"file": m.connection.file, "line": m.connection.line, "reason": m.reason} for m in result.manual]
    assert manual == json.loads((case / "MANUAL.json").read_text())
    assert result.withheld == ()
    stay = [{"file": m.connection.file, "line": m.connection.line, "reason": m.reason} for m in result.on_adapter]
    assert stay == (json.loads((case / "ON_ADAPTER.json").read_text()) if (case / "INLINE").exists() else [])


@pytest.mark.parametrize("case", CASES + [ROOT / "fixtures" / "demo-app"], ids=lambda p: p.name)
def test_patch_applies_reparses_and_is_idempotent(case: Path, tmp_path: Path) -> None:
    repo = _checkout(case, tmp_path / "repo")
    inline = (case / "INLINE").exists()
    first = plan_fixes(scan(repo, use_cache=False, jobs=1), inline)
    (tmp_path / "fix.diff").write_text(first.diff, encoding="utf-8", newline="")
    if first.diff:
        subprocess.run(["git", "apply", "--check", str(tmp_path / "fix.diff")], cwd=repo, check=True)
        subprocess.run(["git", "apply", str(tmp_path / "fix.diff")], cwd=repo, check=True)
    for patch in first.all_patches:
        language = language_for(patch.rel)
        assert language is not None
        if language == "python":  # py_compile's check: the rewritten back end still compiles
            compile((repo / patch.rel).read_text(encoding="utf-8"), patch.rel, "exec")
            continue
        assert first_error(parse((repo / patch.rel).read_bytes(), language)) is None, patch.rel
    second = plan_fixes(scan(repo, use_cache=False, jobs=1), inline)
    assert second.diff == ""


def test_demo_app_fixes_what_is_certain_and_says_why_for_the_rest(tmp_path: Path) -> None:
    repo = _checkout(ROOT / "fixtures" / "demo-app", tmp_path / "repo")
    result = plan_fixes(scan(repo, use_cache=False, jobs=1))
    assert {p.rel for p in result.patches} == {
        "src/components/ServiceMonitor.tsx", "src/legacy/MetricsSparkline.jsx",  # sockets in effects
        "src/components/ForwarderTable.tsx", "src/components/SystemStatus.tsx",  # wrapper calls
    }
    # the back end: every mapped broadcast becomes a publish; replies and unmapped ones stay
    [backend] = result.backend_patches
    assert backend.rel == "backend/legacy_ws.py"
    text = backend.after.decode()
    assert "await events.publish(EventType.DNS_ZONE_UPDATED, {\"zone\": zone, \"serial\": serial})" in text
    assert "from ws_events import EventType, events" in text
    assert 'manager.broadcast("metrics"' in text  # /ws/metrics has no mapping for system_metrics
    assert ("backend/main.py", 30, "a reply on one client's own socket: it goes with its endpoint in the "
            "Cleanup phase") in result.backend_manual
    reasons = {m.connection.file: m.reason for m in result.manual}
    assert "message type 'legacy_ping' has no EventType on /ws/health" in reasons["src/components/HealthPanel.tsx"]
    assert reasons["src/components/LoadGauge.tsx"].startswith("no handler is registered on the wrapper's result; ")
    assert all(m.reason for m in result.manual)
    # the scan's JSON says the same: its `fix` is the fix engine's verdict
    scanned = {c.file: c for c in result.scan.connections}
    assert {f for f, c in scanned.items() if c.fix == "auto"} == {p.rel for p in result.patches}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ws_migrate", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_check_write_and_output(tmp_path: Path) -> None:
    repo = _checkout(ROOT / "tests" / "data" / "fix" / "if_chain_cleanup", tmp_path / "repo")
    before_init = _cli("fix", ".", "--no-cache", cwd=repo)  # a patch importing a client not there yet
    assert (before_init.returncode, before_init.stdout) == (2, "")
    assert "run `ws-migrate init .` first" in before_init.stderr
    assert _cli("init", ".", cwd=repo).returncode == 0
    shown = _cli("fix", ".", "--no-cache", cwd=repo)
    assert shown.returncode == 0 and shown.stdout.startswith("diff --git a/src/Zones.tsx b/src/Zones.tsx")
    assert _cli("fix", ".", "--no-cache", "--check", cwd=repo).returncode == 1
    out = _cli("fix", ".", "--no-cache", "-o", str(tmp_path / "p.diff"), cwd=repo)
    assert out.returncode == 0 and out.stdout == ""
    assert (tmp_path / "p.diff").read_text() == shown.stdout
    assert _cli("fix", ".", "--no-cache", "--write", cwd=repo).returncode == 0
    assert (repo / "src" / "Zones.tsx").read_bytes() == \
        (ROOT / "tests" / "data" / "fix" / "if_chain_cleanup" / "expected" / "src" / "Zones.tsx").read_bytes()
    assert _cli("fix", ".", "--no-cache", "--check", cwd=repo).returncode == 0


def test_corpus_patch_applies_and_is_idempotent(tmp_path: Path) -> None:
    make = ROOT / "benchmarks" / "make_corpus.py"
    src = tmp_path / "corpus"
    subprocess.run([sys.executable, str(make), str(src), "--files", "400", "--seed", "5"], check=True,
                   capture_output=True)
    repo = _checkout(src, tmp_path / "repo")
    first = plan_fixes(scan(repo, use_cache=False))
    assert first.patches, "the corpus has hooks in the shape fix rewrites"
    (tmp_path / "fix.diff").write_text(first.diff, encoding="utf-8", newline="")
    subprocess.run(["git", "apply", "--check", str(tmp_path / "fix.diff")], cwd=repo, check=True)
    subprocess.run(["git", "apply", str(tmp_path / "fix.diff")], cwd=repo, check=True)
    assert plan_fixes(scan(repo, use_cache=False)).diff == ""


def test_worker_processes_plan_the_same_patches_as_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    result = scan(ROOT / "fixtures" / "demo-app", use_cache=False, jobs=1)
    monkeypatch.setattr(_engine, "_PARALLEL_AT", 10_000)
    one = plan_fixes(result)
    monkeypatch.setattr(_engine, "_PARALLEL_AT", 1)
    many = plan_fixes(result)

    assert one.patches and one.manual
    assert many.diff == one.diff
    assert [(m.connection.id, m.reason) for m in many.manual] == [(m.connection.id, m.reason) for m in one.manual]
    assert many.withheld == one.withheld

    def no_processes() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    with monkeypatch.context() as patched:
        patched.setattr(os, "fork", no_processes)
        assert plan_fixes(result).diff == one.diff  # no worker to be had: planned here all the same

    parent, real = os.getpid(), _engine._plan_file

    def dies_in_a_worker(job: Any, rel: str, conns: Any) -> Any:
        if os.getpid() != parent:
            os._exit(1)  # killed, out of memory...: its chunk is planned here
        return real(job, rel, conns)

    monkeypatch.setattr(_engine, "_plan_file", dies_in_a_worker)
    assert plan_fixes(result).diff == one.diff


def test_the_readme_flow_adapts_the_wrappers_with_the_drafted_rules(tmp_path: Path) -> None:
    """`rules infer` → `init` → `fix` on the adapter case with no rule file of its own and no
    hand edits: the same sockets go over the adapter as with the case's written rules."""
    case = ROOT / "tests" / "data" / "fix" / "adapter_wrappers"
    repo = tmp_path / "repo"
    shutil.copytree(case, repo, ignore=shutil.ignore_patterns(
        "expected", "MANUAL.json", "INIT", "ws-migrate.yaml"))
    assert _cli("rules", "infer", ".", "--no-cache", "-o", "ws-migrate.yaml", cwd=repo).returncode == 0
    assert _cli("init", ".", cwd=repo).returncode == 0
    result = plan_fixes(scan(repo, use_cache=False, jobs=1))
    assert sorted(p.rel for p in result.patches) == sorted(
        str(f.relative_to(case / "expected")) for f in (case / "expected").rglob("*") if f.is_file())
    [left] = result.manual
    assert left.connection.file == "src/app/deploy.ts" and "sends its own messages" in left.reason


def test_the_readme_flow_redrafts_rules_with_top_level_messages_and_wire_values(tmp_path: Path) -> None:
    """`rules infer` over rules with top-level `messages:` and wire values drafts, with no hand
    edits, a file `fix` runs on end to end: each endpoint maps the types its handlers tell apart
    (a type several topics share keeps each its own EventType, `/ws/dns` its DNS_ZONE_CREATED),
    and each EventType keeps its wire value."""
    case = ROOT / "tests" / "data" / "fix" / "adapter_shared_messages"
    repo = tmp_path / "repo"
    shutil.copytree(case, repo, ignore=shutil.ignore_patterns("expected", "MANUAL.json", "INIT"))
    assert _cli("rules", "infer", ".", "--no-cache", "-o", "draft.yaml", cwd=repo).returncode == 0
    draft = (repo / "draft.yaml").read_text(encoding="utf-8")
    assert "ZONE_CREATED: {roles: [viewer], wire: zone_created}" in draft
    assert "zone_created: DNS_ZONE_CREATED" in draft
    (repo / "draft.yaml").replace(repo / "ws-migrate.yaml")
    assert _cli("rules", "check", "ws-migrate.yaml", cwd=repo).returncode == 0
    assert _cli("init", ".", cwd=repo).returncode == 0
    result = plan_fixes(scan(repo, use_cache=False, jobs=1))
    assert sorted(p.rel for p in result.patches) == ["src/components/Zones.tsx", "src/lib/ChannelClient.ts"]
    assert result.manual == ()


def test_the_readme_flow_keeps_the_sockets_of_the_endpoints_that_send(tmp_path: Path) -> None:
    """`rules infer` drafts `keep_socket: true` for each endpoint whose caller sends on what the
    wrapper gives it (`sendJsonMessage(…)`, `send(…)`) or hands it on (`return { uplink }`), and
    `time_field` where a handler reads the event's time, so `init` → `fix` adapts the wrappers
    with no hand edits, as with the case's written rules."""
    case = ROOT / "tests" / "data" / "fix" / "adapter_kept"
    repo = tmp_path / "repo"
    shutil.copytree(case, repo, ignore=shutil.ignore_patterns("expected", "MANUAL.json", "INIT", "ws-migrate.yaml"))
    assert _cli("rules", "infer", ".", "--no-cache", "-o", "ws-migrate.yaml", cwd=repo).returncode == 0
    drafted = load_rules(root=repo)
    assert {r.pattern for r in drafted.endpoints if r.keep_socket} == {
        "/ws/link/stick", "/ws/link/mission", "/ws/console", "/ws/uplink"}  # not /ws/status: its ref is only read
    # the handler reads `msg.at`: the event's time, which the adapter fills from the server's `ts`
    assert {r.pattern: r.time_field for r in drafted.endpoints if r.time_field} == {"/ws/events": "at"}
    assert _cli("rules", "check", "ws-migrate.yaml", cwd=repo).returncode == 0
    assert _cli("init", ".", cwd=repo).returncode == 0
    result = plan_fixes(scan(repo, use_cache=False, jobs=1))
    assert {p.rel: p.after for p in result.patches} == {
        str(f.relative_to(case / "expected")): f.read_bytes() for f in (case / "expected").rglob("*") if f.is_file()}
    assert sorted((m.connection.file, m.reason.split("not adapted: ")[-1].split(" (")[0]) for m in result.manual) == [
        ("src/control/useMission.ts", "/ws/link/mission keeps its own socket"),
        ("src/control/useStick.ts", "/ws/link/stick keeps its own socket"),
        ("src/vue/console.ts", "/ws/console keeps its own socket"),
        ("src/vue/uplink.ts", "/ws/uplink keeps its own socket")]


def test_the_readme_flow_puts_vue_mixins_over_a_bridge_and_keeps_the_channels_that_send(tmp_path: Path) -> None:
    """Vue 2 mixins over django-channels' `WebSocketBridge` (tests/data/fix/adapter_bridge): the
    scan reads a send through the mixin's `sendToChannel('answers', …)` as one on the answers
    channel only, and the board mixin's `this.bridges[…]` handed to the store as an escape of
    the board channel, so `rules infer` keeps those two sockets; `rules check` → `init` → `fix`
    → `git apply` puts the mixin's bridge over the adapter with the library's class handed to it,
    a second `fix` is empty, and the scan after lists the listening channels as adapted and the
    two kept ones with the line that sends or hands the bridge on."""
    case = ROOT / "tests" / "data" / "fix" / "adapter_bridge"
    repo = tmp_path / "repo"
    shutil.copytree(case, repo, ignore=shutil.ignore_patterns("expected", "MANUAL.json", "INIT", "ws-migrate.yaml"))
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True, capture_output=True)
    assert _cli("rules", "infer", ".", "--no-cache", "-o", "ws-migrate.yaml", cwd=repo).returncode == 0
    drafted = (repo / "ws-migrate.yaml").read_text(encoding="utf-8")
    assert "keep_socket: true  # src/desk/AnswerDesk.vue:12 sends on it at line 20" in drafted
    assert ("keep_socket: true  # src/board/RoundBoard.vue:11 hands it to code that may send on it "
            "(src/board/BoardMixin.vue:11)") in drafted
    assert {r.pattern for r in load_rules(root=repo).endpoints if r.keep_socket} == {
        "/ws/quiz/{quizSlug}/answers", "/ws/quiz/{quizSlug}/board"}
    assert _cli("rules", "check", "ws-migrate.yaml", cwd=repo).returncode == 0
    assert _cli("init", ".", cwd=repo).returncode == 0
    for cmd in (["add", "-A"], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True, capture_output=True)
    first = _cli("fix", ".", cwd=repo)
    assert "openLegacyBridge(undefined, WebSocketBridge)" in first.stdout
    (tmp_path / "fix.diff").write_text(first.stdout, encoding="utf-8", newline="")
    subprocess.run(["git", "apply", str(tmp_path / "fix.diff")], cwd=repo, check=True)
    assert (repo / "src/live/LiveChannelsMixin.vue").read_bytes() == (
        case / "expected/src/live/LiveChannelsMixin.vue").read_bytes()
    assert _cli("fix", ".", cwd=repo).stdout == ""
    after = scan(repo, use_cache=False, jobs=1).inventory
    assert sorted((c.file, c.endpoint) for c in after.adapted) == [
        ("src/desk/Leaderboard.vue", "/ws/quiz/{quizSlug}/announcements"),
        ("src/desk/Leaderboard.vue", "/ws/quiz/{quizSlug}/standings"),
        ("src/desk/TimerBanner.vue", "/ws/quiz/{quizSlug}/timer")]
    kept = {c.file: c.manual_reasons[-1] for c in after.connections}
    opens = "(`keep_socket: true` in the rules), which the adapter at src/live/LiveChannelsMixin.vue:22 opens as before"
    assert kept == {
        "src/desk/AnswerDesk.vue": f"/ws/quiz/{{quizSlug}}/answers keeps its own socket {opens}: "
                                   "src/desk/AnswerDesk.vue:20 sends on it",
        "src/board/RoundBoard.vue": f"/ws/quiz/{{quizSlug}}/board keeps its own socket {opens}: "
                                    "src/board/BoardMixin.vue:11 hands it on"}


def test_a_mixin_whose_caller_hands_a_bridge_on_keeps_the_bridge_off_the_adapter(tmp_path: Path) -> None:
    """Without `keep_socket` on the board's channel, the board mixin handing `this.bridges[…]`
    to the store keeps the mixin's bridge as it is, every connection through it naming the file
    and line of the hand-off; a send through `sendToChannel` names its own."""
    repo = _checkout(ROOT / "tests" / "data" / "fix" / "adapter_bridge", tmp_path / "repo")
    rules = (repo / "ws-migrate.yaml").read_text(encoding="utf-8")
    (repo / "ws-migrate.yaml").write_text(rules.replace(
        "  /ws/quiz/{quizSlug}/board:  # 1 connection\n    keep_socket: true",
        "  /ws/quiz/{quizSlug}/board:  # 1 connection\n    default_event: BOARD_MESSAGE").replace(
        "\nevents:  # who may receive each event: review the roles\n",
        "\nevents:  # who may receive each event: review the roles\n  BOARD_MESSAGE: {roles: [viewer]}\n"),
        encoding="utf-8")
    result = plan_fixes(scan(repo, use_cache=False, jobs=1))
    assert result.patches == ()
    why = ("src/board/RoundBoard.vue:11 hands what the wrapper returns to code that may send on it "
           "(src/board/BoardMixin.vue:11): with `keep_socket: true` on /ws/quiz/{quizSlug}/board, the adapter "
           "would keep that socket and take the others (through the socket at src/live/LiveChannelsMixin.vue:21)")
    assert {m.connection.file for m in result.manual} == {
        "src/board/RoundBoard.vue", "src/desk/AnswerDesk.vue", "src/desk/Leaderboard.vue", "src/desk/TimerBanner.vue"}
    assert all(why in m.reason for m in result.manual if m.connection.file != "src/desk/AnswerDesk.vue")


def test_a_component_that_sends_on_its_own_keyed_bridge_keeps_it(tmp_path: Path) -> None:
    """A component (mixed into nothing) keeping its bridges by channel and sending on one itself
    (`this.bridges[channel].send(…)` in a method): its socket stays, the line named."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "data" / "fix" / "adapter_bridge", repo,
                    ignore=shutil.ignore_patterns("expected", "MANUAL.json", "src"))
    (repo / "src").mkdir()
    (repo / "src" / "Buzzer.vue").write_text("""<script>
import { WebSocketBridge } from 'django-channels'

export default {
  data: function () {
    return { bridges: {} }
  },
  created: function () {
    const bridge = new WebSocketBridge()
    bridge.connect('/ws/quiz/pub/timer/')
    bridge.addEventListener('message', (event) => { this.left = event.data.seconds })
    this.$set(this.bridges, 'timer', bridge)
  },
  methods: {
    buzz: function (channel) {
      this.bridges[channel].send({ buzz: true })
    },
  },
}
</script>
""", encoding="utf-8")
    _checkout(repo, tmp_path / "app")
    result = plan_fixes(scan(tmp_path / "app", use_cache=False, jobs=1))
    assert result.patches == ()
    [left] = result.manual
    assert left.reason.endswith("not adapted: src/Buzzer.vue:9 sends its own messages on its socket (line 16), "
                                "which the unified service has no counterpart for")


def test_a_send_on_the_field_or_ref_a_socket_is_kept_in_is_named_a_send(tmp_path: Path) -> None:
    """`this.ws?.send(…)` in another method of the class, `socketRef.current?.send(…)` in
    another effect: the socket sends its own messages there; the reason must not say it is
    handed on to code that may send."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "data" / "fix" / "adapter_bridge", repo,
                    ignore=shutil.ignore_patterns("expected", "MANUAL.json", "src"))
    (repo / "src").mkdir()
    (repo / "src" / "boardClient.ts").write_text("""export class BoardClient {
  private ws: WebSocket | null = null;

  open(): void {
    this.ws = new WebSocket(`${location.origin.replace('http', 'ws')}/ws/quiz/pub/standings/`);
    this.ws.onmessage = (e: MessageEvent<string>) => console.log(JSON.parse(e.data));
  }

  command(action: string): void {
    this.ws?.send(JSON.stringify({ action }));
  }
}
""", encoding="utf-8")
    (repo / "src" / "Timer.tsx").write_text("""import { useEffect, useRef } from 'react';

export function Timer({ paused }: { paused: boolean }) {
  const socketRef = useRef<WebSocket | null>(null);
  useEffect(() => {
    const socket = new WebSocket('/ws/quiz/pub/timer/');
    socketRef.current = socket;
    socket.onmessage = (e) => console.log(JSON.parse(e.data));
    return () => socket.close();
  }, []);
  useEffect(() => {
    socketRef.current?.send(JSON.stringify({ paused }));
  }, [paused]);
  return null;
}
""", encoding="utf-8")
    _checkout(repo, tmp_path / "app")
    result = plan_fixes(scan(tmp_path / "app", use_cache=False, jobs=1))
    reasons = {m.connection.file: m.reason for m in result.manual}
    assert reasons["src/boardClient.ts"].endswith(
        "not adapted: the socket at src/boardClient.ts:5 sends its own messages (`send` at line 10), "
        "which the unified service has no counterpart for")
    assert reasons["src/Timer.tsx"].endswith(
        "not adapted: the socket at src/Timer.tsx:6 sends its own messages (`send` at line 12), "
        "which the unified service has no counterpart for")


def test_a_caller_that_hands_the_result_on_keeps_the_wrapper_off_the_adapter(tmp_path: Path) -> None:
    """Without `keep_socket` on its endpoint, a caller that hands what the wrapper returns on
    (`return { uplink, uploaded }`, where the planner page sends on it) keeps the whole socket
    as it is: every connection through it says so, naming the line, and no patch touches it."""
    case = ROOT / "tests" / "data" / "fix" / "adapter_kept"
    repo = _checkout(case, tmp_path / "repo")
    rules = (repo / "ws-migrate.yaml").read_text(encoding="utf-8")
    (repo / "ws-migrate.yaml").write_text(
        rules.replace("  /ws/link/mission:\n    keep_socket: true\n",
                      "  /ws/link/mission:\n    messages: {frame: MISSION_FRAME}\n")
        .replace("\nevents:\n", "\nevents:\n  MISSION_FRAME: {roles: [viewer]}\n"), encoding="utf-8")
    result = plan_fixes(scan(repo, use_cache=False, jobs=1))
    assert [p.rel for p in result.patches] == ["src/link/events.ts", "src/vue/useChannel.ts"]
    why = ("src/control/useMission.ts:9 hands what the wrapper returns to code that may send on it "
           "(line 14): with `keep_socket: true` on /ws/link/mission, the adapter would keep that socket and "
           "take the others (through the socket at src/link/useLink.ts:15)")
    through = {m.connection.file: m.reason for m in result.manual if "useLink" in m.reason or why in m.reason}
    assert set(through) == {"src/control/useMission.ts", "src/control/useStick.ts",
                            "src/telemetry/useAltitude.ts", "src/telemetry/useBattery.ts"}
    assert all(why in reason for reason in through.values())

# --- hostile names, bytes and links ------------------------------------------------------------

ZONES = ROOT / "tests" / "data" / "fix" / "if_chain_cleanup"


def _zones_repo(root: Path, name: str = "Zones.tsx", edit: Any = None) -> Path:
    """The if-chain case as a git repo with the client written, its file renamed to `name` and
    its bytes changed by `edit`."""
    repo = _checkout(ZONES, root)
    data = (repo / "src" / "Zones.tsx").read_bytes()
    (repo / "src" / "Zones.tsx").unlink()
    (repo / "src" / name).write_bytes(edit(data) if edit else data)
    assert init_client(repo, load_rules(root=repo)).written
    for cmd in (["add", "-A"], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True, capture_output=True)
    return repo


def _bytes_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "ws_migrate", *args], cwd=cwd, capture_output=True,
                          env={**os.environ, **(env or {})}, check=False)


def _applies(repo: Path, diff: bytes) -> list[str]:
    """`git apply` the patch in `repo` (it must apply whole); the paths it changed, per git."""
    (repo.parent / "p.diff").write_bytes(diff)
    subprocess.run(["git", "apply", "--check", str(repo.parent / "p.diff")], cwd=repo, check=True)
    subprocess.run(["git", "apply", str(repo.parent / "p.diff")], cwd=repo, check=True)
    return subprocess.run(["git", "diff", "--name-only", "-z"], cwd=repo, capture_output=True,
                          check=True).stdout.decode().split("\0")[:-1]


def test_regression_fix_output_keeps_bytes_of_the_file_that_are_not_utf8(tmp_path: Path) -> None:
    # `fix --output FILE` with a byte that is not UTF-8 next to an edit: internal error
    # (UnicodeEncodeError), exit 3; and stdout only worked where Python's own stdout let it by
    repo = _zones_repo(tmp_path / "repo", edit=lambda b: b.replace(b"// keep the order", b"// keep \xff\xfe the order"))

    written = _bytes_cli("fix", ".", "--no-cache", "-o", str(tmp_path / "fix.diff"), cwd=repo)
    shown = _bytes_cli("fix", ".", "--no-cache", cwd=repo, env={"PYTHONIOENCODING": "utf-8:strict"})

    assert (written.returncode, shown.returncode) == (0, 0), (written.stderr, shown.stderr)
    assert (tmp_path / "fix.diff").read_bytes() == shown.stdout
    assert b" // keep \xff\xfe the order" in shown.stdout
    assert _applies(repo, shown.stdout) == ["src/Zones.tsx"]
    assert b"\xff\xfe" in (repo / "src" / "Zones.tsx").read_bytes()


_ODD_NAMES = ["tab\there.tsx", "new\nline.tsx", 'quo"te.tsx', "back\\slash.tsx", "sp ace.tsx", "trail .tsx",
              "ünï.tsx", "\x01ctl.tsx", "z\n@@ -1,0 +1 @@\n+evil.tsx", "y\ndiff --git a b\n+++ b.tsx"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("name", _ODD_NAMES, ids=repr)
def test_regression_odd_file_names_are_quoted_as_git_quotes_them(tmp_path: Path, name: str) -> None:
    # a tab or a newline in a name made `git apply` reject the whole patch; a name could also
    # have written a hunk of its own for another file
    from ws_migrate.render._diff import unified_diff

    repo = _zones_repo(tmp_path / "repo", name)
    shown = _bytes_cli("fix", ".", "--no-cache", cwd=repo)
    assert shown.returncode == 0, shown.stderr
    before = (repo / "src" / name).read_bytes()

    assert _applies(repo, shown.stdout) == [f"src/{name}"]  # that file, and no other
    after = (repo / "src" / name).read_bytes()
    assert after == (ZONES / "expected" / "src" / "Zones.tsx").read_bytes()
    # the header is git's own, to the byte
    (repo / "src" / name).write_bytes(before)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    (repo / "src" / name).write_bytes(after)
    git = subprocess.run(["git", "-c", "core.quotePath=true", "diff", "--", f"src/{name}"], cwd=repo,
                         capture_output=True, check=True).stdout.decode()
    ours = unified_diff(f"src/{name}", before, after)
    assert [x for x in git.splitlines() if not x.startswith("index ")][:3] == ours.splitlines()[:3]


def test_regression_a_symlinked_source_file_is_patched_where_its_bytes_are(tmp_path: Path) -> None:
    # the diff named the link (`git apply` patches no link: rejected), and `--write` replaced the
    # link by a patched copy of its target
    repo = _zones_repo(tmp_path / "repo")
    (repo / "shared").mkdir()
    (repo / "src" / "Zones.tsx").rename(repo / "shared" / "Zones.source")
    (repo / "src" / "Zones.tsx").symlink_to("../shared/Zones.source")
    for cmd in (["add", "-A"], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "link"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True, capture_output=True)
    shown = _bytes_cli("fix", ".", "--no-cache", cwd=repo)
    assert shown.returncode == 0, shown.stderr

    assert shown.stdout.startswith(b"diff --git a/shared/Zones.source b/shared/Zones.source\n")
    assert b"from '../src/services/websocket'" in shown.stdout  # from where tsc resolves it
    assert _applies(repo, shown.stdout) == ["shared/Zones.source"]
    subprocess.run(["git", "checkout", "-q", "."], cwd=repo, check=True)
    assert _bytes_cli("fix", ".", "--no-cache", "--write", cwd=repo).returncode == 0
    assert os.readlink(repo / "src" / "Zones.tsx") == "../shared/Zones.source"
    assert b"websocketService" in (repo / "shared" / "Zones.source").read_bytes()
    assert _bytes_cli("fix", ".", "--no-cache", "--check", cwd=repo).returncode == 0


def test_where_a_file_really_is(tmp_path: Path) -> None:
    (tmp_path / "repo" / "lib" / "impl").mkdir(parents=True)
    (tmp_path / "repo" / "lib" / "impl" / "a.ts").write_text("")
    (tmp_path / "repo" / "src").mkdir()
    (tmp_path / "repo" / "src" / "linked").symlink_to("../lib/impl", target_is_directory=True)
    (tmp_path / "repo" / "src" / "b.ts").symlink_to("../lib/impl/a.ts")
    (tmp_path / "outside.ts").write_text("")
    (tmp_path / "repo" / "src" / "out.ts").symlink_to(tmp_path / "outside.ts")
    top = tmp_path / "repo"
    assert _engine.real_rel(top, "lib/impl/a.ts") == "lib/impl/a.ts"
    assert _engine.real_rel(top, "src/linked/a.ts") == "lib/impl/a.ts"  # beyond a linked folder
    assert _engine.real_rel(top, "src/b.ts") == "lib/impl/a.ts"
    assert _engine.real_rel(top, "src/out.ts") is None


def test_a_symlink_out_of_the_project_is_neither_read_nor_patched(tmp_path: Path) -> None:
    repo = _zones_repo(tmp_path / "repo")
    (repo / "src" / "Zones.tsx").rename(tmp_path / "Zones.tsx")
    (repo / "src" / "Zones.tsx").symlink_to(tmp_path / "Zones.tsx")

    shown = _bytes_cli("fix", ".", "--no-cache", cwd=repo)

    assert (shown.returncode, shown.stdout) == (0, b"")
    assert _engine.real_rel(repo, "src/Zones.tsx") is None


def test_regression_a_temp_file_left_by_a_killed_write_goes_with_the_next_write(tmp_path: Path) -> None:
    # killed between a temp file's creation and its rename, `fix --write` left
    # `.Zones.tsx.<hex>.tmp` beside the file, and the next run left it there
    repo = _zones_repo(tmp_path / "repo")
    killed = subprocess.run([sys.executable, "-c", (
        "import os, signal\n"
        "from ws_migrate import _atomic\n"
        "os.replace = lambda a, b: os.kill(os.getpid(), signal.SIGKILL)\n"
        "_atomic.write_atomic('src/Zones.tsx', b'half')\n")], cwd=repo, capture_output=True, check=False)
    assert killed.returncode == -9
    (left,) = (repo / "src").glob(".Zones.tsx.*.tmp")
    older = repo / "src" / f".Zones.tsx.{'ab' * 6}.tmp"  # named as before temp files named their writer
    older.write_bytes(b"half")
    os.utime(older, (1_000_000, 1_000_000))
    live = repo / "src" / f".Zones.tsx.{os.getpid()}.{'cd' * 6}.tmp"  # a writer still at work
    live.write_bytes(b"half")
    other = repo / "src" / f".types.ts.{'ab' * 6}.tmp"
    other.write_bytes(b"half")

    assert _bytes_cli("fix", ".", "--no-cache", "--write", cwd=repo).returncode == 0

    assert not left.exists() and not older.exists()
    assert live.exists() and other.exists()
    assert (repo / "src" / "Zones.tsx").read_bytes() == (ZONES / "expected" / "src" / "Zones.tsx").read_bytes()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_regression_a_removed_line_starting_with_two_dashes_keeps_its_line_end(tmp_path: Path) -> None:
    # `-- x` removed is `--- x` in the diff: it was taken for the `---` header and lost its
    # `\r` (and its `\ No newline` mark), so git rejected the patch of a CRLF file
    from ws_migrate.render._diff import unified_diff

    before, after = b"--count;\r\nkeep();\r\n-- last", b"keep();\r\n"
    (tmp_path / "a.js").write_bytes(before)
    (tmp_path / "p.diff").write_bytes(unified_diff("a.js", before, after).encode())

    subprocess.run(["git", "apply", "p.diff"], cwd=tmp_path, check=True, capture_output=True)
    assert (tmp_path / "a.js").read_bytes() == after


def test_a_caller_whose_functions_get_a_decoded_text_is_told_so(tmp_path: Path) -> None:
    """A generic hook that calls the function its caller hands in with `atob(e.data)` (not the
    message): the reason names that function's line, not "no handler is registered"."""
    (tmp_path / "src").mkdir()
    (tmp_path / "package.json").write_text('{"name": "cam"}\n')
    (tmp_path / "src" / "useFrames.ts").write_text(
        "import { useEffect, useRef } from 'react';\n"
        "export function useFrames(path: string, onFrame: (text: string) => void) {\n"
        "  const ref = useRef(onFrame);\n"
        "  ref.current = onFrame;\n"
        "  useEffect(() => {\n"
        "    const ws = new WebSocket(`ws://${location.host}${path}`);\n"
        "    ws.onmessage = (e) => ref.current(atob(e.data));\n"
        "    return () => ws.close();\n"
        "  }, [path]);\n"
        "}\n")
    (tmp_path / "src" / "Camera.tsx").write_text(
        "import { useFrames } from './useFrames';\n"
        "export function Camera() {\n"
        "  useFrames('/ws/camera',\n"
        "    (text) => console.log(JSON.parse(text).frame));\n"
        "  return null;\n"
        "}\n")
    [c] = scan(tmp_path, use_cache=False, jobs=1).connections
    assert c.file == "src/Camera.tsx"
    assert ("the functions the call hands useFrames (line 4) are not seen to get the message itself, "
            "and nothing is registered per message type on its result") in c.manual_reasons
    assert not any("no handler is registered" in r for r in c.manual_reasons)


def test_inline_leaves_a_hook_whose_is_connected_is_a_function(tmp_path: Path) -> None:
    """`useWebSocketEvents` gives `isConnected` as a boolean: a caller calling the wrapper's
    `isConnected()` stays on the adapter, and says where."""
    repo = _checkout(ROOT / "tests" / "data" / "fix" / "inline_channels", tmp_path / "repo")
    light = repo / "src" / "ui" / "ConveyorLight.tsx"
    light.write_text(light.read_text().replace("const ok = isConnected &&", "const ok = isConnected() &&"))
    result = plan_fixes(scan(repo, use_cache=False, jobs=1), inline=True)
    assert "src/ui/ConveyorLight.tsx" not in {p.rel for p in result.patches}
    assert {(m.connection.file, m.reason) for m in result.on_adapter} >= {
        ("src/ui/ConveyorLight.tsx", "`isConnected` is called at src/ui/ConveyorLight.tsx:14: the wrapper's "
                                     "is a function, useWebSocketEvents' a boolean")}


def test_a_shared_type_the_adapter_route_lacks_keeps_the_socket_with_the_reason(tmp_path: Path) -> None:
    """`init` run without the scan (its library call, no `seen`) writes no top-level type into
    any route: the channels whose types only the top-level `messages:` map stay as they are,
    saying why and what to run, instead of subscribing to what their route does not carry."""
    case = ROOT / "tests" / "data" / "fix" / "adapter_shared_messages"
    root = tmp_path / "repo"
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected", "MANUAL.json", "INIT"))
    assert init_client(root, load_rules(root=root)).written
    result = plan_fixes(scan(root, use_cache=False, jobs=1))
    assert [p.rel for p in result.patches] == ["src/components/Zones.tsx"]  # rewritten onto the service
    reasons = {m.connection.line: m.reason for m in result.manual if m.connection.file == "src/lib/ChannelClient.ts"}
    assert sorted(reasons) == [54, 55, 56]  # one socket: its three channels stay together
    assert ("not adapted: message type 'bind_reload' on /ws/system is mapped to BIND_RELOADED by the "
            "top-level `messages`, and the adapter's route for /ws/system does not subscribe to it") in reasons[54]
    assert "run `ws-migrate init` again (src/lib/ChannelClient.ts:54)" in reasons[54]


def test_the_back_end_fix_reads_the_top_level_messages(tmp_path: Path) -> None:
    """The demo back end sends `system_metrics` on /ws/system and on /ws/metrics, whose rule
    maps no such type: with `system_metrics` under the top-level `messages:` of a second rule
    file, both broadcasts become publishes."""
    repo = _checkout(ROOT / "fixtures" / "demo-app", tmp_path / "repo")
    shared = tmp_path / "shared.yaml"
    shared.write_text("version: 1\nmessages: {system_metrics: SYSTEM_METRICS}\n", encoding="utf-8")
    result = plan_fixes(scan(repo, rules_files=[repo / "ws-migrate.yaml", shared], use_cache=False, jobs=1))
    [backend] = result.backend_patches
    text = backend.after.decode()
    assert 'manager.broadcast("metrics"' not in text
    assert 'await events.publish(EventType.SYSTEM_METRICS, {"qps": qps})' in text
    assert "await events.publish(EventType.SYSTEM_METRICS, payload)" in text


def test_a_connection_of_several_endpoints_is_no_evidence_for_a_shared_type(tmp_path: Path) -> None:
    """A channel that may open /ws/system or /ws/health and handles `bind_reload`, which only the
    top-level `messages:` map: /ws/health's route does not take it (nothing shows /ws/health
    sends it), so the socket stays as it is, saying what would make it certain."""
    case = ROOT / "tests" / "data" / "fix" / "adapter_shared_messages"
    repo = tmp_path / "repo"
    shutil.copytree(case, repo, ignore=shutil.ignore_patterns("expected", "MANUAL.json"))
    (repo / "src" / "app" / "either.ts").write_text(
        "import { ChannelClient } from '../lib/ChannelClient';\n\n"
        "export const either = new ChannelClient(Math.random() > 0.5 ? '/ws/system' : '/ws/health');\n"
        "either.on('bind_reload', (payload) => console.log(payload));\n", encoding="utf-8")
    _checkout(repo, tmp_path / "app")
    result = plan_fixes(scan(tmp_path / "app", use_cache=False, jobs=1))
    assert [p.rel for p in result.patches] == ["src/components/Zones.tsx"]
    assert len(result.manual) == 4  # one socket: its four channels stay, and say the same
    for m in result.manual:
        assert ("message type 'bind_reload' on /ws/health is mapped to BIND_RELOADED by the top-level "
                "`messages`, and the adapter's route for /ws/health does not subscribe to it: "
                "src/app/either.ts:3 may open several endpoints, which shows none of them sends it (map it "
                "under `endpoints./ws/health.messages` if /ws/health does)") in m.reason


def test_the_scan_after_fix_names_the_adapter_it_went_through(tmp_path: Path) -> None:
    """The table's summary names the adapter the sockets are opened with now (the bridge's here,
    not always `openLegacySocket`); a scan replayed from the cache, which keeps no summaries,
    names none rather than a wrong one."""
    repo = _checkout(ROOT / "tests" / "data" / "fix" / "adapter_bridge", tmp_path / "repo")
    for patch in plan_fixes(scan(repo, use_cache=False, jobs=1)).patches:
        (repo / patch.rel).write_bytes(patch.after)

    def summary(*args: str) -> str:
        proc = subprocess.run([sys.executable, "-m", "ws_migrate", "scan", ".", *args], cwd=repo,
                              capture_output=True, text=True, timeout=120)
        return " ".join(proc.stdout.split())

    assert "migrated through the adapter (`openLegacyBridge`, 1 socket)" in summary("--no-cache")
    summary()  # fills the cache
    cached = summary()
    assert "migrated through the adapter (1 socket)" in cached and "openLegacySocket" not in cached


def test_registrations_on_an_installed_global_are_named_by_the_global(tmp_path: Path) -> None:
    """A hub installed as the app's global property (`inject('hub', new Hub(context))` of a Nuxt
    plugin) has its handlers registered on `this.$hub` elsewhere: the reason names `$hub` and
    the line, not an anonymous "what the call returns"."""
    repo = tmp_path / "repo"
    (repo / "src" / "plugins").mkdir(parents=True)
    (repo / "src" / "components").mkdir()
    (repo / "package.json").write_text('{"name": "hub-app", "private": true}\n', encoding="utf-8")
    (repo / "src" / "plugins" / "hub.js").write_text("""export class Hub {
  constructor(context) {
    this.context = context
    this.handlers = {}
  }
  connect() {
    this.socket = new WebSocket(`${this.context.wsBase}/ws/hub/`)
    this.socket.onmessage = (e) => {
      const frame = JSON.parse(e.data)
      if (this.handlers[frame.type]) this.handlers[frame.type](frame)
    }
  }
  registerHandler(type, fn) {
    this.handlers[type] = fn
  }
  ping() {
    this.socket.send(JSON.stringify({ type: 'ping' }))
  }
}

export default function (context, inject) {
  inject('hub', new Hub(context))
}
""", encoding="utf-8")
    (repo / "src" / "components" / "Board.vue").write_text("""<template><div /></template>
<script>
export default {
  mounted() {
    this.$hub.registerHandler('card_moved', (frame) => console.log(frame.card))
  },
}
</script>
""", encoding="utf-8")
    _checkout(repo, tmp_path / "app")
    result = plan_fixes(scan(tmp_path / "app", use_cache=False, jobs=1))
    [left] = result.manual
    assert left.connection.message_types == ("card_moved",)
    assert "; handlers are registered on `$hub` elsewhere (src/components/Board.vue:5), not on the call's " \
           "result where it is made" in left.reason


def test_a_socket_kept_in_react_state_goes_on_the_adapter(tmp_path: Path) -> None:
    """`setSocket(new WebSocket(url))` of `const [socket, setSocket] = useState(…)`, its handler
    set in an effect: the state's declaration is no hand-off (the reason named its line), so the
    README flow puts the socket on the adapter, its API and type kept."""
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "package.json").write_text('{"name": "pods", "private": true, "dependencies": {"react": "^18.2.0"}}\n',
                                       encoding="utf-8")
    (repo / "src" / "Shell.tsx").write_text("""import { useEffect, useState } from 'react';

export function Shell({ pod }: { pod: string }) {
  const [socket, setSocket] = useState<WebSocket | null>(null);
  useEffect(() => {
    if (!socket) return undefined;
    socket.onmessage = (e: MessageEvent<string>) => {
      const frame = JSON.parse(e.data) as { type: string };
      if (frame.type === 'exit') socket.close();
    };
    return () => socket.close();
  }, [socket]);
  return <button onClick={() => setSocket(new WebSocket(`/api/shell/${pod}`))}>open</button>;
}
""", encoding="utf-8")
    assert _cli("rules", "infer", ".", "--no-cache", "-o", "ws-migrate.yaml", cwd=repo).returncode == 0
    assert _cli("init", ".", cwd=repo).returncode == 0
    result = plan_fixes(scan(repo, use_cache=False, jobs=1))
    assert result.manual == ()
    [patch] = [p for p in result.patches if p.rel == "src/Shell.tsx"]
    assert b"setSocket(openLegacySocket(`/api/shell/${pod}`))" in patch.after

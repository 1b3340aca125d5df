"""End to end: an app whose wrappers `fix` put over the adapter keeps working, on one connection.

The fixture tests/data/fix/adapter_wrappers (a class with an instance per channel, a factory
handed its handlers, a generic hook with a fixed-topic hook on it) goes through the README's
flow — `init`, `fix --write` — then runs under Node (`tests/node/adapter.e2e.test.ts`, with the
pinned TypeScript and `ws`, and a fake React) against a real `ws-migrate serve` with the
fixture's rules: events published on the server reach the app's own handlers, through the
wrappers' unchanged APIs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_fix import _checkout
from test_server_e2e import KEY, NODE_DIR, NODE_MODULES, SECRET, TSC, serve
from ws_migrate.fix import plan_fixes
from ws_migrate._atomic import write_atomic
from ws_migrate.rules import load_rules
from ws_migrate.scaffold import client_layout
from ws_migrate.scan import scan
from ws_migrate.server._auth import make_jwt

REPO = Path(__file__).resolve().parents[1]
CASE = REPO / "tests" / "data" / "fix" / "adapter_wrappers"


def test_adapted_wrappers_receive_the_servers_events(tmp_path: Path) -> None:
    root = _fixed(CASE, tmp_path, {
        "src/lib/ChannelClient.ts", "src/lib/createFeed.ts", "src/hooks/useTopicSocket.ts",
        "src/watch/watchSocket.ts", "src/streams/useStream.ts", "src/composables/useLiveLog.ts",
        "src/lib/metrics.ts"})
    _run_node(root, tmp_path, "adapter.e2e.test.ts", {
        "alerts": "src/app/alerts.ts", "prices": "src/app/prices.ts", "zones": "src/components/ZoneBadge.tsx",
        "servers": "src/watch/servers.ts", "robot": "src/streams/robot.ts", "logs": "src/composables/logs.ts",
        "metrics": "src/app/metrics.ts", "channels": "src/lib/ChannelClient.ts"},
        "export { hostMetrics } from '{spec}';\n", "src/lib/metrics.ts")


def test_inlined_callers_keep_their_behaviour_on_the_service(tmp_path: Path) -> None:
    """`fix --inline` after the adapter step: the class's instances go, `watchAlerts` and
    `watchDeploys` call the service itself, the fixed-topic hook's registrations in
    `useZoneCount` become the service's (its `isConnected` from `useWebSocketEvents`), and under
    Node they get the same events as before (and `watchDeploys`' stop function still stops),
    beside a watch hook that stays on the adapter, on one connection; a second `--inline`
    changes nothing."""
    root = _fixed(CASE, tmp_path, {
        "src/lib/ChannelClient.ts", "src/lib/createFeed.ts", "src/hooks/useTopicSocket.ts",
        "src/watch/watchSocket.ts", "src/streams/useStream.ts", "src/composables/useLiveLog.ts",
        "src/lib/metrics.ts"})
    result = plan_fixes(scan(root, use_cache=False, jobs=1), inline=True)
    assert {p.rel for p in result.patches} == {"src/app/alerts.ts", "src/lib/ChannelClient.ts",
                                               "src/components/ZoneBadge.tsx"}
    for patch in result.patches:
        write_atomic(root / patch.rel, patch.after)
    assert b"Channel" not in (root / "src/app/alerts.ts").read_bytes()
    assert b"export const alertsChannel" not in (root / "src/lib/ChannelClient.ts").read_bytes()
    assert b"useSystemSocket" not in (root / "src/components/ZoneBadge.tsx").read_bytes()
    assert plan_fixes(scan(root, use_cache=False, jobs=1), inline=True).patches == ()
    _run_node(root, tmp_path, "inline.e2e.test.ts", {
        "alerts": "src/app/alerts.ts", "zones": "src/components/ZoneBadge.tsx", "servers": "src/watch/servers.ts"})


def test_kept_endpoints_keep_their_own_socket_beside_the_service(tmp_path: Path) -> None:
    """A wrapper on react-use-websocket whose joystick caller sends, and one on VueUse whose
    console sends (tests/data/fix/adapter_kept, `keep_socket: true` on their endpoints): after
    `fix`, the telemetry hooks and the notices get the server's events on one connection, the
    joystick's moves go through the library's own hook as before, a class's handler reads the
    event's time where its messages carried it (`time_field`), and the patched files pass
    strict tsc with VueUse's own types."""
    root = _fixed(REPO / "tests" / "data" / "fix" / "adapter_kept", tmp_path,
                  {"src/link/useLink.ts", "src/vue/useChannel.ts", "src/link/events.ts"})
    _run_node(root, tmp_path, "kept.e2e.test.ts", {
        "altitude": "src/telemetry/useAltitude.ts", "battery": "src/telemetry/useBattery.ts",
        "stick": "src/control/useStick.ts", "mission": "src/control/useMission.ts",
        "notices": "src/vue/notices.ts", "console": "src/vue/console.ts", "events": "src/link/events.ts",
        "status": "src/vue/status.ts", "uplink": "src/vue/uplink.ts"})


def test_shared_types_and_wire_values_reach_the_right_channels(tmp_path: Path) -> None:
    """tests/data/fix/adapter_shared_messages: a type the top-level `messages:` maps on any
    endpoint reaches only the channels whose endpoint the scan saw handle it (the health channel
    does not get zone events; the DNS channel gets its own mapping of `zone_created`), and
    EventTypes whose wire values are not their names, published by name or by wire value, reach
    the clients subscribed by the wire values."""
    root = _fixed(REPO / "tests" / "data" / "fix" / "adapter_shared_messages", tmp_path,
                  {"src/lib/ChannelClient.ts", "src/components/Zones.tsx"})
    _run_node(root, tmp_path, "shared.e2e.test.ts", {"channels": "src/app/channels.ts"})


def test_bridge_mixins_listen_over_the_service_and_the_senders_keep_their_bridge(tmp_path: Path) -> None:
    """Vue 2 mixins over django-channels' `WebSocketBridge` (tests/data/fix/adapter_bridge): a
    mixin opening a bridge per channel each component lists, an answer desk that sends through
    the mixin's `sendToChannel`, a board mixin that hands its bridge to a store: after `fix`
    the listening components get the server's events on one connection, and the two channels
    that send go through the library's own bridge (a fake that records them), as before."""
    root = _fixed(REPO / "tests" / "data" / "fix" / "adapter_bridge", tmp_path, {"src/live/LiveChannelsMixin.vue"})
    for vue in root.rglob("*.vue"):  # Node reads no `.vue`: each `<script>` as a module beside it
        script = re.search(r"<script>\n(.*?)</script>", vue.read_text(encoding="utf-8"), re.DOTALL)
        assert script is not None, vue
        (vue.parent / f"{vue.name}.js").write_text(
            re.sub(r"from '(\.[^']*\.vue)'", r"from '\1.js'", script.group(1)), encoding="utf-8")
    _run_node(root, tmp_path, "bridge.e2e.test.ts", {
        "roundBoard": "src/board/RoundBoard.vue.js", "answerDesk": "src/desk/AnswerDesk.vue.js",
        "leaderboard": "src/desk/Leaderboard.vue.js", "timerBanner": "src/desk/TimerBanner.vue.js"})


def _fixed(case: Path, tmp_path: Path, patched: set[str]) -> Path:
    """The case checked out with `init`'s client and `fix`'s patches written; `patched`: the
    files the patch must change."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not (TSC.is_file() and (NODE_MODULES / "ws").is_dir()):
        pytest.skip("tests/node/node_modules is missing: run `(cd tests/node && npm ci)`")
    root = _checkout(case, tmp_path / "app")  # with `init`'s client
    result = plan_fixes(scan(root, use_cache=False, jobs=1))
    assert {p.rel for p in result.patches} == patched
    for patch in result.patches:
        write_atomic(root / patch.rel, patch.after)
    return root


def _run_node(root: Path, tmp_path: Path, test_file: str, modules: dict[str, str],
              extra: str = "", extra_rel: str = "") -> None:
    """Compile `test_file` of tests/node with the app (`modules`: the names it imports the
    app's modules as) under the pinned TypeScript, and run it against a real `ws-migrate serve`
    with the app's rules; its one test must pass."""
    layout = client_layout(root, load_rules(root=root))
    build = tmp_path / "node-tests"
    build.mkdir()
    for name in (test_file, "e2e-helpers.ts", "fake-react.ts", "fake-react-use-websocket.ts", "fake-django-channels.ts"):
        shutil.copy(NODE_DIR / name, build / name)

    def spec(rel: str) -> str:
        return os.path.relpath(root / rel, build).removesuffix(".tsx").removesuffix(".ts")

    (build / "app.ts").write_text(
        "".join(f"export * as {name} from '{spec(rel)}';\n" for name, rel in modules.items())
        + (extra.replace("{spec}", spec(extra_rel)) if extra else "")
        + "export { effectScope, nextTick } from 'vue';\n"
        f"export {{ websocketService }} from '{spec(layout.service_file)}';\n"
        f"export {{ EventType }} from '{spec(layout.types_file)}';\n", encoding="utf-8")
    out = tmp_path / "out"
    config = build / "tsconfig.json"
    config.write_text(json.dumps({
        "extends": str(NODE_DIR / "tsconfig.json"),
        # skipLibCheck, as Vue projects set it (VueUse's .d.ts names Web Bluetooth's types);
        # the app's and the generated .ts files are checked in full
        # allowJs: a Vue component's `<script>`, as a module beside it (not type-checked)
        "compilerOptions": {"noEmit": False, "outDir": str(out), "rootDir": str(tmp_path), "skipLibCheck": True,
                            "allowJs": True,
                            "typeRoots": [str(NODE_MODULES / "@types")], "types": ["node", "react"],
                            "paths": {"react": [str(build / "fake-react.ts")],
                                      "react-use-websocket": [str(build / "fake-react-use-websocket.ts")],
                                      "django-channels": [str(build / "fake-django-channels.ts")],
                                      "vue": [str(NODE_MODULES / "vue")],
                                      "@vueuse/core": [str(NODE_MODULES / "@vueuse" / "core")]}},
        "files": [test_file, "app.ts"],
    }), encoding="utf-8")
    proc = subprocess.run(["node", str(TSC), "-p", str(config)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # the app's `import … from 'react'` gets the fake (and a JSX runtime that renders nothing)
    react = out / "node_modules" / "react"
    react.mkdir(parents=True)
    (react / "index.js").write_text("module.exports = require('../../node-tests/fake-react.js');\n")
    for library in ("react-use-websocket", "django-channels"):  # the fakes, where the app imports them
        (out / "node_modules" / library).mkdir(parents=True)
        (out / "node_modules" / library / "index.js").write_text(
            f"module.exports = require('../../node-tests/fake-{library}.js');\n", encoding="utf-8")
    (react / "jsx-runtime.js").write_text("const none = () => null;\n"
                                          "module.exports = { jsx: none, jsxs: none, Fragment: 'f' };\n")
    (out / "package.json").write_text('{"type": "commonjs"}\n', encoding="utf-8")

    server, base = serve("--rules", str(root / "ws-migrate.yaml"))
    try:
        env = {**os.environ, "NODE_PATH": str(NODE_MODULES), "WSM_BASE": base, "WSM_KEY": KEY,
               "WSM_TOKEN": make_jwt(SECRET, "trader", "viewer")}
        compiled = out / "node-tests" / test_file.replace(".ts", ".js")
        proc = subprocess.run(["node", "--test", "--test-reporter=tap", str(compiled)],
                              capture_output=True, text=True, timeout=120, cwd=out, env=env, check=False)
    finally:
        server.terminate()
        server.wait(10)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
    passed = re.search(r"^# pass (\d+)$", proc.stdout, re.MULTILINE)
    assert passed is not None and int(passed.group(1)) == 1, proc.stdout[-2000:]


def test_library_sockets_over_the_adapter_compile_strict(tmp_path: Path) -> None:
    """partysocket's, isomorphic-ws's, Sarus's and Sockette's sockets, and a base64 stream of an
    endpoint's default event, put over the adapter: the patched files, with the library import
    gone, pass `tsc --strict` with the generated client."""
    if shutil.which("node") is None or not TSC.is_file():
        pytest.skip("the pinned TypeScript is not installed: run `(cd tests/node && npm ci)`")
    root = _checkout(REPO / "tests" / "data" / "fix" / "adapter_libraries", tmp_path / "app")
    result = plan_fixes(scan(root, use_cache=False, jobs=1))
    patched = {"src/live/ticker.ts", "src/live/logs.js", "src/live/boardStore.ts", "src/live/alerts.js",
               "src/live/frames.ts"}
    assert {p.rel for p in result.patches} == patched
    for patch in result.patches:
        write_atomic(root / patch.rel, patch.after)
        assert not re.search(rb"from '(partysocket|isomorphic-ws|sockette|@anephenix/sarus)'", patch.after)
    config = root / "tsconfig.check.json"
    config.write_text(json.dumps({
        "compilerOptions": {"strict": True, "noEmit": True, "target": "ES2020", "module": "ESNext",
                            "moduleResolution": "Bundler", "lib": ["ES2020", "DOM"], "allowJs": True,
                            "checkJs": False, "typeRoots": [], "types": []},
        "files": sorted(patched | {"src/live/boardView.ts"}),
    }), encoding="utf-8")
    proc = subprocess.run(["node", str(TSC), "-p", str(config)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr

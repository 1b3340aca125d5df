"""Data-driven scan tests: every folder under tests/data/scan/ (and the demo app) is a case.

A case is a small repo plus `EXPECTED.json`. The scan must report exactly the expected
connections (by file and line, with the fields listed), exactly the expected findings of every
rule but `legacy-connection` (so rules that must not fire are checked too), the expected
wrappers with their call counts, and the expected external sockets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ws_migrate.render import scan_to_dict
from ws_migrate.scan import scan

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted(p.parent for p in (ROOT / "tests" / "data" / "scan").glob("*/EXPECTED.json"))
CASES.append(ROOT / "fixtures" / "demo-app")


@pytest.fixture(scope="module", params=CASES, ids=lambda p: p.name)
def case(request: pytest.FixtureRequest) -> tuple[dict, dict]:
    root: Path = request.param
    got = scan_to_dict(scan(root, use_cache=False, jobs=1))
    expected = json.loads((root / "EXPECTED.json").read_text())
    return expected, got


def _by_site(connections: list[dict]) -> dict[tuple[str, int], list[dict]]:
    """Connections by place; a place that opens several sockets (a loop over topics) has one
    connection per socket, in the order of their endpoints."""
    out: dict[tuple[str, int], list[dict]] = {}
    for c in connections:
        out.setdefault((c["file"], c["line"]), []).append(c)
    for group in out.values():
        group.sort(key=lambda c: json.dumps(c.get("endpoint")))
    return out


def test_connections(case: tuple[dict, dict]) -> None:
    expected, got = case
    by_site = _by_site(got["connections"])
    want = _by_site(expected["connections"])
    assert sorted(by_site) == sorted(want), "connections found differ from the expected sites"
    for site, wanted in want.items():
        assert len(by_site[site]) == len(wanted), f"{site[0]}:{site[1]}: sockets opened there"
        for found, exp in zip(by_site[site], wanted):
            for key, value in exp.items():
                assert found[key] == value, f"{site[0]}:{site[1]} {key}"


def test_findings(case: tuple[dict, dict]) -> None:
    expected, got = case
    found = sorted(
        (f["rule"], f["file"], f["line"]) for f in got["findings"] if f["rule"] != "legacy-connection"
    )
    want = sorted((f["rule"], f["file"], f["line"]) for f in expected["findings"])
    assert found == want


def test_wrappers(case: tuple[dict, dict]) -> None:
    expected, got = case
    found = sorted((w["name"], w["file"], w["calls"]) for w in got["wrappers"])
    want = sorted((w["name"], w["file"], w["calls"]) for w in expected.get("wrappers", []))
    assert found == want


def test_external_and_suppressed(case: tuple[dict, dict]) -> None:
    expected, got = case
    assert sorted((e["file"], e["line"]) for e in got["external"]) == sorted(
        (e["file"], e["line"]) for e in expected.get("external", [])
    )
    assert got["summary"]["suppressed"] == len(expected.get("suppressed", []))


def test_unified_clients_and_socketio(case: tuple[dict, dict]) -> None:
    # the team's own multiplexed client and Socket.IO clients are listed apart, never legacy
    expected, got = case
    assert sorted((u["name"], u["file"], u["line"], len(u["users"])) for u in got["unified_clients"]) == sorted(
        (u["name"], u["file"], u["line"], u["users"]) for u in expected.get("unified_clients", []))
    assert sorted((s["file"], s["line"]) for s in got["socketio"]) == sorted(
        (s["file"], s["line"]) for s in expected.get("socketio", []))


def test_every_connection_has_a_legacy_connection_finding(case: tuple[dict, dict]) -> None:
    _, got = case
    flagged = {(f["file"], f["line"]) for f in got["findings"] if f["rule"] == "legacy-connection"}
    assert flagged == {(c["file"], c["line"]) for c in got["connections"]}


def test_backend_endpoints(case: tuple[dict, dict]) -> None:
    expected, got = case
    want = sorted((e["file"], e["line"], e["path"]) for e in expected.get("backend_endpoints", []))
    assert sorted((e["file"], e["line"], e["endpoint"]) for e in got["endpoints"]) == want


def test_a_mixin_entry_is_left_to_the_team_with_its_line_and_its_mixin() -> None:
    """`fix` does not rewrite Vue mixins: each component's entry says so, naming its line and
    the mixin whose socket it is, and keeps its own endpoint."""
    got = scan_to_dict(scan(ROOT / "tests" / "data" / "scan" / "vue_mixins", use_cache=False, jobs=1))
    panel = next(c for c in got["connections"] if c["file"] == "src/components/BidderPanel.vue")
    assert panel["fix"] == "manual"
    assert any("Vue mixin entry" in r and "line 9" in r and "ChannelSocketMixin" in r
               for r in panel["manual_reasons"])
    clock = next(c for c in got["connections"] if c["file"] == "src/components/RoomClock.vue")
    assert not any("mixin" in r for r in clock["manual_reasons"])


def test_a_provider_keeping_the_last_message_names_where_its_consumers_read_it() -> None:
    """A provider that keeps the last message in state stays manual, and its reason says so:
    the state it provides, the context, and a consumer that reads it (file and line)."""
    got = scan_to_dict(scan(ROOT / "tests" / "data" / "scan" / "context_state", use_cache=False, jobs=1))
    (app,) = got["connections"]
    assert app["fix"] == "manual"
    assert any("keeps the last message in state" in r and "`latest` of RealtimeContext" in r
               and "src/features/presence/WhoIsHere.tsx:5" in r for r in app["manual_reasons"])


def test_a_factory_instance_gives_each_caller_of_its_hook_its_own_endpoint() -> None:
    """The pages calling a hook that calls `feed.watch({ params: { collection } })` on a module
    instance of the factory each connect to their own collection; the factory's own call is no
    connection, and the manual reasons name the endpoint that has no rule."""
    got = scan_to_dict(scan(ROOT / "tests" / "data" / "scan" / "factory_methods", use_cache=False, jobs=1))
    by_file = {c["file"]: c for c in got["connections"]}
    assert "src/live/useLiveRows.ts" not in by_file
    assert by_file["src/pages/Orders.tsx"]["endpoints"][0] == "/api/live/orders"
    assert by_file["src/pages/Invoices.tsx"]["endpoints"][0] == "/api/live/invoices"
    assert "no rule for endpoint /api/live/orders" in by_file["src/pages/Orders.tsx"]["manual_reasons"]


def test_a_plugin_socket_is_left_to_the_team_saying_the_plugin_opens_it() -> None:
    """vue-native-websocket's socket, opened by `Vue.use(VueNativeSock, url, …)`, is no code
    `fix` rewrites: its reason names the plugin and `use(…)`."""
    got = scan_to_dict(scan(ROOT / "tests" / "data" / "scan" / "vue_stores", use_cache=False, jobs=1))
    feed = next(c for c in got["connections"] if c["file"] == "src/store/index.js")
    assert feed["fix"] == "manual"
    assert any("installing the vue-native-websocket plugin (`use(…)`)" in r for r in feed["manual_reasons"])


def test_a_vue3_app_installing_the_plugin_is_a_connection_at_each_use(tmp_path: Path) -> None:
    """`app.use(VueNativeSock, url, { store, format: 'json' })` of vue-native-websocket-vue3 (and
    `createApp(App).use(…)`): a socket at each call; only one given a store commits its messages
    to the `SOCKET_ONMESSAGE` mutation, and not when its `passToStoreHandler` never hands the
    event on (`next`)."""
    (tmp_path / "package.json").write_text('{"name": "kiosk", "dependencies": {"vue": "^3.4.0"}}')
    src = tmp_path / "src"
    src.mkdir()
    (src / "main.ts").write_text(
        "import { createApp } from 'vue'\n"
        "import VueNativeSock from 'vue-native-websocket-vue3'\n"
        "import App from './App.vue'\n"
        "import store from './store'\n"
        "const app = createApp(App)\n"
        "app.use(store)\n"
        "app.use(VueNativeSock, `ws://${location.host}/kiosk/live`, { store, format: 'json' })\n"
        "createApp(App).use(VueNativeSock, '/kiosk/preview', { format: 'json' }).mount('#preview')\n"
        "createApp(App).use(VueNativeSock, '/kiosk/admin', {\n"
        "  store, format: 'json', passToStoreHandler(name, event) { console.debug(name, event) },\n"
        "}).mount('#admin')\n")
    (src / "store.ts").write_text(
        "import { createStore } from 'vuex'\n"
        "export default createStore({\n"
        "  state: { n: 0 },\n"
        "  mutations: {\n"
        "    SOCKET_ONMESSAGE(state, message) {\n"
        "      if (message.type === 'counter_up') state.n++\n"
        "      else if (message.type === 'counter_reset') state.n = 0\n"
        "    },\n"
        "  },\n"
        "})\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    by_line = {c["line"]: c for c in got["connections"]}
    assert sorted(by_line) == [7, 8, 9]
    assert by_line[9]["endpoints"] == ["/kiosk/admin"] and by_line[9]["message_types"] == []
    assert by_line[7]["endpoints"] == ["/kiosk/live"] and by_line[7]["library"] == "vue-native-websocket"
    assert by_line[7]["message_types"] == ["counter_reset", "counter_up"]
    assert by_line[8]["endpoints"] == ["/kiosk/preview"] and by_line[8]["message_types"] == []

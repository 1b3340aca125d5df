"""How an endpoint is read out of a URL template (`url_info`), and how wrapper calls substitute."""

from __future__ import annotations

import pytest

from ws_migrate.analyse._values import Lit, Obj, Param, Template, Unknown, concat, literal, substitute, url_info

APP = ("localhost", "127.0.0.1")
P = lambda i, name, *path: Param(i, tuple(path), name)  # noqa: E731
U = Unknown


@pytest.mark.parametrize(
    ("template", "endpoint", "external", "flags"),
    [
        (literal("/ws/health"), "/ws/health", False, ""),
        (literal("/ws/health/"), "/ws/health", False, ""),
        (literal("/ws//health?x=1#frag"), "/ws/health", False, ""),
        (concat(U("proto"), literal("//"), U("host"), literal("/ws/dns?token="), U("token")), "/ws/dns", False, "token"),
        (concat(U("WS_BASE"), literal("/ws/security")), "/ws/security", False, ""),
        (literal("ws://localhost:8000/ws/metrics"), "/ws/metrics", False, "insecure"),
        (literal("ws://localhost:1234"), "/", False, "insecure"),
        (literal("wss://feeds.example.com/v1/prices"), "/v1/prices", True, ""),
        (concat(literal("/ws/"), P(0, "topic")), "/ws/{topic}", False, "param"),
        (concat(literal("/ws/notifications/"), P(0, "token")), "/ws/notifications/{token}", False, "token"),
        (concat(U("base"), P(0, "endpoint")), None, False, "param"),  # `${BASE}${endpoint}`
        (concat(U("scheme"), literal("//"), U("host"), P(0, "endpoint")), None, False, "param"),
        (concat(U("getSocketUrl")), None, False, ""),
        (concat(P(0, "base"), literal("/ws/admin")), "/ws/admin", False, ""),  # a base param is not a wrapper
        # a relative path glued to a run-time base is under the app's root
        (concat(U("wsUrl"), literal("stream")), "/stream", False, ""),  # `wsUrl + 'stream'`
        (concat(U("protocol"), literal("//"), U("host"), U("baseUrl"), literal("ws")), "/ws", False, ""),
        (concat(U("proto"), literal("//"), U("host"), U("baseUrl"), literal("status/")), "/status", False, ""),
        (concat(P(0, "base"), literal("stream?since=1")), "/stream", False, ""),
        (concat(U("base"), literal("./events")), "/events", False, ""),
        (concat(U("proto"), literal("//"), U("host"), U("port"), literal("/ws")), "/ws", False, ""),
        (concat(literal("wss://"), U("hostname"), U("port")), "/", False, ""),  # a port, not a path
        # ...never a host or a path it cannot place
        (concat(U("proto"), literal("//"), U("host"), U("baseUrl")), None, False, ""),  # not `/`
        (concat(literal("ws://localhost:8000"), U("path")), None, False, "insecure"),
        (concat(literal("ws://"), U("apiRoot"), literal("comms")), None, False, "insecure"),
        (concat(literal("wss://"), U("host")), "/", False, ""),
        (concat(literal("wss://"), U("tenant"), literal(".example.com")), "/", False, ""),
        (concat(U("host"), literal(":8080/ws")), None, False, ""),
        (concat(U("protocol"), literal("myhost/ws")), None, False, ""),
        (concat(U("base"), literal("example.com/ws")), None, False, ""),
        (concat(U("base"), U("prefix"), literal("stream")), None, False, ""),
        (concat(U("base"), literal("-stream")), None, False, ""),
        # `.` and empty segments say nothing; `..` goes up
        (literal("/./events"), "/events", False, ""),
        (literal("/ws/../socket//x/"), "/socket/x", False, ""),
        (concat(literal("/./"), P(0, "relativePath")), "/{relativePath}", False, "param"),
    ],
)
def test_url_info(template: Template, endpoint: str | None, external: bool, flags: str) -> None:
    info = url_info(template, APP)
    assert info.endpoint == endpoint
    assert info.external is external
    assert info.token_in_url is ("token" in flags)
    assert info.insecure is ("insecure" in flags)
    assert info.param_in_path is ("param" in flags)


def test_substitution_through_an_options_object_and_a_chain() -> None:
    wrapper = concat(literal("/ws/"), P(0, "topic", "topic"), literal("/"), P(1, "userId"))
    # useTopicSocket({ topic: 'system' }, id) from a hook whose own parameter is `id`
    called = substitute(wrapper, (Obj((("topic", literal("system")),)), P(0, "id")))
    assert called == Template((Lit("/ws/system/"), Param(0, (), "userId")))
    # the run-time value keeps the wrapper's parameter name, whatever the caller calls it
    assert url_info(substitute(called, (U("user.id"),)), APP).endpoint == "/ws/system/{userId}"
    # a missing argument is a run-time value too
    assert url_info(substitute(wrapper, ()), APP).endpoint == "/ws/{topic}/{userId}"


def test_a_parameter_of_a_returned_function_is_filled_only_by_its_later_calls() -> None:
    """`createStore('project')` returns `{ load(uuid) }`, whose socket URL is `/ws/${collection}/
    ${uuid}`: `uuid` is load's first parameter, not createStore's, so the call's first argument
    must not fill it; with no later `load(...)` in sight it is a run-time segment."""
    from ws_migrate.analyse._values import called

    template = concat(literal("/ws/"), Param(0, (), "collection", "createStore"), literal("/"),
                      Param(0, (), "uuid", "createStore#load"))
    args = (literal("project"),)
    assert url_info(called(template, args, ()), APP).endpoint == "/ws/project/{uuid}"
    later = (("load", (literal("current"),)),)
    assert url_info(called(template, args, later), APP).endpoint == "/ws/project/current"


def _endpoints_of(js: str) -> list[str | None]:
    """The endpoints the socket of `js` may open, as the scan reads its URL (one per option)."""
    from ws_migrate.analyse._typescript import summarize
    from ws_migrate.analyse._values import alternatives

    (site,) = summarize(js.encode(), "src/socket.js", "javascript").sockets
    return sorted({url_info(a, APP).endpoint for a in alternatives(site.args[0])}, key=lambda e: e or "")


@pytest.mark.parametrize(
    ("js", "endpoints"),
    [
        # a variable assigned in each arm of an `if … else`: what each arm leaves it
        (("function c(s) { var u; if (s.remote) { u = 'wss://' + location.host + '/ws/a' }"
          " else { u = 'ws://' + location.host + '/ws/b' } return new WebSocket(u) }"),
         ["/ws/a", "/ws/b"]),
        # `else if` chains: every arm; an arm assigning nothing leaves the value before the `if`
        (("function c(s) { let u = '/ws/zero'; if (s.a) { u = '/ws/a' } else if (s.b) { u = '/ws/b' }"
          " else { log(s) } return new WebSocket(u) }"),
         ["/ws/a", "/ws/b", "/ws/zero"]),
        # no `else`: it may not have run (as before)
        (("function c(s) { var u = '/ws/base'; if (s.x) { u = u + '/x' } return new WebSocket(u) }"),
         ["/ws/base", "/ws/base/x"]),
        # a `var` is reassigned like a `let`: a path built in steps, `x = x + …` and `+=`
        (("function c() { var p = location.host; p = p + location.pathname; if (p.slice(-1) !== '/') { p += '/' }"
          " p += 'events'; return new WebSocket('wss://' + p) }"),
         ["/events"]),
        # the arm's own steps count, and an `if` without `else` inside an arm may leave it unset
        (("function c(s) { var u; if (s.root) { var m = /^(https?):\\/\\/(.*)$/.exec(s.root);"
          " if (m) { u = 'ws' + (m[1] === 'https' ? 's' : '') + '://' + m[2] + 'comms' } }"
          " else { var p = location.hostname; if (location.port) { p = p + ':' + location.port }"
          " p = p + location.pathname; p = p + (p.slice(-1) == '/' ? '' : '/') + 'comms'; u = 'ws://' + p }"
          " return new WebSocket(u) }"),
         [None, "/comms"]),
        # a run-time value after the scheme glued to words: its path is not told (no `/status`)
        (("function c(s) { var u; if (s.b) { u = 'wss://' + s.b + 'status/live' } else { u = '/status/live' }"
          " return new WebSocket(u) }"),
         [None, "/status/live"]),
        # an assignment in an arm inside a loop: either, or what it held before
        (("function c(list) { let u = '/ws/a'; for (const x of list) { if (x) { u = '/ws/b' } else { u = '/ws/c' } }"
          " return new WebSocket(u) }"),
         ["/ws/a", "/ws/b", "/ws/c"]),
        # an `if … else` inside an `if` with none: either arm, or what it held before
        (("function c(s) { let u = '/ws/none'; if (s.on) { if (s.tls) { u = '/ws/tls' } else { u = '/ws/plain' } }"
          " return new WebSocket(u) }"),
         ["/ws/none", "/ws/plain", "/ws/tls"]),
        # a `const` is its value; a `var` never reassigned too
        (("var U = '/ws/fixed'; function c() { return new WebSocket(U) }"),
         ["/ws/fixed"]),
    ],
)
def test_values_assigned_in_branches(js: str, endpoints: list[str | None]) -> None:
    assert _endpoints_of(js) == endpoints


@pytest.mark.parametrize(
    ("js", "endpoints"),
    [
        # a setting read at run time with the app's own path as its fallback: that path
        (("const api = window.__CONFIG__ ? window.__CONFIG__.apiUri : '/api/v1';"
          " export const s = new WebSocket(location.origin.replace('http', 'ws') + api + '/ws');"),
         ["/api/v1/ws"]),
        (("const api = window.cfg?.api ?? '/api/v2'; export const s = new WebSocket(`${api}/ws`);"),
         ["/api/v2/ws"]),
        (("const api = window.cfg.api || '/api/v3'; export const s = new WebSocket(api + '/ws');"),
         ["/api/v3/ws"]),
        # a parameter's fallback stays the caller's to fill; a root or a host is no fallback path
        (("export function c(path) { return new WebSocket('/ws/' + (path || 'main')) }"),
         ["/ws/{path}"]),
        (("const base = window.cfg.base || '/'; export const s = new WebSocket(base + 'feed');"),
         ["/feed"]),
        (("const host = window.cfg.host || 'ws://localhost:9000'; export const s = new WebSocket(host + '/live');"),
         ["/live"]),
    ],
)
def test_a_run_time_setting_with_a_default_path(js: str, endpoints: list[str | None]) -> None:
    assert _endpoints_of(js) == endpoints


@pytest.mark.parametrize(
    ("js", "endpoints"),
    [
        # a class field seeded with a placeholder: what the other methods assign it
        (("class T { url = false; start() { this.url = `wss://${location.host}/api/ticks`; this.open() }"
          " open() { return new WebSocket(this.url) } }"),
         ["/api/ticks"]),
        # several assignments are alternatives; the placeholder put back on close is none
        (("class T { url = null; a() { this.url = '/ws/a' } b() { this.url = '/ws/b' }"
          " stop() { this.url = null } open() { return new WebSocket(this.url) } }"),
         ["/ws/a", "/ws/b"]),
        # a constructor's placeholder, the real value set later
        (("class T { constructor() { this.url = '' } go() { this.url = '/ws/go' }"
          " open() { return new WebSocket(this.url) } }"),
         ["/ws/go"]),
        # a setter's parameter is what some caller gives: no endpoint, never the placeholder
        (("class T { url = ''; setUrl(u) { this.url = u } open() { return new WebSocket(this.url) } }"),
         [None]),
        # a Vue `data()` placeholder, assigned in `mounted()`
        (("export default { data() { return { wsUrl: false } },"
          " mounted() { this.wsUrl = 'ws://' + location.host + '/api/feed' },"
          " methods: { open() { return new WebSocket(this.wsUrl) } } }"),
         ["/api/feed"]),
        # a `data()` placeholder nothing assigns: run time, no `/false`
        (("export default { data() { return { wsUrl: false } },"
          " methods: { open() { return new WebSocket(this.wsUrl) } } }"),
         [None]),
    ],
)
def test_a_property_seeded_with_a_placeholder(js: str, endpoints: list[str | None]) -> None:
    assert _endpoints_of(js) == endpoints


@pytest.mark.parametrize(
    ("js", "endpoints"),
    [
        # a property of an object literal set in steps before the socket: the URL it is made
        (("export function c() { let r = { webSocket: '' }; r.webSocket = 'wss://';"
          " r.webSocket += location.host + '/term/socket'; return new WebSocket(r.webSocket) }"),
         ["/term/socket"]),
        (("const a = { ws: 'ws://' }; a.ws += location.host + '/term/events'; export const s = new WebSocket(a.ws);"),
         ["/term/events"]),
        # a scheme alone is no URL yet (no host, no endpoint, never `/`)
        (("const a = { ws: 'ws://' }; export const s = new WebSocket(a.ws);"), [None]),
    ],
)
def test_a_property_set_in_steps(js: str, endpoints: list[str | None]) -> None:
    assert _endpoints_of(js) == endpoints


def test_a_scheme_alone_is_no_external_host() -> None:
    info = url_info(literal("ws://"), APP)
    assert (info.external, info.host, info.endpoint) == (False, None, None)


@pytest.mark.parametrize(
    ("js", "endpoints"),
    [
        # a run-time override falling back on a URL of the app's own: the default's path
        (("const d = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/hot/`;"
          " export const s = new WebSocket(document.currentScript?.dataset?.wsUrl || d);"),
         ["/hot"]),
        (("export const s = new WebSocket(window.cfg.ws ?? `wss://${location.host}/ws/live`);"),
         ["/ws/live"]),
        # an environment variable: itself (its `.env` value, once linked) or the default
        (("export const s = new WebSocket(import.meta.env.VITE_WS || `wss://${location.host}/ws/live`);"),
         [None, "/ws/live"]),
        # a default on another host, a word, a parameter's: not the endpoint
        (("export const s = new WebSocket(window.cfg.ws || 'wss://feeds.example.com/v1');"), [None]),
        (("export function c(url) { return new WebSocket(url || `wss://${location.host}/ws/x`) }"), [None]),
    ],
)
def test_a_run_time_url_with_a_default_url(js: str, endpoints: list[str | None]) -> None:
    assert _endpoints_of(js) == endpoints

"""The Python back end: endpoints and emits (read with tree-sitter), findings, and the cross-check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ws_migrate.render import scan_to_dict
from ws_migrate.scan import scan

BACKEND = '''
import json
from enum import Enum

import websockets
from fastapi import APIRouter, FastAPI, Query, WebSocket
from starlette.routing import Router

app = FastAPI()
router = APIRouter()


class Kind(str, Enum):
    ZONE = "zone_updated"


@app.websocket("/ws/x")
async def x(websocket: WebSocket, token: str = Query(None)):
    await websocket.send_text(json.dumps({"type": "hello", "payload": 1}))
    await websocket.send_json({"payload": "no type"})


@router.websocket(path="/ws/unused")
async def unused(websocket: WebSocket):
    msg = {"type": Kind.ZONE, "payload": {}}
    await websocket.send_json(msg)


async def feed(ws):
    pass


starlette_router = Router()
starlette_router.add_websocket_route("/ws/feed", feed)


async def handler(websocket, path):
    if path == "/ws/raw":
        await websocket.send(json.dumps({"type": "raw_tick"}))


async def publish(manager):
    await manager.broadcast("x", {"type": "a", "payload": 1})
    await manager.broadcast("x", {"type": "dead", "payload": 2})
'''

MANAGER = '''
class ConnectionManager:
    def __init__(self):
        self.sockets = {}

    async def broadcast(self, topic, message):
        for ws in self.sockets.get(topic, ()):
            await ws.send_json(message)
'''

FRONTEND = '''
import { useEffect } from 'react';
export function Panel() {
  useEffect(() => {
    const ws = new WebSocket('/ws/x');
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.type === 'a') console.log(m.payload);
      else if (m.type === 'orphan') console.log(m.payload);
    };
    const lost = new WebSocket('/ws/nobody');
    lost.onmessage = (e) => { const n = JSON.parse(e.data); if (n.type === 'q') console.log(n); };
    return () => { ws.close(); lost.close(); };
  }, []);
  return null;
}
'''


def test_backend_endpoints_emits_findings_and_cross_check(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "server.py").write_text(BACKEND)
    (tmp_path / "api" / "manager.py").write_text(MANAGER)
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "Panel.tsx").write_text(FRONTEND)
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    endpoints = {(e["endpoint"], e["framework"]) for e in got["endpoints"]}
    assert endpoints == {("/ws/x", "fastapi"), ("/ws/unused", "fastapi"), ("/ws/feed", "starlette"),
                         ("/ws/raw", "websockets")}
    rules = {(f["rule"], f["line"]) for f in got["findings"] if f["file"] == "api/server.py"}
    assert ("token-in-query", 18) in rules
    assert ("untyped-message", 20) in rules  # send_json without a type
    assert sum(1 for r, _ in rules if r == "legacy-endpoint") == 4
    emitted = {(m["type"], m["endpoint"]) for m in got["message_types"] if m["emitted_in"]}
    # a literal, json.dumps, an enum member through a variable, registry sends, path routing
    assert {("hello", "/ws/x"), ("zone_updated", "/ws/unused"), ("a", "/ws/x"), ("dead", "/ws/x"),
            ("raw_tick", "/ws/raw")} <= emitted
    cc = got["cross_check"]
    assert [(m["type"], m["endpoint"]) for m in cc["dead_handlers"]] == [("orphan", "/ws/x")]
    assert ("dead", "/ws/x") in [(m["type"], m["endpoint"]) for m in cc["dead_events"]]
    assert ("a", "/ws/x") not in [(m["type"], m["endpoint"]) for m in cc["dead_events"]]
    assert cc["connected_not_served"] == ["/ws/nobody"]
    assert set(cc["served_not_connected"]) == {"/ws/unused", "/ws/feed", "/ws/raw"}


def test_the_cross_check_matches_a_path_appended_to_a_run_time_base_and_a_parameter(tmp_path: Path) -> None:
    # the front end appends `/message/ws` to a base the user logs in to (`…/api/v1`), and opens
    # its job stream at a path it is given: both are the served endpoints, not dead ends
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "app.py").write_text("""from fastapi import APIRouter, FastAPI, WebSocket

router = APIRouter(prefix="/api/v1")


@router.websocket("/message/ws")
async def messages(ws: WebSocket):
    await ws.accept()
    await ws.send_json({"type": "whitelist", "data": []})
    await ws.send_json({"type": "status", "data": {}})


@router.websocket("/jobs/logs")
async def logs(ws: WebSocket):
    await ws.accept()
    await ws.send_json({"type": "line", "data": ""})
    await ws.send_json({"type": "exit", "code": 0})


app = FastAPI()
app.include_router(router)
""")
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "bot.ts").write_text("""import { login } from './login';

export function watchBot(onList: (pairs: string[]) => void) {
  const ws = new WebSocket(`${login.baseWsUrl}/message/ws?token=${login.token}`);
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    if (msg.type === 'whitelist') onList(msg.data);
    else if (msg.type === 'status') console.log(msg.data);
  };
  return () => ws.close();
}

export function streamJob(path: string, onLine: (line: string) => void) {
  const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/api/v1/jobs/${path}`);
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    if (msg.type === 'line') onLine(msg.data);
    else if (msg.type === 'exit') ws.close();
  };
}

streamJob(location.hash.slice(1), console.log);
""")
    (tmp_path / "web" / "login.ts").write_text(
        "export const login = JSON.parse(localStorage.getItem('login') || '{}') as { baseWsUrl: string; token: string };\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert sorted(c["endpoint"] for c in got["connections"]) == ["/api/v1/jobs/{path}", "/message/ws"]
    cc = got["cross_check"]
    assert cc == {"dead_events": [], "dead_handlers": [], "connected_not_served": [], "served_not_connected": []}


def test_a_python_syntax_error_is_reported_and_the_scan_goes_on(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("@app.websocket('/ws/a')\nasync def f(:\n")
    (tmp_path / "good.py").write_text("@app.websocket('/ws/b')\nasync def g(ws):\n    pass\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert [(p["file"], p["line"]) for p in got["parse_errors"]] == [("bad.py", 2)]
    assert [e["endpoint"] for e in got["endpoints"]] == ["/ws/b"]


CASES = sorted(p.parent for p in (Path(__file__).parent / "data" / "backend").glob("*/EXPECTED.json"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_backend_case(case: Path) -> None:
    """Each folder under tests/data/backend/ is a multi-file back end with its expected endpoints
    (full public paths), typed sends (wire type, endpoint, place) and exactly its findings."""
    expected = json.loads((case / "EXPECTED.json").read_text())
    got = scan_to_dict(scan(case, use_cache=False, jobs=1))
    assert sorted((e["file"], e["line"], e["endpoint"], e["framework"]) for e in got["endpoints"]) == sorted(
        (e["file"], e["line"], e["endpoint"], e["framework"]) for e in expected["endpoints"])
    sent = sorted((m["type"], m["endpoint"], at) for m in got["message_types"] for at in m["emitted_in"])
    assert sent == sorted((m["type"], m["endpoint"], m["at"]) for m in expected["emitted"])
    assert sorted((f["rule"], f["file"], f["line"]) for f in got["findings"]) == sorted(
        (f["rule"], f["file"], f["line"]) for f in expected["findings"])
    servers = [s for s in got["socketio"] if s["side"] == "backend"]
    assert sorted((s["file"], s["line"], s["framework"]) for s in servers) == sorted(
        (s["file"], s["line"], s["framework"]) for s in expected.get("socketio", []))


def test_a_call_shaped_like_a_send_is_none_unless_it_reaches_a_socket(tmp_path: Path) -> None:
    # `close` sends on a socket, but a name that common proves nothing about `log_event`'s call of it;
    # `notify` reaches the socket through `_push`, so its call is a send
    (tmp_path / "hub.py").write_text(
        "class Hub:\n"
        "    async def close(self, ws):\n"
        "        await ws.send_json({'type': 'bye'})\n\n"
        "    async def _push(self, room, message):\n"
        "        for ws in self.rooms[room]:\n"
        "            await ws.send_json(message)\n\n"
        "    async def notify(self, room, message):\n"
        "        await self._push(room, message)\n\n\n"
        "def log_event(name, fields):\n"
        "    close()\n\n\n"
        "async def work(hub, db):\n"
        "    log_event('zone saved', {'zone': 1})\n"
        "    db.execute('DELETE FROM zones', {'id': 1})\n"
        "    await hub.notify('alerts', {'level': 3})\n"
        "    await hub.notify('alerts', {'type': 'alert_raised', 'level': 3})\n\n\n"
        "@app.websocket('/ws/{room}')\n"
        "async def room_socket(ws, room):\n"
        "    pass\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert [(f["rule"], f["line"]) for f in got["findings"]] == [("untyped-message", 20), ("legacy-endpoint", 24)]
    assert [(m["type"], m["endpoint"], m["emitted_in"]) for m in got["message_types"] if m["emitted_in"]] == [
        ("alert_raised", "/ws/alerts", ["hub.py:21"])]


def test_routers_that_include_each_other_or_name_missing_modules_do_not_stop_a_scan(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "from fastapi import APIRouter\nfrom b import r as other\nfrom nowhere import thing\n"
        "r = APIRouter(prefix='/a')\nr.include_router(other)\nr.include_router(thing.router)\n"
        "r.include_router()\nr.mount()\n"
        "@r.websocket('/ws')\nasync def s(ws):\n    pass\n")
    (tmp_path / "b.py").write_text("from fastapi import APIRouter\nfrom a import r as back\n"
                                   "r = APIRouter(prefix='/b')\nr.include_router(back, prefix='/loop')\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    # a cycle is cut where it closes; the route keeps its own router's prefix
    assert [e["endpoint"] for e in got["endpoints"]] == ["/b/loop/a/ws"]
    assert got["parse_errors"] == []


def test_more_route_shapes_are_endpoints(tmp_path: Path) -> None:
    # Channels 2 routes the consumer class itself; Litestar's `@websocket`; FastAPI's
    # `add_api_websocket_route`; a Tornado route appended to a handler list
    (tmp_path / "routing.py").write_text(
        "from django.conf.urls import url\nfrom . import consumers\n\n"
        "websocket_urlpatterns = [\n"
        "    url(r'^ws/chat/(?P<room_name>[^/]+)/$', consumers.ChatConsumer),\n"
        "    url(r'^api/health/$', consumers.health_view),\n"
        "]\n")
    (tmp_path / "consumers.py").write_text(
        "import json\nfrom channels.generic.websocket import WebsocketConsumer\n\n\n"
        "class ChatConsumer(WebsocketConsumer):\n"
        "    def chat_message(self, event):\n"
        "        self.send(text_data=json.dumps(event))\n\n\n"
        "def health_view(request):\n    return None\n")
    (tmp_path / "lite.py").write_text(
        "from litestar import Litestar, websocket\n\n\n"
        "@websocket('/ws/feed')\nasync def feed(socket) -> None:\n"
        "    await socket.accept()\n    await socket.send_json({'type': 'hello'})\n\n\n"
        "app = Litestar([feed])\n")
    (tmp_path / "api.py").write_text(
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        "async def ticks(websocket):\n    await websocket.send_json({'type': 'tick'})\n\n\n"
        "app.add_api_websocket_route('/ws/ticks', ticks)\n")
    (tmp_path / "server.py").write_text(
        "import tornado.web\nimport tornado.websocket\n\n\n"
        "class Feed(tornado.websocket.WebSocketHandler):\n"
        "    def open(self):\n        self.write_message({'type': 'ready'})\n\n\n"
        "def make_app():\n    handlers = []\n    handlers.append((r'/feed/([0-9]+)', Feed))\n"
        "    handlers.append((r'/', tornado.web.RedirectHandler))\n"
        "    return tornado.web.Application(handlers)\n")
    # a route built from the module's regex constant, by `%` or in an f-string
    (tmp_path / "kernels.py").write_text(
        "from tornado import websocket\n\n_kernel_id_regex = r'(?P<kernel_id>\\w+-\\w+)'\n\n\n"
        "class Channels(websocket.WebSocketHandler):\n    pass\n\n\n"
        "class Events(websocket.WebSocketHandler):\n    pass\n\n\n"
        "default_handlers = [\n"
        "    (r'/api/kernels/%s/channels' % _kernel_id_regex, Channels),\n"
        "    (rf'/api/kernels/{_kernel_id_regex}/events', Events),\n"
        "    (url_path_join(base_url, r'/api/kernels/%s/logs' % _kernel_id_regex), Events),\n"
        "]\n")
    # aiohttp's route table decorators
    (tmp_path / "aio.py").write_text(
        "from aiohttp import web\n\nroutes = web.RouteTableDef()\n\n\n"
        "@routes.get('/ws/prices')\nasync def prices(request):\n    ws = web.WebSocketResponse()\n"
        "    await ws.prepare(request)\n    await ws.send_json({'type': 'price'})\n    return ws\n\n\n"
        "@routes.get('/health')\nasync def health(request):\n    return web.json_response({'type': 'ok'})\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert sorted((e["endpoint"], e["framework"]) for e in got["endpoints"]) == [
        ("/api/kernels/{kernel_id}/channels", "tornado"), ("/api/kernels/{kernel_id}/events", "tornado"),
        ("/api/kernels/{kernel_id}/logs", "tornado"), ("/feed/{arg1}", "tornado"), ("/ws/chat/{room_name}", "channels"),
        ("/ws/feed", "litestar"), ("/ws/prices", "aiohttp"), ("/ws/ticks", "starlette")]
    assert sorted((m["type"], m["endpoint"]) for m in got["message_types"] if m["emitted_in"]) == [
        ("chat_message", "/ws/chat"), ("hello", "/ws/feed"), ("price", "/ws/prices"), ("ready", "/feed"),
        ("tick", "/ws/ticks")]
    assert [f["rule"] for f in got["findings"] if f["rule"] != "legacy-endpoint"] == []


def test_a_one_argument_helper_call_is_a_send_on_the_endpoint_of_the_class_that_writes_it(tmp_path: Path) -> None:
    # Tornado's chat shape: `ChatSocket.send_updates(chat)` writes `chat` to every waiter; a call
    # of it from another module goes out on the route of the class; a dict handed to a pipe or a
    # ZeroMQ socket is no WebSocket send, and a helper that does not send its argument proves nothing
    (tmp_path / "chat.py").write_text(
        "import tornado.web\nimport tornado.websocket\n\n\n"
        "class ChatSocket(tornado.websocket.WebSocketHandler):\n"
        "    waiters = set()\n\n"
        "    def open(self):\n        ChatSocket.waiters.add(self)\n\n"
        "    @classmethod\n    def send_updates(cls, chat):\n"
        "        for waiter in cls.waiters:\n            waiter.write_message(chat)\n\n\n"
        "app = tornado.web.Application([(r'/chatsocket', ChatSocket)])\n")
    (tmp_path / "news.py").write_text(
        "from chat import ChatSocket\n\n\n"
        "def remember(entry):\n    return entry\n\n\n"
        "def announce(text):\n"
        "    ChatSocket.send_updates({'type': 'announcement', 'text': text})\n"
        "    remember({'type': 'announcement', 'text': text})\n")
    (tmp_path / "workers.py").write_text(
        "import multiprocessing\nimport zmq\n\n\n"
        "def run(conn, socket):\n"
        "    conn.send({'progress': 1})\n"
        "    socket.send_json({'job': 2})\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert [(m["type"], m["endpoint"], m["emitted_in"]) for m in got["message_types"] if m["emitted_in"]] == [
        ("announcement", "/chatsocket", ["news.py:9"])]
    assert [f["rule"] for f in got["findings"]] == ["legacy-endpoint"]


def test_a_send_in_a_helper_of_the_handler_goes_out_on_the_handlers_endpoint(tmp_path: Path) -> None:
    # `greet(ws)` sends, called by the endpoint's handler through `welcome`; a module-level
    # broadcast helper of the only endpoint there is sends there
    (tmp_path / "app.py").write_text(
        "import json\nfrom fastapi import FastAPI\n\napp = FastAPI()\nclients = set()\n\n\n"
        "async def greet(ws):\n    await ws.send_json({'type': 'hello'})\n\n\n"
        "async def welcome(ws):\n    await greet(ws)\n\n\n"
        "async def broadcast_all(message):\n"
        "    for ws in clients:\n        await ws.send_text(json.dumps(message))\n\n\n"
        "@app.websocket('/ws/lobby')\nasync def lobby(ws):\n    await ws.accept()\n    await welcome(ws)\n")
    (tmp_path / "jobs.py").write_text(
        "from app import broadcast_all\n\n\n"
        "async def finish(job):\n    await broadcast_all({'type': 'job_done', 'id': job})\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert sorted((m["type"], m["endpoint"], tuple(m["emitted_in"])) for m in got["message_types"]) == [
        ("hello", "/ws/lobby", ("app.py:9",)), ("job_done", "/ws/lobby", ("jobs.py:5",))]


def test_a_helper_spreading_its_message_into_the_one_it_sends_keeps_the_callers_type(tmp_path: Path) -> None:
    # `{**message, "sent_at": …}` is no untyped message: its type is the caller's
    (tmp_path / "hub.py").write_text(
        "import time\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        "class Hub:\n    def __init__(self):\n        self.rooms = {}\n\n"
        "    async def publish(self, room, message):\n"
        "        for ws in self.rooms.get(room, ()):\n"
        "            await ws.send_json({**message, 'sent_at': time.time()})\n\n\n"
        "hub = Hub()\n\n\n"
        "@app.websocket('/ws/{room}')\nasync def room_socket(ws, room):\n    await ws.accept()\n\n\n"
        "async def post(room, text):\n    await hub.publish('general', {'type': 'said', 'text': text})\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert [(m["type"], m["endpoint"], m["emitted_in"]) for m in got["message_types"] if m["emitted_in"]] == [
        ("said", "/ws/general", ["hub.py:25"])]
    assert [f["rule"] for f in got["findings"]] == ["legacy-endpoint"]


def test_an_endpoints_field_is_the_one_its_front_end_compares_when_the_sends_have_it(tmp_path: Path) -> None:
    # the sends give literals to `event` and `action`; the page tells messages apart by `action`
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "server.py").write_text(
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        "@app.websocket('/ws/jobs')\nasync def jobs(ws):\n    await ws.accept()\n"
        "    await ws.send_json({'action': 'started', 'event': 'job_started'})\n"
        "    await ws.send_json({'action': 'finished', 'event': 'job_finished'})\n")
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "Jobs.tsx").write_text(
        "import { useEffect } from 'react';\nexport function Jobs() {\n  useEffect(() => {\n"
        "    const ws = new WebSocket('/ws/jobs');\n"
        "    ws.onmessage = (e) => {\n      const m = JSON.parse(e.data);\n"
        "      if (m.action === 'started') console.log(m);\n      else if (m.action === 'finished') console.log(m);\n"
        "    };\n    return () => ws.close();\n  }, []);\n  return null;\n}\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert sorted((m["type"], m["endpoint"]) for m in got["message_types"] if m["emitted_in"]) == [
        ("finished", "/ws/jobs"), ("started", "/ws/jobs")]
    assert got["cross_check"]["dead_events"] == [] and got["cross_check"]["dead_handlers"] == []


def test_a_socket_the_back_end_opens_as_a_client_sends_no_endpoint_message(tmp_path: Path) -> None:
    # the app relays prices from an exchange: its subscriptions are sends to that server
    (tmp_path / "relay.py").write_text(
        "import json\n\nimport websockets\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        "class Upstream:\n    async def start(self, url):\n"
        "        self.conn = await websockets.connect(url)\n"
        "        await self.conn.send(json.dumps({'subscribe': ['btc']}))\n\n\n"
        "async def ping(url):\n    async with websockets.connect(url) as ws:\n"
        "        await ws.send(json.dumps({'ping': 1}))\n\n\n"
        "@app.websocket('/ws/prices')\nasync def prices(websocket):\n    await websocket.accept()\n"
        "    await websocket.send_json({'price': 1})\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert [(f["rule"], f["line"]) for f in got["findings"]] == [("legacy-endpoint", 20), ("untyped-message", 23)]


def test_a_send_to_each_socket_an_endpoint_keeps_goes_out_on_that_endpoint(tmp_path: Path) -> None:
    # `clients.add(websocket)` in the endpoint's function (or a helper it calls); the sends loop
    # over `clients` elsewhere, run later on the loop (`run_coroutine_threadsafe`) or directly
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "main.py").write_text(
        "from fastapi import FastAPI, WebSocket\n\nfrom app.state import board, watchers\n\n"
        "app = FastAPI()\n\n\n"
        "@app.websocket('/ws/board')\nasync def board_socket(websocket: WebSocket):\n"
        "    await websocket.accept()\n    board.append(websocket)\n\n\n"
        "async def enlist(ws):\n    watchers.add(ws)\n\n\n"
        "@app.websocket('/ws/watch')\nasync def watch_socket(websocket: WebSocket):\n"
        "    await websocket.accept()\n    await enlist(websocket)\n")
    (tmp_path / "app" / "state.py").write_text("board = []\nwatchers = set()\n")
    (tmp_path / "app" / "push.py").write_text(
        "import asyncio\nimport json\n\nfrom app.state import board, watchers\n\n\n"
        "class Notice:\n    def __init__(self, event, data):\n        self.event = event\n"
        "        self.data = data\n\n    def json(self):\n"
        "        return json.dumps({'event': self.event, 'data': self.data})\n\n\n"
        "def tick(loop, n):\n    for client in watchers:\n"
        "        asyncio.run_coroutine_threadsafe(client.send_text(json.dumps({'type': 'tick', 'n': n})), loop)\n\n\n"
        "async def announce(event, data):\n    for ws in list(board):\n"
        "        await ws.send_json({'event': event, 'data': data})\n\n\n"
        "async def changes(card):\n    await announce('cardMoved', card)\n    await announce(card.kind, card)\n"
        "    for ws in board:\n        await ws.send_text(Notice('cardAdded', card).json())\n"
        "        await ws.send_text(Notice(card.kind, card).json())\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    sent = sorted((m["type"], m["endpoint"], at) for m in got["message_types"] for at in m["emitted_in"])
    assert sent == [("cardAdded", "/ws/board", "app/push.py:30"), ("cardMoved", "/ws/board", "app/push.py:27"),
                    ("tick", "/ws/watch", "app/push.py:18")]
    assert sorted(f["rule"] for f in got["findings"]) == ["legacy-endpoint", "legacy-endpoint"]


def test_a_message_class_says_its_type_only_when_it_is_certain(tmp_path: Path) -> None:
    # a field default, one inherited, a `Literal`, a constructor argument; two classes of one
    # name that disagree, and a class saying no kind, type nothing and report nothing
    (tmp_path / "models.py").write_text(
        "from typing import Literal\nfrom pydantic import BaseModel\n\n\n"
        "class Base(BaseModel):\n    type: str = 'base'\n\n\nclass Child(Base):\n    data: int = 0\n\n\n"
        "class Ping(BaseModel):\n    type: Literal['ping']\n\n\nclass Twice(BaseModel):\n    type: str = 'one'\n\n\n"
        "class Rows(BaseModel):\n    rows: list = []\n")
    (tmp_path / "other.py").write_text(
        "from pydantic import BaseModel\n\n\nclass Twice(BaseModel):\n    type: str = 'two'\n")
    (tmp_path / "server.py").write_text(
        "from fastapi import FastAPI\n\nfrom models import Child, Ping, Rows, Twice\n\napp = FastAPI()\n\n\n"
        "@app.websocket('/ws')\nasync def ws(websocket):\n    await websocket.accept()\n"
        "    await websocket.send_json(Child(data=1).model_dump())\n"
        "    await websocket.send_json(Ping().dict())\n"
        "    await websocket.send_json(Twice().model_dump())\n"
        "    await websocket.send_json(Rows(rows=[]).model_dump())\n"
        "    await websocket.send_text(Child(type='override').json())\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    sent = sorted((m["type"], at) for m in got["message_types"] for at in m["emitted_in"])
    assert sent == [("base", "server.py:11"), ("override", "server.py:15"), ("ping", "server.py:12")]
    assert [f["rule"] for f in got["findings"]] == ["legacy-endpoint"]


def test_a_type_set_on_the_message_after_it_is_built_types_it(tmp_path: Path) -> None:
    # `msg["type"] = "stats"` after `msg = {…}`: typed, not an untyped message
    (tmp_path / "hub.py").write_text(
        "class Hub:\n    def __init__(self):\n        self.sockets = []\n\n"
        "    async def broadcast(self, message):\n        for ws in self.sockets:\n"
        "            await ws.send_json(message)\n\n\nhub = Hub()\n")
    (tmp_path / "app.py").write_text(
        "from fastapi import FastAPI\n\nfrom hub import hub\n\napp = FastAPI()\n\n\n"
        "@app.websocket('/ws')\nasync def ws(websocket):\n    msg = {'data': 1}\n    msg['type'] = 'stats'\n"
        "    await websocket.send_json(msg)\n\n\n"
        "async def tell(n):\n    note = {'n': n}\n    note['type'] = 'count'\n    await hub.broadcast(note)\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    sent = sorted((m["type"], m["endpoint"], at) for m in got["message_types"] for at in m["emitted_in"])
    assert sent == [("count", "/ws", "app.py:18"), ("stats", "/ws", "app.py:12")]
    assert [f["rule"] for f in got["findings"]] == ["legacy-endpoint"]


def test_a_message_object_sending_itself_on_the_socket_it_is_given_is_typed_where_it_is_made(tmp_path: Path) -> None:
    # `Reply("joined", d).send(ws)`: typed at the constructor call, on the only endpoint; an object
    # made and never sent, or sent with a run-time kind, is nothing
    (tmp_path / "replies.py").write_text(
        "import json\n\n\nclass Reply:\n    def __init__(self, kind, body=None):\n        self.kind = kind\n"
        "        self.body = body\n\n    def to_json(self):\n"
        "        return json.dumps({'kind': self.kind, 'body': self.body})\n\n"
        "    async def send(self, ws):\n        await ws.send_text(self.to_json())\n")
    (tmp_path / "server.py").write_text(
        "from fastapi import FastAPI\n\nfrom replies import Reply\n\napp = FastAPI()\n\n\n"
        "@app.websocket('/ws/room')\nasync def room(websocket):\n    await websocket.accept()\n"
        "    await Reply('joined', {'n': 1}).send(websocket)\n    draft = Reply('drafted')\n"
        "    kind = await websocket.receive_text()\n    await Reply(kind).send(websocket)\n"
        "    later = Reply('left')\n    await later.send(websocket)\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    sent = sorted((m["type"], m["endpoint"], at) for m in got["message_types"] for at in m["emitted_in"])
    assert sent == [("joined", "/ws/room", "server.py:11"), ("left", "/ws/room", "server.py:15")]
    assert [f["rule"] for f in got["findings"]] == ["legacy-endpoint"]


def test_a_router_class_deriving_from_apirouter_keeps_its_prefix_and_a_look_alike_does_not(tmp_path: Path) -> None:
    # `AppRouter(APIRouter)` in another module: its `prefix=` counts; `Shelf(prefix=…)` is no router
    (tmp_path / "base.py").write_text(
        "from fastapi import APIRouter\n\n\nclass AppRouter(APIRouter):\n    pass\n\n\n"
        "class Shelf:\n    def __init__(self, prefix):\n        self.prefix = prefix\n")
    (tmp_path / "events.py").write_text(
        "from base import AppRouter, Shelf\n\nrouter: AppRouter = AppRouter(prefix='/events')\n"
        "shelf = Shelf(prefix='/shelf')\n\n\n@router.websocket('/out')\nasync def out(ws):\n"
        "    await ws.send_json({'type': 'event'})\n\n\n@shelf.websocket('/odd')\nasync def odd(ws):\n"
        "    await ws.send_json({'type': 'odd'})\n")
    (tmp_path / "app.py").write_text(
        "from fastapi import FastAPI\n\nimport events\n\nROUTERS = (events.router,)\n\n\ndef make():\n"
        "    api = FastAPI()\n    for r in ROUTERS:\n        api.include_router(r, prefix='/v1')\n"
        "    app = FastAPI()\n    app.mount(base_path(), api)\n    app.mount('/api', api)\n    return app\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert sorted(e["endpoint"] for e in got["endpoints"]) == ["/api/v1/events/out", "/odd"]


def test_a_route_path_in_a_constant_is_read_and_one_a_helper_builds_stays_unknown(tmp_path: Path) -> None:
    (tmp_path / "names.py").write_text("LIVE = '/live'\nSTREAM = 'stream'\n")
    (tmp_path / "app.py").write_text(
        "from fastapi import FastAPI\n\nfrom names import LIVE, STREAM\n\nBASE = '/v1'\napp = FastAPI()\n\n\n"
        "def url(*parts):\n    return '/' + '/'.join(parts)\n\n\n"
        "@app.websocket(BASE + LIVE)\nasync def live(ws):\n    await ws.send_json({'type': 'tick'})\n\n\n"
        "@app.websocket(f'/{STREAM}/x')\nasync def stream(ws):\n    await ws.send_json({'type': 'line'})\n\n\n"
        "@app.websocket(url(STREAM))\nasync def hidden(ws):\n    await ws.send_json({'type': 'unseen'})\n\n\n"
        "@app.websocket(MISSING)\nasync def missing(ws):\n    await ws.send_json({'type': 'unseen'})\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert sorted((e["endpoint"], e["message_types"]) for e in got["endpoints"]) == [
        ("/stream/x", ["line"]), ("/v1/live", ["tick"])]


def test_a_message_a_builder_returns_is_typed_by_the_builder_or_its_callers_literal(tmp_path: Path) -> None:
    # a builder whose returns disagree, or whose type is a run-time value, types nothing
    (tmp_path / "frames.py").write_text(
        "def make(kind, data):\n    return {'type': kind, 'data': data}\n\n\n"
        "def either(x):\n    if x:\n        return {'type': 'a'}\n    return {'type': 'b'}\n\n\n"
        "def of(row):\n    return {'type': row.kind}\n")
    (tmp_path / "app.py").write_text(
        "import json\n\nfrom fastapi import FastAPI\n\nfrom frames import either, make, of\n\napp = FastAPI()\n\n\n"
        "@app.websocket('/k')\nasync def k(ws):\n    await ws.send_json(make('hello', 1))\n"
        "    await ws.send_text(json.dumps(make(kind='bye', data=2)))\n"
        "    await ws.send_json(either(1))\n    await ws.send_json(of(ws))\n    print(make('printed', 0))\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    sent = sorted((m["type"], m["endpoint"], at) for m in got["message_types"] for at in m["emitted_in"])
    assert sent == [("bye", "/k", "app.py:13"), ("hello", "/k", "app.py:12")]
    assert [f["rule"] for f in got["findings"]] == ["legacy-endpoint"]


def test_flask_sock_paths_take_converters_and_the_blueprints_registration_prefix(tmp_path: Path) -> None:
    (tmp_path / "live.py").write_text(
        "from flask import Blueprint\nfrom flask_sock import Sock\n\n"
        "bp = Blueprint('live', __name__, url_prefix='/own')\nsock = Sock()\n\n\n"
        "@sock.route('/k/<kid>/<int:n>')\ndef k(ws, kid, n):\n    ws.send('x')\n\n\nsock.init_app(bp)\n")
    (tmp_path / "app.py").write_text(
        "from flask import Flask\n\nfrom live import bp\n\napp = Flask(__name__)\n"
        "app.register_blueprint(bp, url_prefix='/api')\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert [e["endpoint"] for e in got["endpoints"]] == ["/api/k/{kid}/{n}"]


def test_a_channels_handler_forwarding_a_key_of_the_event_sends_the_typed_message_held_there(tmp_path: Path) -> None:
    # the nested type of the layer events naming the handler; a dict of that shape handed to no
    # channel layer, and a key holding no type, are nothing
    (tmp_path / "consumers.py").write_text(
        "from channels.generic.websocket import AsyncJsonWebsocketConsumer\n\n\n"
        "class Core(AsyncJsonWebsocketConsumer):\n    async def relay(self, event):\n"
        "        await self.send_json(event['payload'])\n")
    (tmp_path / "routing.py").write_text(
        "from django.urls import re_path\n\nfrom consumers import Core\n\n"
        "websocket_urlpatterns = [re_path(r'^ws/core/$', Core.as_asgi())]\n")
    (tmp_path / "signals.py").write_text(
        "from asgiref.sync import async_to_sync\nfrom channels.layers import get_channel_layer\n\n\n"
        "def created(row):\n    async_to_sync(get_channel_layer().group_send)(\n"
        "        'g', {'type': 'relay', 'payload': {'type': 'row_created', 'row': row}})\n\n\n"
        "def bare(row):\n    async_to_sync(get_channel_layer().group_send)('g', {'type': 'relay', 'payload': row})\n\n\n"
        "def kept(cache, row):\n    cache.put('k', {'type': 'relay', 'payload': {'type': 'cached_only'}})\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    sent = sorted((m["type"], m["endpoint"], at) for m in got["message_types"] for at in m["emitted_in"])
    assert sent == [("row_created", "/ws/core", "signals.py:6")]

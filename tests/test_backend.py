"""The Python back end: endpoints and emits (libcst), findings, and the cross-check."""

from __future__ import annotations

from pathlib import Path

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


def test_a_python_syntax_error_is_reported_and_the_scan_goes_on(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("@app.websocket('/ws/a')\nasync def f(:\n")
    (tmp_path / "good.py").write_text("@app.websocket('/ws/b')\nasync def g(ws):\n    pass\n")
    got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=1))
    assert [(p["file"], p["line"]) for p in got["parse_errors"]] == [("bad.py", 2)]
    assert [e["endpoint"] for e in got["endpoints"]] == ["/ws/b"]

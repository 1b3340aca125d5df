#!/usr/bin/env python3
"""Write a synthetic Python back end for the benchmarks: deterministic per seed.

    python benchmarks/make_backend.py OUT [--files 2300] [--seed 1]

A FastAPI application of `--files` modules, shaped like the large back ends the scan meets:
`app/main.py` mounts a realtime sub-application under `/rt` and includes the API router under
`/api`; `app/api/router.py` includes one router per feature area, each declared with its own
prefix in `app/api/routes/<area>.py`, which serves a WebSocket (`@router.websocket("/ws/{room}")`,
replying with `send_json`) and broadcasts typed events through the shared connection manager
(`app/realtime/manager.py`, whose `broadcast(topic, message)` reaches `ws.send_json`), the types
being members of a str enum (`app/realtime/events.py`). About 3 % of the modules are such areas.
The others are ordinary services, models, schemas and helpers of about 5 kB each (classes,
methods, dict literals, comprehensions, f-strings), and a tenth of those hold words that pass
the back end's prefilter without serving a socket (`amount`, a `Status(str, Enum)`, a
`broadcast` of a signal) — as a real tree's do.

`MANIFEST.json` is the answer key: `files` (modules written), `endpoints[]` (`file`, `line` of
the decorator, `endpoint`: the public path) and `emitted[]` (`type`: the wire value, `endpoint`,
`at`: `file:line` of the call that decides the type). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_file  # the front end's generator, beside this one

AREAS_SHARE = 0.03
WORDY_SHARE = 0.10
FOLDERS = ("services", "models", "schemas", "utils", "repositories", "tasks", "core", "integrations")

_MAIN = """\
from fastapi import FastAPI

from app.api.router import api_router
from app.realtime.app import realtime

app = FastAPI(title="Synthetic")
app.include_router(api_router, prefix="/api")
app.mount("/rt", realtime)
"""

_REALTIME_APP = """\
from fastapi import FastAPI

from app.realtime.live import live_router

realtime = FastAPI()
realtime.include_router(live_router)
"""

_LIVE = """\
from fastapi import APIRouter, WebSocket

from app.realtime.manager import manager

live_router = APIRouter(prefix="/live")


@live_router.websocket("/ws/{topic}")
async def live(websocket: WebSocket, topic: str):
    await manager.connect(topic, websocket)
    await websocket.send_json({"type": "live.welcome", "topic": topic})
"""

_MANAGER = """\
from collections import defaultdict

from fastapi import WebSocket


class ConnectionManager:
    \"\"\"The sockets of each topic.\"\"\"

    def __init__(self) -> None:
        self.topics: dict[str, set[WebSocket]] = defaultdict(set)

    async def connect(self, topic: str, websocket: WebSocket) -> None:
        await websocket.accept()
        self.topics[topic].add(websocket)

    def disconnect(self, topic: str, websocket: WebSocket) -> None:
        self.topics[topic].discard(websocket)

    async def broadcast(self, topic: str, message: dict) -> None:
        for websocket in list(self.topics[topic]):
            await websocket.send_json(message)


manager = ConnectionManager()
"""


def _events(areas: list[str]) -> str:
    lines = ["from enum import Enum", "", "", "class EventType(str, Enum):"]
    for area in areas:
        for verb in ("CREATED", "UPDATED"):
            lines.append(f'    {area.upper()}_{verb} = "{area}.{verb.lower()}"')
    return "\n".join(lines) + "\n"


def _router(areas: list[str]) -> str:
    lines = ["from fastapi import APIRouter", ""]
    lines += [f"from app.api.routes import {area}" for area in areas]
    lines += ["", "api_router = APIRouter()"]
    lines += [f"api_router.include_router({area}.router, prefix=\"/v1\")" for area in areas]
    return "\n".join(lines) + "\n"


def _area(area: str, rng: random.Random) -> tuple[str, dict[str, int]]:
    """A feature area's route module and the lines of its endpoint and typed sends."""
    lines = [
        "from fastapi import APIRouter, WebSocket, WebSocketDisconnect",
        "",
        "from app.realtime.events import EventType",
        "from app.realtime.manager import manager",
        "",
        f'router = APIRouter(prefix="/{area}")',
        "",
        "",
    ]
    at: dict[str, int] = {}
    at["endpoint"] = len(lines) + 1
    lines += [
        '@router.websocket("/ws/{room}")',
        "async def room_socket(websocket: WebSocket, room: str):",
        f"    await manager.connect('{area}', websocket)",
        "    try:",
        "        while True:",
        "            text = await websocket.receive_text()",
    ]
    at["ack"] = len(lines) + 1
    lines += [
        f'            await websocket.send_json({{"type": "{area}.ack", "size": len(text)}})',
        "    except WebSocketDisconnect:",
        f"        manager.disconnect('{area}', websocket)",
        "",
        "",
        f"async def {area}_created(item_id: int, name: str) -> None:",
        f"    record = {{'id': item_id, 'name': name, 'rank': {rng.randint(1, 99)}}}",
    ]
    at["created"] = len(lines) + 1
    lines += [
        f'    await manager.broadcast("{area}", {{"type": EventType.{area.upper()}_CREATED, "payload": record}})',
        "",
        "",
        f"async def {area}_updated(item_id: int, changes: dict) -> None:",
    ]
    at["updated"] = len(lines) + 1
    lines += [
        f'    await manager.broadcast("{area}", {{"type": EventType.{area.upper()}_UPDATED, "payload": changes}})',
        "",
    ]
    return "\n".join(lines) + "\n", at


def ordinary(n: int, rng: random.Random, wordy: bool) -> str:
    """An ordinary module of about 5 kB: nothing in it serves a socket."""
    name = f"Item{n}"
    lines = [
        '"""Domain logic of one part of the application."""',
        "",
        "from __future__ import annotations",
        "",
        "import logging",
        "from dataclasses import dataclass, field",
        "from typing import Any",
        "",
        "log = logging.getLogger(__name__)",
        "",
    ]
    if wordy:
        lines += ["from enum import Enum", "", "", f"class {name}Status(str, Enum):",
                  '    ACTIVE = "active"', '    ARCHIVED = "archived"', "", ""]
    lines += [
        "@dataclass",
        f"class {name}:",
        "    id: int",
        "    name: str",
        "    tags: list[str] = field(default_factory=list)",
        "    extra: dict[str, Any] = field(default_factory=dict)",
        "",
        "    def label(self) -> str:",
        '        return f"{self.name} ({self.id})"',
        "",
        "",
    ]
    for k in range(rng.randint(8, 12)):
        fields = ", ".join(f'"f{j}": row.get("c{j}", {j})' for j in range(rng.randint(3, 6)))
        lines += [
            f"def transform_{n}_{k}(rows: list[dict[str, Any]], limit: int = {rng.randint(10, 500)}) -> list[dict]:",
            f'    """Shape the rows of step {k} for the caller."""',
            "    out = []",
            "    for row in rows[:limit]:",
            f"        item = {{{fields}}}",
            "        if item.get(\"f0\") is None:",
            f'            log.warning("row without f0 in step %s", {k})',
            "            continue",
            "        out.append(item)",
            "    totals = {key: sum(r.get(key, 0) for r in out) for key in ('f0', 'f1')}",
            f'    log.debug("step {k}: %d rows, totals %s", len(out), totals)',
            "    return sorted(out, key=lambda r: (r.get('f1', 0), r.get('f0', 0)))",
            "",
            "",
        ]
    if wordy:
        lines += [
            f"def total_amount_{n}(items: list[{name}]) -> int:",
            "    amount = 0",
            "    for it in items:",
            "        amount += len(it.tags)",
            "    return amount",
            "",
        ]
    return "\n".join(lines) + "\n"


def write_backend(out: Path, files: int, seed: int = 1) -> dict[str, Any]:
    """Write the back end into `out` (created) and return its MANIFEST."""
    rng = random.Random(seed)
    areas = [f"area{i}" for i in range(max(1, int(files * AREAS_SHARE)))]
    fixed = {
        "app/__init__.py": "",
        "app/main.py": _MAIN,
        "app/api/__init__.py": "",
        "app/api/router.py": _router(areas),
        "app/api/routes/__init__.py": "",
        "app/realtime/__init__.py": "",
        "app/realtime/app.py": _REALTIME_APP,
        "app/realtime/live.py": _LIVE,
        "app/realtime/manager.py": _MANAGER,
        "app/realtime/events.py": _events(areas),
    }
    endpoints: list[dict[str, Any]] = [
        {"file": "app/realtime/live.py", "line": 8, "endpoint": "/rt/live/ws/{topic}"}]
    emitted: list[dict[str, Any]] = [
        {"type": "live.welcome", "endpoint": "/rt/live/ws", "at": "app/realtime/live.py:11"}]
    for rel, text in fixed.items():
        write_file(out, rel, text)
    for area in areas:
        rel = f"app/api/routes/{area}.py"
        text, at = _area(area, rng)
        write_file(out, rel, text)
        path = f"/api/v1/{area}/ws/{{room}}"
        endpoints.append({"file": rel, "line": at["endpoint"], "endpoint": path})
        emitted.append({"type": f"{area}.ack", "endpoint": f"/api/v1/{area}/ws", "at": f"{rel}:{at['ack']}"})
        for verb in ("created", "updated"):
            emitted.append({"type": f"{area}.{verb}", "endpoint": f"/api/v1/{area}/ws",
                            "at": f"{rel}:{at[verb]}"})
    # packages of about 40 modules each, with their `__init__.py`
    rest = files - len(fixed) - len(areas)
    packages = max(1, rest // 41)
    for n in range(max(0, rest - packages - len(FOLDERS))):
        k = n % packages
        package = f"app/{FOLDERS[k % len(FOLDERS)]}/part{k // len(FOLDERS)}"
        if not (out / package).exists():
            write_file(out, f"{package}/__init__.py", "")
        write_file(out, f"{package}/mod_{n}.py", ordinary(n, rng, wordy=rng.random() < WORDY_SHARE))
    for folder in FOLDERS:
        if (out / "app" / folder).exists():
            write_file(out, f"app/{folder}/__init__.py", "")
    manifest = {"files": sum(1 for _ in out.rglob("*.py")), "endpoints": endpoints, "emitted": emitted}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=2300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    manifest = write_backend(args.out, args.files, args.seed)
    print(f"{manifest['files']} modules, {len(manifest['endpoints'])} endpoints, "
          f"{len(manifest['emitted'])} typed sends in {args.out}")


if __name__ == "__main__":
    main()

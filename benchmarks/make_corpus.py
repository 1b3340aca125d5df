#!/usr/bin/env python3
"""Write a synthetic front end for the benchmarks and the recall tests: deterministic per seed.

    python benchmarks/make_corpus.py OUT [--files 2000] [--legacy-share 0.1] [--seed 1]

About `--legacy-share` of the files open legacy per-topic sockets, each in one of the shapes
real front ends have: a module function with `onmessage` and an if/else-if chain, an async
opener with the token in a template URL and a `switch` in an `addEventListener('message')`, a
React hook that cleans up and keeps whole messages, a hook that never closes its socket, a class
that reconnects itself and tells types apart after destructuring, and a component that goes
through a fixed-topic hook of one shared wrapper module (`src/realtime/useChannel.ts`),
registering a handler per type. The other files are ordinary components and helpers of the same
size, some mentioning WebSockets in prose. `node_modules/` (sockets that must not be reported)
and a `.gitignore` are written too.

`MANIFEST.json` is the answer key: `files` (source files written, the wrapper module included),
`legacy_sites[]` (`file`, `line`, `kind` `direct` | `wrapper-call`, `endpoint`, `types`, and
`via`, the hook, for a wrapper call, whose line is the call's) and `wrappers[]` (`file`, `line`
of its `new WebSocket(`, `name`). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

TOPICS: dict[str, tuple[str, ...]] = {
    "/ws/health": ("forwarder_status", "system_health", "health_check"),
    "/ws/dns_management": ("zone_updated", "record_changed", "zone_deleted"),
    "/ws/security": ("security_alert", "threat_detected", "rpz_updated"),
    "/ws/system": ("system_metrics", "service_status"),
    "/ws/admin": ("user_activity", "admin_metrics", "audit_event"),
}
FOLDERS = ("components", "pages", "hooks", "services", "lib", "features")

WRAPPER_FILE = "src/realtime/useChannel.ts"
WRAPPER_NAME = "useChannel"
HOOKS = {"/ws/health": "useHealthChannel", "/ws/dns_management": "useDnsChannel",
         "/ws/security": "useSecurityChannel", "/ws/system": "useSystemChannel",
         "/ws/admin": "useAdminChannel"}

_WRAPPER_HEAD = """\
import { useCallback, useEffect, useRef } from 'react';

type Listener = (payload: unknown) => void;

/** One socket per topic and user; callers register a listener per message type. */
export function useChannel(topic: string, userId: string) {
  const listeners = useRef(new Map<string, Listener>());
  useEffect(() => {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${window.location.host}/ws/${topic}/${userId}`);
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      listeners.current.get(frame.type)?.(frame.payload);
    };
    return () => socket.close();
  }, [topic, userId]);
  const subscribe = useCallback((type: string, listener: Listener) => {
    listeners.current.set(type, listener);
  }, []);
  return { subscribe };
}
"""


def wrapper_module() -> str:
    hooks = "".join(f"export const {hook} = (userId: string) => useChannel('{topic.removeprefix('/ws/')}', userId);\n"
                    for topic, hook in HOOKS.items())
    return _WRAPPER_HEAD + "\n" + hooks


def ordinary(n: int, rng: random.Random) -> str:
    """A component and its helpers: no socket (one in three says "WebSocket" in a comment)."""
    note = "// rows arrive over a WebSocket elsewhere; this view only sorts them\n" if rng.random() < 0.34 else ""
    return f"""\
import React, {{ useMemo, useState }} from 'react';
import {{ formatWhen }} from '../../util/time{n % 50}';

{note}export interface Entry{n} {{ key: string; title: string; changedAt: number; labels: string[] }}

export function byField{n}(entries: Entry{n}[], field: keyof Entry{n}): Entry{n}[] {{
  return entries.slice().sort((x, y) => String(x[field]).localeCompare(String(y[field])));
}}

export const EntryList{n}: React.FC<{{ entries: Entry{n}[] }}> = ({{ entries }}) => {{
  const [query, setQuery] = useState('');
  const shown = useMemo(() => entries.filter((e) => e.title.includes(query)), [entries, query]);
  const hint = `filter ${{shown.length}} of ${{entries.length}}`;
  return (
    <section className="entries-{n}">
      <input value={{query}} onChange={{(e) => setQuery(e.target.value)}} placeholder={{hint}} />
      {{shown.map((e) => <p key={{e.key}}>{{e.title}} · {{formatWhen(e.changedAt)}}</p>)}}
    </section>
  );
}};
"""


def _handler_chain(types: tuple[str, ...], field: str, indent: str, call: str) -> list[str]:
    out = []
    for k, t in enumerate(types):
        out.append(f"{indent}{'if' if k == 0 else '} else if'} ({field} === '{t}') {{")
        out.append(f"{indent}  {call.format(t=t)};")
    return [*out, f"{indent}}}"]


def direct(shape: int, n: int, topic: str, types: tuple[str, ...]) -> tuple[list[str], str]:
    """The lines of a module opening a socket to `topic` in `shape` (0-4), and the text on the
    line of its `new WebSocket(`."""
    name = topic.removeprefix("/ws/").replace("_", "")
    if shape == 0:  # a module function: onmessage and an if/else-if chain
        lines = [f"export function watch{n}(on: Record<string, (p: unknown) => void>) {{",
                 f"  const {name}Socket = new WebSocket('{topic}');",
                 f"  {name}Socket.onmessage = (event) => {{",
                 "    const message = JSON.parse(event.data);",
                 *_handler_chain(types, "message.type", "    ", "on.{t}(message.payload)"),
                 "  };",
                 f"  {name}Socket.onerror = (err) => console.warn('socket error', err);",
                 f"  return {name}Socket;",
                 "}"]
    elif shape == 1:  # async opener: the token in the URL, a switch in addEventListener
        lines = [f"export async function start{n}(tokenOf: () => Promise<string>, on: any) {{",
                 "  const token = await tokenOf();",
                 f"  const socket = new WebSocket(`{topic}?token=${{token}}`);",
                 "  socket.addEventListener('message', (event: MessageEvent) => {",
                 "    const message = JSON.parse(event.data);",
                 "    switch (message.type) {",
                 *[line for t in types for line in (f"      case '{t}':", f"        on.{t}(message.payload);",
                                                    "        break;")],
                 "      default:",
                 "        break;",
                 "    }",
                 "  });",
                 "  return socket;",
                 "}"]
    elif shape == 2:  # a React hook that cleans up and keeps whole messages
        lines = ["import { useEffect, useState } from 'react';",
                 f"export function useLatest{n}() {{",
                 "  const [latest, setLatest] = useState<unknown>(null);",
                 "  useEffect(() => {",
                 f"    const socket = new WebSocket('{topic}');",
                 "    socket.onmessage = (event) => setLatest(JSON.parse(event.data));",
                 "    return () => socket.close();",
                 "  }, []);",
                 "  return latest;",
                 "}"]
    elif shape == 3:  # a hook that never closes its socket
        lines = ["import { useEffect, useState } from 'react';",
                 f"export function useFeed{n}() {{",
                 "  const [items, setItems] = useState<unknown[]>([]);",
                 "  useEffect(() => {",
                 "    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';",
                 f"    const socket = new WebSocket(`${{scheme}}://${{window.location.host}}{topic}`);",
                 "    socket.onmessage = (event) => setItems((old) => [...old, JSON.parse(event.data)]);",
                 "  }, []);",
                 "  return items;",
                 "}"]
    else:  # a class that reconnects itself; the type destructured
        lines = [f"export class Feed{n} {{",
                 "  private socket: WebSocket | null = null;",
                 "  constructor(private readonly origin: string) {}",
                 "  connect(): void {",
                 f"    this.socket = new WebSocket(this.origin + '{topic}');",
                 "    this.socket.onclose = () => setTimeout(() => this.connect(), 2000);",
                 "    this.socket.onmessage = (event) => {",
                 "      const { type, payload } = JSON.parse(event.data);",
                 *_handler_chain(types, "type", "      ", "this.publish('{t}', payload)"),
                 "    };",
                 "  }",
                 "  publish(type: string, payload: unknown): void { console.info(type, payload); }",
                 "}"]
    return lines, next(line for line in lines if "new WebSocket(" in line)


def wrapper_call(n: int, path: str, topic: str, types: tuple[str, ...]) -> tuple[list[str], str]:
    """A component on a fixed-topic hook of the wrapper module, a listener per type."""
    hook = HOOKS[topic]
    up = "../" * (path.count("/") - 1)
    call = f"  const {{ subscribe }} = {hook}(userId);"
    lines = ["import React, { useEffect, useState } from 'react';",
             f"import {{ {hook} }} from '{up}{WRAPPER_FILE.removeprefix('src/').removesuffix('.ts')}';",
             "",
             f"export function Live{n}({{ userId }}: {{ userId: string }}) {{",
             "  const [last, setLast] = useState<unknown>(null);",
             call,
             "  useEffect(() => {",
             *[f"    subscribe('{t}', (payload) => setLast(payload));" for t in types],
             "  }, [subscribe]);",
             "  return <output>{String(last)}</output>;",
             "}"]
    return lines, call


def write_corpus(out: Path, files: int, legacy_share: float = 0.1, seed: int = 1) -> dict[str, Any]:
    """Write the corpus into `out` (made if need be) and return its manifest (also written)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / ".gitignore").write_text("node_modules/\ndist/\n")
    sites: list[dict[str, Any]] = []
    for n in range(files):
        folder = f"src/{rng.choice(FOLDERS)}/part{n % 41:02d}"
        if rng.random() >= legacy_share:
            write_file(out, f"{folder}/view{n}.tsx", ordinary(n, rng))
            continue
        topic = rng.choice(sorted(TOPICS))
        types = TOPICS[topic]
        shape = rng.randrange(6)
        if shape == 5:
            path = f"{folder}/live{n}.tsx"
            lines, marker = wrapper_call(n, path, topic, types)
            site = {"kind": "wrapper-call", "endpoint": topic + "/{userId}", "via": HOOKS[topic]}
        else:
            path = f"{folder}/socket{n}.{'tsx' if rng.random() < 0.5 else 'ts'}"
            lines, marker = direct(shape, n, topic, types)
            site = {"kind": "direct", "endpoint": topic}
        head = ordinary(n, rng).splitlines() + [""] if path.endswith(".tsx") else []  # sizes alike
        text = "\n".join([*head, *lines]) + "\n"
        write_file(out, path, text)
        line = len(head) + lines.index(marker) + 1
        sites.append({"file": path, "line": line, **site, "types": list(types)})
    write_file(out, WRAPPER_FILE, wrapper_module())
    wrapper_line = wrapper_module().splitlines().index(
        next(line for line in wrapper_module().splitlines() if "new WebSocket(" in line)) + 1
    for k in range(files // 10):  # vendored code: never scanned
        write_file(out, f"node_modules/vendor{k}/index.ts", "export const s = new WebSocket('/ws/vendor');\n")
    manifest = {"files": files + 1, "legacy_sites": sites,
                "wrappers": [{"file": WRAPPER_FILE, "line": wrapper_line, "name": WRAPPER_NAME}]}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def write_file(root: Path, rel: str, text: str) -> None:
    """Write `text` at `rel` under `root`, making its folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--legacy-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    manifest = write_corpus(args.out, args.files, args.legacy_share, args.seed)
    print(f"wrote {args.files} files, {len(manifest['legacy_sites'])} legacy sites under {args.out}")


if __name__ == "__main__":
    main()

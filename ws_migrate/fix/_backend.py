"""Transform (back end): a broadcast of a mapped legacy message becomes a publish of the unified event.

What it does: `await manager.broadcast("dns_management", {"type": "zone_updated", "payload": zone})`
→ `await events.publish(EventType.DNS_ZONE_UPDATED, zone)`, and imports `EventType, events` from
the module `init --backend` writes (`client.backend_module` of the rules).

Why: the unified server routes events to every subscriber with the right role; the per-topic
registry goes with the legacy endpoints in the Cleanup phase.

Refuses: a message built in a variable (it may be changed before the send), messages with keys
beyond the type and the payload, unmapped or unknown types, sends that are not awaited, and
replies on one client's own socket (`websocket.send_json(...)` inside an endpoint).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from ws_migrate.analyse._backend import Backend
from ws_migrate.analyse._python import PyEmit, summarize_python
from ws_migrate.rules import Rules


@dataclass(frozen=True)
class BackendPatch:
    """A back-end file before and after its sends are rewritten."""

    rel: str
    before: bytes
    after: bytes
    rewritten: int


@dataclass(frozen=True)
class BackendManual:
    """A back-end send `fix` leaves to a person, and why."""

    file: str
    line: int
    reason: str


def _import_line(rel: str, module: str, root: Path) -> str:
    """How the file at `rel` imports `module` (repo-relative path without `.py`)."""
    here, there = posixpath.dirname(rel), posixpath.dirname(module)
    name = posixpath.basename(module)
    if here == there:
        package = (root / here / "__init__.py").is_file() if here else False
        return f"from {'.' if package else ''}{name} import EventType, events"
    return f"from {module.replace('/', '.')} import EventType, events"


def plan_backend(root: Path, backend: Backend, rules: Rules) -> tuple[list[BackendPatch], list[BackendManual]]:
    endpoint_at = {(m.file, m.line): m.endpoint for m in backend.emitted}
    files = sorted({m.file for m in backend.emitted})
    patches: list[BackendPatch] = []
    manual: list[BackendManual] = []
    module = rules.client.backend_module.removesuffix(".py")
    tf, pf = rules.envelope.type_field, rules.envelope.payload_field
    for rel in files:
        try:
            before = (root / rel).read_bytes()
            text = before.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            manual.append(BackendManual(rel, 1, f"cannot read as UTF-8: {exc}"))
            continue
        summary = summarize_python(before, rel, tf)
        edits: list[tuple[int, int, str]] = []
        for emit in summary.emits:
            if (emit.how == "registry" or emit.builder is not None) and emit.forward is None \
                    and (rel, emit.line) not in endpoint_at:
                # a call linking did not find to reach a socket (`JSONResponse({…})`, a log), or a
                # call it found no builder of a typed message in (`send_json(str(x))`)
                continue
            reason, new = _rewrite(emit, endpoint_at.get((rel, emit.line)), rules, tf, pf)
            if reason:
                manual.append(BackendManual(rel, emit.line, reason))
            else:
                edits.append((emit.start, emit.end, new))
        if not edits:
            continue
        after = text
        for start, end, new in sorted(edits, reverse=True):
            after = after[:start] + new + after[end:]
        after = _add_import(after, _import_line(rel, module, root))
        try:
            compile(after, rel, "exec")
        except SyntaxError as exc:
            manual.extend(BackendManual(rel, 1, f"patch withheld: the result does not compile ({exc.msg})")
                          for _ in edits[:1])
            continue
        patches.append(BackendPatch(rel, before, after.encode("utf-8"), len(edits)))
    return patches, manual


def _rewrite(emit: PyEmit, endpoint: str | None, rules: Rules, tf: str, pf: str) -> tuple[str, str]:
    """(reason it stays, "") or ("", the replacement call)."""
    if emit.how != "registry":
        return ("a reply on one client's own socket: it goes with its endpoint in the Cleanup phase", "")
    if not emit.typed or emit.type is None:
        return (f"the message has no `{tf}`", "")
    if not emit.inline:
        return ("the message is built in a variable before the send", "")
    if set(emit.keys) - {tf, pf}:
        return (f"the message has keys beyond `{tf}` and `{pf}`", "")
    if not emit.awaited:
        return ("the send is not awaited (publish is a coroutine)", "")
    event = rules.event_for(endpoint, emit.type) if endpoint else None
    if event is None:
        return (f"message type '{emit.type}' on {endpoint or 'an unknown endpoint'} has no EventType", "")
    return ("", f"events.publish(EventType.{event}, {emit.payload if emit.payload is not None else 'None'})")


def _add_import(text: str, line: str) -> str:
    """`line` after the module's last top-level import (never before `from __future__`)."""
    if line in text:
        return text
    lines = text.split("\n")
    last = -1
    for i, ln in enumerate(lines):
        if ln.startswith(("import ", "from ")):
            last = i
    newline = "\r\n" if "\r\n" in text else "\n"
    if last < 0:
        return line + newline + text
    # a multi-line `from x import (\n a,\n)` ends at its closing parenthesis
    if lines[last].rstrip().endswith("("):
        while last + 1 < len(lines) and not lines[last].rstrip().endswith(")"):
            last += 1
    lines.insert(last + 1, line.rstrip("\r") + ("\r" if newline == "\r\n" else ""))
    return "\n".join(lines)

"""What the repo's text says beyond the scan: uses of the unified client, legacy endpoint strings,
and whether effects that subscribe through the unified service clean up.

The scan finds legacy sockets; the report also needs the other side of the migration, which is
plain calls on one well-known object (`websocketService`). A careful lexical pass (strings and
comments skipped when matching brackets) is enough for that, and is far cheaper than a parse.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ws_migrate.report._model import Site
from ws_migrate.walk import ALWAYS_SKIPPED_DIRS, ignore_matcher, walk

DOC_SUFFIXES = (".md", ".mdx", ".markdown", ".rst", ".adoc", ".txt")
_CLIENT_LANGUAGES = ("typescript", "tsx", "javascript", "vue", "svelte")
_MAX_TEXT = 2_000_000  # bigger files are generated or data, not code a person migrates

_SUBSCRIBE = re.compile(r"\bwebsocketService\s*\.\s*subscribe\s*\(")
_HOOK = re.compile(r"(?<![\w.$])useWebSocketEvents\s*(?:<[^>()]*>)?\s*\(")
_HOOK_DEFINITION = re.compile(r"(?:function\s*\*?\s*|(?:const|let|var)\s+)$")
_ON = re.compile(r"\bwebsocketService\s*\.\s*on\s*\(")
_OFF = re.compile(r"\bwebsocketService\s*\.\s*off\s*\(")
_UNSUBSCRIBE = re.compile(r"\bwebsocketService\s*\.\s*unsubscribe\s*\(")
_ON_ERROR = re.compile(r"\bwebsocketService\s*\.\s*onError\s*\(")
_CONNECT = re.compile(r"\bwebsocketService\s*\.\s*(?:connect|reconnectWithToken|updateToken)\s*\(")
_EFFECT = re.compile(r"(?<![\w.$])(?:React\s*\.\s*)?use(?:Layout)?Effect\s*\(")
_CLEANUP = re.compile(r"\breturn\s*(?:\(\s*\)\s*=>|function\b)")
_EVENT = re.compile(r"\bEventType\s*\.\s*([A-Za-z_]\w*)")
_LEGACY_PATH = re.compile(r"/ws/[\w${}*<>-]+")
_IGNORE = "ws-migrate-ignore"


@dataclass(frozen=True)
class UnifiedUse:
    """A call that replaces a legacy connection: `websocketService.subscribe([...])` or
    `useWebSocketEvents([...])`, with the EventTypes it names."""

    site: Site
    event_types: tuple[str, ...]


@dataclass(frozen=True)
class LegacyString:
    """A `/ws/<topic>` path written in code or docs."""

    site: Site
    path: str
    doc: bool


@dataclass(frozen=True)
class Usage:
    """Everything the lexical pass found, in file order."""

    unified: tuple[UnifiedUse, ...]
    on: tuple[Site, ...]
    on_error: tuple[Site, ...]
    connect: tuple[Site, ...]
    legacy_strings: tuple[LegacyString, ...]
    # effects that subscribe or register through websocketService: (clean, leaking sites)
    clean_effects: tuple[Site, ...]
    leaking_effects: tuple[Site, ...]
    doc_files: tuple[str, ...]  # docs that mention WebSockets at all


def read_usage(root: Path, *, skip: Iterable[str] = ()) -> Usage:
    """Read the code and docs of `root` (gitignore honoured); files in `skip` are passed over.

    `skip` holds repo-relative paths: the generated client (it defines, not uses, the service)
    and the rule files (they name legacy endpoints on purpose).
    """
    skipped = set(skip)
    unified: list[UnifiedUse] = []
    on: list[Site] = []
    on_error: list[Site] = []
    connect: list[Site] = []
    strings: list[LegacyString] = []
    clean: list[Site] = []
    leaking: list[Site] = []
    for f in walk(root).files:
        if f.rel in skipped or f.size > _MAX_TEXT:
            continue
        text = _read(Path(f.fspath))
        if text is None:
            continue
        strings.extend(_legacy_strings(f.rel, text, doc=False))
        if f.language not in _CLIENT_LANGUAGES or "websocketService" not in text and (
            "useWebSocketEvents" not in text
        ):
            continue
        lines = _LineIndex(text)
        unified.extend(_unified_uses(f.rel, text, lines))
        on.extend(lines.site(f.rel, m.start()) for m in _ON.finditer(text))
        on_error.extend(lines.site(f.rel, m.start()) for m in _ON_ERROR.finditer(text))
        connect.extend(lines.site(f.rel, m.start()) for m in _CONNECT.finditer(text))
        ok, bad = _effects(f.rel, text, lines)
        clean.extend(ok)
        leaking.extend(bad)
    doc_files: list[str] = []
    for rel, path in doc_paths(root):
        if rel in skipped:
            continue
        text = _read(path)
        if text is None:
            continue
        if re.search(r"websocket|/ws/", text, re.IGNORECASE):
            doc_files.append(rel)
        strings.extend(_legacy_strings(rel, text, doc=True))
    return Usage(
        unified=tuple(unified),
        on=tuple(on),
        on_error=tuple(on_error),
        connect=tuple(connect),
        legacy_strings=tuple(strings),
        clean_effects=tuple(clean),
        leaking_effects=tuple(leaking),
        doc_files=tuple(doc_files),
    )


def doc_paths(root: Path) -> list[tuple[str, Path]]:
    """Documentation files under `root`, sorted, honouring every `.gitignore` below the root.

    `walk` lists code only; docs need the same skips (dependencies, build output, ignored files),
    and a symlink out of the root is never read.
    """
    found: list[tuple[str, Path]] = []
    top = os.path.realpath(root)
    specs: dict[str, Callable[[str], bool]] = {}  # folder rel ("" for root) → its .gitignore
    for folder, dirs, files in os.walk(root):
        rel_dir = os.path.relpath(folder, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir
        if ".gitignore" in files:
            try:
                lines = (Path(folder) / ".gitignore").read_text("utf-8", "replace").splitlines()
                specs[rel_dir] = ignore_matcher(lines)
            except OSError:
                pass
        dirs[:] = sorted(
            d for d in dirs
            if d not in ALWAYS_SKIPPED_DIRS and not d.startswith(".")
            and not _ignored(specs, _join(rel_dir, d) + "/")
        )
        for name in sorted(files):
            rel = _join(rel_dir, name)
            path = os.path.join(folder, name)
            if (name.lower().endswith(DOC_SUFFIXES) and not _ignored(specs, rel)
                    and os.path.realpath(path).startswith(top + os.sep)):
                found.append((rel, Path(path)))
    return sorted(found)


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _ignored(specs: dict[str, Callable[[str], bool]], rel: str) -> bool:
    for folder, matches in specs.items():
        prefix = folder + "/" if folder else ""
        if rel.startswith(prefix) and matches(rel[len(prefix):]):
            return True
    return False


def _read(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", "replace")


class _LineIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def site(self, rel: str, offset: int) -> Site:
        n = self.line(offset)
        end = self.starts[n] - 1 if n < len(self.starts) else len(self.text)
        return Site(rel, n, self.text[self.starts[n - 1]:end].strip()[:160])


def _legacy_strings(rel: str, text: str, *, doc: bool) -> list[LegacyString]:
    if "/ws/" not in text:
        return []
    out: list[LegacyString] = []
    previous = ""
    for number, line in enumerate(text.splitlines(), 1):
        # the scan's own suppression comment also keeps a deliberate mention out of the count
        if _IGNORE not in line and not (previous.strip().startswith("//") and _IGNORE in previous):
            for m in _LEGACY_PATH.finditer(line):
                out.append(LegacyString(Site(rel, number, line.strip()[:160]), m.group(0), doc))
        previous = line
    return out


def _unified_uses(rel: str, text: str, lines: _LineIndex) -> list[UnifiedUse]:
    out: list[UnifiedUse] = []
    for pattern in (_SUBSCRIBE, _HOOK):
        for m in pattern.finditer(text):
            if pattern is _HOOK and _HOOK_DEFINITION.search(text[max(0, m.start() - 20):m.start()]):
                continue
            close = matching_close(text, m.end() - 1)
            args = text[m.end():close]
            events = tuple(dict.fromkeys(_EVENT.findall(args)))
            out.append(UnifiedUse(lines.site(rel, m.start()), events))
    out.sort(key=lambda u: u.site.line)
    return out


def _effects(rel: str, text: str, lines: _LineIndex) -> tuple[list[Site], list[Site]]:
    """Effects registering on websocketService: clean ones, and the registrations that leak.

    A registration leaks when the effect's cleanup (its last `return () => …`) lacks the
    matching `off(EventType.X` for an `on(EventType.X`, or `unsubscribe(` for a `subscribe(`.
    """
    clean: list[Site] = []
    leaks: list[Site] = []
    for m in _EFFECT.finditer(text):
        close = matching_close(text, m.end() - 1)
        body = text[m.end():close]
        subs = list(_SUBSCRIBE.finditer(body))
        ons = list(_ON.finditer(body))
        if not subs and not ons:
            continue
        returns = list(_CLEANUP.finditer(body))
        cleanup = body[returns[-1].start():] if returns else ""
        offs = _registered_events(cleanup, _OFF)
        bad = [] if _UNSUBSCRIBE.search(cleanup) else subs
        for o in ons:
            event = _first_event(body, o.end())
            if event is not None and event not in offs or event is None and not offs:
                bad.append(o)
        if bad:
            leaks.extend(lines.site(rel, m.end() + b.start()) for b in bad)
        else:
            clean.append(lines.site(rel, m.start()))
    return clean, leaks


def _first_event(text: str, start: int) -> str | None:
    close = matching_close(text, start - 1)
    found = _EVENT.search(text[start:close])
    return found.group(1) if found else None


def _registered_events(text: str, pattern: re.Pattern[str]) -> set[str]:
    events: set[str] = set()
    for m in pattern.finditer(text):
        event = _first_event(text, m.end())
        events.add(event or "*")
    return events


def matching_close(text: str, open_at: int) -> int:
    """Index of the bracket closing the one at `open_at` (or the end of `text`).

    Strings, template literals and comments are skipped, so a `)` inside them does not count.
    """
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack: list[str] = []
    i, n = open_at, len(text)
    while i < n:
        c = text[i]
        if c in pairs:
            stack.append(pairs[c])
        elif c in ")]}":
            if stack and stack[-1] == c:
                stack.pop()
                if not stack:
                    return i
        elif c in "'\"`":
            i = _string_end(text, i, c)
        elif c == "/" and text.startswith("//", i):
            nl = text.find("\n", i)
            i = n if nl < 0 else nl
        elif c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 1
        i += 1
    return n


def _string_end(text: str, start: int, quote: str) -> int:
    i = start + 1
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == quote or (c == "\n" and quote != "`"):
            return i
        i += 1
    return len(text)


def endpoint_of_events(events: Sequence[str], event_endpoints: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The legacy endpoints (rule patterns) whose events a unified use names, in order."""
    found: dict[str, None] = {}
    for event in events:
        for endpoint in event_endpoints.get(event, ()):
            found[endpoint] = None
    return tuple(found)

"""`init`: write the unified TypeScript client — event types, service, React hook — from the rules.

Each generated file starts with a header and a hash of the rest of its text. A file whose hash
still matches is init's own and is regenerated; a file the user changed (or one init did not
write) is kept and reported as a conflict, unless `force`. Every target is checked before anything
is written, so an init either writes all its files or none.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from .._atomic import write_atomic
from .._exceptions import PatchError, RulesError
from ..analyse._tsconfig import _strip_jsonc
from ..rules import EndpointRule, Rules, builtin_rules_path

if TYPE_CHECKING:
    from ..analyse import Connection

Status = Literal["created", "unchanged", "updated", "kept"]

HASH_PREFIX: Final = "// ws-migrate:hash="
HOOK_MODULE: Final = "useWebSocketEvents"
LEGACY_MODULE: Final = "legacySocket"
LEGACY_HOOKS_MODULE: Final = "legacyHooks"
LEGACY_VUE_MODULE: Final = "legacyVue"
MONITOR_MODULE: Final = "EventMonitor"
DEBUG_MODULE: Final = "debugMode"
_ALIAS_STARTS: Final = ("@", "~", "#")  # how fix/_imports tells an alias from a repo path
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_HASH_LINE = re.compile(r"^(?://|#) ws-migrate:hash=([0-9a-f]{64})\r?\n", re.MULTILINE)


@dataclass(frozen=True)
class InitFile:
    """One file of the client and what init did with it (`kept`: the user changed it)."""

    path: str  # repo-relative, '/'-separated
    status: Status


@dataclass(frozen=True)
class InitResult:
    """What `init_client` did; with conflicts it wrote nothing (see `written`)."""

    files: tuple[InitFile, ...]
    conflicts: tuple[str, ...]  # repo-relative paths of files the user changed

    @property
    def written(self) -> bool:
        """False when conflicts stopped the init: the other statuses say what it would do."""
        return not self.conflicts


@dataclass(frozen=True)
class ClientLayout:
    """Repo-relative files of the client and the module specifiers they import each other by."""

    types_file: str
    service_file: str
    hook_file: str
    legacy_file: str  # `openLegacySocket`: legacy sockets over the service, for `fix`'s adapters
    legacy_hooks_file: str = ""  # `useLegacyWebSocket`: react-use-websocket's hook over them
    legacy_vue_file: str = ""  # `useLegacyVueWebSocket`: VueUse's `useWebSocket` over them
    monitor_file: str = ""  # `init --monitor`: the `EventMonitor` React component
    debug_file: str = ""  # `init --monitor`: `enableDebugMode`, the dev-only logging


def client_layout(root: Path, rules: Rules) -> ClientLayout:
    """Where the client's files go for the rules' `client` paths (tsconfig aliases resolved).

    A module path names `<path>.ts`, or `<path>/index.ts` when `<path>` is a folder of the repo.
    The hook goes beside the service. Raises `RulesError` for a path outside the repo, an alias
    the tsconfig does not map, or two files at one place.
    """
    types_file = _module_file(root, _module_path(root, rules.client.types_import, "types_import"))
    service_file = _module_file(
        root, _module_path(root, rules.client.service_import, "service_import")
    )
    hook_file = posixpath.join(posixpath.dirname(service_file), HOOK_MODULE + ".ts")
    legacy_file = posixpath.join(posixpath.dirname(service_file), LEGACY_MODULE + ".ts")
    legacy_hooks_file = posixpath.join(posixpath.dirname(service_file), LEGACY_HOOKS_MODULE + ".ts")
    legacy_vue_file = posixpath.join(posixpath.dirname(service_file), LEGACY_VUE_MODULE + ".ts")
    monitor_file = posixpath.join(posixpath.dirname(service_file), MONITOR_MODULE + ".ts")
    debug_file = posixpath.join(posixpath.dirname(service_file), DEBUG_MODULE + ".ts")
    files = {types_file, service_file, hook_file, legacy_file, legacy_hooks_file, legacy_vue_file,
             monitor_file, debug_file}
    if len(files) < 8:
        raise RulesError(
            f"client: service_import and types_import must name different modules, not "
            f"{rules.client.service_import!r} and {rules.client.types_import!r}"
        )
    return ClientLayout(types_file=types_file, service_file=service_file, hook_file=hook_file,
                        legacy_file=legacy_file, legacy_hooks_file=legacy_hooks_file,
                        legacy_vue_file=legacy_vue_file, monitor_file=monitor_file,
                        debug_file=debug_file)


def legacy_import(root: Path, rules: Rules, module: str = LEGACY_MODULE) -> str:
    """The module specifier `fix` imports `openLegacySocket` by (or, with `module`, another
    adapter module), in the style of the rules' `service_import` (a repo path or an alias):
    the module beside the service."""
    spec = rules.client.service_import.rstrip("/")
    if client_layout(root, rules).service_file.endswith("/index.ts"):
        return f"{spec}/{module}"  # the service is a folder's index: beside it, inside
    head = spec.rsplit("/", 1)[0] if "/" in spec else "."
    return f"{head}/{module}"


def client_frameworks(root: Path, service_file: str) -> frozenset[str] | None:
    """Which of React and Vue the package of the client depends on: the nearest package.json
    above `service_file` (within `root`) that lists dependencies; None when none does."""
    parts = service_file.split("/")[:-1]
    while True:
        manifest = root.joinpath(*parts, "package.json")
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            data = None
        if isinstance(data, dict):
            names: set[str] = set()
            for key in ("dependencies", "devDependencies", "peerDependencies"):
                deps = data.get(key)
                if isinstance(deps, dict):
                    names.update(deps)
            if names:
                return frozenset(n for n in ("react", "vue") if n in names)
        if not parts:
            return None
        parts.pop()


def uses_react(root: Path, layout: ClientLayout) -> bool:
    """Does the client get its React parts (the `useWebSocketEvents` hook, react-use-websocket's
    adapter)? Yes for a package that depends on react, and where no package.json says."""
    frameworks = client_frameworks(root, layout.service_file)
    return frameworks is None or "react" in frameworks


def required_files(root: Path, layout: ClientLayout) -> tuple[str, ...]:
    """The client files a migrated app needs: the types, the service, and React's hook where
    the package is a React one."""
    hook = (layout.hook_file,) if uses_react(root, layout) else ()
    return (layout.types_file, layout.service_file, *hook)


def render_client(root: Path, rules: Rules, *, monitor: bool = False,
                  seen: Mapping[str, frozenset[str]] | None = None) -> dict[str, str]:
    """The text of every client file (header and hash included), keyed by repo-relative path;
    with `monitor`, the debug wiring too (and the `EventMonitor` component, for React).
    `seen`: the top-level `messages` types each endpoint's adapter route takes (`legacy_types`)."""
    layout = client_layout(root, rules)
    header = (
        f"// Generated by ws-migrate init from {_sources(root, rules)}. "
        "Edit freely: init never overwrites a changed file.\n"
    )
    bodies = {
        layout.types_file: _render("types.ts", _types_values(rules)),
        layout.service_file: _render(
            "service.ts", {"types_module": _import(layout.service_file, layout.types_file)}
        ),
        layout.hook_file: _render(
            "useWebSocketEvents.ts",
            {
                "service_module": _import(layout.hook_file, layout.service_file),
                "types_module": _import(layout.hook_file, layout.types_file),
            },
        ),
        layout.legacy_file: _render(
            "legacySocket.ts",
            {
                "service_module": _import(layout.legacy_file, layout.service_file),
                "types_module": _import(layout.legacy_file, layout.types_file),
                "routes": _legacy_routes(rules, seen),
            },
        ),
    }
    # React's hook and the adapters of a framework's socket hooks, for a package that depends on
    # it (React's also where no package.json says): a Vue or Svelte app has no `react` to import
    frameworks = client_frameworks(root, layout.service_file)
    if not uses_react(root, layout):
        del bodies[layout.hook_file]
    else:
        bodies[layout.legacy_hooks_file] = _render(
            "legacyHooks.ts", {"legacy_module": _import(layout.legacy_hooks_file, layout.legacy_file)})
    if frameworks is not None and "vue" in frameworks:
        bodies[layout.legacy_vue_file] = _render(
            "legacyVue.ts", {"legacy_module": _import(layout.legacy_vue_file, layout.legacy_file)})
    if monitor:
        bodies[layout.debug_file] = _render(
            "debugMode.ts", {"service_module": _import(layout.debug_file, layout.service_file)})
        if uses_react(root, layout):
            bodies[layout.monitor_file] = _render("EventMonitor.ts", {
                "service_module": _import(layout.monitor_file, layout.service_file),
                "types_module": _import(layout.monitor_file, layout.types_file),
            })
    return {path: stamp(header + "\n" + body) for path, body in bodies.items()}


def init_client(root: Path, rules: Rules, *, force: bool = False, backend: bool = False,
                monitor: bool = False, seen: Mapping[str, frozenset[str]] | None = None) -> InitResult:
    """Write the client for `rules` into the repo at `root`.

    `seen`: the top-level `messages` types the scan saw per endpoint (`shared_types_seen`),
    which its adapter route subscribes to. A missing file is created, init's own unchanged file is regenerated, a file the user changed
    is kept and listed in `conflicts` — then nothing at all is written, unless `force`. Raises
    `PatchError` when a target cannot be written and `RulesError` for unusable client paths.
    """
    if not root.is_dir():
        raise PatchError(f"{root}: not a directory")
    planned: list[tuple[str, str, Status]] = []
    files = render_client(root, rules, monitor=monitor, seen=seen)
    if backend:
        from ws_migrate.scaffold._backend import render_backend

        files.update(render_backend(root, rules))
    for rel, text in files.items():
        planned.append((rel, text, _status(root / rel, text, force)))
    for rel, _, status in planned:
        if status in ("created", "updated"):
            _check_writable(root, rel)
    conflicts = tuple(rel for rel, _, status in planned if status == "kept")
    if not conflicts:
        for rel, text, status in planned:
            if status in ("created", "updated"):
                write_atomic(root / rel, text)
    return InitResult(
        files=tuple(InitFile(rel, status) for rel, _, status in planned), conflicts=conflicts
    )


def stamp(text: str, prefix: str = HASH_PREFIX) -> str:
    """`text` with the hash line inserted after its first line (the header)."""
    head, _, rest = text.partition("\n")
    body = head + "\n" + rest
    return f"{head}\n{prefix}{_digest(body)}\n{rest}"


def is_pristine(text: str) -> bool:
    """True when `text` carries a hash line and the rest of it still hashes to that value."""
    match = _HASH_LINE.search(text)
    if match is None:
        return False
    rest = text[: match.start()] + text[match.end():]
    return match.group(1) == _digest(rest)


def _digest(text: str) -> str:
    # line endings do not count: a checkout with CRLF is not a user's change
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def _status(path: Path, text: str, force: bool) -> Status:
    if not path.exists():
        return "created"
    if path.is_dir():
        raise PatchError(f"{path}: is a folder, cannot write the client file there")
    try:
        old = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return "updated" if force else "kept"
    except OSError as err:
        raise PatchError(f"{path}: cannot read: {err.strerror}") from err
    if old == text:
        return "unchanged"
    return "updated" if force or is_pristine(old) else "kept"


def _check_writable(root: Path, rel: str) -> None:
    """Raise `PatchError` unless `root/rel` can be written (its folders created as needed)."""
    path = root / rel
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        raise PatchError(f"{rel}: {folder.relative_to(root).as_posix()} is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PatchError(f"{rel}: {folder} is not writable")


# --- client paths ----------------------------------------------------------------------------------


def _module_path(root: Path, spec: str, key: str) -> str:
    """The repo-relative module path (no extension) that `spec` names."""
    if spec.startswith(_ALIAS_STARTS):
        resolved = _resolve_alias(root, spec)
        if resolved is None:
            raise RulesError(
                f"client: {key}: {spec!r} looks like a tsconfig alias, but no `compilerOptions."
                "paths` entry of the repo's tsconfig.json maps it"
            )
        spec = resolved
    path = posixpath.normpath(spec.replace("\\", "/"))
    stem, ext = posixpath.splitext(path)
    if ext in (".ts", ".tsx"):
        path = stem
    if path.startswith(("/", "../")) or path in (".", ".."):
        raise RulesError(f"client: {key}: {spec!r} is not a module path inside the repo")
    return path


def _resolve_alias(root: Path, spec: str) -> str | None:
    """`spec` through the tsconfig's `paths` (exact pattern first, then the longest prefix)."""
    for name in ("tsconfig.json", "jsconfig.json"):
        config = root / name
        if not config.is_file():
            continue
        try:
            data = json.loads(_strip_jsonc(config.read_text(encoding="utf-8", errors="replace")))
            options = data.get("compilerOptions") or {}
        except (ValueError, AttributeError, OSError, RecursionError):
            return None
        raw_base, raw_paths = options.get("baseUrl"), options.get("paths")
        base = raw_base if isinstance(raw_base, str) else "."
        paths: dict[str, object] = raw_paths if isinstance(raw_paths, dict) else {}
        # (exact pattern?, prefix length) ranks the matches the way TypeScript picks one
        candidates: list[tuple[tuple[bool, int], list[str]]] = []
        for pattern, targets in paths.items():
            if not isinstance(targets, list) or not targets:
                continue
            prefix, star, suffix = pattern.partition("*")
            if not star:
                if spec == pattern:
                    candidates.append(((True, len(pattern)), [str(t) for t in targets]))
            elif spec.startswith(prefix) and spec.endswith(suffix) and \
                    len(spec) >= len(prefix) + len(suffix):
                rest = spec[len(prefix):len(spec) - len(suffix)]
                candidates.append(((False, len(prefix)), [str(t).replace("*", rest) for t in targets]))
        if not candidates:
            return None
        targets = max(candidates, key=lambda c: c[0])[1]
        resolved = [posixpath.normpath(posixpath.join(base, t)) for t in targets]
        # like TypeScript: the first target that exists, else the first one
        for target in resolved:
            if any((root / (target + ext)).exists() for ext in ("", ".ts", ".tsx")):
                return target
        return resolved[0]
    return None


def _module_file(root: Path, module: str) -> str:
    return f"{module}/index.ts" if (root / module).is_dir() else f"{module}.ts"


def _import(from_file: str, to_file: str) -> str:
    """The relative specifier `from_file` imports `to_file` by: no extension, no `/index`."""
    target = to_file.removesuffix(".ts").removesuffix("/index")
    rel = posixpath.relpath(target, posixpath.dirname(from_file) or ".")
    if rel == ".":
        return "./index"  # the folder's own index, beside the importer
    return rel if rel.startswith(".") else "./" + rel


# --- rendering -------------------------------------------------------------------------------------


def _render(template: str, values: Mapping[str, str]) -> str:
    text = resources.files("ws_migrate.scaffold").joinpath("templates", template).read_text("utf-8")

    def fill(match: re.Match[str]) -> str:
        return values[match.group(1)]  # a KeyError here is a bug in a template

    return _PLACEHOLDER.sub(fill, text)


def _types_values(rules: Rules) -> dict[str, str]:
    members: list[str] = []
    for event in rules.events:
        if event.description:
            members.append(f"  /** {_doc(event.description)} */")
        members.append(f"  {event.name} = {_string(event.value)},")
    roles = sorted({role for event in rules.events for role in event.roles})
    return {
        "event_members": "\n".join(members),
        "role_union": " | ".join(_string(role) for role in roles) or "never",
        "event_roles": "\n".join(
            f"  [EventType.{event.name}]: [{', '.join(_string(r) for r in event.roles)}],"
            for event in rules.events
        ),
        "self_module": rules.client.types_import,
        "example_event": rules.events[0].name if rules.events else "SOME_EVENT",
    }


def legacy_types(rules: Rules, rule: EndpointRule,
                 seen: Mapping[str, frozenset[str]] | None = None) -> list[tuple[str, str | None]]:
    """(EventType, legacy type) of an endpoint, as its adapter delivers them: each EventType
    under the first legacy type the rules map to it, the default event as the whole message.

    The top-level `messages` count only for the legacy types `seen` on the endpoint (pattern →
    types: `shared_types_seen`): a type several endpoints share is not every endpoint's, and
    subscribing each to it would hand one topic's events to another's handlers."""
    mapping: dict[str, str | None] = {}
    for legacy_type, event_type in rule.messages.items():
        mapping.setdefault(event_type, legacy_type)
    for legacy_type in sorted((seen or {}).get(rule.pattern, ())):
        shared = rules.messages.get(legacy_type)
        if shared is not None and legacy_type not in rule.messages:
            mapping.setdefault(shared, legacy_type)
    if rule.default_event is not None:
        mapping.setdefault(rule.default_event, None)
    return list(mapping.items())


def shared_types_seen(connections: Iterable[Connection], rules: Rules) -> dict[str, frozenset[str]]:
    """Endpoint pattern → the legacy types of the top-level `messages` (and not of the
    endpoint's own) that the scan saw handled on a connection of that endpoint alone: what the
    endpoint is known to send. A connection that may open one of several endpoints is no
    evidence for any of them."""
    found: dict[str, set[str]] = {}
    for c in connections:
        if len(c.endpoints) != 1:
            continue
        rule = rules.endpoint_rule(c.endpoints[0])
        if rule is None:
            continue
        for t in c.message_types:
            if t in rules.messages and t not in rule.messages:
                found.setdefault(rule.pattern, set()).add(t)
    return {pattern: frozenset(types) for pattern, types in found.items()}


def route_entry(event_type: str, legacy_type: str | None) -> str:
    """One `types` entry of a route in `LEGACY_ROUTES`, as `init` writes it."""
    return f"[EventType.{event_type}, {_string(legacy_type) if legacy_type is not None else 'null'}],"


def route_header(rule: EndpointRule) -> str:
    """The line that opens the route of `rule` in `LEGACY_ROUTES`, as `init` writes it."""
    return f"pattern: {_string(rule.pattern)},"


def _legacy_routes(rules: Rules, seen: Mapping[str, frozenset[str]] | None = None) -> str:
    """The `LEGACY_ROUTES` entries of the rules' endpoints, most specific first."""
    out: list[str] = []
    for rule in sorted(rules.endpoints, key=lambda r: r.specificity, reverse=True):
        if rule.segments == ("ws",):
            continue  # `/ws` is the unified endpoint itself
        types = [] if rule.keep_socket else legacy_types(rules, rule, seen)
        if not types and not rule.keep_socket:
            continue
        lines = [f"      {route_entry(ev, legacy)}" for ev, legacy in types]
        out.append("  {\n"
                   f"    {route_header(rule)}\n"
                   f"    typeField: {_string(rule.type_field or rules.envelope.type_field)},\n"
                   f"    payloadField: {_string(rule.payload_field or rules.envelope.payload_field)},\n"
                   + (f"    timeField: {_string(rule.time_field)},\n" if rule.time_field else "")
                   + ("    keepSocket: true,\n    types: [],\n  }," if rule.keep_socket else
                      "    types: [\n" + "\n".join(lines) + "\n    ],\n  },"))
    return "\n".join(out)


def _doc(text: str) -> str:
    """`text` on one line, safe inside a `/** … */` comment."""
    return " ".join(text.split()).replace("*/", "*\\/")


def _string(value: str) -> str:
    """A single-quoted TypeScript string literal."""
    return "'" + json.dumps(value, ensure_ascii=False)[1:-1].replace("\\\"", '"').replace(
        "'", "\\'"
    ) + "'"


def _sources(root: Path, rules: Rules) -> str:
    """The rule files, named so that the header does not depend on the machine."""
    names: list[str] = []
    pack = str(builtin_rules_path())
    for source in rules.sources:
        if source == pack:
            names.append("the built-in rules")
            continue
        path = Path(source)
        try:
            names.append(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            names.append(path.name)
    return ", ".join(names) or "the default rules"

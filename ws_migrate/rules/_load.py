"""Finding the rule files of a run and merging them into one `Rules`."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from .._exceptions import RulesError
from .._openers import LibraryOpener
from ._check import KeyPath, nearest, pack_file, read_document, repeated_wires, undeclared_events
from ._model import (
    ChecklistMark,
    ClientPaths,
    EndpointRule,
    Envelope,
    EventRule,
    Rules,
    WrapperRule,
)

ROOT_RULES_FILE: Final = "ws-migrate.yaml"
LIBRARIES_FILE: Final = "libraries.yaml"  # the shipped library openers, loaded under every rule file
PACK_PARSED: Final = "default.yaml.parsed.json"  # the recorded parse of the pack (`write_parsed`)


def builtin_rules_path() -> Path:
    """The built-in rule pack, `default.yaml`, wherever this install keeps it."""
    return pack_file("default.yaml")


def load_rules(paths: Sequence[Path] = (), root: Path | None = None) -> Rules:
    """The rules of `paths` merged in order, else of `<root>/ws-migrate.yaml`, else the pack.

    Later files override earlier ones: mappings merge per key (so do `endpoints` and `events`),
    `wrappers` merge by name, anything else is replaced. Raises `RulesError` with the first
    problem, as `file:line: key: message`.
    """
    files = [Path(p) for p in paths] or [_default_file(root)]
    merged: dict[str, Any] = {}
    # The file and line each key path was last set from, for rule lines and merged-rule errors.
    origins: dict[KeyPath, tuple[str, int]] = {}
    pack = builtin_rules_path()
    for path in files:
        # the shipped pack is validated against the schema by the test suite, not on every run,
        # and read from the parse recorded beside it (`write_parsed`) while that is current
        doc = (read_document(path, validate=False, parsed=pack_file(PACK_PARSED)) if path == pack
               else read_document(path))
        if doc.problems:
            raise RulesError(_first(doc.problems, [path]))
        data = _wrappers_by_name(doc.data)
        merged = _merge(merged, data)
        origins.update((key_path, (doc.file, line)) for key_path, line in doc.lines.items())
        for index, wrapper in enumerate(doc.data.get("wrappers", [])):
            origins[("wrappers", wrapper["name"])] = (doc.file, doc.line_of(("wrappers", index)))

    sources = tuple(str(path) for path in files)
    merged["libraries"] = {**_builtin_library_data(), **merged.get("libraries", {})}
    def where(key_path: KeyPath) -> tuple[str, int]:
        return nearest(origins, key_path, ("", 1))

    undeclared = undeclared_events(merged, where) + repeated_wires(merged, where)
    if undeclared:
        ordered = sorted(undeclared, key=lambda p: (sources.index(p.file), p.line, p.key))
        raise RulesError(_first(ordered, files))
    return _build(merged, origins, sources)


def _first(problems: Sequence[object], files: Sequence[Path]) -> str:
    """The first of `problems`, and where to see the others: one line, as errors are."""
    more = len(problems) - 1
    if not more:
        return str(problems[0])
    return (f"{problems[0]} (and {more} more problem{'s' if more > 1 else ''}: "
            f"`ws-migrate rules check {' '.join(map(str, files))}` lists them all)")


def _default_file(root: Path | None) -> Path:
    """`<root>/ws-migrate.yaml` when it holds anything, else the pack: an empty one is the file
    `rules infer . > ws-migrate.yaml` has the shell create before the draft is written."""
    found = root / ROOT_RULES_FILE if root is not None else None
    if found is not None and found.is_file() and found.read_bytes().strip():
        return found
    return builtin_rules_path()


def _wrappers_by_name(data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` with `wrappers` keyed by name, so merging by name is merging a mapping."""
    out = dict(data)
    if "wrappers" in out:
        out["wrappers"] = {wrapper["name"]: wrapper for wrapper in out["wrappers"]}
    return out


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """`override` laid over `base`: mappings merge key by key, any other value replaces."""
    out = dict(base)
    for key, value in override.items():
        old = out.get(key)
        out[key] = (
            _merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
        )
    return out


def _build(
    data: Mapping[str, Any], origins: Mapping[KeyPath, tuple[str, int]], sources: tuple[str, ...]
) -> Rules:
    """The `Rules` of merged, valid rule data; what it leaves out keeps the model's default."""

    def line(*key_path: Any) -> int:
        return nearest(origins, key_path, ("", 1))[1]

    endpoints = tuple(
        EndpointRule(
            pattern=pattern,
            default_event=rule.get("default_event"),
            messages=MappingProxyType(dict(rule.get("messages", {}))),
            line=line("endpoints", pattern),
            type_field=rule.get("type_field"),
            payload_field=rule.get("payload_field"),
            keep_socket=rule.get("keep_socket") is True,
            time_field=rule.get("time_field"),
        )
        for pattern, rule in data.get("endpoints", {}).items()
    )
    wrappers = tuple(
        WrapperRule(
            name=name,
            endpoint=wrapper.get("endpoint"),
            subscribe=wrapper.get("subscribe"),
            line=line("wrappers", name),
        )
        for name, wrapper in data.get("wrappers", {}).items()
    )
    events = tuple(
        EventRule(
            name=name, roles=tuple(event.get("roles", ())), description=event.get("description"),
            wire=event.get("wire") if event.get("wire") != name else None,
        )
        for name, event in data.get("events", {}).items()
    )
    return Rules(
        libraries=_openers(data.get("libraries", {})),
        unified_client=tuple(data.get("unified_client", ())),
        admin_roles=tuple(data.get("admin_roles", ())),
        envelope=Envelope(**data.get("envelope", {})),
        endpoints=endpoints,
        messages=MappingProxyType(dict(data.get("messages", {}))),
        wrappers=wrappers,
        events=events,
        client=ClientPaths(**data.get("client", {})),
        app_hosts=tuple(data["app_hosts"]) if "app_hosts" in data else Rules.app_hosts,
        sources=sources,
        checklist=MappingProxyType(_checklist(data.get("checklist", {}))),
    )


def _checklist(data: Mapping[str, Any]) -> dict[str, ChecklistMark]:
    """Marks of `checklist:`; entries of another shape are left alone (the key is free-form)."""
    marks: dict[str, ChecklistMark] = {}
    for item, value in data.items():
        if isinstance(value, bool):
            marks[str(item)] = ChecklistMark(done=value)
        elif isinstance(value, Mapping) and "done" in value:
            marks[str(item)] = ChecklistMark(
                done=value["done"] is True,
                by=_text(value.get("by")),
                date=_text(value.get("date")),
                note=_text(value.get("note")),
            )
    return marks


def _text(value: Any) -> str | None:
    # `date: 2026-11-20` is a `datetime.date` to YAML; str() gives back the ISO form written
    return None if value is None else str(value)


@functools.cache
def _builtin_library_data() -> dict[str, Any]:
    """The `libraries:` of the shipped `libraries.yaml`."""
    doc = read_document(pack_file(LIBRARIES_FILE), validate=False,
                        parsed=pack_file(LIBRARIES_FILE + ".parsed.json"))
    if doc.problems:  # the pack is checked by the test suite: a broken install
        raise RulesError(str(doc.problems[0]))
    return dict(doc.data.get("libraries", {}))


def builtin_openers() -> tuple[LibraryOpener, ...]:
    """The library openers the shipped pack knows (what a scan uses with no `libraries:`)."""
    return _openers(_builtin_library_data())


def _openers(data: Mapping[str, Any]) -> tuple[LibraryOpener, ...]:
    out = []
    for name, entry in sorted(data.items()):
        if entry.get("enabled", True) is False:
            continue
        out.append(LibraryOpener(
            library=name,
            packages=tuple(entry.get("packages", ())),
            exports=tuple(entry.get("exports", ())),
            new=bool(entry.get("new", False)),
            url=str(entry.get("url", "0")),
            options=entry.get("options"),
            on_message=tuple(entry.get("on_message", ())),
            event_arg=int(entry.get("event_arg", 0)),
            parsed=bool(entry.get("parsed", False)),
            last_message=tuple(entry.get("last_message", ())),
            raw_message=tuple(entry.get("raw_message", ())),
            ref_message=tuple(entry.get("ref_message", ())),
            subscribe=bool(entry.get("subscribe", False)),
            connect=str(entry.get("connect", "")),
            listen=tuple(entry.get("listen", ())),
            plugin=bool(entry.get("plugin", False)),
            commits=tuple(entry.get("commits", ())),
            kind=str(entry.get("kind", "socket")),
            globals=tuple(entry.get("globals", ())),
            adapt=str(entry.get("adapt", "")),
        ))
    return tuple(out)

"""Checking rule files: every problem of one file, each at the line of the key that causes it.

Types and shapes come from the shipped JSON Schema, so editors and ws-migrate agree on the format;
the checks a schema cannot express (duplicate keys, repeated wrappers, EventTypes referenced but
not declared) are done here on the YAML node tree, which keeps every key's line.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

if TYPE_CHECKING:  # yaml loads only when a file is parsed: the pack's parse is recorded
    import yaml
    from yaml.nodes import Node

KeyPath = tuple[Any, ...]
"""Keys and list indices from the top of a rule file down to one value."""

_MERGE_TAG: Final = "tag:yaml.org,2002:merge"

_T = TypeVar("_T")


def pack_file(name: str) -> Path:
    """`name` in the built-in pack: `ws_migrate/_pack/` in a wheel, else the repo's `rules/`."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_pack" / name
    return installed if installed.is_file() else package.parent / "rules" / name


SCHEMA_PATH: Final[Path] = pack_file("ws-migrate.schema.json")


@functools.cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the rule file format."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError


@functools.cache
def _validator() -> Draft202012Validator:
    # imported here: jsonschema costs ~50 ms of start-up, and the built-in pack skips it
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema())


@dataclass(frozen=True, order=True)
class RuleProblem:
    """One thing wrong in a rule file; `str()` gives `file:line: key: message` on one line."""

    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        key = f"{self.key}: " if self.key else ""
        return " ".join(f"{self.file}:{self.line}: {key}{self.message}".splitlines())


@dataclass(frozen=True)
class Document:
    """One rule file as read: its data, the line of every key path, and what is wrong with it."""

    file: str
    data: Any
    lines: Mapping[KeyPath, int]
    problems: tuple[RuleProblem, ...]

    def line_of(self, path: KeyPath) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        return nearest(self.lines, path, 1)


def _close_matches(word: str, candidates: Iterable[str]) -> list[str]:
    """The likeliest of `candidates` for a misspelt `word` (difflib loads on the first error)."""
    import difflib

    return difflib.get_close_matches(word, candidates, n=1)


def nearest(table: Mapping[KeyPath, _T], path: KeyPath, default: _T) -> _T:
    """The entry for `path` in `table`, or for its nearest ancestor, or `default`."""
    for end in range(len(path), -1, -1):
        if path[:end] in table:
            return table[path[:end]]
    return default


def check_rules_file(path: Path) -> list[RuleProblem]:
    """Every problem of the rule file at `path`, sorted by line; empty when there is none."""
    doc = read_document(path)
    data = doc.data if isinstance(doc.data, dict) else {}
    def where(key_path: KeyPath) -> tuple[str, int]:
        return doc.file, doc.line_of(key_path)

    return sorted({*doc.problems, *undeclared_events(data, where), *repeated_wires(data, where)})


def read_document(path: Path, *, validate: bool = True, parsed: Path | None = None) -> Document:
    """Read and check one rule file, collecting its problems sorted by line instead of raising.

    References to undeclared EventTypes are left to the caller, which may merge files first.
    `parsed`: a file that may hold the parse of exactly this text (`write_parsed`), used instead
    of parsing when its hash of the text matches.
    """
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Document(file, None, {}, (RuleProblem(file, 1, "", f"cannot read file: {reason}"),))
    recorded = _recorded_parse(parsed, text) if parsed is not None else None
    if recorded is not None:
        data, lines, duplicates = recorded
    else:
        import yaml

        try:
            data, lines, duplicates = _compose(text)
        except yaml.YAMLError as exc:
            return Document(file, None, {}, (_yaml_problem(file, text, exc),))

    problems = [
        RuleProblem(
            file,
            line,
            dotted(data, key_path),
            f"duplicate key (first on line {first}); YAML keeps only this last one",
        )
        for key_path, line, first in duplicates
    ]
    schema_problems = _schema_problems(data) if validate else iter(())
    for key_path, message in (*schema_problems, *_repeated_wrappers(data, lines)):
        problems.append(
            RuleProblem(file, nearest(lines, key_path, 1), dotted(data, key_path), message)
        )
    return Document(file, data, lines, tuple(sorted(set(problems))))


def undeclared_events(
    data: Mapping[str, Any], where: Callable[[KeyPath], tuple[str, int]]
) -> list[RuleProblem]:
    """EventTypes that `endpoints` or the top-level `messages` reference but a non-empty
    `events` does not declare.

    `where` gives the file and line of a key path, so merged rules can point at the file that
    made the reference.
    """
    events, endpoints = data.get("events"), data.get("endpoints")
    if not isinstance(events, dict) or not events:
        return []
    declared = [name for name in events if isinstance(name, str)]
    problems = []
    references = [*_event_references(endpoints if isinstance(endpoints, dict) else {})]
    messages = data.get("messages")
    if isinstance(messages, dict):
        for message_type, event in messages.items():
            references.extend(_if_event_type(("messages", message_type), event))
    for key_path, name in references:
        if name in events:
            continue
        close = _close_matches(name, declared)
        hint = f" (did you mean {close[0]}?)" if close else ""
        file, line = where(key_path)
        message = f"EventType {name} is not declared under events{hint}"
        problems.append(RuleProblem(file, line, dotted(data, key_path), message))
    return problems


def repeated_wires(
    data: Mapping[str, Any], where: Callable[[KeyPath], tuple[str, int]]
) -> list[RuleProblem]:
    """EventTypes whose value on the wire (`wire`, else the name) another one has already: the
    server and the client could not tell them apart."""
    events = data.get("events")
    if not isinstance(events, dict):
        return []
    first: dict[str, str] = {}
    problems = []
    for name, event in events.items():
        wire = event.get("wire") if isinstance(event, dict) else None
        value = wire if isinstance(wire, str) else name
        if not isinstance(value, str):
            continue
        if value in first:
            key_path = ("events", name, "wire") if isinstance(wire, str) else ("events", name)
            file, line = where(key_path)
            message = f"{first[value]} has the wire value {value!r} already: events must differ on the wire"
            problems.append(RuleProblem(file, line, dotted(data, key_path), message))
        first.setdefault(value, name)
    return problems


def _event_references(endpoints: Mapping[Any, Any]) -> Iterator[tuple[KeyPath, str]]:
    """Every well-formed EventType name in `endpoints`; the schema reports malformed ones."""
    for pattern, rule in endpoints.items():
        if not isinstance(rule, dict):
            continue
        yield from _if_event_type(
            ("endpoints", pattern, "default_event"), rule.get("default_event")
        )
        messages = rule.get("messages")
        if isinstance(messages, dict):
            for message_type, event in messages.items():
                yield from _if_event_type(("endpoints", pattern, "messages", message_type), event)


def _if_event_type(path: KeyPath, value: Any) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str) and _event_type_pattern().match(value):
        yield path, value


@functools.cache
def _event_type_pattern() -> re.Pattern[str]:
    return re.compile(load_schema()["$defs"]["eventType"]["pattern"])


_Composed = tuple[Any, dict[KeyPath, int], list[tuple[KeyPath, int, int]]]


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _recorded_parse(parsed: Path, text: str) -> _Composed | None:
    """The parse `write_parsed` recorded for exactly `text`, else None."""
    try:
        recorded = json.loads(parsed.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ValueError):
        return None
    if not isinstance(recorded, dict) or recorded.get("sha256") != _text_hash(text):
        return None
    return recorded["data"], {tuple(path): line for path, line in recorded["lines"]}, []


def write_parsed(path: Path, target: Path) -> None:
    """Record the parse of the rule file `path` in `target` (JSON; the built-in pack's is
    `default.yaml.parsed.json`, so a scan that uses the pack never loads a YAML parser).
    Raises ValueError for a file this cannot record exactly: problems, or keys not strings."""
    text = path.read_text(encoding="utf-8")
    data, lines, duplicates = _compose(text)
    if duplicates or any(not isinstance(k, (str, int)) for kp in lines for k in kp):
        raise ValueError(f"{path}: repeated or non-string keys: not recorded")
    if json.loads(json.dumps(data)) != data:
        raise ValueError(f"{path}: values JSON cannot hold exactly: not recorded")
    target.write_text(json.dumps({"sha256": _text_hash(text), "data": data,
                                  "lines": sorted(([*kp], line) for kp, line in lines.items())},
                                 ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")


def _compose(text: str) -> _Composed:
    """The file's data, the line of every key path, and `(path, line, first line)` per repeat."""
    from .._yaml import bounded_loader

    loader = bounded_loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        lines = {(): node.start_mark.line + 1}
        duplicates: list[tuple[KeyPath, int, int]] = []
        # Index before constructing: construction flattens `<<` merges into the node tree.
        _index(loader, node, (), lines, duplicates, frozenset())
        return loader.construct_document(node), lines, duplicates
    finally:
        loader.dispose()


def _index(
    loader: yaml.SafeLoader,
    node: Node,
    path: KeyPath,
    lines: dict[KeyPath, int],
    duplicates: list[tuple[KeyPath, int, int]],
    active: frozenset[int],
) -> None:
    """Record the line of every key path under `node`, and keys repeated within one mapping."""
    from yaml.constructor import ConstructorError
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if id(node) in active:
        raise ConstructorError(None, None, "recursive aliases are not supported", node.start_mark)
    active |= {id(node)}
    if isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _index(loader, item, (*path, index), lines, duplicates, active)
    elif isinstance(node, MappingNode):
        first: dict[Hashable, int] = {}
        merged: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged += value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                continue
            if not isinstance(key_node, ScalarNode):
                continue  # construction rejects a list or mapping as a key, with its line
            key = loader.construct_object(key_node)
            line = key_node.start_mark.line + 1
            if key in first:
                duplicates.append(((*path, key), line, first[key]))
            first.setdefault(key, line)
            lines[(*path, key)] = line  # YAML keeps the last value, so its line is the one to show
            _index(loader, value_node, (*path, key), lines, duplicates, active)
        for source in merged:
            inherited: dict[KeyPath, int] = {}
            _index(loader, source, path, inherited, duplicates, active)
            # Keys written in this mapping win over the ones it merges in.
            for key_path, line in inherited.items():
                lines.setdefault(key_path, line)


def _yaml_problem(file: str, text: str, exc: yaml.YAMLError) -> RuleProblem:
    from .._yaml import yaml_problem

    line, message = yaml_problem(exc, text)
    return RuleProblem(file, line, "", message)


def _schema_problems(data: Any) -> Iterator[tuple[KeyPath, str]]:
    """`(key path, message)` for every place where `data` breaks the schema."""
    for error in _validator().iter_errors(data):
        path = tuple(error.absolute_path)
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        if error.validator == "additionalProperties" and error.validator_value is False:
            known = list(schema.get("properties", {}))
            for key in error.instance:
                if key not in known:
                    yield (*path, key), _unknown_key(key, known)
        elif error.validator == "required":
            for key in error.validator_value:
                if key not in error.instance:
                    yield (*path, key), "missing (required)"
        elif "propertyNames" in error.relative_schema_path:
            # The offending key is the instance; jsonschema leaves it out of the path.
            yield (*path, error.instance), _expected(error, schema)
        else:
            yield path, _expected(error, schema)


_TYPE_NAMES: Final[dict[str, str]] = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def _expected(error: ValidationError, schema: Mapping[str, Any]) -> str:
    if error.validator == "uniqueItems":
        return "items must not repeat"
    want: str | None = schema.get("x-expected")
    if want is None and error.validator == "type":
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        want = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in types)
    if want is None:
        return error.message
    return f"expected {want}, got {show(error.instance)}{_quote_hint(error, schema)}"


def _quote_hint(error: ValidationError, schema: Mapping[str, Any]) -> str:
    """Advice for a scalar YAML read as no string (`200`, `yes`, `on`), when quoting helps."""
    value = error.instance
    if (
        error.validator != "type"
        or schema.get("type") != "string"
        or isinstance(value, dict | list)
    ):
        return ""
    # A pattern may reject the quoted text too (`12` is no EventType); yes/on/no/off are words.
    if "pattern" in schema and not isinstance(value, bool):
        return ""
    return " (quote it to make it a string)"


def _unknown_key(key: Any, known: list[str]) -> str:
    close = _close_matches(show_key(key), known)
    if close:
        return f"unknown key (did you mean {close[0]!r}?)"
    return f"unknown key (known keys: {', '.join(known)})"


def _repeated_wrappers(data: Any, lines: Mapping[KeyPath, int]) -> Iterator[tuple[KeyPath, str]]:
    """Wrappers named twice in one file, which merging by name would silently fold into one."""
    wrappers = data.get("wrappers") if isinstance(data, dict) else None
    if not isinstance(wrappers, list):
        return
    first: dict[str, int] = {}
    for index, wrapper in enumerate(wrappers):
        name = wrapper.get("name") if isinstance(wrapper, dict) else None
        if not isinstance(name, str):
            continue
        if name in first:
            line = nearest(lines, ("wrappers", first[name]), 1)
            yield (
                ("wrappers", index, "name"),
                f"wrapper {name!r} is already declared on line {line}",
            )
        first.setdefault(name, index)


def dotted(data: Any, path: KeyPath) -> str:
    """`path` as users read it: `endpoints./ws/health.messages.x`, `wrappers[0].name`."""
    text, value = "", data
    for part in path:
        if isinstance(value, list):
            text += f"[{part}]"
            value = value[part] if isinstance(part, int) and 0 <= part < len(value) else None
        else:
            text += ("." if text else "") + show_key(part)
            value = value.get(part) if isinstance(value, dict) else None
    return text


def show_key(key: Any) -> str:
    """A mapping key as written in YAML."""
    return key if isinstance(key, str) else show(key)


def show(value: Any) -> str:
    """A value as a short phrase for messages: `'abc'`, `12`, `null`, `a mapping`."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)

"""`fix`: plan every certain rewrite of a scanned repo as verified per-file patches.

For each file with auto-fixable connections: re-parse it, let each transform propose edits for
one connection, merge them (an overlap makes the later connection manual, never a dropped edit),
add the imports, apply, then verify: the result re-parses with no new syntax errors, and a scan
of it finds none of the rewritten sockets (so `fix` on its own output changes nothing). A file
that fails a check is withheld whole, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ws_migrate.analyse import Connection, FileSummary, summarize
from ws_migrate.analyse._effect_shape import NotCertain, Source, find_node, read_effect_socket
from ws_migrate.analyse._wrapper_call_shape import read_wrapper_call
from ws_migrate.fix._effect import rewrite_effect_socket
from ws_migrate.fix._imports import import_edits
from ws_migrate.fix._wrapper_call import rewrite_wrapper_call, unused_import_edits
from ws_migrate.parse import first_error, parse
from ws_migrate.plan import Edit, EditConflict, apply_edits, check_edits
from ws_migrate.render._diff import unified_diff
from ws_migrate.scan import ScanResult
from ws_migrate.walk import language_for

if TYPE_CHECKING:
    from tree_sitter import Node


@dataclass(frozen=True)
class FilePatch:
    rel: str
    before: bytes
    after: bytes
    connections: tuple[str, ...]  # ids of the connections this patch migrates

    @property
    def diff(self) -> str:
        return unified_diff(self.rel, self.before, self.after)


@dataclass(frozen=True)
class Manual:
    """A connection left as it is, and why."""

    connection: Connection
    reason: str


@dataclass(frozen=True)
class FixResult:
    scan: ScanResult
    patches: tuple[FilePatch, ...]
    manual: tuple[Manual, ...]
    withheld: tuple[tuple[str, str], ...]  # (file, reason) of patches that failed verification
    backend_patches: tuple[FilePatch, ...] = ()  # broadcasts → `events.publish(...)`
    backend_manual: tuple[tuple[str, int, str], ...] = ()  # (file, line, reason)

    @property
    def all_patches(self) -> tuple[FilePatch, ...]:
        return self.patches + self.backend_patches

    @property
    def diff(self) -> str:
        return "".join(p.diff for p in self.all_patches)


def plan_fixes(result: ScanResult) -> FixResult:
    rules = result.rules
    manual: list[Manual] = []
    by_file: dict[str, list[Connection]] = {}
    for c in result.connections:
        if c.fix != "auto":
            manual.append(Manual(c, "; ".join(c.manual_reasons)))
        else:
            by_file.setdefault(c.file, []).append(c)
    patches: list[FilePatch] = []
    withheld: list[tuple[str, str]] = []
    wanted = {"websocketService": rules.client.service_import, "EventType": rules.client.types_import}
    # the scan's own summaries of the files, when it kept them: no second analysis of `before`
    known: dict[str, FileSummary] = result.extra.get("summaries", {})  # type: ignore[assignment]
    for rel in sorted(by_file):
        path = result.root / rel
        language = language_for(rel)
        try:
            before = path.read_bytes()
        except OSError as exc:
            withheld.append((rel, f"cannot read: {exc.strerror or exc}"))
            continue
        if language is None or language == "python":
            continue
        tree = parse(before, language)
        src = Source(before, tree.root_node)
        newline = "\r\n" if b"\r\n" in before else "\n"
        typed = language in ("typescript", "tsx")
        edits: list[Edit] = []
        done: list[Connection] = []
        callees: set[str] = set()
        for c in sorted(by_file[rel], key=lambda c: c.start):
            try:
                if c.kind == "direct":
                    node = find_node(tree.root_node, c.start, c.end, "new_expression")
                    if node is None or node.start_byte != c.start:
                        raise NotCertain("the file changed since the scan")
                    rewrite = rewrite_effect_socket(src, read_effect_socket(src, node), c, rules, typed, newline)
                else:
                    node = _call_at(tree.root_node, c.start, c.end)
                    if node is None:
                        raise NotCertain("the file changed since the scan")
                    rewrite = rewrite_wrapper_call(src, read_wrapper_call(src, node), c, rules, typed, newline)
                    fn = node.child_by_field_name("function") or node.child_by_field_name("constructor")
                    if fn is not None and fn.type == "identifier":
                        callees.add(src.text(fn))
                check_edits(edits + list(rewrite.edits))
            except NotCertain as exc:
                manual.append(Manual(c, str(exc)))
                continue
            except EditConflict as exc:
                manual.append(Manual(c, str(exc)))
                continue
            edits.extend(rewrite.edits)
            done.append(c)
        if not edits:
            continue
        try:
            removed = [(e.start, e.end) for e in edits if e.end > e.start]
            dropped = unused_import_edits(src, callees, removed)
            gone = {e.start for e in dropped if not e.text}
            edits.extend(import_edits(src, rel, wanted, newline, gone))
            edits.extend(dropped)
        except NotCertain as exc:
            manual.extend(Manual(c, str(exc)) for c in done)
            continue
        try:
            after = apply_edits(before, edits)
        except EditConflict as exc:
            withheld.append((rel, str(exc)))
            manual.extend(Manual(c, "edits conflict with the imports") for c in done)
            continue
        old = known.get(rel)
        if old is None or old.lines != before.count(b"\n") + 1:
            old = summarize(before, rel, language, rules.envelope.type_field)
        problem = _verify(old, first_error(tree) is None, after, rel, language,
                          sum(1 for c in done if c.kind == "direct"),
                          sum(1 for c in done if c.kind != "direct"), rules.envelope.type_field)
        if problem:
            withheld.append((rel, problem))
            manual.extend(Manual(c, f"patch withheld: {problem}") for c in done)
            continue
        patches.append(FilePatch(rel, before, after, tuple(c.id for c in done)))
    manual.sort(key=lambda m: (m.connection.file, m.connection.line))
    backend_patches: list[FilePatch] = []
    backend_manual: list[tuple[str, int, str]] = []
    if result.backend is not None and result.backend.emitted:
        from ws_migrate.fix._backend import plan_backend

        done_py, left = plan_backend(result.root, result.backend, rules)
        backend_patches = [FilePatch(p.rel, p.before, p.after, ()) for p in done_py]
        backend_manual = [(m.file, m.line, m.reason) for m in left]
    return FixResult(result, tuple(patches), tuple(manual), tuple(withheld),
                     tuple(backend_patches), tuple(backend_manual))


def _call_at(root: Node, start: int, end: int) -> Node | None:
    node = root.descendant_for_byte_range(start, end)
    while node is not None and not (node.type in ("call_expression", "new_expression")
                                    and node.start_byte == start and node.end_byte == end):
        node = node.parent
    return node


def _verify(old: FileSummary, parsed_before: bool, after: bytes, rel: str, language: str,
            fixed_sockets: int, fixed_calls: int, type_field: str) -> str:
    """Why the patched file must not be written, or "" when it is sound: it re-parses, and a scan
    of it (one parse: the scan reports syntax errors too) finds none of the rewritten sites."""
    new = summarize(after, rel, language, type_field)
    if new.parse_error is not None and parsed_before:
        return "the rewritten file does not parse"
    if len(new.sockets) != len(old.sockets) - fixed_sockets:
        return "a rewritten socket is still there (the rewrite would not be idempotent)"
    registered = sum(1 for c in old.calls if c.registrations) - sum(1 for c in new.calls if c.registrations)
    if registered < fixed_calls:
        return "a rewritten wrapper call is still there (the rewrite would not be idempotent)"
    return ""

"""`fix`: plan every certain rewrite of a scanned repo as verified per-file patches.

For each file with auto-fixable connections: re-parse it, let each transform propose edits for
one connection, merge them (an overlap makes the later connection manual, never a dropped edit),
add the imports, apply, then verify: the result re-parses with no new syntax errors, and a scan
of it finds none of the rewritten sockets (so `fix` on its own output changes nothing). A file
that fails a check is withheld whole, with the reason. Files are planned independently: 64 or
more go to forked worker processes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ws_migrate._openers import ADAPTER_NAMES
from ws_migrate.analyse import Connection, FileSummary, summarize
from ws_migrate.analyse._effect_shape import NotCertain, Source, find_node, read_effect_socket
from ws_migrate.analyse._wrapper_call_shape import read_wrapper_call
from ws_migrate.fix._adapter import CALLS, HOOK, VUE_HOOK, SocketPlan, adapter_edit, plan_sockets
from ws_migrate.fix._effect import rewrite_effect_socket
from ws_migrate.fix._imports import import_edits
from ws_migrate.fix._wrapper_call import rewrite_wrapper_call, unused_import_edits
from ws_migrate.parse import first_error, parse
from ws_migrate.plan import Edit, EditConflict, apply_edits, check_edits
from ws_migrate.render._diff import unified_diff
from ws_migrate.scan import ScanResult
from ws_migrate.scan._scan import analysis_fields
from ws_migrate.walk import language_for

if TYPE_CHECKING:
    from pathlib import Path

    from tree_sitter import Node


@dataclass(frozen=True)
class FilePatch:
    """One file before and after `fix`, and the connections the change migrates."""

    rel: str
    before: bytes
    after: bytes
    connections: tuple[str, ...]  # ids of the connections this patch migrates
    # the diff, when the worker that planned the patch wrote it already (else written on demand)
    written: str = ""

    @property
    def diff(self) -> str:
        return self.written or unified_diff(self.rel, self.before, self.after)


@dataclass(frozen=True)
class Manual:
    """A connection left as it is, and why."""

    connection: Connection
    reason: str


@dataclass(frozen=True)
class FixResult:
    """What `fix` changes, what it leaves to a person and what it withheld after checking it."""

    scan: ScanResult
    patches: tuple[FilePatch, ...]
    manual: tuple[Manual, ...]
    withheld: tuple[tuple[str, str], ...]  # (file, reason) of patches that failed verification
    backend_patches: tuple[FilePatch, ...] = ()  # broadcasts → `events.publish(...)`
    backend_manual: tuple[tuple[str, int, str], ...] = ()  # (file, line, reason)
    # `--inline`: connections whose callers stay on the adapter, and why
    on_adapter: tuple[Manual, ...] = ()

    @property
    def all_patches(self) -> tuple[FilePatch, ...]:
        return self.patches + self.backend_patches

    @property
    def diff(self) -> str:
        return "".join(p.diff for p in self.all_patches)


_PARALLEL_AT = 64  # files to patch: below this, worker processes cost more than they save


@dataclass(frozen=True)
class _Job:
    """What planning one file needs besides its connections (a worker inherits it by fork)."""

    result: ScanResult
    wanted: dict[str, str]
    known: dict[str, FileSummary]  # the scan's own summaries: no second analysis of `before`
    # where each adapter function is imported from (`openLegacySocket` → `src/services/legacySocket`),
    # for the adapter modules `init` has written (none: nothing is put over an adapter)
    adapter_modules: dict[str, str] = field(default_factory=dict)
    fields: str = ""  # `analysis_fields` of the rules: how the scan read each file


# (the patch or None, connections left manual as (id, reason), (file, reason) withheld)
_Outcome = tuple[FilePatch | None, list[tuple[str, str]], list[tuple[str, str]]]
_job: _Job | None = None


def plan_fixes(result: ScanResult, inline: bool = False) -> FixResult:
    """The verified patches of `result`'s certain rewrites; with `inline`, also the moves of an
    adapter's callers onto the service itself (`fix --inline`, in `_inline.py`)."""
    rules = result.rules
    manual: list[Manual] = []
    by_file: dict[str, list[Connection]] = {}
    for c in result.connections:
        if c.fix != "auto":
            manual.append(Manual(c, "; ".join(c.manual_reasons)))
        else:
            by_file.setdefault(c.file, []).append(c)
    summaries: dict[str, FileSummary] = result.extra.get("summaries", {})  # type: ignore[assignment]
    job = _Job(result, {"websocketService": rules.client.service_import, "EventType": rules.client.types_import},
               summaries, _adapter_modules(result), analysis_fields(rules))
    rels = sorted(by_file)
    outcomes = _planned(job, [(rel, by_file[rel]) for rel in rels])
    by_id = {c.id: c for c in result.connections}
    planned = dict(zip(rels, outcomes))
    # then what no rewrite of its own migrated: the sockets they go through, over the adapter
    left_ids = {cid: reason for _, left, _ in outcomes for cid, reason in left}
    remaining = [m.connection for m in manual] + [by_id[cid] for cid in left_ids]
    first = {m.connection.id: m.reason for m in manual} | left_ids
    manual = []
    adapted_ids: set[str] = set()
    if job.adapter_modules:
        plans, refused = plan_sockets(remaining, _with_socket_files(summaries, remaining, result),
                                      rules, job.adapter_modules, result.root, _written_adapter(result))
        by_socket_file: dict[str, list[SocketPlan]] = {}
        for plan in plans:
            by_socket_file.setdefault(plan.rel, []).append(plan)
        adapting = sorted(by_socket_file.items())
        # each file again, with its own rewrites (as planned above) and the adapter's edits
        again = _planned(job, [(rel, [c for c in by_file.get(rel, []) if c.id not in left_ids], file_plans)
                               for rel, file_plans in adapting])
        for (rel, file_plans), (patch, left, held) in zip(adapting, again):
            through = {c.id for plan in file_plans for c in plan.connections}
            if patch is None and not held and left and all(cid in through for cid, _ in left):
                refused.extend((by_id[cid], why) for cid, why in left)  # each socket said why
                continue
            if patch is None or any(cid not in through for cid, _ in left):
                why = held[0][1] if held else next((r for cid, r in left if cid not in through), "no patch")
                refused.extend((c, f"the patch of {rel} failed with the adapter: {why}")
                               for plan in file_plans for c in plan.connections)
                continue  # the file keeps the patch planned without the adapter
            planned[rel] = (patch, left, held)
            adapted_ids |= through - {cid for cid, _ in left}
            refused.extend((by_id[cid], why) for cid, why in left)
        reasons = {c.id: why for c, why in refused}
    else:
        missing = _adapter_file(result) or "the adapter"
        # a library with no adapter stays as it is whatever `init` writes: that is the reason
        unadapted = {o.library for o in rules.libraries if not o.adapt}
        reasons = {c.id: f"{c.library} has no adapter (no `adapt` in its `libraries:` entry)"
                   if c.library in unadapted else f"`ws-migrate init` has not written {missing} yet"
                   for c in remaining}
    for c in remaining:
        if c.id in adapted_ids:
            continue
        why = reasons.get(c.id, "")
        manual.append(Manual(c, "; ".join(r for r in (first.get(c.id, ""), f"not adapted: {why}" if why else "") if r)))
    patches: list[FilePatch] = []
    withheld: list[tuple[str, str]] = []
    for rel in sorted(planned):
        patch, _, held = planned[rel]
        if patch is not None:
            patches.append(patch)
        withheld.extend(held)
    manual.sort(key=lambda m: (m.connection.file, m.connection.line))
    on_adapter: list[Manual] = []
    if inline:
        inlined, on_adapter = _inline(result, {rel for rel, (p, _, _) in planned.items() if p is not None})
        patches.extend(inlined)
        patches.sort(key=lambda p: p.rel)
    backend_patches: list[FilePatch] = []
    backend_manual: list[tuple[str, int, str]] = []
    if result.backend is not None and result.backend.emitted:
        from ws_migrate.fix._backend import plan_backend

        done_py, left_py = plan_backend(result.root, result.backend, rules)
        backend_manual = [(m.file, m.line, m.reason) for m in left_py]
        for p in done_py:
            target = real_rel(result.root, p.rel)
            if target is None:
                backend_manual.append((p.rel, 1, _OUTSIDE))
            else:
                backend_patches.append(FilePatch(target, p.before, p.after, ()))
    return FixResult(result, tuple(patches), tuple(manual), tuple(withheld),
                     tuple(backend_patches), tuple(backend_manual), tuple(on_adapter))


def _inline(result: ScanResult, busy: set[str]) -> tuple[list[FilePatch], list[Manual]]:
    """The patches that move the adapted connections' callers onto the service, and the
    connections that stay on the adapter, with the reason."""
    from ws_migrate.fix._inline import patch_inline, plan_inline

    plans, left = plan_inline(result, busy)
    outside = [p for p in plans if any(real_rel(result.root, rel) != rel for rel in p.edits)]
    left.extend((p.connection, _OUTSIDE) for p in outside)
    files, failed = patch_inline(result, [p for p in plans if p not in outside])
    patches = [FilePatch(rel, before, after, ids, unified_diff(rel, before, after))
               for rel, (before, after, ids) in sorted(files.items())]
    stay = sorted(left + failed, key=lambda m: (m[0].file, m[0].line))
    return patches, [Manual(c, why) for c, why in stay]


# `_plan_file`'s arguments: a file and its connections, and the sockets to adapt there
_Work = tuple[str, list[Connection]] | tuple[str, list[Connection], list[SocketPlan]]


def _planned(job: _Job, work: list[_Work]) -> list[_Outcome]:
    """`_plan_file` of each file, in order: in worker processes when there are many."""
    outcomes: list[_Outcome] | None = None
    if len(work) >= _PARALLEL_AT and (os.cpu_count() or 1) > 1:
        outcomes = _in_workers(job, work)
    if outcomes is None:
        outcomes = [_plan_file(job, *item) for item in work]
    return outcomes


def _in_workers(job: _Job, work: list[_Work]) -> list[_Outcome] | None:
    """Plan the files in forked worker processes (planning one is a parse, the rewrites and a
    second analysis to verify them), in order; None when no process can be started."""
    global _job
    from ws_migrate.scan._crew import fork_map

    _job = job  # inherited by the workers, with `work`: only the outcomes travel
    try:
        return fork_map(_plan_in_worker, work, os.cpu_count() or 1)
    finally:
        _job = None


def _plan_in_worker(item: _Work) -> _Outcome:
    assert _job is not None
    return _plan_file(_job, *item)


def _plan_file(job: _Job, rel: str, conns: list[Connection], adapt: list[SocketPlan] | None = None) -> _Outcome:
    """The verified patch of one file, the connections left manual and why, what is withheld.
    `adapt`: sockets of the file to put over the adapter (with the connections through them)."""
    rules = job.result.rules
    manual: list[tuple[str, str]] = []
    path = job.result.root / rel
    language = language_for(rel)
    # a symlink (or a file beyond a symlinked folder) is patched where its bytes are: `git
    # apply` patches no link, and a rename over the link would replace it by a copy
    target = real_rel(job.result.root, rel)
    if target is None:
        return None, [(c.id, _OUTSIDE) for c in [*conns, *(c for p in adapt or () for c in p.connections)]], []
    try:
        before = path.read_bytes()
    except OSError as exc:
        return None, [], [(rel, f"cannot read: {exc.strerror or exc}")]
    if language is None or language == "python":
        return None, [], []
    tree = parse(before, language)
    src = Source(before, tree.root_node)
    newline = "\r\n" if b"\r\n" in before else "\n"
    typed = language in ("typescript", "tsx")
    edits: list[Edit] = []
    done: list[Connection] = []
    callees: set[str] = set()
    for c in sorted(conns, key=lambda c: c.start):
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
        except (NotCertain, EditConflict) as exc:
            manual.append((c.id, str(exc)))
            continue
        edits.extend(rewrite.edits)
        done.append(c)
    rewritten = bool(edits)
    adapted: list[Connection] = []
    wanted = dict(job.wanted) if rewritten else {}
    for plan in adapt or ():
        node = (find_node(tree.root_node, plan.start, plan.start + 1, "call_expression")
                if plan.adapter in CALLS else find_node(tree.root_node, plan.start, plan.start + 1, "new_expression"))
        try:
            if node is None or node.start_byte != plan.start:
                raise NotCertain(f"the socket in {rel} changed since the scan")
            socket_edits, library_class = adapter_edit(src, node, plan)
            check_edits(edits + socket_edits)
        except (NotCertain, EditConflict) as exc:
            manual.extend((c.id, str(exc)) for c in plan.connections)
            continue
        edits.extend(socket_edits)
        adapted.extend(plan.connections)
        wanted[plan.adapter] = job.adapter_modules[plan.adapter]
        if library_class:
            callees.add(library_class)  # its import goes when nothing else uses it
    if not edits:
        return None, manual, []
    try:
        removed = [(e.start, e.end) for e in edits if e.end > e.start]
        dropped = unused_import_edits(src, callees, removed)
        gone = {e.start for e in dropped if not e.text}
        edits.extend(import_edits(src, target, wanted, newline, gone))  # from where tsc resolves them
        edits.extend(dropped)
    except NotCertain as exc:
        return None, manual + [(c.id, str(exc)) for c in done + adapted], []
    try:
        after = apply_edits(before, edits)
    except EditConflict as exc:
        return None, manual + [(c.id, "edits conflict with the imports") for c in done + adapted], [(rel, str(exc))]
    old = job.known.get(rel)
    if old is None or old.lines != before.count(b"\n") + 1:
        old = _summary(before, rel, language, job.fields, sites_only=True)
    problem = _verify(old, first_error(tree) is None, _summary(after, rel, language, job.fields, sites_only=True),
                      sum(1 for c in done if c.kind == "direct") + len(adapt or ()) - _failed(adapt, manual),
                      sum(1 for c in done if c.kind != "direct"))
    if problem:
        return None, manual + [(c.id, f"patch withheld: {problem}") for c in done + adapted], [(rel, problem)]
    return (FilePatch(target, before, after, tuple(c.id for c in done + adapted), unified_diff(target, before, after)),
            manual, [])


_OUTSIDE = "a symlink to a file outside the project: rewrite that file where it is"


def real_rel(root: Path, rel: str) -> str | None:
    """Where the file `rel` of `root` really is, relative to `root`: `rel` itself, the target of
    a symlink, or the file beyond a symlinked folder; None when that is outside `root`."""
    real, top = os.path.realpath(root / rel), os.path.realpath(root)
    if real == os.path.join(top, *rel.split("/")):
        return rel
    if not real.startswith(top + os.sep):
        return None
    return os.path.relpath(real, top).replace(os.sep, "/")


def _failed(adapt: list[SocketPlan] | None, manual: list[tuple[str, str]]) -> int:
    """How many of the sockets to adapt could not be (their connections are in `manual`)."""
    left = {cid for cid, _ in manual}
    return sum(1 for plan in adapt or () if plan.connections[0].id in left)


def _adapter_file(result: ScanResult) -> str:
    """Where init writes the adapter (repo-relative), or "" when the rules' paths are unusable."""
    from ws_migrate._exceptions import RulesError
    from ws_migrate.scaffold import client_layout

    try:
        return client_layout(result.root, result.rules).legacy_file
    except RulesError:
        return ""


def _written_adapter(result: ScanResult) -> str | None:
    """The adapter module as `init` wrote it (its routes), or None when it cannot be read."""
    file = _adapter_file(result)
    try:
        return (result.root / file).read_text(encoding="utf-8") if file else None
    except (OSError, UnicodeError):
        return None


def _with_socket_files(summaries: dict[str, FileSummary], connections: list[Connection],
                       result: ScanResult) -> dict[str, FileSummary]:
    """`summaries` and those of the files the `connections`' sockets are in: a scan of an
    unchanged tree reuses its last result, which keeps no summaries."""
    out = dict(summaries)
    for rel in sorted({c.socket[0] for c in connections if c.socket[0]} - set(out)):
        language = language_for(rel)
        try:
            source = (result.root / rel).read_bytes()
        except OSError:
            continue  # gone since the scan: the adapter says so
        if language is not None:
            out[rel] = _summary(source, rel, language, analysis_fields(result.rules))
    return out


def _adapter_modules(result: ScanResult) -> dict[str, str]:
    """The specifier of each adapter function whose module `init` wrote (`openLegacySocket` →
    `src/services/legacySocket`); empty when the repo has none yet (then nothing is put over an
    adapter)."""
    from ws_migrate._exceptions import RulesError
    from ws_migrate.scaffold import client_layout, legacy_import
    from ws_migrate.scaffold._init import LEGACY_HOOKS_MODULE, LEGACY_MODULE, LEGACY_VUE_MODULE

    try:
        layout = client_layout(result.root, result.rules)
    except RulesError:
        return {}
    if not (result.root / layout.legacy_file).is_file():
        return {}
    # the hooks' adapters have modules of their own, for a package of their framework
    own = {HOOK: (layout.legacy_hooks_file, LEGACY_HOOKS_MODULE), VUE_HOOK: (layout.legacy_vue_file, LEGACY_VUE_MODULE)}
    out: dict[str, str] = {}
    for name in ADAPTER_NAMES:
        file, module = own.get(name, (layout.legacy_file, LEGACY_MODULE))
        if (result.root / file).is_file():
            out[name] = legacy_import(result.root, result.rules, module)
    return out


def _call_at(root: Node, start: int, end: int) -> Node | None:
    node = root.descendant_for_byte_range(start, end)
    while node is not None and not (node.type in ("call_expression", "new_expression")
                                    and node.start_byte == start and node.end_byte == end):
        node = node.parent
    return node


def _legacy_sockets(summary: FileSummary) -> int:
    return sum(1 for site in summary.sockets if not site.adapted)


def _summary(source: bytes, rel: str, language: str, fields: str, *, sites_only: bool = False) -> FileSummary:
    """The file read as the scan reads it: the rules' envelope and library openers (`fields`,
    the scan's `analysis_fields`); `sites_only`: enough for `_verify`."""
    type_field, payload_field, openers = fields.split("\0", 2)
    return summarize(source, rel, language, type_field, payload_field, openers, sites_only=sites_only)


def _verify(old: FileSummary, parsed_before: bool, new: FileSummary,
            fixed_sockets: int, fixed_calls: int) -> str:
    """Why the patched file must not be written, or "" when it is sound: it re-parses, and a scan
    of it (one parse: the scan reports syntax errors too) finds none of the rewritten sites."""
    if new.parse_error is not None and parsed_before:
        return "the rewritten file does not parse"
    if _legacy_sockets(new) != _legacy_sockets(old) - fixed_sockets:
        return "a rewritten socket is still there (the rewrite would not be idempotent)"
    registered = sum(1 for c in old.calls if c.registrations) - sum(1 for c in new.calls if c.registrations)
    if registered < fixed_calls:
        return "a rewritten wrapper call is still there (the rewrite would not be idempotent)"
    return ""

"""The scan as SARIF 2.1.0, for code-scanning UIs: one result per finding, and for every connection
`fix` rewrites, the rewrite as a SARIF `fix` (the changed lines of its file), so the UI can show
the suggested change.

The log is built from typed dataclasses that mirror the parts of the schema used here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ws_migrate import __version__
from ws_migrate._words import count
from ws_migrate.analyse import FINDING_RULES

if TYPE_CHECKING:
    from ws_migrate.fix import FilePatch, FixResult
    from ws_migrate.scan import ScanResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


@dataclass(frozen=True)
class Region:
    """SARIF `region`: lines and columns, 1-based."""

    startLine: int
    startColumn: int = 1
    endLine: int | None = None
    endColumn: int | None = None


@dataclass(frozen=True)
class ArtifactLocation:
    """SARIF `artifactLocation`: a file, relative to the scanned root."""

    uri: str
    uriBaseId: str = "SRCROOT"


@dataclass(frozen=True)
class Replacement:
    """SARIF `replacement`: a region and the text that takes its place."""

    deletedRegion: Region
    insertedContent: dict[str, str]


@dataclass(frozen=True)
class ArtifactChange:
    """SARIF `artifactChange`: the replacements in one file."""

    artifactLocation: ArtifactLocation
    replacements: tuple[Replacement, ...]


@dataclass(frozen=True)
class Fix:
    """SARIF `fix`: a proposed change, file by file."""

    description: dict[str, str]
    artifactChanges: tuple[ArtifactChange, ...]


@dataclass(frozen=True)
class Result:
    """SARIF `result`: one finding."""

    ruleId: str
    level: str
    message: dict[str, str]
    locations: tuple[dict[str, Any], ...]
    partialFingerprints: dict[str, str]
    fixes: tuple[Fix, ...] = ()


@dataclass(frozen=True)
class ReportingDescriptor:
    """SARIF `reportingDescriptor`: one of the tool's rules."""

    id: str
    shortDescription: dict[str, str]
    fullDescription: dict[str, str]
    defaultConfiguration: dict[str, str]
    helpUri: str = ""


@dataclass(frozen=True)
class Run:
    """SARIF `run`: the tool and its results."""

    tool: dict[str, Any]
    results: tuple[Result, ...]
    originalUriBaseIds: dict[str, dict[str, str]] = field(default_factory=dict)


def _clean(obj: Any) -> Any:
    """asdict output without empty optional members (SARIF readers dislike nulls)."""
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items() if v is not None and v != () and v != "" and v != []}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    return obj


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", "surrogateescape").split("\n")


def file_fix(patch: FilePatch, description: str) -> Fix:
    """The patch as one replacement of the lines that changed (the common head and tail kept)."""
    a, b = _lines(patch.before), _lines(patch.after)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    removed = a[head:len(a) - tail]
    inserted = b[head:len(b) - tail]
    # whole lines: from the start of the first changed line to the start of the line after the last
    region = Region(startLine=head + 1, startColumn=1, endLine=head + len(removed) + 1, endColumn=1)
    text = "".join(line + "\n" for line in inserted)
    change = ArtifactChange(ArtifactLocation(patch.rel), (Replacement(region, {"text": text}),))
    return Fix({"text": description}, (change,))


def render_sarif(result: ScanResult, fixes: FixResult | None = None) -> str:
    rules = [
        ReportingDescriptor(
            id=r.id,
            shortDescription={"text": r.summary},
            fullDescription={"text": r.why},
            defaultConfiguration={"level": _LEVEL[r.severity]},
        )
        for r in FINDING_RULES.values()
    ]
    patch_of: dict[str, FilePatch] = {}
    for file_patch in fixes.patches if fixes is not None else ():
        for cid in file_patch.connections:
            patch_of[cid] = file_patch
    results = []
    for f in result.findings:
        sarif_fixes: tuple[Fix, ...] = ()
        patch = patch_of.get(f.connection or "") if f.rule == "legacy-connection" else None
        if patch is not None:
            sarif_fixes = (file_fix(patch, f"Move {patch.rel} to the unified WebSocket service "
                                           f"({count(len(patch.connections), 'connection')})"),)
        results.append(Result(
            ruleId=f.rule,
            level=_LEVEL[f.severity],
            message={"text": f.message},
            locations=({"physicalLocation": asdict(_Physical(ArtifactLocation(f.file),
                                                             Region(f.line, f.column)))},),
            partialFingerprints={"wsMigrate/v1": f.fingerprint},
            fixes=sarif_fixes,
        ))
    run = Run(
        tool={"driver": {"name": "ws-migrate", "version": __version__, "semanticVersion": __version__,
                         "informationUri": "https://pypi.org/project/ws-migrate/",
                         "rules": [asdict(r) for r in rules]}},
        results=tuple(results),
        originalUriBaseIds={"SRCROOT": {"uri": result.root.resolve().as_uri() + "/"}},
    )
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [_clean(asdict(run))]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class _Physical:
    """SARIF `physicalLocation`: a region of a file."""

    artifactLocation: ArtifactLocation
    region: Region

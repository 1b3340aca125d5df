"""Baselines: what a repo already had, so CI fails only on legacy code and findings that are new.

A baseline keys on line-independent fingerprints (connection ids and finding fingerprints come
from what the code is, not where it sits), so unrelated edits that move lines do not break it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ws_migrate._atomic import write_atomic
from ws_migrate._exceptions import ScanError
from ws_migrate.analyse import Connection, Finding
from ws_migrate.scan._scan import ScanResult

BASELINE_SCHEMA = "ws-migrate/baseline/1"
DEFAULT_BASELINE = ".ws-migrate-baseline.json"


@dataclass(frozen=True)
class Baseline:
    """The connection ids and finding fingerprints accepted so far: only newer ones fail a gate."""

    connections: frozenset[str]
    findings: frozenset[str]


@dataclass(frozen=True)
class Gate:
    """What a scan has beyond its baseline."""

    new_connections: tuple[Connection, ...]
    new_findings: tuple[Finding, ...]

    @property
    def clean(self) -> bool:
        return not self.new_connections and not self.new_findings


def baseline_of(result: ScanResult) -> dict[str, object]:
    return {
        "schema": BASELINE_SCHEMA,
        "connections": sorted({c.id for c in result.connections}),
        "findings": sorted({f.fingerprint for f in result.findings if f.rule != "legacy-connection"}),
        # for people reading a diff of the baseline in review, not used for matching
        "summary": {"connections": len(result.connections),
                    "findings": sum(1 for f in result.findings if f.rule != "legacy-connection")},
    }


def write_baseline(result: ScanResult, path: Path) -> None:
    write_atomic(path, json.dumps(baseline_of(result), indent=2) + "\n", parents=False)


def load_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScanError(f"{path}: no such baseline (write one with `ws-migrate baseline update`)") from None
    except (OSError, UnicodeError) as exc:
        raise ScanError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ScanError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from None
    except RecursionError:
        raise ScanError(f"{path}:1: not a ws-migrate baseline (nested too deeply to read)") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise ScanError(f"{path}:1: not a ws-migrate baseline (expected \"schema\": \"{BASELINE_SCHEMA}\")")
    conns, finds = data.get("connections"), data.get("findings")
    if not isinstance(conns, list) or not isinstance(finds, list) or \
            not all(isinstance(x, str) for x in conns + finds):
        raise ScanError(f"{path}:1: connections and findings must be lists of fingerprints")
    return Baseline(frozenset(conns), frozenset(finds))


def gate(result: ScanResult, baseline: Baseline | None) -> Gate:
    """Connections and findings not in `baseline` (all of them without one)."""
    known_c = baseline.connections if baseline else frozenset()
    known_f = baseline.findings if baseline else frozenset()
    return Gate(
        tuple(c for c in result.connections if c.id not in known_c),
        tuple(f for f in result.findings if f.rule != "legacy-connection" and f.fingerprint not in known_f),
    )

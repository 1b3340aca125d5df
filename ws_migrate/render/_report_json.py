"""The report as JSON (`"schema": "ws-migrate/report/1"`), described in docs/report-schema.md.

`REPORT_JSON_SCHEMA` is the JSON Schema of that document: the tests validate every rendered
report against it, and the docs list its properties, so the three cannot drift apart.
"""

from __future__ import annotations

import json
from typing import Any

from ws_migrate.report import ChecklistItem, Evidence, Report, Site

REPORT_SCHEMA = "ws-migrate/report/1"
STATUSES = ("done", "in_progress", "not_started", "needs_person", "not_applicable")


def report_to_dict(report: Report) -> dict[str, Any]:
    history = report.history
    return {
        "schema": REPORT_SCHEMA,
        "root": report.root,
        "rules": list(report.rules),
        "files_scanned": report.files_scanned,
        "phase": {
            "number": report.phase.number,
            "name": report.phase.name,
            "reason": report.phase.reason,
            "complete": report.phase.complete,
        },
        "progress": {
            "legacy_connections": report.legacy_connections,
            "replaced": report.replaced,
            "through_adapter": report.through_adapter,
            "percent": round(report.percent, 1),
        },
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "done": s.done,
                "total": len(s.items),
                "applicable": s.applicable,
                "percent": round(s.percent, 1),
                "items": [_item(i) for i in s.items],
            }
            for s in report.sections
        ],
        "endpoints": [
            {
                "endpoint": e.endpoint,
                "legacy": e.legacy,
                "replaced": e.replaced,
                "percent": round(e.percent, 1),
                "legacy_sites": [_site(x) for x in e.legacy_sites],
                "replaced_sites": [_site(x) for x in e.replaced_sites],
            }
            for e in report.endpoints
        ],
        "directories": [{"directory": d.directory, "legacy": d.legacy} for d in report.directories],
        "history": None if history is None else {
            "trend": history.trend,
            "points": [
                {"sha": p.sha, "date": p.date, "subject": p.subject,
                 "legacy_connections": p.legacy_connections, "replaced": p.replaced, "error": p.error}
                for p in history.points
            ],
        },
        "problems": list(report.problems),
        "cross_check": None if report.cross_check is None else {k: list(v) for k, v in report.cross_check.items()},
    }


def _item(i: ChecklistItem) -> dict[str, Any]:
    return {
        "id": i.id,
        "title": i.title,
        "status": i.status,
        "percent": i.percent,
        "measured": i.measured,
        "summary": i.summary,
        "evidence": [_evidence(e) for e in i.evidence],
        "marked_by": i.marked_by,
        "marked_date": i.marked_date,
        "note": i.note,
    }


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"label": e.label, "count": e.count, "sites": [_site(s) for s in e.sites]}


def _site(s: Site) -> dict[str, Any]:
    return {"file": s.file, "line": s.line, "text": s.text}


def render_report_json(report: Report, *, indent: int | None = 2) -> str:
    return json.dumps(report_to_dict(report), indent=indent, ensure_ascii=False) + "\n"


_STR = {"type": "string"}
_NULLABLE_STR = {"type": ["string", "null"]}
_COUNT = {"type": "integer", "minimum": 0}
_PERCENT = {"type": "number", "minimum": 0, "maximum": 100}
_SITE = {
    "type": "object",
    "required": ["file", "line", "text"],
    "additionalProperties": False,
    "properties": {"file": _STR, "line": _COUNT, "text": _STR},
}
_SITES = {"type": "array", "items": {"$ref": "#/$defs/site"}}

REPORT_JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "ws-migrate/report/1",
    "title": "ws-migrate report",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema", "root", "rules", "files_scanned", "phase", "progress", "sections",
                 "endpoints", "directories", "history", "problems"],
    "properties": {
        "schema": {"const": REPORT_SCHEMA},
        "root": _STR,
        "rules": {"type": "array", "items": _STR},
        "files_scanned": _COUNT,
        "phase": {
            "type": "object",
            "additionalProperties": False,
            "required": ["number", "name", "reason", "complete"],
            "properties": {
                "number": {"enum": [1, 2, 3]},
                "name": {"enum": ["Preparation", "Frontend migration", "Cleanup"]},
                "reason": _STR,
                "complete": {"type": "boolean"},
            },
        },
        "progress": {
            "type": "object",
            "additionalProperties": False,
            "required": ["legacy_connections", "replaced", "through_adapter", "percent"],
            "properties": {"legacy_connections": _COUNT, "replaced": _COUNT, "through_adapter": _COUNT,
                           "percent": _PERCENT},
        },
        "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
        "endpoints": {"type": "array", "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["endpoint", "legacy", "replaced", "percent", "legacy_sites", "replaced_sites"],
            "properties": {"endpoint": _STR, "legacy": _COUNT, "replaced": _COUNT, "percent": _PERCENT,
                           "legacy_sites": _SITES, "replaced_sites": _SITES},
        }},
        "directories": {"type": "array", "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["directory", "legacy"],
            "properties": {"directory": _STR, "legacy": _COUNT},
        }},
        "history": {"oneOf": [{"type": "null"}, {
            "type": "object",
            "additionalProperties": False,
            "required": ["trend", "points"],
            "properties": {
                "trend": {"enum": ["down", "up", "flat"]},
                "points": {"type": "array", "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["sha", "date", "subject", "legacy_connections", "replaced", "error"],
                    "properties": {"sha": {"type": "string", "pattern": "^[0-9a-f]{40,64}$"},
                                   "date": _STR, "subject": _STR, "legacy_connections": _COUNT,
                                   "replaced": _COUNT, "error": _NULLABLE_STR},
                }},
            },
        }]},
        "problems": {"type": "array", "items": _STR},
        "cross_check": {
            "description": "The back end against the front end (null without a Python back end).",
            "type": ["object", "null"],
            "additionalProperties": False,
            "properties": {k: {"type": "array", "items": _STR} for k in
                           ("dead_events", "dead_handlers", "connected_not_served", "served_not_connected")},
        },
    },
    "$defs": {
        "site": _SITE,
        "section": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "done", "total", "applicable", "percent", "items"],
            "properties": {"id": {"enum": ["pre-migration", "during-migration", "post-migration", "validation"]},
                           "title": _STR, "done": _COUNT, "total": _COUNT, "applicable": _COUNT,
                           "percent": _PERCENT,
                           "items": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
        },
        "item": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "status", "percent", "measured", "summary", "evidence",
                         "marked_by", "marked_date", "note"],
            "properties": {
                "id": _STR,
                "title": _STR,
                "status": {"enum": list(STATUSES)},
                "percent": {"oneOf": [{"type": "null"}, _PERCENT]},
                "measured": {"type": "boolean"},
                "summary": _STR,
                "evidence": {"type": "array", "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["label", "count", "sites"],
                    "properties": {"label": _STR, "count": _COUNT, "sites": _SITES},
                }},
                "marked_by": _NULLABLE_STR,
                "marked_date": _NULLABLE_STR,
                "note": _NULLABLE_STR,
            },
        },
    },
}

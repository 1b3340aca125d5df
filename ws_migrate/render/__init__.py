"""Rendering: one function per output format, each reading a `ScanResult`, none computing."""

from ws_migrate.render._json import SCAN_SCHEMA, render_json, scan_to_dict, summary
from ws_migrate.render._table import render_table

__all__ = ["SCAN_SCHEMA", "render_json", "render_table", "scan_to_dict", "summary"]

"""Rendering: one function per output format, each reading a `ScanResult`, none computing."""

from typing import TYPE_CHECKING, Any

from ws_migrate.render._json import SCAN_SCHEMA, render_json, scan_to_dict, summary

if TYPE_CHECKING:
    from ws_migrate.render._table import render_table


def __getattr__(name: str) -> Any:
    # rich costs ~30 ms to import; JSON output never needs it
    if name == "render_table":
        from ws_migrate.render._table import render_table

        return render_table
    raise AttributeError(f"module 'ws_migrate.render' has no attribute {name!r}")


__all__ = ["SCAN_SCHEMA", "render_json", "render_table", "scan_to_dict", "summary"]

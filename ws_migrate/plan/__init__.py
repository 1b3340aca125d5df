"""Planning: byte-range edits per file, merged and checked in one pass."""

from ws_migrate.plan._edits import Edit, EditConflict, apply_edits, check_edits

__all__ = ["Edit", "EditConflict", "apply_edits", "check_edits"]

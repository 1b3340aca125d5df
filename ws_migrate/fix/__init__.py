"""Fix: verified rewrite patches from legacy sockets to the unified service."""

from ws_migrate.fix._engine import FilePatch, FixResult, Manual, plan_fixes

__all__ = ["FilePatch", "FixResult", "Manual", "plan_fixes"]

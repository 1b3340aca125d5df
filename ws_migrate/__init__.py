"""ws-migrate: move a real-time front end off per-topic WebSockets onto one unified connection.

The library behind the CLI, loaded on first use so `import ws_migrate` stays cheap::

    from ws_migrate import scan, plan_fixes, init_client, build_report, load_rules
    result = scan(Path("web"))                 # ScanResult: connections, wrappers, findings…
    fixes = plan_fixes(result)                 # FixResult: verified patches, and why the rest stay
"""

from ws_migrate._lazy import lazy_exports

TYPE_CHECKING = False  # not `typing`'s: `scan` replays its output before importing `typing`

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ws_migrate._exceptions import PatchError, RulesError, ScanError, WsMigrateError
    from ws_migrate.fix import FixResult, plan_fixes
    from ws_migrate.report import Report, build_report
    from ws_migrate.rules import Rules, load_rules
    from ws_migrate.scaffold import init_client
    from ws_migrate.scan import ScanResult, scan

_LAZY = {
    "WsMigrateError": "ws_migrate._exceptions",
    "RulesError": "ws_migrate._exceptions",
    "ScanError": "ws_migrate._exceptions",
    "PatchError": "ws_migrate._exceptions",
    "scan": "ws_migrate.scan",
    "ScanResult": "ws_migrate.scan",
    "plan_fixes": "ws_migrate.fix",
    "FixResult": "ws_migrate.fix",
    "init_client": "ws_migrate.scaffold",
    "build_report": "ws_migrate.report",
    "Report": "ws_migrate.report",
    "load_rules": "ws_migrate.rules",
    "Rules": "ws_migrate.rules",
}


__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = ["__version__", *_LAZY]

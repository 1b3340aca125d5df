"""The scan pipeline: walk, prefilter, summarise (parallel, cached), link; baselines for CI.

The names load their module on first use (`ws_migrate._lazy`): a command can summon the scan's
worker processes (`ws_migrate.scan._crew`) before it has paid for importing the scan itself.
"""

from ws_migrate._lazy import lazy_exports

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ws_migrate.scan._baseline import (
        BASELINE_SCHEMA,
        DEFAULT_BASELINE,
        Baseline,
        Gate,
        baseline_of,
        gate,
        load_baseline,
        write_baseline,
    )
    from ws_migrate.scan._cache import SummaryCache
    from ws_migrate.scan._scan import SCAN_LANGUAGES, ScanResult, scan
    from ws_migrate.scan._sift import ANALYSIS_VERSION

_LAZY = {
    **dict.fromkeys(
        ("BASELINE_SCHEMA", "DEFAULT_BASELINE", "Baseline", "Gate", "baseline_of", "gate",
         "load_baseline", "write_baseline"),
        "ws_migrate.scan._baseline",
    ),
    "SummaryCache": "ws_migrate.scan._cache",
    "SCAN_LANGUAGES": "ws_migrate.scan._scan",
    "ScanResult": "ws_migrate.scan._scan",
    "scan": "ws_migrate.scan._scan",
    "ANALYSIS_VERSION": "ws_migrate.scan._sift",
}

__getattr__ = lazy_exports(__name__, _LAZY)

__all__ = [
    "ANALYSIS_VERSION",
    "BASELINE_SCHEMA",
    "DEFAULT_BASELINE",
    "SCAN_LANGUAGES",
    "Baseline",
    "Gate",
    "ScanResult",
    "SummaryCache",
    "baseline_of",
    "gate",
    "load_baseline",
    "scan",
    "write_baseline",
]

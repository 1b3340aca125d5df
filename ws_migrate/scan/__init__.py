"""The scan pipeline: walk, prefilter, summarise (parallel, cached), link; baselines for CI."""

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
from ws_migrate.scan._cache import ANALYSIS_VERSION, SummaryCache
from ws_migrate.scan._scan import SCAN_LANGUAGES, ScanResult, scan

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

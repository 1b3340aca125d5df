"""The scan pipeline: walk, prefilter, summarise (parallel, cached), link."""

from ws_migrate.scan._cache import ANALYSIS_VERSION, SummaryCache
from ws_migrate.scan._scan import SCAN_LANGUAGES, ScanResult, scan

__all__ = ["ANALYSIS_VERSION", "SCAN_LANGUAGES", "ScanResult", "SummaryCache", "scan"]

"""Analysis: per-file summaries (tree-sitter), then linking across files into an inventory.

Every name loads its module on first use (`ws_migrate._lazy`): a scan that reuses its cache
never pays for tree-sitter or the linker, and a scan's workers load the summaries' types and
the analysis without the inventory's.
"""

from ws_migrate._lazy import lazy_exports

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ws_migrate.analyse._findings import FINDING_RULES, FindingRule
    from ws_migrate.analyse._inventory import (
        Connection,
        ExternalSocket,
        Finding,
        HandlerRef,
        Inventory,
        MessageType,
        ParseError,
        TypeSite,
        Wrapper,
    )
    from ws_migrate.analyse._link import (
        DEFAULT_SUBSCRIBE_METHODS,
        link,
        link_and_names,
        message_types_of,
        wrapper_names,
    )
    from ws_migrate.analyse._model import FileSummary, Site
    from ws_migrate.analyse._tsconfig import ModuleResolver
    from ws_migrate.analyse._typescript import prepare, summarize

_LAZY = {
    **dict.fromkeys(("FINDING_RULES", "FindingRule"), "ws_migrate.analyse._findings"),
    **dict.fromkeys(
        ("Connection", "ExternalSocket", "Finding", "HandlerRef", "Inventory", "MessageType",
         "ParseError", "TypeSite", "Wrapper"),
        "ws_migrate.analyse._inventory",
    ),
    **dict.fromkeys(("FileSummary", "Site"), "ws_migrate.analyse._model"),
    **dict.fromkeys(
        ("DEFAULT_SUBSCRIBE_METHODS", "link", "link_and_names", "message_types_of", "wrapper_names"),
        "ws_migrate.analyse._link",
    ),
    "ModuleResolver": "ws_migrate.analyse._tsconfig",
    "prepare": "ws_migrate.analyse._typescript",
    "summarize": "ws_migrate.analyse._typescript",
}


__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = [
    "DEFAULT_SUBSCRIBE_METHODS",
    "FINDING_RULES",
    "Connection",
    "ExternalSocket",
    "FileSummary",
    "Finding",
    "FindingRule",
    "HandlerRef",
    "Inventory",
    "MessageType",
    "ModuleResolver",
    "ParseError",
    "Site",
    "TypeSite",
    "Wrapper",
    "link",
    "link_and_names",
    "message_types_of",
    "prepare",
    "summarize",
    "wrapper_names",
]

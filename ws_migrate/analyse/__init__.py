"""Analysis: per-file summaries (tree-sitter), then linking across files into an inventory.

The data types load eagerly; the analysis itself (tree-sitter, linking) loads on first use, so a
scan that reuses its cache never pays for importing it.
"""

from typing import TYPE_CHECKING

from ws_migrate._lazy import lazy_exports
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
from ws_migrate.analyse._model import FileSummary, Site

if TYPE_CHECKING:
    from ws_migrate.analyse._link import (
        DEFAULT_SUBSCRIBE_METHODS,
        link,
        link_and_names,
        message_types_of,
        wrapper_names,
    )
    from ws_migrate.analyse._tsconfig import ModuleResolver
    from ws_migrate.analyse._typescript import prepare, summarize

_LAZY = {
    "DEFAULT_SUBSCRIBE_METHODS": "ws_migrate.analyse._link",
    "link": "ws_migrate.analyse._link",
    "link_and_names": "ws_migrate.analyse._link",
    "message_types_of": "ws_migrate.analyse._link",
    "wrapper_names": "ws_migrate.analyse._link",
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

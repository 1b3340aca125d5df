"""Analysis: per-file summaries (tree-sitter), then linking across files into an inventory."""

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
from ws_migrate.analyse._link import DEFAULT_SUBSCRIBE_METHODS, link, message_types_of, wrapper_names
from ws_migrate.analyse._model import FileSummary, Site
from ws_migrate.analyse._tsconfig import ModuleResolver
from ws_migrate.analyse._typescript import summarize

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
    "message_types_of",
    "summarize",
    "wrapper_names",
]

"""Rules: which legacy endpoints and message types become which EventTypes, read from YAML files."""

from ._check import SCHEMA_PATH, RuleProblem, check_rules_file, load_schema
from ._load import ROOT_RULES_FILE, builtin_openers, builtin_rules_path, load_rules
from ._model import (
    ChecklistMark,
    ClientPaths,
    EndpointRule,
    Envelope,
    EventRule,
    Rules,
    WrapperRule,
    messages_of,
)
from ws_migrate._openers import LibraryOpener

__all__ = [
    "ROOT_RULES_FILE",
    "SCHEMA_PATH",
    "ChecklistMark",
    "ClientPaths",
    "EndpointRule",
    "Envelope",
    "EventRule",
    "LibraryOpener",
    "RuleProblem",
    "Rules",
    "WrapperRule",
    "builtin_openers",
    "builtin_rules_path",
    "check_rules_file",
    "load_rules",
    "load_schema",
    "messages_of",
]

"""Parsing: source bytes to tree-sitter trees, by language (Vue and Svelte as their scripts)."""

from ws_migrate.parse._components import COMPONENT_LANGUAGES, script_view
from ws_migrate.parse._languages import first_error, language, parse, parser, script_language

__all__ = ["COMPONENT_LANGUAGES", "first_error", "language", "parse", "parser", "script_language",
           "script_view"]

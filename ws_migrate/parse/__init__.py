"""Parsing: source bytes to tree-sitter trees, by language."""

from ws_migrate.parse._languages import first_error, language, parse, parser

__all__ = ["first_error", "language", "parse", "parser"]

"""Tree-sitter grammars by language, parsers cached per process, and syntax-error lookup."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tree_sitter

from ws_migrate.parse._components import COMPONENT_LANGUAGES, script_grammar, script_view

# Node types that hold the code tree-sitter could not fit to the grammar.
_ERROR_TYPES = ("ERROR",)


@cache
def language(name: str) -> tree_sitter.Language:
    """The tree-sitter grammar for `typescript`, `tsx`, `javascript` (JSX included) or `python`."""
    import tree_sitter

    if name == "typescript":
        import tree_sitter_typescript as grammar

        return tree_sitter.Language(grammar.language_typescript())
    if name == "tsx":
        import tree_sitter_typescript as grammar

        return tree_sitter.Language(grammar.language_tsx())
    if name == "javascript":
        import tree_sitter_javascript as js

        return tree_sitter.Language(js.language())
    if name == "python":
        import tree_sitter_python as py

        return tree_sitter.Language(py.language())
    raise ValueError(f"no tree-sitter grammar for {name!r}")


@cache
def parser(name: str) -> tree_sitter.Parser:
    import tree_sitter

    return tree_sitter.Parser(language(name))


def parse(source: bytes, name: str) -> tree_sitter.Tree:
    """The tree of `source` in language `name`; a Vue or Svelte component is parsed as its
    scripts, at their places in the file (`_components`)."""
    if name in COMPONENT_LANGUAGES:
        return parser(script_grammar(source)).parse(script_view(source))
    return parser(name).parse(source)


def script_language(source: bytes, name: str) -> str:
    """The grammar `parse` reads `source` with: `name`, or a component's script language."""
    return script_grammar(source) if name in COMPONENT_LANGUAGES else name


def first_error(tree: tree_sitter.Tree) -> tree_sitter.Node | None:
    """The first ERROR or MISSING node in document order, or None for a clean tree."""
    root = tree.root_node
    if not root.has_error:
        return None
    cursor = root.walk()
    while True:
        node = cursor.node
        assert node is not None
        if node.type in _ERROR_TYPES or node.is_missing:
            return node
        if node.has_error and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return None

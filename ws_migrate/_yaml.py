"""YAML problems in our words: the line a person should look at and what to do there.

PyYAML says `while parsing a flow mapping … expected ',' or '}', but got '<stream end>'` at a line
past the end of the file; a person wants `3: a `{` opened here is never closed`. Rule files
(`ws_migrate.rules`) and tokens files (`serve --tokens`) report through here.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import yaml

MOST_VALUES: Final = 100_000
"""How many values (scalars, lists, mappings) a file may hold once its aliases are expanded: a
rule file has a few thousand; 236 bytes of aliases of aliases (a "billion laughs") stand for
more than a billion, which whatever walks them (checks, merges, a hash) would spend minutes and
gigabytes on."""
_BOMB = "aliases expand this value to more than"

def bounded_loader(text: str) -> yaml.SafeLoader:
    """A `yaml.SafeLoader` of `text` whose composer raises a `yaml.YAMLError` at the line of the
    value whose aliases would expand past `MOST_VALUES` values, before anything walks them."""
    loader: yaml.SafeLoader = _bounded_class()(text)
    return loader


def compose_and_load(text: str) -> tuple[Any, Any]:
    """The node tree and the data of `text`, read once through `bounded_loader` (an alias bomb
    is a `yaml.YAMLError` at its line, not minutes and gigabytes)."""
    loader = bounded_loader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


@functools.cache
def _bounded_class() -> type[yaml.SafeLoader]:
    import yaml
    from yaml.composer import ComposerError

    class Bounded(yaml.SafeLoader):
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            # values under each node composed so far, by id (a node stays alive in the tree)
            self.expanded: dict[int, int] = {}

        def compose_node(self, parent: Any, index: Any) -> Any:
            alias = self.check_event(yaml.AliasEvent)
            node = super().compose_node(parent, index)
            if node is None or alias or id(node) in self.expanded:
                return node  # weighed when it was composed (or its own, recursive, alias)
            if isinstance(node, yaml.MappingNode):
                children = [child for pair in node.value for child in pair]
            else:
                children = node.value if isinstance(node, yaml.SequenceNode) else []
            values = 1 + sum(self.expanded.get(id(child), 1) for child in children)
            if values > MOST_VALUES:
                raise ComposerError(None, None, f"{_BOMB} {MOST_VALUES:,} values", node.start_mark)
            self.expanded[id(node)] = values
            return node

    return Bounded


# (what PyYAML's problem says, what we say); the first that matches wins
_SAID = (
    ("found character '\\t' that cannot start any token", "a tab: YAML indents with spaces only"),
    ("mapping values are not allowed here",
     "a `:` inside a value (quote the value, or break the line after the key)"),
    ("could not find expected ':'", "a key without its `:`"),
    ("found undefined alias", "an alias (`*name`) that no anchor (`&name`) defines"),
    ("found duplicate anchor", "an anchor (`&name`) defined twice"),
    ("found unexpected end of stream", "the file ends inside a quoted value (a quote is not closed)"),
    ("found unknown escape character",
     "an unknown `\\` escape in a double-quoted value (use single quotes for backslashes)"),
    ("expected <block end>, but found", "this line is indented less than, or not as, the lines above it"),
    ("found character '@' that cannot start any token",
     "a value starting with `@` (quote it: '@scope/pkg')"),
    ("found character '`' that cannot start any token", "a value starting with ` (quote it)"),
)
_CLOSERS = {"flow mapping": ("{", "}"), "flow sequence": ("[", "]")}


def yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[int, str]:
    """The 1-based line and our one-line message for the YAML error `exc` raised reading `text`
    (a line of the file: PyYAML may point past its end)."""
    line, message = _problem(exc, text)
    last = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
    return min(line, last), message


def _problem(exc: yaml.YAMLError, text: str) -> tuple[int, str]:
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return text.count("\n", 0, exc.position) + 1, (
            f"a character YAML does not allow (U+{character:04X}, a control character)")
    if not isinstance(exc, yaml.MarkedYAMLError):
        return 1, str(exc).splitlines()[0]
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    for kind, (opener, closer) in _CLOSERS.items():
        if kind in context and exc.context_mark is not None and closer in problem:
            return exc.context_mark.line + 1, f"a `{opener}` opened here is never closed (or a `,` is missing)"
    if "while scanning a quoted scalar" in context and exc.context_mark is not None:
        return exc.context_mark.line + 1, "a quote opened here is never closed"
    if "expected a single document" in context:
        return line, "a second document (after `---`): a rule file is one YAML document"
    if problem.startswith(_BOMB):
        return line, f"{problem} (a YAML alias bomb?): write the values out, or alias less"
    if "recursive aliases" in problem:
        return line, "an alias (`*name`) inside the value of its own anchor (`&name`)"
    if "<stream end>" in problem and exc.context_mark is not None:
        return exc.context_mark.line + 1, "the file ends before what is opened here is closed"
    for said, ours in _SAID:
        if said in problem:
            return line, ours
    return line, f"not valid YAML: {problem or context or exc}"

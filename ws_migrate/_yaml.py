"""YAML problems in our words: the line a person should look at and what to do there.

PyYAML says `while parsing a flow mapping … expected ',' or '}', but got '<stream end>'` at a line
past the end of the file; a person wants `3: a `{` opened here is never closed`. Rule files
(`ws_migrate.rules`) and tokens files (`serve --tokens`) report through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml

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
    if "recursive aliases" in problem:
        return line, "an alias (`*name`) inside the value of its own anchor (`&name`)"
    if "<stream end>" in problem and exc.context_mark is not None:
        return exc.context_mark.line + 1, "the file ends before what is opened here is closed"
    for said, ours in _SAID:
        if said in problem:
            return line, ours
    return line, f"not valid YAML: {problem or context or exc}"

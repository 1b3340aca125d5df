"""Transform: import `websocketService` and `EventType` into a file the other transforms changed.

What it does: adds the names with the right specifier — relative from the file to the rules'
`client.service_import` / `client.types_import`, or the tsconfig alias as written there — merged
into an existing `import { … } from '<same specifier>'` when there is one, else on new lines
after the last import (or at the top, after a `'use client'` directive).

Refuses: nothing; a file that already imports a name is left alone for that name.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from ws_migrate.analyse._effect_shape import NotCertain, Source
from ws_migrate.plan import Edit

if TYPE_CHECKING:
    from tree_sitter import Node


def specifier(from_file: str, module: str) -> str:
    """How `from_file` names `module`: a tsconfig alias as written, else a relative path."""
    if module.startswith(("@", "~", "#")):
        return module
    rel = posixpath.relpath(module, posixpath.dirname(from_file) or ".")
    return rel if rel.startswith(".") else "./" + rel


def import_edits(src: Source, rel: str, wanted: dict[str, str], newline: str,
                 removed: Collection[int] = ()) -> list[Edit]:
    """Edits adding each `name -> module` of `wanted` that the file does not import yet.

    `removed`: line starts of import statements other edits delete (new lines go elsewhere)."""
    all_imports = [s for s in src.root.named_children if s.type == "import_statement"]
    imports = [s for s in all_imports if src.line_start(s.start_byte) not in removed]
    by_spec: dict[str, tuple[Node, Node]] = {}  # specifier -> (import statement, `{ … }`)
    have: set[str] = set()
    for s in imports:
        source = s.child_by_field_name("source")
        spec = src.text(source)[1:-1] if source is not None else ""
        for clause in s.named_children:
            if clause.type != "import_clause":
                continue
            for c in clause.named_children:
                if c.type == "named_imports":
                    by_spec.setdefault(spec, (s, c))
                    for i in c.named_children:
                        alias = i.child_by_field_name("alias") or i.child_by_field_name("name")
                        if alias is not None:
                            have.add(src.text(alias))
    edits: list[Edit] = []
    new_lines: list[str] = []
    # the file's own quote style, from its first import
    first_source = imports[0].child_by_field_name("source") if imports else None
    quote = src.text(first_source)[0] if first_source is not None else "'"
    grouped: dict[str, list[str]] = {}
    text = src.data.decode("utf-8", "surrogateescape")
    for name, module in wanted.items():
        if name in have:
            continue
        if re.search(rf"\b{re.escape(name)}\b", text):
            raise NotCertain(f"the file already uses the name `{name}` for something else")
        grouped.setdefault(specifier(rel, module), []).append(name)
    for spec, names in grouped.items():
        found = by_spec.get(spec)
        if found is not None and not src.text(found[0]).startswith("import type"):
            closing = found[1].end_byte - 1  # the `}`
            before = src.data[:closing].rstrip()
            sep = "" if before.endswith(b",") else ","
            edits.append(Edit(len(before), len(before), f"{sep} {', '.join(names)}"))
        else:
            new_lines.append(f"import {{ {', '.join(names)} }} from {quote}{spec}{quote};")
    if new_lines:
        if imports:
            at = imports[-1].end_byte
            edits.append(Edit(at, at, "".join(newline + line for line in new_lines)))
        elif all_imports:  # every import goes: the new ones take the first one's place
            at = src.line_start(all_imports[0].start_byte)
            edits.append(Edit(at, at, "".join(line + newline for line in new_lines)))
        else:
            at = 0
            first = src.root.named_children[0] if src.root.named_children else None
            if first is not None and first.type == "expression_statement" and \
                    first.named_children and first.named_children[0].type == "string":
                at = src.data.find(b"\n", first.end_byte) + 1 or len(src.data)
            edits.append(Edit(at, at, "".join(line + newline for line in new_lines)))
    return edits

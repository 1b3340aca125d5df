"""Vue and Svelte components read as the scripts they hold.

A `.vue` or `.svelte` file is parsed as its `<script>` blocks (`<script>`, `<script setup>`,
`<script context="module">`), in the language their `lang` says, at their own places in the
file: every byte outside them becomes a space (line ends kept), so lines, columns and byte
offsets of the script are those of the component, and a rewrite's edits apply to the file as
it is. The template and the styles are not read.
"""

from __future__ import annotations

import re

COMPONENT_LANGUAGES = frozenset({"vue", "svelte"})
_OPEN = re.compile(rb"<script\b([^>]*)>", re.IGNORECASE)
_CLOSE = re.compile(rb"</script\s*>", re.IGNORECASE)
_LANG = re.compile(rb"""\blang\s*=\s*["']?(ts|typescript|tsx|jsx|js|javascript)\b""", re.IGNORECASE)
_BLANK = bytes(b if b in (10, 13) else 32 for b in range(256))


def script_blocks(source: bytes) -> list[tuple[int, int, bytes]]:
    """(start, end, attributes) of each `<script>` block's content, in order."""
    out: list[tuple[int, int, bytes]] = []
    pos = 0
    while True:
        m = _OPEN.search(source, pos)
        if m is None:
            return out
        close = _CLOSE.search(source, m.end())
        end = close.start() if close is not None else len(source)
        if not m.group(0).endswith(b"/>"):
            out.append((m.end(), end, m.group(1)))
        pos = close.end() if close is not None else len(source)


def script_view(source: bytes) -> bytes:
    """`source` with everything outside its script blocks blanked (same length, same lines)."""
    out = bytearray(source.translate(_BLANK))
    for start, end, _ in script_blocks(source):
        out[start:end] = source[start:end]
    return bytes(out)


def script_grammar(source: bytes) -> str:
    """The grammar of a component's scripts: TypeScript when a block says `lang="ts"`."""
    for _, _, attrs in script_blocks(source):
        m = _LANG.search(attrs)
        if m is not None:
            lang = m.group(1).lower()
            if lang in (b"ts", b"typescript"):
                return "typescript"
            if lang == b"tsx":
                return "tsx"
    return "javascript"

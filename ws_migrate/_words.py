"""Words for people: counts (`1 file`, `2 files`, never `file(s)`), and names as they can be shown."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and `noun`, in the plural (`plural`, else `noun` + s) unless `n` is 1."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


# C0 and C1 controls, DEL, line separators and bidi overrides (which reorder what follows them
# on screen): shown as escapes, never sent to a terminal as they are
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | {
    c: f"\\u{c:04x}" for c in (0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))} | {
    0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def visible(text: str) -> str:
    """`text` (a path, a URL, a type from the scanned code) with its control characters as
    escapes: a newline in a file name cannot split a one-line message, nor an ESC in one
    recolour or clear a terminal."""
    return text.translate(_CONTROLS) if not text.isprintable() else text

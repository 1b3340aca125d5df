"""Edits: byte-range splices on one file, merged in one pass, never silently dropped."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Edit:
    """Replace `source[start:end]` by `text` (UTF-8). An insertion has `start == end`."""

    start: int
    end: int
    text: str
    connection: str = field(default="", compare=False)  # the connection this edit migrates


class EditConflict(Exception):
    """Two edits overlap; the connections involved become manual."""

    def __init__(self, a: Edit, b: Edit) -> None:
        super().__init__(f"edits overlap at bytes {a.start}-{a.end} and {b.start}-{b.end}")
        self.connections = tuple(c for c in (a.connection, b.connection) if c)


def check_edits(edits: list[Edit]) -> list[Edit]:
    """Edits sorted by position; raises `EditConflict` when two overlap.

    Two insertions at the same point are kept in the order given (not a conflict)."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end or (a.start == b.start and a.end > a.start and b.end > b.start):
            raise EditConflict(a, b)
    return ordered


def apply_edits(source: bytes, edits: list[Edit]) -> bytes:
    """`source` with every edit applied; bytes outside the edited ranges are kept exactly."""
    out: list[bytes] = []
    at = 0
    for e in check_edits(edits):
        out.append(source[at:e.start])
        out.append(e.text.encode("utf-8", "surrogateescape"))
        at = e.end
    out.append(source[at:])
    return b"".join(out)

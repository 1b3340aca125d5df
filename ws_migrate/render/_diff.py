"""Unified diffs that `git apply` accepts: a/ b/ prefixes, CRLF kept, `\\ No newline at end of file`."""

from __future__ import annotations

import difflib


def _lines(data: bytes) -> list[str]:
    """Lines as git sees them: split on `\n` only (a lone `\r` or U+2028 is not a line end).

    surrogateescape: bytes that are not UTF-8 survive the round trip unchanged."""
    text = data.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def unified_diff(rel: str, before: bytes, after: bytes, context: int = 3) -> str:
    """The diff of one file, or "" when nothing changed."""
    if before == after:
        return ""
    a, b = _lines(before), _lines(after)
    out = [f"diff --git a/{rel} b/{rel}\n"]
    for line in difflib.unified_diff(a, b, f"a/{rel}", f"b/{rel}", n=context):
        if line.startswith(("---", "+++")):
            out.append(line.rstrip("\r\n") + "\n")
            continue
        if line.startswith("@@"):
            out.append(line)
            continue
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def under(diff: str, prefix: str) -> str:
    """One file's `diff` with `prefix` (a folder, ending in `/`) in front of its paths: the diff
    of a project in a subfolder, for `git apply` at the git root."""
    if not prefix or not diff:
        return diff
    _, _, rest = diff.partition("\n")
    minus, _, rest = rest.partition("\n")
    _, _, rest = rest.partition("\n")
    rel = minus.removeprefix("--- a/")
    return (f"diff --git a/{prefix}{rel} b/{prefix}{rel}\n--- a/{prefix}{rel}\n+++ b/{prefix}{rel}\n"
            + rest)

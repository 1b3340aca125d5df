"""Unified diffs that `git apply` accepts: a/ b/ prefixes, CRLF kept, `\\ No newline at end of file`,
and paths quoted as git quotes them (a tab or a newline in a name is `"a/x\\ty"`, never a line
break that could start a hunk of another file)."""

from __future__ import annotations

import difflib

# git's quote_c_style: these get a letter, every other control byte or byte >= 0x80 its octal
_ESCAPES = {0x07: "\\a", 0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0B: "\\v", 0x0C: "\\f",
            0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}


def _lines(data: bytes) -> list[str]:
    """Lines as git sees them: split on `\n` only (a lone `\r` or U+2028 is not a line end).

    surrogateescape: bytes that are not UTF-8 survive the round trip unchanged."""
    text = data.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def quoted(path: str) -> str:
    """`path` (`a/src/x.ts`) as git writes it in a diff: as it is, or in double quotes with C
    escapes when it holds a `"`, a `\\`, a control character or any byte that is not ASCII."""
    raw = path.encode("utf-8", "surrogateescape")
    if all(0x20 <= b < 0x7F and b not in _ESCAPES for b in raw):
        return path
    return '"' + "".join(_ESCAPES.get(b) or (chr(b) if 0x20 <= b < 0x7F else f"\\{b:03o}")
                         for b in raw) + '"'


def _header(rel: str) -> str:
    a, b = quoted(f"a/{rel}"), quoted(f"b/{rel}")
    end = "\t" if " " in rel else ""  # as git ends a name with a space: no trailing one is lost
    return f"diff --git {a} {b}\n--- {a}{end}\n+++ {b}{end}\n"


def unified_diff(rel: str, before: bytes, after: bytes, context: int = 3) -> str:
    """The diff of one file, or "" when nothing changed."""
    if before == after:
        return ""
    out = [_header(rel)]
    lines = difflib.unified_diff(_lines(before), _lines(after), n=context)
    next(lines), next(lines)  # difflib's own `---`/`+++`, unquoted: the header says them
    for line in lines:
        if line.startswith("@@") or line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def under(diff: str, prefix: str, rel: str) -> str:
    """The `diff` of the file `rel` with `prefix` (a folder, ending in `/`) in front of its
    paths: the diff of a project in a subfolder, for `git apply` at the git root."""
    if not prefix or not diff:
        return diff
    rest = diff.split("\n", 3)[3]  # the header is three lines: no quoted name holds a line end
    return _header(prefix + rel) + rest

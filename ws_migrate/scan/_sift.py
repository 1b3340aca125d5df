"""Read, prefilter and summarise files: the work of a scan's worker processes (and of the main
process on a small tree).

Light to import on purpose: a worker forked as the command starts (`ws_migrate.scan._crew`)
loads this and the analysis, nothing of the walk, the rules or the cache. Files travel as plain
`Item` tuples for the same reason.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ws_migrate import __version__
from ws_migrate._openers import ADAPTER_NAMES

if TYPE_CHECKING:
    from ws_migrate.analyse import FileSummary
    from ws_migrate.analyse._python import PySummary

# Bump when the analysis changes what it records: old caches are then ignored.
ANALYSIS_VERSION = f"{__version__}-72"

_WEBSOCKET = re.compile(rb"WebSocket\s*\(")
_ADAPTED = re.compile(rb"(?:" + b"|".join(n.encode() for n in sorted(ADAPTER_NAMES)) + rb")\s*\(")


def _opens(data: bytes) -> bool:
    """`new WebSocket(`, or an adapter `fix` writes in its place (`openLegacySocket(`): two
    searches, each as quick as a substring test, where one alternation of both was 9× slower."""
    return _WEBSOCKET.search(data) is not None or (b"Legacy" in data and _ADAPTED.search(data) is not None)
_PACKAGES = re.compile(rb'"packages":\[([^\]]*)\]')
_GLOBALS = re.compile(rb'"globals":\[([^\]]*)\]')


@functools.cache
def socket_pattern(fields: str) -> Callable[[bytes], bool]:
    """What makes a file worth reading on its own: `WebSocket(`, or an import of one of the
    library openers' packages (`'react-use-websocket'`), from the analysis fields.

    Most files have neither: a substring test or two (C speed) turns them away before any
    pattern runs. Every package naming a socket (`partysocket`, `rxjs/webSocket`) holds
    `ocket`, as `WebSocket(` does; the others are looked for by name."""
    packages = sorted({p for m in _PACKAGES.finditer(fields.encode()) for p in re.findall(rb'"([^"]+)"', m.group(1))})
    names = sorted({p for m in _GLOBALS.finditer(fields.encode()) for p in re.findall(rb'"([^"]+)"', m.group(1))})
    if names:  # a library used as the page's global (`new SockJS(url)`), imported or not
        made = re.compile(rb"\bnew\s+(?:" + _trie(names) + rb")\s*\(")
        inner = socket_pattern_of(packages)
        return lambda data: inner(data) or made.search(data) is not None
    return socket_pattern_of(packages)


def socket_pattern_of(packages: list[bytes]) -> Callable[[bytes], bool]:
    """`socket_pattern` for these packages' imports."""
    if not packages:
        return _opens
    imported = re.compile(rb"['\"](?:" + _trie(packages) + rb")['\"/]")
    others = tuple(p for p in packages if b"ocket" not in p.lower())

    def opens(data: bytes) -> bool:
        # imports come before the code: the packages are looked for up to the last of them
        # (none: `end` is 199; one on the first line: 200)
        end = max(data.rfind(b"import"), data.rfind(b"require(")) + 200
        if b"ocket" in data:
            return _opens(data) or (end >= 200 and imported.search(data, 0, end) is not None)
        # (a package imported is named before `end`: the text after it is not searched)
        return end >= 200 and any(data.find(p, 0, end) >= 0 for p in others) and imported.search(data, 0, end) is not None

    return opens
# What makes a Python file worth reading, lower-cased (the file is lower-cased for the test): a
# WebSocket, a send, a registry's broadcast, a Channels consumer, a router, a mount, a str enum,
# Flask-Sock (and a blueprint's registration), a Socket.IO server (listed apart), Tornado (and its `write_message`, where a module of
# message objects pushes them); a handful of substring searches at C speed, where one case-blind
# pattern of the same words took ten times as long.
_BACKEND_WORDS = (b"websocket", b"broadcast", b"as_asgi", b"include_router", b"mount", b"apirouter",
                  b"enum)", b"sock(", b"application(", b"group_send", b"tornado", b"write_message",
                  b"register_blueprint", b"socketio")
_SENDS = (b"send_json", b"send_text", b"send_str")  # looked for once `send_` is there


# A Python file above this is generated (data tables, protocol stubs): parsing one costs ≈ 100 MB
# and a second per MB of dense code, and none serves a socket.
PYTHON_BYTES = 1_000_000


def serves_sockets(data: bytes) -> bool:
    """The prefilter of a Python file: does it hold a word of the back end's sockets?"""
    lower = data.lower()
    return any(word in lower for word in _BACKEND_WORDS) or (
        b"send_" in lower and any(word in lower for word in _SENDS))


def unparsed(language: str, data: bytes) -> str | None:
    """Why a file that passed the prefilter is not parsed, or None."""
    if language == "python" and len(data) > PYTHON_BYTES:
        return f"a Python file larger than 1 MB ({len(data) / 1e6:.1f} MB): generated code is not read"
    return None


_MINIFIED_BYTES = 200_000
_MINIFIED_LINE = 1_000

Item = tuple[str, str, str, int]  # (rel, fspath, language, size): a file as a worker gets it
# One file's outcome: ("S", key, pickled summary) parsed; ("H", key) the main process has that
# summary already; ("P", message) no summary; ("K", reason) not read; None: read, and it
# mentions no socket (the prefilter passed over it).
Outcome = tuple[str, str] | tuple[str, str, bytes] | None
Kept = dict[str, tuple[Item, bytes]]  # a worker's memory of the files the prefilter passed over

known: frozenset[str] = frozenset()  # content keys the cache holds, as the workers were forked


def content_key(data: bytes, language: str, type_field: str) -> str:
    h = hashlib.blake2b(data, digest_size=16)
    h.update(f"\0{language}\0{type_field}\0{ANALYSIS_VERSION}".encode())
    return h.hexdigest()


def read_source(fspath: str, size: int) -> bytes | str:
    """The file's bytes, or why it is not read: binary and minified files are not parsed."""
    try:
        fd = os.open(fspath, os.O_RDONLY)
        try:
            data = os.read(fd, size + 1)  # one read when the size is still the walk's
            if len(data) != size:
                data += b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
        finally:
            os.close(fd)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if data.find(b"\0", 0, 8192) >= 0:  # (no copy of the file's start)
        return "binary file"
    if len(data) > _MINIFIED_BYTES and len(data) / (data.count(b"\n") + 1) > _MINIFIED_LINE:
        return "minified (very long lines)"
    return data


@functools.lru_cache(maxsize=16)  # one per round and batch kind: each batch of a round asks again
def mentions(names: tuple[str, ...], *, sockets: bool = True, fields: str = "") -> Callable[[bytes], bool]:
    """The prefilter: does a file's text open a socket (unless not `sockets`: known not to) or
    mention one of `names` (as a word)? `fields`: the analysis fields, whose library openers'
    packages count as opening a socket."""
    socket = socket_pattern(fields)
    if not names:
        return socket if sockets else (lambda data: False)
    literals = sorted({n.encode() for n in names})
    # as a word of JavaScript: `$` is part of an identifier
    rx = re.compile(rb"(?<![\w$])(?:" + _trie(literals) + rb")(?![\w$])")
    # a first pass without the word's bounds, one pattern per first letter with the names'
    # common prefixes factored out (`use(?:Health|Topic)Socket`): `re` then scans for the prefix
    # as fast as a substring search, where the alternation of whole words tries every position
    by_first: dict[int, list[bytes]] = {}
    for n in literals:
        by_first.setdefault(n[0], []).append(n)
    scans = [re.compile(_trie(group)).search for group in by_first.values()]
    one = scans[0] if len(scans) == 1 else None  # (the usual case: no loop per file)
    def mentioned(data: bytes) -> bool:
        if sockets and socket(data):
            return True
        if one is not None:
            return one(data) is not None and rx.search(data) is not None
        return any(scan(data) for scan in scans) and rx.search(data) is not None

    return mentioned


def calls_any(names: tuple[str, ...]) -> Callable[[bytes], bool]:
    """Does a Python file's text call one of `names` (`name(` after a word boundary)? A first
    pass per first letter, common prefixes factored out, finds candidates at the speed of a
    substring search; the exact pattern only checks those (one alternation of a hundred helper
    names took a second and a half over a 20 MB tree)."""
    literals = sorted({n.encode() for n in names})
    rx = re.compile(rb"\b(?:" + _trie(literals) + rb")\(")
    by_first: dict[int, list[bytes]] = {}
    for n in literals:
        by_first.setdefault(n[0], []).append(n + b"(")
    scans = [re.compile(_trie(group)).search for group in by_first.values()]

    def calls(data: bytes) -> bool:
        return any(scan(data) for scan in scans) and rx.search(data) is not None

    return calls


def names_any(names: tuple[str, ...]) -> Callable[[bytes], bool]:
    """Does a Python file's text name one of `names` as a base class or a route's handler
    (`(CommandSocket)`, `, LiveUpdates)`: the name, then `,` or `)`)?"""
    literals = sorted({n.encode() for n in names})
    rx = re.compile(rb"\b(?:" + _trie(literals) + rb")\s*[,)]")
    return lambda data: rx.search(data) is not None


def defines_any(names: tuple[str, ...]) -> Callable[[bytes], bool]:
    """Does a Python file's text define a class or a function named one of `names`
    (`class WSErrorMessage(`, `def envelope(`)?"""
    literals = sorted({n.encode() for n in names})
    rx = re.compile(rb"\b(?:class|def)\s+(?:" + _trie(literals) + rb")\b")
    return lambda data: (b"class" in data or b"def" in data) and rx.search(data) is not None


def assigns_any(names: tuple[str, ...]) -> Callable[[bytes], bool]:
    """Does a Python file's text give a module-level name one of `names` (`WS_PATH = "/live"`,
    `STREAM: Final = "…"`)?"""
    literals = sorted({n.encode() for n in names})
    rx = re.compile(rb"(?m)^(?:" + _trie(literals) + rb")\s*(?::[^=\n]*)?=[^=]")
    return lambda data: rx.search(data) is not None


def _trie(words: list[bytes]) -> bytes:
    """A pattern that matches exactly `words`, common prefixes factored out."""
    if len(words) == 1:
        return re.escape(words[0])
    head = bytes(_common_prefix(words))
    rest = sorted({w[len(head):] for w in words})
    if head:
        return re.escape(head) + b"(?:" + _trie_alternatives(rest) + b")"
    return _trie_alternatives(rest)


def _trie_alternatives(words: list[bytes]) -> bytes:
    groups: dict[bytes, list[bytes]] = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w)
    return b"|".join(_trie(g) if g != [b""] else b"" for _, g in sorted(groups.items()))


def _common_prefix(words: list[bytes]) -> bytes:
    first, last = min(words), max(words)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]


def analyse(rel: str, lang: str, data: bytes, fields: str) -> FileSummary | PySummary | str:
    """The file's summary, or one line saying why there is none. `fields`: what the analysis
    depends on besides the file, `\0`-joined: the envelope's type and payload fields and the
    library openers (`analysis_fields`)."""
    type_field, payload_field, openers = (fields.split("\0", 2) + ["", ""])[:3]
    from ws_migrate.analyse import summarize  # loaded on first use: a warm scan never parses

    try:
        if lang == "python":
            from ws_migrate.analyse._python import summarize_python

            return summarize_python(data, rel, type_field)
        return summarize(data, rel, lang, type_field, payload_field or "payload", openers or None)
    except RecursionError:
        return f"{rel}: nested too deeply to analyse; skipped"
    except Exception as exc:  # noqa: BLE001 - one odd file must not end the scan of the others
        return f"{rel}: analysis failed ({type(exc).__name__}: {exc}); skipped"


def outcome(item: Item, data: bytes, fields: str) -> Outcome:
    """Summarise a file that was read and passed the prefilter."""
    rel, _, language, _ = item
    why = unparsed(language, data)
    if why is not None:
        return ("K", why)
    key = content_key(data, language, fields)
    if key in known:
        return ("H", key)
    summary = analyse(rel, language, data, fields)
    if isinstance(summary, str):
        return ("P", summary)
    return ("S", key, pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL))


def sift_batch(items: Sequence[Item], names: tuple[str, ...], fields: str,
               kept: Kept | None = None) -> list[Outcome]:
    """Read, prefilter and summarise a share of the files; those the prefilter passes over
    are kept in `kept` (a worker's memory) for a later round's names."""
    rx = mentions(names, fields=fields)
    out: list[Outcome] = []
    for item in items:
        data = read_source(item[1], item[3])
        if isinstance(data, str):
            out.append(("K", data))
        elif item[2] == "python":  # never kept: a later round looks for the front end's names
            out.append(outcome(item, data, fields) if serves_sockets(data) else None)
        elif not rx(data):
            out.append(None)
            if kept is not None:
                kept[item[0]] = (item, data)
        else:
            out.append(outcome(item, data, fields))
    return out


def find_kept(kept: Kept, names: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """A later round in a worker: the kept files that mention `names`, with their text (and no
    longer kept), to be shared out among the workers again."""
    rx = mentions(names, sockets=False)  # the prefilter passed over them: they open none
    found = [rel for rel, (_, data) in kept.items() if rx(data)]
    return [(rel, kept.pop(rel)[1]) for rel in found]


def given_batch(items: Sequence[Item], texts: Sequence[bytes], fields: str) -> list[Outcome]:
    """Summarise files read already (found by `find_kept`, maybe in another worker)."""
    return [outcome(item, data, fields) for item, data in zip(items, texts)]

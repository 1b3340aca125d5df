"""The scan cache: file summaries keyed on content, and a stat index so unchanged files are not
even read.

It lives in `.ws-migrate-cache/` at the scanned root by default (like `.ruff_cache`), with its own
`.gitignore`. Summaries are keyed on a hash of the file's bytes (and the analysis version), so a
file moved or copied keeps its entry; the index maps each path to (size, mtime, content key) and
what the byte prefilter said of it, the way git's index trusts an unchanged stat. Only entries
used by the last scan are kept, so the cache never outgrows the repo.
"""

from __future__ import annotations

import hashlib
import marshal
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ws_migrate._atomic import write_atomic
from ws_migrate._signing import sign, verified
from ws_migrate.scan._sift import ANALYSIS_VERSION, content_key

if TYPE_CHECKING:
    from ws_migrate.analyse import FileSummary
    from ws_migrate.walk import SourceFile

__all__ = ["ANALYSIS_VERSION", "IndexEntry", "SummaryCache", "content_key"]


def _file(directory: Path, name: str) -> Path:
    return directory / f"{name}.pickle"


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class IndexEntry:
    """What the last scan learned of one path without parsing it."""

    size: int
    mtime_ns: int
    key: str  # content key of the summary, "" when the file mentions no socket nor wrapper


class SummaryCache:
    """Three files: a small index (read first), the summaries (read only when a file changed or is
    new), and the last linked result (reused whole when nothing at all changed)."""

    def __init__(self, directory: Path | None, type_field: str) -> None:
        self.directory = directory
        self.type_field = type_field
        # each summary pickled on its own: loading the file costs a copy, each summary is
        # unpickled when a file needs it, and a worker's pickle is stored as it came
        self._entries: dict[str, bytes] | None = None if directory is not None else {}
        self._index: dict[str, tuple[int, int, str]] = {}
        self.names_searched: frozenset[str] = frozenset()
        self.result_digest = ""
        self._used: dict[str, bytes] = {}
        self._new_index: dict[str, tuple[int, int, str]] = {}
        self._dirty = False
        self._extra_digest = ""
        if directory is not None:
            index = self._read("index", fast=True)
            if isinstance(index, dict) and index.get("version") == ANALYSIS_VERSION \
                    and index.get("type_field") == type_field and isinstance(index.get("files"), bytes):
                self._index = marshal.loads(index["files"])
                self.names_searched = index["names"]
                self.result_digest = index["digest"]
                self._extra_digest = index.get("extra", "")

    @staticmethod
    def indexed(directory: Path) -> bool:
        """Is there an index in `directory` (a scan to come may find its files summarised)?
        Cheap: asked before anything of the scan is imported."""
        return _file(directory, "index").exists()

    @property
    def empty(self) -> bool:
        """No index: a first scan (or one without a cache)."""
        return not self._index

    def _path(self, name: str) -> Path:
        assert self.directory is not None
        return _file(self.directory, name)

    def _read(self, name: str, fast: bool = False) -> object:
        """The cache file's object, or None. Its HMAC is checked before unpickling: a cache
        shipped inside a scanned repo (or tampered with) is ignored, never executed.

        `fast`: the file holds plain data in `marshal`'s format (3x faster to load than pickle)."""
        try:
            payload = verified(self._path(name).read_bytes())
        except OSError:
            return None
        if payload is None:
            return None
        try:
            return marshal.loads(payload) if fast else pickle.loads(payload)
        except Exception:  # noqa: BLE001 - any failure of a cache file only costs a rebuild
            return None

    def _write(self, name: str, obj: object, fast: bool = False) -> None:
        payload = marshal.dumps(obj) if fast else pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)  # type: ignore[arg-type]
        write_atomic(self._path(name), sign(payload))

    @property
    def entries(self) -> dict[str, bytes]:
        if self._entries is None:
            data = self._read("summaries")
            ok = isinstance(data, dict) and data.get("version") == ANALYSIS_VERSION
            self._entries = data["summaries"] if ok else {}  # type: ignore[index]
        return self._entries

    def unchanged(self, rel: str, size: int, mtime_ns: int) -> IndexEntry | None:
        """The index entry of `rel` when its size and mtime are as last seen."""
        e = self._index.get(rel)
        if e is not None and e[0] == size and e[1] == mtime_ns and mtime_ns:
            return IndexEntry(*e)
        return None

    def get(self, key: str, rel: str) -> FileSummary | None:
        blob = self.entries.get(key)
        if blob is None:
            return None
        try:
            s = pickle.loads(blob)
        except Exception:  # noqa: BLE001 - a bad entry only costs a parse
            return None
        if s.rel != rel:  # same content under another name: the summary names its file
            s = replace(s, rel=rel)
        self._used[key] = blob
        return s  # type: ignore[no-any-return]

    def put(self, key: str, summary: FileSummary, blob: bytes | None = None) -> None:
        """Keep `summary` (already pickled as `blob`, when a worker sent it so)."""
        if self.directory is None:
            return
        self._used[key] = blob if blob is not None else pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL)
        self._dirty = True

    def record(self, f: SourceFile, key: str) -> None:
        """`f`, as the walk stamped it, has the summary `key` ("" for none)."""
        row = (f.size, f.mtime_ns, key)
        self._new_index[f.rel] = row
        if not self._dirty and self._index.get(f.rel) != row:
            self._dirty = True

    @staticmethod
    def digest(extra: str, files: bytes) -> str:
        """A fingerprint of everything a linked result depends on: files, contents, rules.

        `files`: the index as it was filled (unsorted: sorting 10,000 paths cost a third of
        saving; the same tree met in another order only costs one needless rewrite of the
        result), in `marshal`'s format, as it is written."""
        h = hashlib.blake2b(files, digest_size=16)
        h.update(extra.encode())
        return h.hexdigest()

    def tree_unchanged(self, files: Sequence[SourceFile], extra: str) -> bool:
        """Every file as last seen (same size and mtime), no file more or less, the same rules:
        the last linked result is still the answer."""
        if len(files) != len(self._index) or not self._extra_digest or _hash(extra) != self._extra_digest:
            return False
        index = self._index
        for f in files:
            row = index.get(f.rel)
            if row is None or row[0] != f.size or row[1] != f.mtime_ns or not f.mtime_ns:
                return False
        return True

    def load_result(self) -> object:
        data = self._read("result")
        if isinstance(data, dict) and data.get("digest") == self.result_digest:
            return data["result"]
        return None

    def save(self, names_searched: frozenset[str], extra: str, result: object) -> None:
        if self.directory is None:
            return
        files = marshal.dumps(self._new_index)
        digest = self.digest(extra, files)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                write_atomic(ignore, "# written by ws-migrate\n*\n")
            if self._dirty or self._entries is None or len(self._used) != len(self._entries):
                self._write("summaries", {"version": ANALYSIS_VERSION, "summaries": self._used})
            if digest != self.result_digest or self._dirty:
                self._write("result", {"digest": digest, "result": result})
            index = {"version": ANALYSIS_VERSION, "type_field": self.type_field, "files": files,
                     "names": names_searched, "digest": digest, "extra": _hash(extra)}
            self._write("index", index, fast=True)
        except OSError:
            pass  # a read-only tree only loses the cache, never the scan

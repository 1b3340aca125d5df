"""Module resolution the way TypeScript does it: relative specifiers and tsconfig `paths`."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

_EXTENSIONS = ("", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts",
               "/index.ts", "/index.tsx", "/index.js", "/index.jsx")


def _strip_jsonc(text: str) -> str:
    """JSON with comments and trailing commas (tsconfig's dialect) to plain JSON."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(c)
            i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


@dataclass(frozen=True)
class ModuleResolver:
    """Resolves import specifiers to repo-relative files among `files`."""

    files: frozenset[str]
    base_url: str | None = None  # repo-relative, '' for the root
    paths: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (importer's folder, specifier) → file: linking asks the same questions many times over
    _seen: dict[tuple[str, str], str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def for_root(cls, root: Path, files: frozenset[str]) -> ModuleResolver:
        for name in ("tsconfig.json", "jsconfig.json"):
            cfg = root / name
            if not cfg.is_file():
                continue
            try:
                data = json.loads(_strip_jsonc(cfg.read_text(encoding="utf-8", errors="replace")))
                opts = data.get("compilerOptions") or {}
                base = opts.get("baseUrl")
                base_rel = posixpath.normpath(base) if isinstance(base, str) else None
                if base_rel == ".":
                    base_rel = ""
                raw = opts.get("paths") or {}
                paths = tuple(
                    (str(k), tuple(str(t) for t in v))
                    for k, v in raw.items() if isinstance(v, list)
                )
                return cls(files, base_rel, paths)
            except (ValueError, AttributeError, OSError):
                break  # a broken tsconfig only costs alias resolution
        return cls(files)

    def resolve(self, importer: str, spec: str) -> str | None:
        key = (posixpath.dirname(importer) if spec.startswith(".") else "", spec)
        if key not in self._seen:
            self._seen[key] = self._resolve(key[0], spec)
        return self._seen[key]

    def _resolve(self, folder: str, spec: str) -> str | None:
        if spec.startswith("."):
            base = posixpath.normpath(posixpath.join(folder, spec))
            return self._file(base)
        for pattern, targets in self.paths:
            star = pattern.find("*")
            if star < 0:
                matched = spec == pattern
                rest = ""
            else:
                prefix, suffix = pattern[:star], pattern[star + 1:]
                matched = spec.startswith(prefix) and spec.endswith(suffix) and len(spec) >= len(prefix) + len(suffix)
                rest = spec[len(prefix):len(spec) - len(suffix)] if matched else ""
            if not matched:
                continue
            for target in targets:
                path = target.replace("*", rest)
                found = self._file(posixpath.normpath(posixpath.join(self.base_url or "", path)))
                if found:
                    return found
        if self.base_url is not None:
            return self._file(posixpath.normpath(posixpath.join(self.base_url, spec)))
        return None

    def _file(self, base: str) -> str | None:
        base = base.lstrip("./") if base.startswith("./") else base
        for ext in _EXTENSIONS:
            if base + ext in self.files:
                return base + ext
        # TypeScript ESM style: `./x.js` in the import names `./x.ts`
        stem, dot, ext = base.rpartition(".")
        if dot and ext in ("js", "jsx", "mjs", "cjs"):
            for alt in (".ts", ".tsx", ".mts", ".cts"):
                if stem + alt in self.files:
                    return stem + alt
        return None

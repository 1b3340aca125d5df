"""Module resolution the way TypeScript does it: relative specifiers and tsconfig `paths`
(each file through the nearest tsconfig/jsconfig above it, `extends` followed), and the aliases
frameworks set up on their own (`$lib`, `@`, `~`) when nothing else resolves."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

_EXTENSIONS = ("", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".vue", ".svelte",
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
class _Config:
    """One tsconfig/jsconfig: where it is, and the aliases it declares (repo-relative)."""

    folder: str  # '' for the root
    base_url: str | None = None
    paths: tuple[tuple[str, tuple[str, ...]], ...] = ()


# the aliases frameworks set up without a tsconfig saying so (SvelteKit's `$lib`, Vite's and
# Vue CLI's `@`, Nuxt's `~`), under the package that has them: used when nothing else resolves
_FRAMEWORK_ALIASES = (("$lib/", "src/lib/"), ("$lib", "src/lib"), ("@/", "src/"), ("~/", "src/"), ("~/", ""))


# which of a folder's `.env` files says what a variable is, first: the shared defaults, then the
# development settings, then the examples a repo keeps in place of a `.env` of its own
_ENV_ORDER = (".env", ".env.development", ".env.dev", ".env.local", ".env.development.local")
_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")


def _env_rank(name: str) -> tuple[int, str]:
    return (_ENV_ORDER.index(name), name) if name in _ENV_ORDER else (len(_ENV_ORDER), name)


def _read_env(root: Path, rels: list[str]) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The variables of the `.env` files `rels`, by folder (deepest first); within a folder the
    first file of `_ENV_ORDER` (then the others by name) that sets a variable wins. Comments and
    lines that set nothing are passed over; a file that cannot be read is no file."""
    by_folder: dict[str, dict[str, str]] = {}
    for rel in sorted(rels, key=lambda r: (posixpath.dirname(r), _env_rank(posixpath.basename(r)))):
        values = by_folder.setdefault(posixpath.dirname(rel), {})
        try:
            text = (root / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in text.splitlines()[:2000]:
            m = _ENV_LINE.match(line)
            if m is None or line.lstrip().startswith("#"):
                continue
            value = m.group(2)
            if value[:1] in ("'", '"') and value.find(value[0], 1) > 0:
                value = value[1:value.find(value[0], 1)]  # quoted: a comment may follow
            elif " #" in value:
                value = value.split(" #", 1)[0].rstrip()
            values.setdefault(m.group(1), value)
    ordered = sorted(by_folder.items(), key=lambda kv: -kv[0].count("/") - (1 if kv[0] else 0))
    return tuple((folder, tuple(sorted(values.items()))) for folder, values in ordered if values)


# where a package's own code may be, in the order a bundler looks (`source` points at the
# sources of a package built to `main`; `exports` may be a path, or conditions of one)
_ENTRY_FIELDS = ("source", "exports", "module", "main", "types", "typings", "svelte", "browser")
_BUILT = re.compile(r"^(?:\./)?(?:dist|lib|build|out|esm|cjs)/")


def _read_package(root: Path, rel: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(name, folder, entry files without extension) of the package.json at `rel`: what an
    import of the package by name (`import { X } from 'acme-stream'`) reaches in a monorepo."""
    try:
        data = json.loads((root / rel).read_text(encoding="utf-8", errors="replace"))
    except (ValueError, OSError, RecursionError):
        return None
    name = data.get("name") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name:
        return None
    folder = posixpath.dirname(rel)
    entries: list[str] = []
    for key in _ENTRY_FIELDS:
        entries.extend(_entry_paths(data.get(key)))
    out = []
    for e in [*entries, "src/index", "index", "src/main"]:
        e = e.removeprefix("./")
        out.append(e)
        if _BUILT.match(e):  # built to `dist/index.js`: its sources are in `src/`
            out.append("src/" + _BUILT.sub("", e).rsplit(".", 1)[0])
    return name, folder, tuple(dict.fromkeys(posixpath.normpath(posixpath.join(folder, e)) for e in out if e))


def _entry_paths(value: object, depth: int = 0) -> list[str]:
    """The paths a package.json entry field names: a path, or `exports`' conditions (`"."`,
    `import`, `default`, `types`, …) holding one."""
    if isinstance(value, str):
        return [value] if not value.startswith("http") else []
    if isinstance(value, dict) and depth < 3:
        if "." in value:
            return _entry_paths(value["."], depth + 1)
        out: list[str] = []
        for k, v in value.items():
            if isinstance(k, str) and not k.startswith("./"):
                out.extend(_entry_paths(v, depth + 1))
        return out
    return []


def _read_config(root: Path, rel: str, depth: int = 0) -> _Config | None:
    """The config at `rel` (its `extends` chain followed), or None when it cannot be read."""
    try:
        data = json.loads(_strip_jsonc((root / rel).read_text(encoding="utf-8", errors="replace")))
    except (ValueError, OSError, RecursionError):  # RecursionError: nested 100,000 deep
        return None
    if not isinstance(data, dict):
        return None
    folder = posixpath.dirname(rel)
    inherited = None
    extends = data.get("extends")
    if isinstance(extends, str) and extends.startswith(".") and depth < 5:
        target = posixpath.normpath(posixpath.join(folder, extends))
        if not target.endswith(".json"):
            target += ".json"
        inherited = _read_config(root, target, depth + 1)
    found = data.get("compilerOptions")
    opts: dict[str, object] = found if isinstance(found, dict) else {}
    base = opts.get("baseUrl")
    if isinstance(base, str):
        base_rel: str | None = posixpath.normpath(posixpath.join(folder, base))
        if base_rel == ".":
            base_rel = ""
    else:
        base_rel = inherited.base_url if inherited is not None else None
    raw = opts.get("paths")
    if isinstance(raw, dict):
        # `paths` are relative to baseUrl, or to the config that declares them
        anchor = base_rel if base_rel is not None else folder
        paths = tuple((str(k), tuple(posixpath.join(anchor, str(t)) for t in v))
                      for k, v in raw.items() if isinstance(v, list))
    else:
        paths = inherited.paths if inherited is not None else ()
    return _Config(folder, base_rel, paths)


@dataclass(frozen=True)
class ModuleResolver:
    """Resolves import specifiers to repo-relative files among `files`, each importer through
    the nearest tsconfig/jsconfig above it (a monorepo's packages each have their own)."""

    files: frozenset[str]
    base_url: str | None = None  # the root config's, repo-relative ('' for the root)
    paths: tuple[tuple[str, tuple[str, ...]], ...] = ()  # ... its paths, repo-relative targets
    configs: tuple[_Config, ...] = ()  # every config by folder, deepest first
    packages: tuple[str, ...] = ()  # folders of package.json files, deepest first
    # (folder, ((variable, value), …)) of the `.env` files git keeps, deepest folder first
    env: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    # the monorepo's packages by name: (name, folder, entry files), for imports by package name
    workspace: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # (importer's folder, specifier) → file: linking asks the same questions many times over
    _seen: dict[tuple[str, str], str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def for_root(cls, root: Path, files: frozenset[str], config_files: tuple[str, ...] = ()) -> ModuleResolver:
        """The resolver of the tree at `root`: its own tsconfig/jsconfig, and those of the
        folders `config_files` (repo-relative, as the walk found them) name."""
        names = set(config_files)
        for name in ("tsconfig.json", "jsconfig.json"):
            if (root / name).is_file():
                names.add(name)
        configs: dict[str, _Config] = {}
        for rel in sorted(names, key=lambda r: (r.count("/"), r)):
            base = posixpath.basename(rel)
            folder = posixpath.dirname(rel)
            if base not in ("tsconfig.json", "jsconfig.json") or folder in configs:
                continue  # a folder's tsconfig wins over its jsconfig
            cfg = _read_config(root, rel)
            if cfg is not None:
                configs[folder] = cfg
        packages = sorted({posixpath.dirname(r) for r in names
                           if posixpath.basename(r) in ("package.json", "svelte.config.js", "svelte.config.ts")},
                          key=lambda f: -f.count("/") - (1 if f else 0))
        ordered = tuple(sorted(configs.values(), key=lambda c: -c.folder.count("/") - (1 if c.folder else 0)))
        top = configs.get("")
        workspace = tuple(p for r in sorted(names) if posixpath.basename(r) == "package.json"
                          and (p := _read_package(root, r)) is not None)
        return cls(files, top.base_url if top else None, top.paths if top else (), ordered, tuple(packages),
                   _read_env(root, [r for r in names if posixpath.basename(r).startswith(".env")]), workspace)

    def env_value(self, importer: str, name: str) -> str | None:
        """The value an `.env` file of `importer`'s package (or of a folder above it) gives
        `name`, or None."""
        folder = posixpath.dirname(importer)
        for env_folder, values in self.env:
            if env_folder and folder != env_folder and not folder.startswith(env_folder + "/"):
                continue
            for key, value in values:
                if key == name:
                    return value
        return None

    def resolve(self, importer: str, spec: str) -> str | None:
        key = (posixpath.dirname(importer) if spec.startswith(".") else importer, spec)
        if key not in self._seen:
            self._seen[key] = self._resolve(posixpath.dirname(importer), spec)
        return self._seen[key]

    def _config_of(self, folder: str) -> _Config | None:
        for cfg in self.configs:
            if not cfg.folder or folder == cfg.folder or folder.startswith(cfg.folder + "/"):
                return cfg
        if self.base_url is not None or self.paths:
            return _Config("", self.base_url, self.paths)
        return None

    def _resolve(self, folder: str, spec: str) -> str | None:
        if spec.startswith("."):
            base = posixpath.normpath(posixpath.join(folder, spec))
            return self._file(base)
        cfg = self._config_of(folder)
        for pattern, targets in cfg.paths if cfg is not None else ():
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
                found = self._file(posixpath.normpath(target.replace("*", rest)))
                if found:
                    return found
        if cfg is not None and cfg.base_url is not None:
            found = self._file(posixpath.normpath(posixpath.join(cfg.base_url, spec)))
            if found:
                return found
        return self._framework_alias(folder, spec) or self._workspace_package(spec)

    def _workspace_package(self, spec: str) -> str | None:
        """The file an import of a package of the monorepo by its name reaches: its entry
        (`exports`, `source`, `main`, … or `src/index`), or a file under it (`acme/lib/x`)."""
        for name, folder, entries in self.workspace:
            if spec == name:
                for entry in entries:
                    found = self._file(entry)
                    if found:
                        return found
            elif spec.startswith(name + "/"):
                sub = spec[len(name) + 1:]
                for base in (posixpath.join(folder, sub), posixpath.join(folder, "src", sub)):
                    found = self._file(posixpath.normpath(base))
                    if found:
                        return found
        return None

    def _framework_alias(self, folder: str, spec: str) -> str | None:
        for prefix, target in _FRAMEWORK_ALIASES:
            if not spec.startswith(prefix) or (prefix == "$lib" and spec != "$lib"):
                continue
            for package in self.packages + ("",):
                if package and folder != package and not folder.startswith(package + "/"):
                    continue
                found = self._file(posixpath.normpath(posixpath.join(package, target, spec[len(prefix):])))
                if found:
                    return found
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

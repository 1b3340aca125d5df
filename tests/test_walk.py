"""The file walker: which files a scan reads, in which language, and what it reports skipping."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ws_migrate._exceptions import ScanError
from ws_migrate.walk import (
    ALWAYS_SKIPPED_DIRS,
    Language,
    Skipped,
    WalkResult,
    language_for,
    walk,
)


def make(root: Path, *rels: str, text: str = "export {};\n") -> None:
    for rel in rels:
        path = root / rel
        os.makedirs(path.parent, exist_ok=True)
        path.write_text(text)


def rels(result: WalkResult) -> list[str]:
    return [f.rel for f in result.files]


def reasons(result: WalkResult) -> dict[str, str]:
    return {s.rel: s.reason for s in result.skipped}


# --- languages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("a.ts", "typescript"),
        ("a.mts", "typescript"),
        ("a.cts", "typescript"),
        ("a.tsx", "tsx"),
        ("a.js", "javascript"),
        ("a.mjs", "javascript"),
        ("a.cjs", "javascript"),
        ("a.jsx", "javascript"),
        ("a.py", "python"),
        ("src/deep/component.test.tsx", "tsx"),
        ("src/dts.ts", "typescript"),
        ("src/x.d.tsx", "tsx"),  # not a declaration file: .d.tsx does not exist in TypeScript
    ],
)
def test_language_by_extension(path: str, language: Language) -> None:
    assert language_for(path) == language


@pytest.mark.parametrize(
    "path",
    [
        "types.d.ts",
        "types.d.mts",
        "types.d.cts",
        "src/styles.d.css.ts",  # TypeScript 5 arbitrary-extension declaration
        "stub.pyi",
        "data.json",
        "README",
        ".ts",
        "Upper.TS",
        "script.sh",
    ],
)
def test_no_language(path: str) -> None:
    assert language_for(path) is None


def test_walk_lists_each_language_and_drops_declarations_silently(tmp_path: Path) -> None:
    make(tmp_path, "a.ts", "b.tsx", "c.jsx", "d.py", "e.d.ts", "f.css", "g.json")
    result = walk(tmp_path)
    assert [(f.rel, f.language) for f in result.files] == [
        ("a.ts", "typescript"),
        ("b.tsx", "tsx"),
        ("c.jsx", "javascript"),
        ("d.py", "python"),
    ]
    assert result.skipped == ()


def test_languages_filter(tmp_path: Path) -> None:
    make(tmp_path, "a.ts", "b.tsx", "c.py")
    assert rels(walk(tmp_path, languages={"python"})) == ["c.py"]
    assert rels(walk(tmp_path, languages=("typescript", "tsx"))) == ["a.ts", "b.tsx"]


def test_unknown_language_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match="'ts'"):
        walk(tmp_path, languages={"ts"})  # type: ignore[arg-type]


def test_paths_are_absolute_and_match_root_plus_rel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, "src/app/main.ts")
    monkeypatch.chdir(tmp_path)
    result = walk(Path("src"))
    assert result.root == tmp_path / "src"
    (file,) = result.files
    assert file.rel == "app/main.ts"
    assert file.path.is_absolute()
    assert file.path == result.root / file.rel


# --- .gitignore ----------------------------------------------------------------------------


def test_nested_gitignore_with_negation_and_anchors(tmp_path: Path) -> None:
    make(
        tmp_path,
        "top-only.ts",
        "x.gen.ts",
        "secret/a.ts",
        "other/keep.gen.ts",
        "other/top-only.ts",
        "sub/top-only.ts",
        "sub/keep.gen.ts",
        "sub/drop.gen.ts",
        "sub/local.ts",
        "sub/deeper/local.ts",
        "sub/deeper/secret/b.ts",
        "sub/main.ts",
    )
    (tmp_path / ".gitignore").write_text("# comment\n*.gen.ts\n/top-only.ts\nsecret/\n")
    (tmp_path / "sub" / ".gitignore").write_text("!keep.gen.ts\n/local.ts\n")
    assert rels(walk(tmp_path)) == [
        "other/top-only.ts",  # anchored at the root: only the root's own file
        "sub/deeper/local.ts",  # anchored in sub/: only sub/local.ts
        "sub/keep.gen.ts",  # re-included by the nested negation
        "sub/main.ts",
        "sub/top-only.ts",
    ]


def test_nested_gitignore_applies_to_its_own_subtree_only(tmp_path: Path) -> None:
    make(tmp_path, "a/x.ts", "b/x.ts", "a/inner/x.ts")
    (tmp_path / "a" / ".gitignore").write_text("x.ts\n")
    assert rels(walk(tmp_path)) == ["b/x.ts"]


def test_negation_cannot_reinclude_inside_an_ignored_folder(tmp_path: Path) -> None:
    # git: "It is not possible to re-include a file if a parent directory of that file is excluded."
    make(tmp_path, "gen/keep.ts", "gen/drop.ts", "main.ts")
    (tmp_path / ".gitignore").write_text("gen/\n!gen/keep.ts\n")
    assert rels(walk(tmp_path)) == ["main.ts"]


def test_ignore_everything_but_typescript(tmp_path: Path) -> None:
    make(tmp_path, "a/b.ts", "a/c.js", "d.py", "e.ts")
    (tmp_path / ".gitignore").write_text("*\n!*/\n!*.ts\n")
    assert rels(walk(tmp_path)) == ["a/b.ts", "e.ts"]


def test_folder_patterns_like_git(tmp_path: Path) -> None:
    # Expectations checked against `git status --ignored` on the same tree.
    make(
        tmp_path, "a/b/x.ts", "a/c/x.ts", "gen/keep.ts", "gen/drop.ts", "gen/sub/y.ts", "z.ts/w.ts"
    )
    (tmp_path / ".gitignore").write_text("/a/*\n!/a/b\ngen/**\n!gen/keep.ts\n*.ts/\n")
    assert rels(walk(tmp_path)) == ["a/b/x.ts", "gen/keep.ts"]


def test_git_info_exclude_at_the_root(tmp_path: Path) -> None:
    make(tmp_path, "keep.ts", "local-only.ts", "sub/local-only.ts")
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("local-only.ts\n")
    assert rels(walk(tmp_path)) == ["keep.ts"]


def test_gitignore_loses_to_nothing_but_beats_info_exclude(tmp_path: Path) -> None:
    make(tmp_path, "a.ts", "b.ts")
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("*.ts\n")
    (tmp_path / ".gitignore").write_text("!a.ts\n")
    assert rels(walk(tmp_path)) == ["a.ts"]


def test_gitignore_files_above_the_root_apply_inside_a_work_tree(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make(repo, "web/src/a.ts", "web/src/a.gen.ts", "web/src/api/client.ts", "web/legacy.ts")
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("*.gen.ts\n/web/src/api/\n")
    (repo / "web" / ".gitignore").write_text("/legacy.ts\n")
    assert rels(walk(repo / "web")) == ["src/a.ts"]
    assert rels(walk(repo / "web" / "src")) == ["a.ts"]


def test_a_root_that_git_ignores_is_walked_when_asked_for_by_name(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make(repo, "vendor/app/a.ts", "vendor/app/a.gen.ts", "src/b.ts")
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("/vendor/\n*.gen.ts\n")
    (repo / "vendor" / "app" / ".gitignore").write_text("*.gen.ts\n")
    assert rels(walk(repo)) == ["src/b.ts"]
    assert rels(walk(repo / "vendor" / "app")) == ["a.ts"]


def test_gitignore_files_above_the_root_are_not_read_outside_a_work_tree(tmp_path: Path) -> None:
    make(tmp_path, "project/a.ts")
    (tmp_path / ".gitignore").write_text("*.ts\n")
    assert rels(walk(tmp_path / "project")) == ["a.ts"]


_GIT_PATTERNS = [
    "*.ts", "!*.ts", "gen/", "!gen/", "/gen/", "gen", "gen/**", "!gen/keep.ts", "*/", "!*/", "*",
    "a/*", "!a/b", "**/x.ts", "a/**/y.ts", "/x.ts", "!x.ts", "b", "!b/", "sub/", "!sub/keep.ts",
    "*.gen.ts", "!keep.gen.ts", "a/b/", "**/c", "c/", "!c/z.ts", "[ab]/x.ts", "?.ts", "\\!odd.ts",
]  # fmt: skip
_GIT_FILES = [
    "x.ts", "y.ts", "a/x.ts", "a/y.ts", "a/b/x.ts", "a/b/y.ts", "a/b/c/z.ts", "gen/keep.ts",
    "gen/x.ts", "gen/sub/y.ts", "b/x.ts", "c/z.ts", "c/w.ts", "sub/keep.ts", "sub/x.ts",
    "a/sub/keep.ts", "k.gen.ts", "keep.gen.ts", "a/keep.gen.ts", "!odd.ts", "a/gen/x.ts",
    "z.ts/w.ts", "a/c/x.ts",
]  # fmt: skip


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("seed", range(40))
def test_same_files_as_git_on_random_nested_gitignores(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    make(tmp_path, *_GIT_FILES)
    for folder in rng.sample(["", "a", "a/b", "gen", "c"], rng.randint(1, 3)):
        lines = rng.sample(_GIT_PATTERNS, rng.randint(1, 4))
        (tmp_path / folder / ".gitignore").write_text("\n".join(lines) + "\n")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert rels(walk(tmp_path)) == sorted(p for p in listed if not p.endswith(".gitignore"))


_LINE_PARTS = ["*", "**", "?", "/", "!", "a", "b", "ab", "gen", "x.ts", ".ts", "[ab]", "[!a]", "\\*",
               "\\", " ", "#", "src", "keep", "-", "."]  # fmt: skip
_PATH_PARTS = ["a", "b", "ab", "gen", "x.ts", "y.ts", "src", "keep", "*", "-", ".ts", "[ab]", " "]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(lines=st.lists(st.lists(st.sampled_from(_LINE_PARTS), max_size=6).map("".join), max_size=8),
       paths=st.lists(st.lists(st.lists(st.sampled_from(_PATH_PARTS), min_size=1, max_size=3)
                               .map("".join), min_size=1, max_size=4).map("/".join), max_size=8))
def test_property_ignore_lines_match_as_pathspec_does(lines: list[str], paths: list[str]) -> None:
    """The lines compiled only where a path could match them (`_ignore.py`) answer as pathspec
    compiling them all: for files, and for folders judged by the lines' folder forms; indexed
    (as a long ignore file is) or compiled whole (a short one)."""
    from unittest import mock

    from pathspec import GitIgnoreSpec

    from ws_migrate.walk import _ignore
    from ws_migrate.walk._ignore import IgnoreLines, IgnoreSpec, dir_line

    def valid(line: str) -> bool:
        try:
            GitIgnoreSpec.from_lines([line])
            GitIgnoreSpec.from_lines([dir_line(line)])
        except ValueError:
            return False
        return True

    kept = [line for line in lines if valid(line)]
    half = len(lines) // 2  # two ignore files, the later winning: as a nested .gitignore
    for indexed_from in (0, 10_000):
        with mock.patch.object(_ignore, "_INDEXED_FROM", indexed_from):
            files = IgnoreSpec((IgnoreLines(lines[:half]),), "files") + IgnoreSpec((IgnoreLines(lines[half:]),), "files")
            dirs = IgnoreSpec((IgnoreLines(lines),), "dirs")
            for path in paths:
                assert files.match_file(path) == GitIgnoreSpec.from_lines(kept).match_file(path), (lines, path)
                assert dirs.match_file(path) == GitIgnoreSpec.from_lines([dir_line(x) for x in kept]).match_file(path)


def test_regression_a_gitignore_of_100k_lines_costs_about_nothing(tmp_path: Path) -> None:
    # pathspec compiled every line and tried each on every path: 16.5 s for this tree's walk
    shapes = ["build-{}/", "*.gen{}.ts", "/src/out{}/*.js", "!keep{}.ts", "docs/**/tmp{}", "src/f{}.ts"]
    lines = [shapes[i % len(shapes)].format(i) for i in range(100_000)]
    (tmp_path / ".gitignore").write_text("\n".join(lines) + "\nsrc/d3/\n*.gen99997.ts\n")
    make(tmp_path, *(f"src/d{d}/f{f}.ts" for d in range(10) for f in range(30)),
         "src/f99995.ts", "src/f99994.ts", "x.gen99997.ts", "src/out2/a.js", "src/out2/a.ts")
    started = time.monotonic()
    result = walk(tmp_path)
    assert time.monotonic() - started < 4
    listed = set(rels(result))
    assert "src/f99994.ts" in listed and "src/f99995.ts" not in listed  # the line `src/f99995.ts`
    assert "x.gen99997.ts" not in listed and "src/out2/a.ts" in listed
    assert not any(rel.startswith("src/d3/") for rel in listed) and "src/d4/f7.ts" in listed
    assert len(listed) == 9 * 30 + 2


def test_invalid_gitignore_lines_are_dropped_like_git_does(tmp_path: Path) -> None:
    make(tmp_path, "a.ts", "b.ts")
    (tmp_path / ".gitignore").write_text("!\nb.ts\n")
    assert rels(walk(tmp_path)) == ["a.ts"]


# --- always-skipped folders ----------------------------------------------------------------


@pytest.mark.parametrize("folder", sorted(ALWAYS_SKIPPED_DIRS))
def test_always_skipped_folders(tmp_path: Path, folder: str) -> None:
    make(tmp_path, f"{folder}/x.ts", f"src/{folder}/y.ts", "src/main.ts")
    result = walk(tmp_path)
    assert rels(result) == ["src/main.ts"]
    assert result.skipped == ()


def test_test_files_beside_the_code_are_not_the_apps(tmp_path: Path) -> None:
    make(tmp_path, "src/feed.ts", "src/feed.test.ts", "src/Feed.spec.tsx", "src/Feed.stories.tsx",
         "src/feed.cy.js", "server/test_ws.py", "server/ws_test.py", "server/conftest.py", "server/ws.py",
         "src/testing.ts", "src/latest.ts")
    result = walk(tmp_path)
    assert rels(result) == ["server/ws.py", "src/feed.ts", "src/latest.ts", "src/testing.ts"]
    assert result.skipped == ()


def test_names_like_skipped_folders_are_fine_elsewhere(tmp_path: Path) -> None:
    make(tmp_path, "build.ts", "src/dist-utils/x.ts", "src/coverage.py")
    assert rels(walk(tmp_path)) == ["build.ts", "src/coverage.py", "src/dist-utils/x.ts"]


# --- include / exclude ---------------------------------------------------------------------


@pytest.fixture
def app(tmp_path: Path) -> Path:
    make(
        tmp_path,
        "src/a.tsx",
        "src/deep/b.tsx",
        "src/c.ts",
        "src/c.helper.ts",
        "legacy/d.tsx",
        "legacy/e.ts",
        "server/f.py",
    )
    return tmp_path


def test_include(app: Path) -> None:
    assert rels(walk(app, include=["src/**/*.tsx"])) == ["src/a.tsx", "src/deep/b.tsx"]
    assert rels(walk(app, include=["legacy/", "*.py"])) == [
        "legacy/d.tsx",
        "legacy/e.ts",
        "server/f.py",
    ]


def test_exclude(app: Path) -> None:
    assert rels(walk(app, exclude=["legacy/", "*.helper.ts"])) == [
        "server/f.py",
        "src/a.tsx",
        "src/c.ts",
        "src/deep/b.tsx",
    ]


def test_include_and_exclude_together(app: Path) -> None:
    assert rels(walk(app, include=["*.tsx"], exclude=["legacy"])) == [
        "src/a.tsx",
        "src/deep/b.tsx",
    ]


def test_include_with_negation(app: Path) -> None:
    assert rels(walk(app, include=["src/", "!src/deep/"])) == [
        "src/a.tsx",
        "src/c.helper.ts",
        "src/c.ts",
    ]


@pytest.mark.parametrize("option", ["include", "exclude"])
@pytest.mark.parametrize("pattern", ["!", "src\\", "", "# just a comment"])
def test_invalid_pattern_names_the_pattern(app: Path, option: str, pattern: str) -> None:
    with pytest.raises(
        ScanError, match=f"invalid {option} pattern {pattern!r}".replace("\\", "\\\\")
    ):
        walk(app, **{option: ["*.ts", pattern]})  # type: ignore[arg-type]


# --- symlinks ------------------------------------------------------------------------------


def test_symlink_to_parent_terminates_and_is_reported(tmp_path: Path) -> None:
    make(tmp_path, "a.ts", "sub/b.ts")
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)
    (tmp_path / "sub" / "here").symlink_to(".", target_is_directory=True)
    result = walk(tmp_path)
    assert rels(result) == ["a.ts", "sub/b.ts"]
    assert reasons(result) == {"sub/here": "symlink loop", "sub/up": "symlink loop"}


def test_symlinked_folders_are_followed_once(tmp_path: Path) -> None:
    make(tmp_path, "real/x.ts", "shared/y.ts")
    (tmp_path / "alias").symlink_to("real", target_is_directory=True)
    (tmp_path / "real" / "shared").symlink_to("../shared", target_is_directory=True)
    (tmp_path / "hidden").mkdir()
    (tmp_path / ".gitignore").write_text("hidden-real/\n")
    make(tmp_path, "hidden-real/z.ts")
    (tmp_path / "visible").symlink_to("hidden-real", target_is_directory=True)
    result = walk(tmp_path)
    # The real path wins over a link; an ignored folder is still reached through a link.
    assert rels(result) == ["real/x.ts", "shared/y.ts", "visible/z.ts"]
    assert reasons(result) == {
        "alias": "same directory as real",
        "real/shared": "same directory as shared",
    }


def test_symlinked_folder_outside_the_root_is_not_followed(tmp_path: Path) -> None:
    make(tmp_path, "outside/x.ts", "root/a.ts")
    (tmp_path / "root" / "ext").symlink_to(tmp_path / "outside", target_is_directory=True)
    result = walk(tmp_path / "root")
    assert rels(result) == ["a.ts"]
    assert reasons(result) == {"ext": "symlink to a directory outside the root"}


def test_regression_a_symlinked_file_outside_the_root_is_not_read(tmp_path: Path) -> None:
    # a repository's link can name any file of the machine: the scan read it (and `fix` would
    # have rewritten it)
    make(tmp_path, "outside/x.ts", "outside/.env", "root/a.ts", "root/lib/impl.source")
    (tmp_path / "root" / "linked.ts").symlink_to(tmp_path / "outside" / "x.ts")
    (tmp_path / "root" / ".env").symlink_to(tmp_path / "outside" / ".env")
    (tmp_path / "root" / "inside.ts").symlink_to("lib/impl.source")  # a link within is read
    result = walk(tmp_path / "root")
    assert rels(result) == ["a.ts", "inside.ts"]
    assert reasons(result) == {"linked.ts": "symlink to a file outside the root",
                               ".env": "symlink to a file outside the root"}
    assert result.configs == ()


def test_symlinked_file_to_something_not_regular_is_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "pipe.ts").symlink_to(tmp_path / "pipe")
    assert reasons(walk(tmp_path)) == {"pipe.ts": "not a regular file"}


def test_the_same_file_is_listed_once_under_its_real_path(tmp_path: Path) -> None:
    make(tmp_path, "z/real.ts")
    (tmp_path / "a-link.ts").symlink_to("z/real.ts")
    result = walk(tmp_path)
    assert rels(result) == ["z/real.ts"]
    assert reasons(result) == {"a-link.ts": "same file as z/real.ts"}


def test_broken_symlinks(tmp_path: Path) -> None:
    make(tmp_path, "a.ts")
    (tmp_path / "gone.ts").symlink_to("nowhere.ts")
    (tmp_path / "gone-dir").symlink_to("nowhere", target_is_directory=True)
    (tmp_path / "self.ts").symlink_to("self.ts")
    (tmp_path / "ignored.ts").symlink_to("nowhere.ts")
    (tmp_path / ".gitignore").write_text("ignored.ts\n")
    result = walk(tmp_path)
    assert rels(result) == ["a.ts"]
    assert reasons(result) == {
        "gone-dir": "broken symlink",
        "gone.ts": "broken symlink",
        "self.ts": "symlink loop",
    }


# --- sizes, unreadable folders, roots ------------------------------------------------------


def test_big_file_is_skipped_with_its_size(tmp_path: Path) -> None:
    make(tmp_path, "small.ts")
    (tmp_path / "huge.ts").write_bytes(b"x" * 6_200_000)
    result = walk(tmp_path)
    assert rels(result) == ["small.ts"]
    assert result.skipped == (Skipped("huge.ts", "larger than 5 MB (6.2 MB)"),)
    assert reasons(walk(tmp_path, max_bytes=5)) == {
        "huge.ts": "larger than 5 bytes (6.2 MB)",
        "small.ts": "larger than 5 bytes (11 bytes)",
    }


def test_regression_a_big_project_file_is_skipped_with_its_size(tmp_path: Path) -> None:
    # a 56 MB `.env` was read whole when linking: 300 MB more for the scan
    make(tmp_path, "a.ts", "package.json")
    (tmp_path / ".env").write_bytes(b"VITE_X=ws://h/x\n" * 400_000)
    result = walk(tmp_path)
    assert result.configs == ("package.json",)
    assert reasons(result) == {".env": "larger than 5 MB (6.4 MB)"}


def test_unreadable_folder_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, where chmod cannot make a folder unreadable.
    make(tmp_path, "a.ts", "locked/b.ts")
    real_scandir = os.scandir
    locked = str(tmp_path / "locked")

    def scandir(path: str | os.PathLike[str]) -> Any:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = walk(tmp_path)
    assert rels(result) == ["a.ts"]
    assert result.skipped == (Skipped("locked", "unreadable: Permission denied"),)


def test_single_file_root(tmp_path: Path) -> None:
    make(tmp_path, "src/app.tsx")
    (tmp_path / ".gitignore").write_text("*.tsx\n")
    result = walk(tmp_path / "src" / "app.tsx")
    assert result.root == tmp_path / "src"
    assert [(f.rel, f.language, f.path) for f in result.files] == [
        ("app.tsx", "tsx", tmp_path / "src" / "app.tsx")
    ]


@pytest.mark.parametrize(
    ("name", "kwargs", "reason"),
    [
        ("types.d.ts", {}, "declaration file (no runtime code)"),
        ("notes.md", {}, "not a TypeScript, JavaScript or Python file"),
        ("app.py", {"languages": {"tsx"}}, "python is not among the selected languages"),
        ("app.test.ts", {"exclude": ["*.test.ts"]}, "matches an exclude pattern"),
        ("app.ts", {"include": ["*.tsx"]}, "matches no include pattern"),
        ("app.ts", {"max_bytes": 3}, "larger than 3 bytes (11 bytes)"),
    ],
)
def test_single_file_root_that_is_not_scanned_says_why(
    tmp_path: Path, name: str, kwargs: dict[str, object], reason: str
) -> None:
    make(tmp_path, name)
    result = walk(tmp_path / name, **kwargs)  # type: ignore[arg-type]
    assert result.files == ()
    assert result.skipped == (Skipped(name, reason),)


def test_missing_root(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match="nope: no such file or directory"):
        walk(tmp_path / "nope")


def test_root_that_is_neither_file_nor_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ScanError, match="pipe: not a file or directory"):
        walk(tmp_path / "pipe")


# --- order, depth, speed -------------------------------------------------------------------


def test_order_is_sorted_and_deterministic(tmp_path: Path) -> None:
    names = ["b/z.ts", "a.ts", "B.ts", "a/b.ts", "a-b.ts", "b.tsx", "a/a/a.py"]
    make(tmp_path, *names)
    first = walk(tmp_path)
    assert rels(first) == sorted(names)
    assert walk(tmp_path) == first


def test_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    # os.makedirs, pathlib and shutil.rmtree all recurse once per level, so build it by hand.
    folders = []
    folder = str(tmp_path)
    for _ in range(1200):
        folder += "/d"
        os.mkdir(folder)
        folders.append(folder)
    try:
        Path(folder, "x.ts").write_text("")
        assert rels(walk(tmp_path)) == ["d/" * 1200 + "x.ts"]
    finally:
        os.unlink(os.path.join(folder, "x.ts"))
        for folder in reversed(folders):
            os.rmdir(folder)


def test_a_large_tree_skips_ignored_folders_without_listing_them(tmp_path: Path) -> None:
    # Speed is measured by benchmarks/scan_bench.py, not here; this checks what a big walk returns.
    (tmp_path / ".gitignore").write_text("node_modules/\n*.log\n")
    for d in range(20):
        folder = tmp_path / "src" / f"f{d}"
        folder.mkdir(parents=True)
        for i in range(100):
            _touch(f"{folder}/m{i}.tsx")
    make(tmp_path, *(f"node_modules/p{i}/index.ts" for i in range(200)))
    result = walk(tmp_path)
    assert len(result.files) == 2000
    assert not any(f.rel.startswith("node_modules/") for f in result.files)


def _touch(path: str) -> None:
    try:
        os.mknod(path)  # one system call: many times faster than open + close on some disks
    except (AttributeError, OSError):
        open(path, "x").close()

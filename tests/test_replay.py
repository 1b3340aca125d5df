"""`scan --format json` replays its last answer while nothing it depends on has changed.

Each test ages the copied demo app by an hour first: a scan does not trust (and records nothing
for) stamps taken within two seconds of its start, as a file changed twice within one tick of a
coarse clock keeps its mtime.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from ws_migrate import _replay

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "demo-app"
HOUR_AGO = time.time() - 3600


def _age(root: Path) -> None:
    for folder, dirs, files in os.walk(root):
        for name in files + dirs:
            os.utime(os.path.join(folder, name), (HOUR_AGO, HOUR_AGO))
    os.utime(root, (HOUR_AGO, HOUR_AGO))


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    dest = tmp_path / "demo-app"
    shutil.copytree(DEMO, dest, ignore=shutil.ignore_patterns(".ws-migrate-cache"))
    _age(dest)
    return dest


def _scan(demo: Path, cache: Path, *extra: object) -> tuple[dict[str, Any], str]:
    out = cache.parent / "out.json"
    proc = run_cli("scan", demo, "--format", "json", "--cache-dir", cache, "--output", out, *extra)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    return json.loads(text), text


def _replays(demo: Path, cache: Path, *extra: str) -> bool:
    """Whether the same command would be answered by a replay (asked in this process)."""
    argv = ["scan", str(demo), "--format", "json", "--cache-dir", str(cache),
            "--output", os.devnull, *extra]
    return _replay.replay(argv)


def test_an_unchanged_tree_is_answered_by_a_replay_identical_to_a_warm_scan(
    demo: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cold, _ = _scan(demo, cache)
    assert cold["summary"]["files_parsed"] > 0
    assert _replays(demo, cache)

    replayed, text = _scan(demo, cache)

    # what a warm scan prints: nothing parsed, every candidate a cache hit
    assert replayed["summary"]["files_parsed"] == 0
    assert replayed["summary"]["cache_hits"] == cold["summary"]["files_parsed"]
    cold.pop("summary")
    summary = replayed.pop("summary")
    assert replayed == cold
    # and byte for byte what the scan itself writes once the replay record is gone
    for record in cache.glob("replay-*"):
        record.unlink()
    _, warm = _scan(demo, cache)
    assert warm == text
    assert json.loads(warm)["summary"] == summary


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: (d / "src/config.ts").open("a").write("\n// edited\n"), id="edited-file"),
        pytest.param(lambda d: (d / "src/extra.ts").write_text("export const x = 1;\n"), id="new-file"),
        pytest.param(lambda d: (d / "src/config.ts").unlink(), id="deleted-file"),
        pytest.param(lambda d: (d / "src/config.ts").rename(d / "src/settings.ts"), id="renamed-file"),
        pytest.param(lambda d: (d / ".gitignore").open("a").write("src/legacy/\n"), id="edited-gitignore"),
        pytest.param(lambda d: (d / "src/.gitignore").write_text("legacy/\n"), id="new-gitignore"),
        pytest.param(lambda d: (d / "ws-migrate.yaml").open("a").write("\n# edited\n"), id="edited-rules"),
        pytest.param(lambda d: (d / "tsconfig.json").open("a").write("\n"), id="edited-tsconfig"),
        pytest.param(lambda d: (d / "src/new-folder").mkdir(), id="new-folder"),
    ],
)
def test_any_change_a_scan_depends_on_ends_the_replay(demo: Path, tmp_path: Path, change: Any) -> None:
    cache = tmp_path / "cache"
    _scan(demo, cache)
    assert _replays(demo, cache)

    change(demo)

    assert not _replays(demo, cache)


def test_an_edit_shows_in_the_next_answer(demo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before, _ = _scan(demo, cache)
    with (demo / "src/config.ts").open("a", encoding="utf-8") as fh:
        fh.write("\nexport const topicSocket = new WebSocket('/ws/newtopic');\n")

    after, _ = _scan(demo, cache)

    assert len(after["connections"]) == len(before["connections"]) + 1


def test_a_scan_of_a_tree_changed_moments_ago_records_nothing(demo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (demo / "src/config.ts").touch()  # now: within the racy window of the scan that follows

    _scan(demo, cache)

    assert not list(cache.glob("replay-*"))
    assert not _replays(demo, cache)


def test_a_record_whose_signature_fails_is_ignored(demo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, _ = _scan(demo, cache)
    (record,) = cache.glob("replay-*")
    blob = bytearray(record.read_bytes())
    blob[-5] ^= 0xFF  # the answer's text, changed by someone without the key
    record.write_bytes(bytes(blob))

    assert not _replays(demo, cache)
    again, _ = _scan(demo, cache)
    first.pop("summary")
    again.pop("summary")
    assert again == first


def test_options_change_the_answer_but_not_where_it_goes(demo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _scan(demo, cache)

    assert _replays(demo, cache)  # `--output` of its own
    assert not _replays(demo, cache, "--include", "src/components/**")
    assert not _replays(demo, cache, "--exclude", "src/legacy/**")


@pytest.mark.parametrize(
    "argv",
    [
        ["scan", "."],  # a table, for a terminal
        ["scan", ".", "--format", "sarif"],
        ["scan", ".", "-f", "json", "--baseline", "b.json"],
        ["scan", ".", "-f", "json", "--fail-on", "any"],
        ["scan", ".", "-f", "json", "--no-cache"],
        ["scan", ".", "-f", "json", "--jobs", "0"],
        ["scan", ".", "-f", "json", "--output"],
        ["scan", "a", "b", "-f", "json"],
        ["scan", "-f", "json", "--help"],
        ["fix", ".", "-f", "json"],
    ],
)
def test_only_plain_json_scans_are_replayed(argv: list[str]) -> None:
    assert _replay.parse(argv) is None


def test_the_command_line_spellings_of_one_scan_share_one_record() -> None:
    a = _replay.parse(["scan", "./web/", "--format=json", "-o", "x.json", "--rules", "r.yaml", "-q"])
    b = _replay.parse(["scan", "web", "-f", "json", "--rules=./r.yaml", "-j", "2"])
    assert a is not None and b is not None
    assert a.key() == b.key()


def test_a_folder_of_a_project_replays_until_a_marker_moves_the_project(tmp_path: Path) -> None:
    # `scan app/src/components` is a scan of the project `app` (its package.json), reported for
    # that folder; a ws-migrate.yaml or package.json put between them makes another project
    app = tmp_path / "app"
    shutil.copytree(DEMO, app, ignore=shutil.ignore_patterns(".ws-migrate-cache"))
    _age(app)
    part = app / "src" / "components"
    first, _ = _scan(part, tmp_path / "cache")
    assert first["rules"] == [str(app / "ws-migrate.yaml")]
    assert {c["file"].split("/")[1] for c in first["connections"]} == {"components"}
    assert _replays(part, tmp_path / "cache")
    assert not (part / ".ws-migrate-cache").exists()  # the project's cache, not the folder's
    (app / "src" / "package.json").write_text("{}\n")  # below a ws-migrate.yaml: the same project,
    os.utime(app / "src" / "package.json", (HOUR_AGO, HOUR_AGO))
    assert not _replays(part, tmp_path / "cache")  # but the replay cannot know that: it scans
    assert _scan(part, tmp_path / "cache")[0]["connections"] == first["connections"]
    shutil.copy(app / "ws-migrate.yaml", app / "src" / "ws-migrate.yaml")
    os.utime(app / "src" / "ws-migrate.yaml", (HOUR_AGO, HOUR_AGO))
    assert not _replays(part, tmp_path / "cache")
    moved, _ = _scan(part, tmp_path / "cache")
    assert moved["rules"] == [str(app / "src" / "ws-migrate.yaml")]
    assert {c["file"].split("/")[0] for c in moved["connections"]} == {"components"}  # now src/'s

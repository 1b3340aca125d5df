"""Recall on the synthetic corpus (`benchmarks/make_corpus.py`): every legacy site its MANIFEST
lists, nothing more."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ws_migrate.render import scan_to_dict
from ws_migrate.scan import scan

MAKE_CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "make_corpus.py"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), "--files", "600", "--seed", "7"],
                   check=True, capture_output=True)
    return out, json.loads((out / "MANIFEST.json").read_text())


def test_every_manifest_site_is_found_with_its_endpoint_and_types(corpus: tuple[Path, dict]) -> None:
    root, manifest = corpus
    got = scan_to_dict(scan(root, use_cache=False, jobs=2))
    by_site = {(c["file"], c["line"]): c for c in got["connections"]}
    missing = [s for s in manifest["legacy_sites"] if (s["file"], s["line"]) not in by_site]
    assert missing == []
    for s in manifest["legacy_sites"]:
        c = by_site[(s["file"], s["line"])]
        assert (c["kind"], c["endpoint"]) == (s["kind"], s["endpoint"]), s
        if s["kind"] == "wrapper-call":
            assert c["via"][0] == s["via"]
        if c["message_types"]:  # whole-message hooks compare no types
            assert sorted(c["message_types"]) == sorted(s["types"]), s
    assert len(got["connections"]) == len(manifest["legacy_sites"]), "no site beyond the manifest"
    assert not any(c["file"].startswith("node_modules/") for c in got["connections"])
    wrappers = {(w["name"], w["file"]) for w in got["wrappers"]}
    for w in manifest["wrappers"]:
        assert (w["name"], w["file"]) in wrappers


def test_a_warm_scan_gives_the_same_inventory(corpus: tuple[Path, dict], tmp_path: Path) -> None:
    root, _ = corpus
    cold = scan_to_dict(scan(root, cache_dir=tmp_path / "cache"))
    warm = scan_to_dict(scan(root, cache_dir=tmp_path / "cache"))
    assert warm["summary"]["files_parsed"] == 0
    for key in ("connections", "wrappers", "findings", "message_types"):
        assert warm[key] == cold[key]


MAKE_BACKEND = MAKE_CORPUS.parent / "make_backend.py"


def test_the_synthetic_back_end_is_found_as_its_manifest_says(tmp_path: Path) -> None:
    """`benchmarks/make_backend.py` (what backend_bench.py times): every endpoint with its public
    path and every typed send at its place, in parallel as in one process, and nothing else."""
    subprocess.run([sys.executable, str(MAKE_BACKEND), str(tmp_path), "--files", "400", "--seed", "3"],
                   check=True, capture_output=True)
    manifest = json.loads((tmp_path / "MANIFEST.json").read_text())
    for jobs in (1, 2):
        got = scan_to_dict(scan(tmp_path, use_cache=False, jobs=jobs))
        assert sorted((e["file"], e["line"], e["endpoint"]) for e in got["endpoints"]) == sorted(
            (e["file"], e["line"], e["endpoint"]) for e in manifest["endpoints"])
        assert sorted((m["type"], m["endpoint"], at) for m in got["message_types"] for at in m["emitted_in"]) == \
            sorted((e["type"], e["endpoint"], e["at"]) for e in manifest["emitted"])
        assert {f["rule"] for f in got["findings"]} == {"legacy-endpoint"}
        assert got["parse_errors"] == [] and got["skipped"] == []

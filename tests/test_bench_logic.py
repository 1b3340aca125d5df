"""The logic of benchmarks/scan_bench.py: MANIFEST parsing, recall, goals, measuring children."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import load_benchmark

bench = load_benchmark("scan_bench")

WRAPPER = "src/lib/realtime/topicSocket.ts"

MANIFEST = bench.Manifest(
    files=3,
    sites=(
        bench.Site("src/a.ts", 2, "direct", "/ws/health"),
        bench.Site("src/b.tsx", 24, "direct", "/ws/security"),
        bench.Site("src/c.tsx", 27, "wrapper-call", "/ws/admin/{userId}"),
    ),
    wrappers=(bench.WrapperRef("useTopicSocket", WRAPPER, 10),),
)


def connection(file: str, line: int, kind: str, endpoint: str | None) -> dict[str, Any]:
    return {"id": f"{file}:{line}", "file": file, "line": line, "column": 5, "kind": kind,
            "via": None, "endpoint": endpoint, "external": False, "message_types": []}  # fmt: skip


def scan_json(*connections: dict[str, Any], wrappers: bool = True) -> dict[str, Any]:
    return {
        "schema": "ws-migrate/scan/1",
        "files_scanned": 3,
        "parse_errors": [],
        "connections": list(connections),
        "wrappers": (
            [
                {
                    "name": "useTopicSocket",
                    "file": WRAPPER,
                    "line": 10,
                    "endpoint_template": "/ws/{topic}/{userId}",
                    "calls": 1,
                }
            ]
            if wrappers
            else []
        ),
        "findings": [],
        "message_types": [],
        "unmapped": [],
        "summary": {"seconds": 1.5},
    }


PERFECT = scan_json(
    connection("src/a.ts", 2, "direct", "/ws/health"),
    connection("src/b.tsx", 24, "direct", "/ws/security"),
    connection("src/c.tsx", 27, "wrapper-call", "/ws/admin/{userId}"),
    connection(WRAPPER, 10, "direct", None),  # the wrapper's own socket: not an extra
)


# --- recall ------------------------------------------------------------------------------


def test_recall_complete() -> None:
    recall = bench.check_recall(MANIFEST, PERFECT)
    assert (recall.sites, recall.found, recall.kind_exact, recall.endpoint_exact) == (3, 3, 3, 3)
    assert recall.missing == () and recall.wrappers_missing == () and recall.extra == ()
    assert recall.percent == 100.0
    assert recall.complete


def test_recall_missing_site_and_wrong_details() -> None:
    scan = scan_json(
        connection("src/a.ts", 2, "direct", "/ws/health?token"),  # endpoint differs
        connection("src/c.tsx", 27, "direct", "/ws/admin/{userId}"),  # kind differs
        connection("node_modules/pkg/index.ts", 1, "direct", "/ws/vendor"),
    )
    recall = bench.check_recall(MANIFEST, scan)
    assert (recall.found, recall.kind_exact, recall.endpoint_exact) == (2, 1, 0)
    assert recall.missing == (MANIFEST.sites[1],)
    assert recall.extra == ("node_modules/pkg/index.ts:1",)
    assert recall.percent == pytest.approx(200 / 3)
    assert not recall.complete


def test_recall_counts_a_site_once_when_several_connections_share_its_line() -> None:
    scan = scan_json(
        connection("src/a.ts", 2, "wrapper-call", None),
        connection("src/a.ts", 2, "direct", "/ws/health"),
    )
    recall = bench.check_recall(MANIFEST, scan)
    assert (recall.found, recall.kind_exact, recall.endpoint_exact) == (1, 1, 1)


def test_recall_needs_the_wrapper() -> None:
    scan = dict(PERFECT, wrappers=[{"name": "useTopicSocket", "file": "src/other.ts"}])
    recall = bench.check_recall(MANIFEST, scan)
    assert recall.found == 3
    assert recall.wrappers_missing == MANIFEST.wrappers
    assert not recall.complete


def test_recall_on_an_empty_scan() -> None:
    recall = bench.check_recall(MANIFEST, {"schema": "ws-migrate/scan/1"})
    assert (recall.found, len(recall.missing), recall.percent) == (0, 3, 0.0)


def test_warm_results_compare_everything_but_the_summary() -> None:
    warm = dict(PERFECT, summary={"seconds": 0.2, "cache_hits": 3})
    assert bench.same_results(PERFECT, warm)
    fewer = dict(PERFECT, connections=PERFECT["connections"][:-1])
    assert not bench.same_results(PERFECT, fewer)


def test_read_scan_checks_the_schema(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(PERFECT))
    assert bench.read_scan(good) == PERFECT
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"schema": "ws-migrate/scan/0"}))
    with pytest.raises(bench.BenchError, match="ws-migrate/scan/0"):
        bench.read_scan(other)
    with pytest.raises(bench.BenchError, match="no scan JSON"):
        bench.read_scan(tmp_path / "missing.json")


# --- goals -------------------------------------------------------------------------------


def timing(seconds: float, peak_mb: float = 100.0) -> Any:
    return bench.Timing(seconds, peak_mb, peak_mb, None)


def goals(**changes: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "ast_grep": timing(2.0),
        "cold": timing(1.6),
        "warm": timing(0.4),
        "recall": bench.check_recall(MANIFEST, PERFECT),
        "warm_same": True,
        "walk_seconds": 0.1,
        "walk_files": 10_001,
    }
    args.update(changes)
    measured = bench.evaluate(**args)
    return {g.key: g for g in measured}


def test_all_goals_met() -> None:
    measured = goals()
    assert all(g.met for g in measured.values())
    assert bench.exit_code(list(measured.values())) == 0
    assert measured["cold-vs-ast-grep"].shown == "0.80"
    assert measured["cold-vs-warm"].shown == "4.0"


@pytest.mark.parametrize(
    ("changes", "missed"),
    [
        ({"cold": timing(2.2)}, "cold-vs-ast-grep"),
        ({"warm": timing(0.5)}, "cold-vs-warm"),
        ({"warm": timing(0.0)}, None),  # an instant warm scan is infinitely faster: met
        ({"cold": timing(1.6, peak_mb=300.0)}, "peak-mb"),
        ({"warm": timing(0.3, peak_mb=512.0)}, "peak-mb"),
        ({"recall": bench.check_recall(MANIFEST, scan_json())}, "recall"),
        ({"warm_same": False}, "warm-same"),
        ({"walk_seconds": 0.25}, "walk"),
        ({"walk_seconds": 0.15, "walk_files": 500}, None),  # small trees get 0.2 s too
        ({"walk_seconds": 0.3, "walk_files": 20_000}, None),  # 0.2 s per 10,000 files
    ],
)
def test_a_missed_goal_fails_the_run(changes: dict[str, Any], missed: str | None) -> None:
    measured = goals(**changes)
    assert [name for name, g in measured.items() if not g.met] == ([missed] if missed else [])
    assert bench.exit_code(list(measured.values())) == (1 if missed else 0)


def test_ratio() -> None:
    assert bench.ratio(3.0, 2.0) == 1.5
    assert bench.ratio(1.0, 0.0) == float("inf")


def test_report_lists_missing_sites(tmp_path: Path) -> None:
    recall = bench.check_recall(MANIFEST, scan_json())
    report = bench.render(
        MANIFEST, 3, (0.1, 3), {"ast-grep (baseline)": timing(1.0)}, scan_json(), recall,
        list(goals(recall=recall).values()),
    )  # fmt: skip
    assert "missing sites (first 10 of 3):\n  src/a.ts:2 direct /ws/health" in report
    assert "recall" in report and "MISSED" in report


# --- the corpus and the children ---------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "corpus"
    bench.make_corpus(out, 120)
    return out


def test_manifest_of_a_generated_corpus(corpus: Path) -> None:
    manifest = bench.load_manifest(corpus)
    assert manifest.files == 121
    assert manifest.sites and {s.kind for s in manifest.sites} <= {"direct", "wrapper-call"}
    for site in manifest.sites:
        text = (corpus / site.file).read_text().splitlines()[site.line - 1]
        assert ("new WebSocket(" if site.kind == "direct" else "(userId)") in text
    (wrapper,) = manifest.wrappers
    assert "new WebSocket(" in (corpus / wrapper.file).read_text().splitlines()[wrapper.line - 1]
    perfect = scan_json(*(connection(s.file, s.line, s.kind, s.endpoint) for s in manifest.sites), wrappers=False)
    assert not bench.check_recall(manifest, perfect).complete  # the wrapper is part of the answer
    perfect["wrappers"] = [{"name": w.name, "file": w.file, "line": w.line} for w in manifest.wrappers]
    assert bench.check_recall(manifest, perfect).complete


def test_manifest_missing(tmp_path: Path) -> None:
    with pytest.raises(bench.BenchError, match="MANIFEST.json: not found"):
        bench.load_manifest(tmp_path)
    (tmp_path / "MANIFEST.json").write_text('{"files": 1}')
    with pytest.raises(bench.BenchError, match="unexpected content"):
        bench.load_manifest(tmp_path)


def test_measure_times_a_child_and_its_peak_memory() -> None:
    code = "b = bytearray(60_000_000); b[::4096] = b'x' * len(b[::4096])"
    measured = bench.measure(lambda i: [sys.executable, "-c", code], 2)
    assert measured.seconds > 0
    assert 60 < measured.largest_mb < 200
    assert measured.peak_mb >= measured.largest_mb


def test_measure_in_turn_alternates_the_compared_commands() -> None:
    """ast-grep and the cold scan run a, b, a, b (then once more each, sampled): a machine
    whose speed drifts slows both alike."""
    order: list[str] = []

    def command(name: str, code: str) -> Callable[[int], list[str]]:
        def argv(i: int) -> list[str]:
            order.append(f"{name}{i}")
            return [sys.executable, "-c", code]
        return argv

    measured = bench.measure_in_turn(
        {"quick": command("a", "pass"), "slow": command("b", "import time; time.sleep(0.3)")}, 2
    )

    assert order == ["a0", "b0", "a1", "b1", "a2", "b2"]
    assert measured["slow"].seconds >= 0.3 > measured["quick"].seconds


def test_measure_reports_a_failing_child() -> None:
    code = "import sys; sys.exit('boom')"
    with pytest.raises(bench.BenchError, match="exit 1: boom"):
        bench.measure(lambda i: [sys.executable, "-c", code], 1)


def test_ast_grep_baseline_runs_on_the_corpus(corpus: Path) -> None:
    try:
        binary = bench.ast_grep_binary()
    except bench.BenchError:
        pytest.skip("ast-grep is not installed")
    measured = bench.measure(lambda i: [binary, "run", "-p", "new WebSocket($$$A)", str(corpus)], 1)
    assert measured.seconds > 0 and measured.largest_mb > 0


def test_only_an_extra_run_is_sampled_for_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    # sampling a process tree's memory slows it: the timed runs go unobserved
    sampled: list[int] = []
    monkeypatch.setattr(bench._TreeSampler, "start", lambda self: sampled.append(self.pid))
    runs: list[int] = []

    def argv(i: int) -> list[str]:
        runs.append(i)
        return [sys.executable, "-c", "pass"]

    bench.measure(argv, 3)
    assert runs == [0, 1, 2, 3] and len(sampled) == 1

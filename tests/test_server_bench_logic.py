"""The pure helpers of benchmarks/server_bench.py: percentiles, goals, the report."""

from __future__ import annotations

import math
from typing import Any

import pytest
from conftest import load_benchmark

bench = load_benchmark("server_bench")


def test_percentile_interpolates_between_ranks() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert bench.percentile(values, 0) == 10.0
    assert bench.percentile(values, 100) == 40.0
    assert bench.percentile(values, 50) == 25.0
    assert bench.percentile(list(range(1, 101)), 99) == pytest.approx(99.01)
    assert bench.percentile([7.0], 99) == 7.0
    assert math.isnan(bench.percentile([], 50))
    with pytest.raises(ValueError):
        bench.percentile(values, 101)


def test_latency_stats_sorts_and_converts_to_ms() -> None:
    p50, p99, worst = bench.latency_stats([3_000_000, 1_000_000, 2_000_000])
    assert (p50, worst) == (2.0, 3.0)
    assert p99 == pytest.approx(2.98)
    assert all(math.isnan(v) for v in bench.latency_stats([]))


def test_ratio() -> None:
    assert bench.ratio(3.0, 2.0) == 1.5
    assert bench.ratio(1.0, 0.0) == float("inf")
    assert math.isnan(bench.ratio(0.0, 0.0))


def result(name: str = "x", **changes: Any) -> Any:
    fields: dict[str, Any] = {
        "name": name,
        "clients": 100,
        "published": 1000,
        "received": 100_000,
        "seconds": 2.0,
        "p50_ms": 2.0,
        "p99_ms": 10.0,
        "max_ms": 20.0,
        "server_cpu": 1.0,
        "bench_cpu": 1.5,
    }
    fields.update(changes)
    return bench.PassResult(**fields)


def test_pass_result_rates() -> None:
    r = result()
    assert (r.expected, r.lost, r.rate, r.event_rate) == (100_000, 0, 50_000.0, 500.0)
    assert r.server_us == 10.0
    assert result(received=99_990).lost == 10
    assert result(seconds=0.0).rate == 0.0
    assert result(server_cpu=None).server_us is None


def goals(bare: Any = None, serve: Any = None, half: Any = None) -> dict[str, Any]:
    measured = bench.evaluate(
        [bare or result("bare")],
        [serve or result("serve", seconds=2.4)],
        half or result("half", target_rate=250.0),
    )
    return {g.key: g for g in measured}


def test_all_goals_met() -> None:
    measured = goals()
    assert all(g.met for g in measured.values())
    assert measured["speed"].shown == "0.83"
    assert bench.exit_code(list(measured.values())) == 0


@pytest.mark.parametrize(
    ("serve", "half", "missed"),
    [
        (result("serve", seconds=2.6), None, "speed"),  # 0.77 of the bare rate
        (result("serve", seconds=2.5), None, None),  # exactly 0.8: met
        (None, result("half", p99_ms=50.0), "p99-half"),
        (None, result("half", p99_ms=float("nan")), "p99-half"),  # nothing measured: missed
        (None, result("half", received=99_999), "complete"),
        (None, result("half", dropped=1), "complete"),
        (result("serve", published=0, received=0), None, "complete"),
    ],
)
def test_a_missed_goal_fails_the_run(serve: Any, half: Any, missed: str | None) -> None:
    measured = goals(serve=serve, half=half)
    expected = [missed] if missed else []
    if serve is not None and serve.published == 0:
        expected = ["speed", "complete"]  # no deliveries: no speed either
    assert [k for k, g in measured.items() if not g.met] == expected
    assert bench.exit_code(list(measured.values())) == (1 if expected else 0)


def test_metric_sums_labelled_samples() -> None:
    text = (
        "# HELP ws_migrate_clients_dropped_total x\n"
        "# TYPE ws_migrate_clients_dropped_total counter\n"
        'ws_migrate_clients_dropped_total{reason="abuse"} 1\n'
        'ws_migrate_clients_dropped_total{reason="slow_consumer"} 2\n'
        "ws_migrate_clients_dropped_totally 40\n"
        "ws_migrate_connections 7\n"
    )
    assert bench.metric(text, "ws_migrate_clients_dropped_total") == 3
    assert bench.metric(text, "ws_migrate_connections") == 7
    assert bench.metric(text, "absent") == 0


def test_render_shows_every_pass_and_goal() -> None:
    bare, serve = [result("bare")], [result("serve", seconds=2.6, server_cpu=2.0)]
    half = result("serve", target_rate=250.0, p99_ms=float("nan"), server_cpu=None)
    report = bench.render(bare, serve, half, bench.evaluate(bare, serve, half))
    assert "serve @ 250 ev/s" in report
    assert "server CPU per delivery (median), serve / bare: 2.0x" in report
    assert report.count("MISSED") == 2
    assert report.splitlines()[3].split()[-5:] == ["-", "20.0", "-", "75%", "-"]
    assert report.splitlines()[1].split()[-3:] == ["50%", "75%", "10.0"]


def test_the_speed_goal_takes_the_median_round() -> None:
    # rounds 0.70, 0.90, 0.85 (serve over the bare pass just before it): median 0.85, met
    bare = [result("bare", round=k) for k in (1, 2, 3)]
    serve = [result("serve", round=1, seconds=2 / 0.70), result("serve", round=2, seconds=2 / 0.9),
             result("serve", round=3, seconds=2 / 0.85)]
    half = result("serve", target_rate=250.0)
    measured = {g.key: g for g in bench.evaluate(bare, serve, half)}
    assert measured["speed"].met and measured["speed"].shown == "0.85"
    assert measured["speed"].name == "serve / bare deliveries (median of 3)"
    report = bench.render(bare, serve, half, list(measured.values()))
    rows = [" ".join(line.split()[:2]) for line in report.splitlines()[1:8]]
    # the order they ran in: interleaved, then the half-rate pass
    assert rows == ["bare #1", "serve #1", "bare #2", "serve #2", "bare #3", "serve #3", "serve @"]
    assert "round by round: 0.70, 0.90, 0.85" in report
    # one bad round of three does not decide, two do
    serve[1] = result("serve", round=2, seconds=2 / 0.75)
    assert not {g.key: g for g in bench.evaluate(bare, serve, half)}["speed"].met
    with pytest.raises(ValueError):
        bench.speed_ratios(bare, serve[:2])


def test_the_inspector_goal_compares_each_round_with_its_serve_pass() -> None:
    bare = [result("bare", round=k) for k in (1, 2, 3)]
    serve = [result("serve", round=k, seconds=2.2) for k in (1, 2, 3)]
    # open / closed: 0.80, 0.95, 0.92 -> median 0.92, met; without passes there is no such goal
    inspected = [result("serve + inspector", round=k, seconds=2.2 / r)
                 for k, r in ((1, 0.80), (2, 0.95), (3, 0.92))]
    half = result("serve", target_rate=250.0)
    assert "inspector" not in {g.key for g in bench.evaluate(bare, serve, half)}
    measured = {g.key: g for g in bench.evaluate(bare, serve, half, inspected)}
    assert measured["inspector"].met and measured["inspector"].shown == "0.92"
    assert measured["inspector"].name == "inspector open / closed deliveries (median of 3)"
    slow = [result("serve + inspector", round=k, seconds=2.2 / 0.85) for k in (1, 2, 3)]
    assert not {g.key: g for g in bench.evaluate(bare, serve, half, slow)}["inspector"].met
    report = bench.render(bare, serve, half, list(measured.values()), inspected)
    rows = [line[:30].strip() for line in report.splitlines()[1:11]]
    assert rows == ["bare #1", "serve #1", "serve + inspector #1", "bare #2", "serve #2",
                    "serve + inspector #2", "bare #3", "serve #3", "serve + inspector #3",
                    "serve @ 250 ev/s"]  # the order they ran in
    assert "inspector open / closed deliveries, round by round: 0.80, 0.95, 0.92" in report
    # the same CPU per delivery: 1000 deliveries in 2.2 / r s, 1 CPU s each pass -> r x
    assert "server CPU per delivery (median), inspector open / closed: 1.00x" in report

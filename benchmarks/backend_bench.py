#!/usr/bin/env python3
"""Time `ws-migrate scan` against ast-grep on Python back ends, and check what it finds.

    python benchmarks/backend_bench.py [--files 2300] [--corpus DIR] [--tree DIR ...] [--repeat 3]

The trees: a synthetic back end from `benchmarks/make_backend.py` (into a temporary folder, or
into `--corpus DIR` when DIR has none yet), and each `--tree DIR` given (a real repository,
only read: the scans' caches and outputs go to a temporary folder). For each tree, in turn and
best of `--repeat`: the baseline `ast-grep run -p '$W.send_json($$$A)' TREE` (every language
ast-grep knows, all cores, as `scan_bench.py` runs it for the front end) and a cold scan
(`scan TREE --format json` on a fresh, empty cache). The synthetic tree's scan is checked
against its MANIFEST.json: every endpoint with its public path and every typed send. The goal
(cold ≤ 1.0 × ast-grep) is judged on the synthetic tree and on trees of 1,000 .py files or more.

Exit code: 0 every goal met, 1 a goal missed, 2 the benchmark could not run. See README.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan_bench import (  # the benchmarks' own helpers, beside this file
    REPO,
    BenchError,
    Timing,
    ast_grep_binary,
    child_env,
    measure_in_turn,
    ratio,
    read_scan,
    require_ws_migrate,
)

MAKE_BACKEND = REPO / "benchmarks" / "make_backend.py"
PATTERN = "$W.send_json($$$A)"
MAX_COLD_OVER_AST_GREP = 1.0  # issue 15: a cold scan costs no more than a structural search
# the goal is for large back ends: on a few hundred files, starting Python (≈ 0.15 s) is already
# more than ast-grep's whole search
LARGE = 1000


def make_backend(out: Path, files: int) -> None:
    done = subprocess.run([sys.executable, str(MAKE_BACKEND), str(out), "--files", str(files)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"make_backend.py failed: {done.stderr.strip().splitlines()[-1:]}")


def check(manifest: dict[str, Any], scan: dict[str, Any]) -> tuple[int, int, int, int]:
    """(endpoints found, of, typed sends found, of): each at its file and line, with its path."""
    got = {(e["file"], e["line"], e["endpoint"]) for e in scan.get("endpoints", [])}
    want = {(e["file"], e["line"], e["endpoint"]) for e in manifest["endpoints"]}
    sent = {(m["type"], m["endpoint"], at) for m in scan.get("message_types", []) for at in m.get("emitted_in", [])}
    sends = {(e["type"], e["endpoint"], e["at"]) for e in manifest["emitted"]}
    return len(got & want), len(want), len(sent & sends), len(sends)


def python_files(tree: Path) -> int:
    return sum(1 for p in tree.rglob("*.py") if "node_modules" not in p.parts)


def run_tree(tree: Path, repeat: int, ast_grep: str, work: Path) -> tuple[Timing, Timing, dict[str, Any]]:
    """ast-grep and a cold scan of `tree`, in turn; and the last cold scan's JSON."""
    name = tree.name

    def scan(i: int) -> list[str]:
        cache = work / f"{name}-cache-{i}"
        cache.mkdir(exist_ok=True)
        return [sys.executable, "-m", "ws_migrate", "scan", str(tree), "--format", "json",
                "--output", str(work / f"{name}-{i}.json"), "--cache-dir", str(cache)]

    timings = measure_in_turn({"ast-grep": lambda i: [ast_grep, "run", "-p", PATTERN, str(tree)],
                               "cold": scan}, repeat, env=child_env(), ok_codes=(0, 1))
    return timings["ast-grep"], timings["cold"], read_scan(work / f"{name}-{repeat}.json")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2300, help="synthetic back end's modules (default 2300)")
    parser.add_argument("--corpus", type=Path, help="use (or create) the synthetic back end in DIR")
    parser.add_argument("--tree", type=Path, action="append", default=[], help="a real tree to time too")
    parser.add_argument("--no-synthetic", action="store_true", help="only the --tree folders")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    args = parser.parse_args(argv)
    try:
        require_ws_migrate()
        ast_grep = ast_grep_binary()
        with tempfile.TemporaryDirectory(prefix="ws-migrate-backend-bench-") as tmp:
            work = Path(tmp)
            trees: list[tuple[Path, bool]] = [(t.resolve(), False) for t in args.tree]
            if not args.no_synthetic:
                corpus = args.corpus.resolve() if args.corpus is not None else work / "backend"
                if not (corpus / "MANIFEST.json").exists():
                    print(f"writing a {args.files:,}-module back end to {corpus} ...", file=sys.stderr)
                    make_backend(corpus, args.files)
                trees.insert(0, (corpus, True))
            return report(trees, args.repeat, ast_grep, work)
    except BenchError as exc:
        print(f"backend_bench: {exc}", file=sys.stderr)
        return 2


def report(trees: list[tuple[Path, bool]], repeat: int, ast_grep: str, work: Path) -> int:
    print(f"best of {repeat}; ast-grep: `ast-grep run -p '{PATTERN}' TREE`; cold: a scan on an empty cache\n")
    print(f"{'tree':18}{'.py':>7}{'ast-grep':>10}{'cold':>9}{'cold/ast-grep':>15}{'peak MB':>9}   found")
    met = True
    for tree, synthetic in trees:
        print(f"timing {tree} ...", file=sys.stderr)
        grep, cold, scan = run_tree(tree, repeat, ast_grep, work)
        r = ratio(cold.seconds, grep.seconds)
        modules = python_files(tree)
        goal = synthetic or modules >= LARGE
        met &= r <= MAX_COLD_OVER_AST_GREP or not goal
        found = ""
        if synthetic:
            manifest = json.loads((tree / "MANIFEST.json").read_text(encoding="utf-8"))
            e, of_e, s, of_s = check(manifest, scan)
            found = f"endpoints {e}/{of_e}, typed sends {s}/{of_s}"
            met &= e == of_e and s == of_s
        else:
            found = f"endpoints {len(scan.get('endpoints', []))}, findings {len(scan.get('findings', []))}"
        mark = " " if not goal else "" if r <= MAX_COLD_OVER_AST_GREP else "!"
        print(f"{tree.name:18}{modules:>7,}{grep.seconds:>9.3f}s{cold.seconds:>8.3f}s"
              f"{r:>14.2f}{mark or ' '}{cold.peak_mb:>8.0f}   {found}")
    print(f"\ngoal: cold / ast-grep <= {MAX_COLD_OVER_AST_GREP} on the synthetic back end and every tree of "
          f"{LARGE:,} .py files or more (the others are shown, not judged): {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

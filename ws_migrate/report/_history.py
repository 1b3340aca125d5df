"""`report --history N`: legacy connections in each of the last N commits, and the trend.

Each commit is read from git's object store (`git archive <sha>` into a temporary folder), so
the work tree, the index and HEAD are never touched: the report can run on a dirty checkout.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ws_migrate._exceptions import ScanError, WsMigrateError
from ws_migrate.report._model import History, HistoryPoint, Trend

# (tree root, rule files) → (legacy connections, unified uses)
Counter = Callable[[Path, Sequence[Path]], tuple[int, int]]


def scan_history(root: Path, count: int, counter: Counter, rules_files: Sequence[Path] = ()) -> History:
    """The last `count` commits of HEAD's first-parent line, oldest first, each one scanned.

    `root` may be a folder inside the repository: only that folder of each commit is scanned.
    Raises `ScanError` when `root` is not in a git repository with commits.
    """
    root = Path(root).resolve()
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    # the rule files are read from where the user named them, not from the commit
    rules = tuple(Path(p).resolve() for p in rules_files)
    log = _git(root, "log", f"-n{count}", "--first-parent", "--format=%H%x1f%cI%x1f%s", "HEAD")
    points = []
    for line in reversed(log.splitlines()):
        sha, date, subject = (line.split("\x1f") + ["", ""])[:3]
        points.append(_point(top, prefix, sha, date, subject, counter, rules))
    return History(tuple(points), trend(points))


def trend(points: Sequence[HistoryPoint]) -> Trend:
    """`down` when the newest scanned commit has fewer legacy connections than the oldest."""
    counts = [p.legacy_connections for p in points if p.error is None]
    if len(counts) < 2 or counts[-1] == counts[0]:
        return "flat"
    return "down" if counts[-1] < counts[0] else "up"


def _point(top: Path, prefix: str, sha: str, date: str, subject: str, counter: Counter,
           rules: Sequence[Path]) -> HistoryPoint:
    with tempfile.TemporaryDirectory(prefix="ws-migrate-history-") as tmp:
        archive = Path(tmp) / "tree.tar"
        tree = Path(tmp) / "tree"
        spec = [prefix] if prefix else []
        done = subprocess.run(
            ["git", "-C", str(top), "archive", "--format=tar", f"--output={archive}", sha, *spec],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            # the folder did not exist yet in that commit: nothing legacy, nothing unified
            return HistoryPoint(sha, date, subject, 0, 0, error=_first_line(done.stderr))
        try:
            with tarfile.open(archive) as tar:
                tar.extractall(tree, filter="data")  # `data`: no absolute paths, links out, devices
        except (tarfile.TarError, OSError) as exc:  # e.g. a symlink pointing out of the repo
            return HistoryPoint(sha, date, subject, 0, 0, error=f"cannot extract: {exc}")
        try:
            legacy, replaced = counter(tree / prefix, rules)
        except WsMigrateError as exc:  # a commit with a broken rule file still leaves a point
            return HistoryPoint(sha, date, subject, 0, 0, error=str(exc))
    return HistoryPoint(sha, date, subject, legacy, replaced)


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise ScanError("--history needs git on PATH") from None
    if done.returncode != 0:
        raise ScanError(f"{cwd}: --history needs a git repository with commits ({_first_line(done.stderr)})")
    return done.stdout


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or ["git failed"])[0]

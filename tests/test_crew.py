"""The worker processes of a scan never leave both ends of a pipe waiting on each other.

Whether a scan used to hang depended only on the sizes of the messages between the main process
and its workers: the length of the tree's absolute path (every file's path travels with its
batch), how many files there are and how much each summary weighs. The property test draws those
and runs the scan as a user does, in a fresh process with a time limit.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from conftest import run_cli
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

_SOCKET = """import React, {{ useEffect }} from 'react';
export function Panel{i}() {{
  useEffect(() => {{
    const ws = new WebSocket('/ws/topic{t}');
    ws.onmessage = (e) => {{
      const m = JSON.parse(e.data);
      if (m.type === 'first_{i}') console.log(m);{more}
    }};
    return () => ws.close();
  }}, []);
  return <div>{i}</div>;
}}
"""
_PLAIN = "export const value{i} = {i};\n"


def _tree(root: Path, files: int, every: int, weight: int) -> int:
    """`files` small .tsx files, one in `every` opening a socket with `weight` more message
    types (a heavier summary); the number of sockets."""
    src = root / "src"
    src.mkdir(parents=True)
    sockets = 0
    for i in range(files):
        if i % every == 0:
            more = "".join(f"\n      if (m.type === 'extra_{i}_{k}') console.log(k);" for k in range(weight))
            text = _SOCKET.format(i=i, t=i % 13, more=more)
            sockets += 1
        else:
            text = _PLAIN.format(i=i)
        (src / f"Panel{i}.tsx").write_text(text, encoding="utf-8")
    return sockets


# no shrinking: each hang costs the time limit, and the example as drawn says enough
@settings(max_examples=10, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files=st.integers(900, 2000), pad=st.integers(0, 60), every=st.sampled_from([1, 2]),
       weight=st.integers(0, 3), jobs=st.sampled_from([2, 3]))
def test_property_scan_finishes_whatever_the_path_length_file_count_and_batch_size(
        tmp_path: Path, files: int, pad: int, every: int, weight: int, jobs: int) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path)) / ("p" * pad or "q")
    sockets = _tree(root, files, every, weight)

    try:
        proc = run_cli("scan", root, "--format", "json", "--no-cache", "--jobs", jobs, timeout=40)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"scan hung: {files} files, path {len(str(root))} long, "
                             f"one in {every} a socket, jobs {jobs}") from None

    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["connections"]) == sockets
    assert data["files_scanned"] == files

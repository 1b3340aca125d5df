"""Atomic file writes: a crash never leaves half a file behind, nor, for long, its temp file."""

from __future__ import annotations

import os
import stat
import time

_LEGACY_STALE_S = 10  # a temp file that does not name its writer (older versions): surely dead by then


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, parents: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename;
    `parents`: make the folders it needs (else a missing one is `FileNotFoundError`).

    A symlink keeps being one: the file it names is written. What is not a regular file (a
    device such as `/dev/null`, a FIFO) is written to directly: a rename would replace it.

    The temporary file (`.NAME.PID.HEX.tmp`) names its process: one that a killed writer left
    behind is removed by the next write of the same file. Text that holds bytes which were not
    UTF-8 (decoded with surrogateescape) is written as those bytes.

    Standard library only, and none of `tempfile`: `scan` replays its output through here
    before anything else is imported."""
    payload = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    target = os.fspath(path)
    if os.path.islink(target):
        target = os.path.realpath(target)  # the link stays: its file gets the bytes
    try:
        special = not stat.S_ISREG(os.stat(target).st_mode)
    except FileNotFoundError:
        special = False
    if special:  # `--output /dev/null`, a pipe, a terminal: written to, never replaced by a file
        with open(target, "wb") as fh:
            fh.write(payload)
        return
    folder, name = os.path.split(target)
    if folder and parents:
        os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        try:
            os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        except FileNotFoundError:
            pass  # a new file: the mode the umask gives
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _remove_stale(folder, name)


def _remove_stale(folder: str, name: str) -> None:
    """Remove the temp files of `name` whose writer is gone (killed between creating one and
    its rename); a live writer's, or any other file, is never touched."""
    prefix = f".{name}."
    try:
        entries = os.scandir(folder or ".")
    except OSError:
        return
    with entries:
        stale = [e.path for e in entries
                 if e.name.startswith(prefix) and e.name.endswith(".tmp") and _stale(e, prefix)]
    for path in stale:
        try:
            os.unlink(path)
        except OSError:
            pass  # removed meanwhile, or not ours to remove


def _stale(entry: os.DirEntry[str], prefix: str) -> bool:
    pid, _, token = entry.name[len(prefix):-len(".tmp")].rpartition(".")
    if len(token) != 12 or any(c not in "0123456789abcdef" for c in token):
        return False
    if not pid:  # a temp file named without its writer: judged by age
        try:
            return time.time() - entry.stat(follow_symlinks=False).st_mtime > _LEGACY_STALE_S
        except OSError:
            return False
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False  # it exists (another user's), or cannot be asked about
    return False

"""Atomic file writes: a crash never leaves half a file behind."""

from __future__ import annotations

import os


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, parents: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename;
    `parents`: make the folders it needs (else a missing one is `FileNotFoundError`).

    Standard library only, and none of `tempfile`: `scan` replays its output through here
    before anything else is imported."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = os.fspath(path)
    folder, name = os.path.split(target)
    if folder and parents:
        os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
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

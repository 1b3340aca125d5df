"""Signed cache files: an HMAC with a per-user key kept outside any repo.

A cache folder inside a scanned repo could have been crafted by whoever wrote the repo; a file
whose signature does not check out is ignored (never unpickled, never replayed).
"""

from __future__ import annotations

import hashlib
import hmac
import os

MAC_BYTES = 32
_keys: list[bytes] = []


def _key() -> bytes:
    """This user's secret, made on first use (0600) under the user's cache folder."""
    if not _keys:
        _keys.append(_load_key())
    return _keys[0]


def _load_key() -> bytes:
    env = os.environ.get("WS_MIGRATE_CACHE_KEY")
    if env:
        return env.encode()
    home = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "ws-migrate")
    path = os.path.join(home, "cache-key")
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        pass
    key = os.urandom(32)
    try:
        os.makedirs(home, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
    except FileExistsError:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        pass  # no writable home: this process's key; the cache then lasts one run
    return key


def sign(payload: bytes) -> bytes:
    """`payload` with its signature in front."""
    return hmac.new(_key(), payload, hashlib.sha256).digest() + payload


def verified(blob: bytes) -> bytes | None:
    """The payload of a `sign`ed blob, or None when the signature does not match."""
    mac, payload = blob[:MAC_BYTES], blob[MAC_BYTES:]
    if len(blob) < MAC_BYTES:
        return None
    expected = hmac.new(_key(), payload, hashlib.sha256).digest()
    return payload if hmac.compare_digest(mac, expected) else None

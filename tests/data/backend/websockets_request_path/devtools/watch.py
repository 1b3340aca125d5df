import os

_seen: dict[str, float] = {}


def changed_files() -> list[str]:
    out = []
    for name in os.listdir("."):
        mtime = os.path.getmtime(name)
        if _seen.get(name) != mtime:
            _seen[name] = mtime
            out.append(name)
    return out

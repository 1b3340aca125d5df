"""Package names that load their module on first use, so start-up pays only for what runs."""

from __future__ import annotations

import importlib
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # `typing` costs more than all `scan` needs to replay its output
    from collections.abc import Callable, Mapping
    from typing import Any


def lazy_exports(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` serving each name of `table` from its (absolute or relative) module."""

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        # importing `package.scan` set the package's `scan` to that submodule: the name must stay
        # what the table serves (`from ws_migrate import scan` is the function, every time)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__

"""Scaffolding: `init` writes the unified TypeScript client (types, service, React hook) from the rules."""

from ._init import (
    ClientLayout,
    InitFile,
    InitResult,
    client_layout,
    init_client,
    is_pristine,
    render_client,
)

__all__ = [
    "ClientLayout",
    "InitFile",
    "InitResult",
    "client_layout",
    "init_client",
    "is_pristine",
    "render_client",
]

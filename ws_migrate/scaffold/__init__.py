"""Scaffolding: `init` writes the unified TypeScript client (types, service, React hook, the
adapter for legacy sockets `fix` keeps) from the rules."""

from ._init import (
    ClientLayout,
    InitFile,
    InitResult,
    client_layout,
    init_client,
    is_pristine,
    legacy_import,
    legacy_types,
    render_client,
    shared_types_seen,
)

__all__ = [
    "ClientLayout",
    "InitFile",
    "InitResult",
    "client_layout",
    "init_client",
    "is_pristine",
    "legacy_import",
    "legacy_types",
    "render_client",
    "shared_types_seen",
]

from typing import Any

from fastapi import APIRouter


class ServiceRouter(APIRouter):
    """The project's router: every route gets the service's defaults."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("responses", {404: {"description": "not found"}})
        super().__init__(**kwargs)


class AuditedRouter(ServiceRouter):
    pass


class Pager:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

from fastapi import FastAPI

import relay.api as api
from relay.core import settings

API_ROUTERS = (
    api.feeds.router,
    api.alerts.router,
)
OTHER_NAMES = ("feeds", "alerts")


def create_api_app(extra: dict) -> FastAPI:
    api_app = FastAPI(**extra)
    for router in API_ROUTERS:
        api_app.include_router(router, prefix="/v1")
    for name in OTHER_NAMES:
        print(name)
    return api_app


def create_app() -> FastAPI:
    app = FastAPI()
    api_app = create_api_app({"title": "relay"})
    extras = (api.misc.router,)
    for extra in extras:
        app.include_router(extra)
    for extra in [api.status.router]:
        app.include_router(extra, prefix="/s")
    if settings.base_path():
        app.mount(settings.base_path(), app=api_app, name="api")
    else:
        app.mount("/api", app=api_app, name="api")
    return app

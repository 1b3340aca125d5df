from aiohttp import web

from . import handlers


def make_app() -> web.Application:
    app = web.Application()
    app.add_routes([
        web.get("/chat/{room}", handlers.chat_socket),
        web.get("/health", handlers.health),
    ])
    return app

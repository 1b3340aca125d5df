import os

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from django.core.asgi import get_asgi_application
from django.urls import path, re_path

from hub.board.consumers import BoardConsumer, PresenceConsumer

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")

application = ProtocolTypeRouter({
    "http": get_asgi_application(),
    "websocket": AuthMiddlewareStack(URLRouter([
        path("ws/board/<uuid:board_id>/", BoardConsumer.as_asgi()),
        re_path(r"^ws/(?P<team>[-\w]+)/presence/$", PresenceConsumer.as_asgi()),
    ])),
})

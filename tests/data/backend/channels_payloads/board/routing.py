from django.urls import path

from board.live.consumers import BoardConsumer, TickerConsumer

websocket_urlpatterns = [
    path("ws/board/<int:board_id>/", BoardConsumer.as_asgi()),
    path("ws/ticker/", TickerConsumer.as_asgi()),
]

from django.urls import path, re_path

from tracker.realtime.consumers import JobConsumer, RoomConsumer

websocket_urlpatterns = [
    path("ws/jobs/", JobConsumer.as_asgi()),
    re_path(r"^ws/rooms/(?P<room>[-\w]+)/$", RoomConsumer.as_asgi()),
]

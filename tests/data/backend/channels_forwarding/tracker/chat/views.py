import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.http import JsonResponse

logger = logging.getLogger(__name__)


def post_message(request, room):
    body = request.POST["text"]
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(f"room_{room}", {"type": "chat.message", "text": body})
    logger.info("posted", {"room": room})
    return JsonResponse({"type": "ok"})


def leave(request, room):
    event = {"type": "member.left", "user": request.user.username}
    async_to_sync(get_channel_layer().group_send)(f"room_{room}", event)
    return JsonResponse({"left": room})

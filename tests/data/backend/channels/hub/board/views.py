from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.http import JsonResponse
from django.views import View


class BoardView(View):
    def post(self, request, pk):
        async_to_sync(get_channel_layer().group_send)(f"board-{pk}", {"type": "board.changed", "pk": pk})
        return JsonResponse({"type": "ok", "pk": pk})

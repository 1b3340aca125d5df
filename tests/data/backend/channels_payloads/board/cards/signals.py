from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def card_created(board_id, card):
    async_to_sync(get_channel_layer().group_send)(
        f"board-{board_id}",
        {"type": "relay", "payload": {"type": "card_created", "card": card}},
    )


def card_moved(board_id, card, sender):
    frame = {"type": "card_moved", "card": card}
    async_to_sync(get_channel_layer().group_send)(
        f"board-{board_id}", {"type": "card.moved", "message": frame, "skip": sender})


def announce(board_id, text):
    async_to_sync(get_channel_layer().group_send)(
        f"board-{board_id}", {"type": "notice", "data": {"text": text}})


def tick(value):
    async_to_sync(get_channel_layer().group_send)(
        "ticker", {"type": "ticker.push", "body": {"type": "tick", "value": value}})


def audit(board_id, card, store):
    store.save("audit", {"type": "relay", "payload": {"type": "audit_only"}, "card": card})

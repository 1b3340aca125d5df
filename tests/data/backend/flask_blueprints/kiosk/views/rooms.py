import json

from flask import Blueprint
from flask_sock import Sock

rooms = Blueprint("rooms", __name__)
sock = Sock()


@rooms.route("/<room_id>")
def show(room_id):
    return {"room": room_id}


@sock.route("/<room_id>/<int:seat>/live")
def seat_live(ws, room_id, seat):
    ws.send(json.dumps({"type": "seat_taken", "seat": seat}))


sock.init_app(rooms)

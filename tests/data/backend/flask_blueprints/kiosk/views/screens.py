import json

from flask import Blueprint
from flask_sock import Sock

screens = Blueprint("screens", __name__, url_prefix="/screens")
sock = Sock(screens)


@sock.route("/<path:name>")
def screen(ws, name):
    ws.send(json.dumps({"type": "frame", "name": name}))

import json

from flask import Blueprint
from flask_sock import Sock

admin = Blueprint("admin", __name__, url_prefix="/admin")
sock = Sock(admin)


@sock.route("/audit")
def audit(ws):
    ws.send(json.dumps({"type": "audit_entry"}))

import json

from flask import Flask
from flask_sock import Sock

from kiosk.views.rooms import rooms
from kiosk.views import screens
from kiosk.views.admin import admin

app = Flask(__name__)
sock = Sock(app)
app.register_blueprint(rooms, url_prefix="/rooms")
app.register_blueprint(screens.screens, url_prefix="/kiosk")
app.register_blueprint(admin)


@sock.route("/echo/<string:who>")
def echo(ws, who):
    while True:
        data = ws.receive()
        ws.send(json.dumps({"type": "echo", "who": who, "data": data}))


@app.route("/health")
def health():
    return {"type": "ok"}

from flask import Flask
from flask_socketio import SocketIO, emit

app = Flask(__name__)
socketio = SocketIO(app, cors_allowed_origins="*")


@socketio.on("join")
def on_join(data):
    emit("joined", {"type": "joined", "room": data["room"]})

import json

from flask import Flask, jsonify
from flask_sock import Sock

app = Flask(__name__)
sock = Sock(app)


@sock.route("/echo")
def echo(ws):
    while True:
        text = ws.receive()
        ws.send(json.dumps({"type": "echo", "payload": text}))


@app.route("/status")
def status():
    return jsonify({"type": "status"})

import socketio

sio = socketio.AsyncServer(async_mode="asgi")


@sio.on("message")
async def message(sid, data):
    await sio.emit("reply", {"text": data}, room=sid)

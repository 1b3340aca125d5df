from .server import sio


@sio.on("connect")
async def connect(sid, environ, auth):
    await sio.emit("first_interaction", {"type": "hello", "sid": sid}, to=sid)


@sio.on("client_message")
async def message(sid, payload):
    await sio.emit("new_message", {"type": "message", "content": payload}, to=sid)

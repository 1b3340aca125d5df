import json

import websockets


async def handler(websocket, path):
    if path == "/ws/chat":
        async for raw in websocket:
            await websocket.send(json.dumps({"type": "chat_echo", "text": raw}))
    elif path == "/ws/stats":
        await websocket.send(json.dumps({"type": "stats", "clients": 1}))
    await websocket.send(json.dumps({"type": "bye"}))


def main():
    return websockets.serve(handler, "0.0.0.0", 8765)

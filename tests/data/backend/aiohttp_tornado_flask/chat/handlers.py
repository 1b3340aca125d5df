import json
import logging

from aiohttp import web

logger = logging.getLogger(__name__)


async def chat_socket(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.send_str(json.dumps({"type": "welcome", "payload": request.match_info["room"]}))
    return ws


async def health(request: web.Request) -> web.Response:
    logger.info("health", {"type": "probe"})
    return web.json_response({"type": "ok"})

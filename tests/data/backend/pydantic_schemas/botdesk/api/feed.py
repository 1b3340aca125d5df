import logging
import time
from dataclasses import asdict

from fastapi import APIRouter, WebSocket
from pydantic import ValidationError

from botdesk.api.channel import FeedChannel, open_channel
from botdesk.api.schemas import (
    AskSchema,
    CandlesMessage,
    ErrorMessage,
    FatalMessage,
    Heartbeat,
    Notice,
    PairsMessage,
    PongMessage,
    Snapshot,
    StatusMessage,
)
from botdesk.enums import AskType

log = logging.getLogger(__name__)

router = APIRouter()


async def answer(request: dict, channel: FeedChannel, bot) -> None:
    try:
        ask = AskSchema.model_validate(request)
    except ValidationError:
        await channel.send(ErrorMessage(data="invalid request").dict(exclude_none=True))
        return
    if ask.type == AskType.PAIRS:
        reply = PairsMessage(data=bot.pairs())
        await channel.send(reply.model_dump(exclude_none=True))
    elif ask.type == "candles":
        for candle in bot.candles():
            response = CandlesMessage(data=candle)
            await channel.send(response.model_dump())
    elif ask.type == "ping":
        await channel.send(PongMessage(at=time.time()).model_dump())
    elif ask.type == "state":
        await channel.send(StatusMessage(data=bot.state).model_dump())
    elif ask.type == "rows":
        # a model that says no kind: no type to list, nothing to report
        await channel.send(Snapshot(rows=bot.rows()).model_dump())


async def reader(channel: FeedChannel, bot) -> None:
    while True:
        request = await channel.recv()
        try:
            await answer(request, channel, bot)
        except RuntimeError:
            await channel.send(FatalMessage(data="bot stopped").model_dump())
            return


async def beat(channel: FeedChannel) -> None:
    await channel.send(asdict(Heartbeat(at=time.time())))
    await channel.send(asdict(Notice("welcome", "connected")))


@router.websocket("/feed")
async def feed_endpoint(websocket: WebSocket):
    await websocket.accept()
    async with open_channel(websocket) as channel:
        await beat(channel)
        await reader(channel, websocket.app.state.bot)


async def refuse(channel: FeedChannel, why: str) -> None:
    from botdesk.api.schemas import ErrorMessage as Refusal

    await channel.send(Refusal(data=why).model_dump())

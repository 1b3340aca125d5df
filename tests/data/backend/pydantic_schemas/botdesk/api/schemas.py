from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from botdesk.enums import AskType, FeedType


class LooseModel(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)


class AskSchema(LooseModel):
    type: AskType
    data: Optional[Any] = None


class SubscribeAsk(AskSchema):
    type: AskType = AskType.SUBSCRIBE
    data: list[FeedType]


class FeedSchema(LooseModel):
    type: FeedType
    data: Optional[Any] = None


class PairsMessage(FeedSchema):
    type: FeedType = FeedType.PAIRS
    data: list[str]


class CandlesMessage(FeedSchema):
    class Candle(LooseModel):
        pair: str
        opened: datetime

    type: FeedType = FeedType.CANDLES
    data: Candle


class ErrorMessage(FeedSchema):
    type: FeedType = FeedType.ERROR
    data: str


class StatusMessage(FeedSchema):
    type: FeedType = Field(FeedType.STATUS, description="the bot's state")
    data: str


class FatalMessage(ErrorMessage):
    fatal: bool = True


class PongMessage(LooseModel):
    type: Literal["pong"] = "pong"
    at: float


class Snapshot(LooseModel):
    rows: list[dict[str, Any]]


@dataclass
class Heartbeat:
    at: float
    type: str = "heartbeat"


@dataclass(frozen=True)
class Notice:
    type: str
    text: str

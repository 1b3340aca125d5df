"""What the ledger tells its clients, built in one place."""

from enum import Enum
from typing import Literal

from pydantic import BaseModel


class Kind(str, Enum):
    ALARM = "ledger_alarm"


class SnapFrame(BaseModel):
    type: Literal["snapshot.v1"] = "snapshot.v1"
    rows: list = []


class HelloFrame(BaseModel):
    type: str = "hello.v1"
    rows: list = []


def alarm(level):
    return {"type": Kind.ALARM, "level": level}


def snapshot(rows):
    return SnapFrame(rows=rows)

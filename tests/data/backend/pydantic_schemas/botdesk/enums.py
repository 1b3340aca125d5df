from enum import Enum


class FeedType(str, Enum):
    STATUS = "status"
    FILL = "fill"
    PAIRS = "pairs"
    CANDLES = "candles"
    ERROR = "error"

    def __str__(self):
        return self.value


class AskType(str, Enum):
    SUBSCRIBE = "subscribe"
    PAIRS = "pairs"

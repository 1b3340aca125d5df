import functools
import json
import logging

import tornado.ioloop

from pitwall.feeds import watchers

log = logging.getLogger(__name__)


class Flag:
    event = "flag"

    def __init__(self, colour, sector):
        self.colour = colour
        self.sector = sector

    def to_dict(self):
        return {"event": self.event, "colour": self.colour, "sector": self.sector}


def lap_completed(loop, lap):
    text = json.dumps({"event": "lap", "car": lap.car, "time": lap.time})
    for client in watchers:
        loop.call_soon_threadsafe(client.write_message, text)


def flag_shown(colour, sector):
    io_loop = tornado.ioloop.IOLoop.current()
    for client in list(watchers):
        io_loop.add_callback(client.write_message, Flag(colour, sector).to_dict())
    log.info("flag %s in sector %s", colour, sector)


def pit_stop(car, seconds):
    io_loop = tornado.ioloop.IOLoop.current()
    for client in watchers:
        io_loop.add_callback(functools.partial(client.write_message, {"event": "pit", "car": car}))
        io_loop.call_later(seconds, client.write_message, {"event": "pitExit", "car": car})

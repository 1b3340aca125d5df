import json

import tornado.web
import tornado.websocket


class TickerSocket(tornado.websocket.WebSocketHandler):
    def open(self, symbol):
        self.write_message(json.dumps({"type": "tick", "symbol": symbol}))


class IndexPage(tornado.web.RequestHandler):
    def get(self):
        self.write({"type": "page"})


def make_app():
    return tornado.web.Application([
        (r"/ticker/(?P<symbol>[A-Z]+)", TickerSocket),
        (r"/", IndexPage),
    ])

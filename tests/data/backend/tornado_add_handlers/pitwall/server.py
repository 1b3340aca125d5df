import tornado.ioloop
import tornado.web

from pitwall import config
from pitwall.feeds import ChatFeed, LapFeed, TelemetryFeed


class Index(tornado.web.RequestHandler):
    def get(self):
        self.render("index.html")


class PitwallServer:
    def __init__(self):
        self.paths = {}
        self.paths["api"] = "{}/api".format(config.BASE_PATH)
        self.app = tornado.web.Application([(r"/", Index)], debug=True)
        self.add_streams()

    def add_streams(self):
        stream_root = "{root}/stream".format(root=config.BASE_PATH)
        self.app.add_handlers(r".*", [
            (r"{}/laps".format(stream_root), LapFeed),
            (r"{api}/cars/(?P<car>\d+)/telemetry".format(api=self.paths["api"]), TelemetryFeed),
            ("{0}/chat(/?.*)".format(stream_root), ChatFeed),
            (r"{0}/replays/(.*)".format(stream_root), tornado.web.StaticFileHandler, {"path": "replays"}),
        ])

    def run(self):
        self.app.listen(config.PORT)
        tornado.ioloop.IOLoop.current().start()

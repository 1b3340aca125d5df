import tornado.ioloop
from tornado.web import Application, RequestHandler, StaticFileHandler

from reelhub import settings
from reelhub.live.sockets import LiveSocket


def loop():
    return tornado.ioloop.IOLoop.current()


class HomePage(RequestHandler):
    def get(self):
        self.write({"event": "page", "name": "home"})


class WebServer:
    def __init__(self, options=None):
        self.options = dict(options or {})
        self.options["root"] = r"{prefix}".format(prefix=settings.URL_PREFIX)
        self.options["live"] = r"{root}/live".format(root=self.options["root"])

        self.app = Application([], debug=False, cookie_secret="change-me")
        self.app.add_handlers(".*$", [
            (r"{base}/socket(/?.*)".format(base=self.options["live"]), LiveSocket),
        ])
        self.app.add_handlers(".*$", [
            (r"{0}/assets/(.*)".format(self.options["root"]), StaticFileHandler, {"path": "assets"}),
            (r"{0}/".format(self.options["root"]), HomePage),
        ])

    def start(self):
        self.app.listen(settings.LISTEN_PORT)
        loop().start()

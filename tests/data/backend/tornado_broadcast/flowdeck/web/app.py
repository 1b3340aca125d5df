import tornado.web

from flowdeck.web.handlers import IndexPage, LiveUpdates

ROUTES = [
    (r"/", IndexPage),
    (r"/live", LiveUpdates),
    (r"/items/(?P<item_id>\d+)(?:\.json)?", IndexPage),
]


class FlowdeckApp(tornado.web.Application):
    def __init__(self, debug: bool = False) -> None:
        super().__init__(handlers=ROUTES, debug=debug)

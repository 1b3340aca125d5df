import json
import logging
import subprocess

import tornado.ioloop
import tornado.iostream
import tornado.process
import tornado.websocket

_LOG = logging.getLogger(__name__)


class CommandSocket(tornado.websocket.WebSocketHandler):
    """Runs one command per connection and streams its output to the browser."""

    def initialize(self) -> None:
        self._proc = None
        self._closed = False

    def build_command(self, request: dict) -> list[str]:
        raise NotImplementedError

    async def on_message(self, raw: str) -> None:
        request = json.loads(raw)
        if request["type"] != "spawn" or self._proc is not None:
            return
        command = self.build_command(request)
        _LOG.info("running", {"command": command})
        self._proc = tornado.process.Subprocess(
            command, stdout=tornado.process.Subprocess.STREAM, stderr=subprocess.STDOUT)
        self._proc.set_exit_callback(self._on_exit)
        tornado.ioloop.IOLoop.current().spawn_callback(self._pump)

    async def _pump(self) -> None:
        while True:
            try:
                chunk = await self._proc.stdout.read_until_regex(b"[\n\r]")
            except tornado.iostream.StreamClosedError:
                break
            text = chunk.decode("utf-8", "replace")
            self.write_message({"event": "line", "data": text})

    def _on_exit(self, returncode: int) -> None:
        if not self._closed:
            self.write_message({"event": "exit", "code": returncode})

    def on_close(self) -> None:
        self._closed = True


class PortCommandSocket(CommandSocket):
    def build_command(self, request: dict) -> list[str]:
        return ["buildbox", self.verb, request["config"], "--port", request["port"]]

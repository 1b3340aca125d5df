from buildbox.sockets.base import CommandSocket, PortCommandSocket


class CompileSocket(CommandSocket):
    def build_command(self, request: dict) -> list[str]:
        return ["buildbox", "compile", request["config"]]


class FlashSocket(PortCommandSocket):
    verb = "flash"


class LogsSocket(PortCommandSocket):
    verb = "logs"

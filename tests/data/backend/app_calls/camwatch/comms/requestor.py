import zmq

REQUESTS = "ipc:///tmp/camwatch-requests"


class Requestor:
    """Asks the embeddings process over ZeroMQ and waits for its reply."""

    def __init__(self) -> None:
        self.context = zmq.Context()
        self.socket = self.context.socket(zmq.REQ)
        self.socket.connect(REQUESTS)

    def send_data(self, topic: str, data: dict) -> dict:
        self.socket.send_json({"topic": topic, "data": data})
        return self.socket.recv_json()

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


class JobNotifier:
    """Tells the browsers how the background jobs are doing, through the channel layer."""

    def __init__(self, job_id: int, owner: int) -> None:
        self.job_id = job_id
        self.owner = owner
        self.layer = get_channel_layer()

    def _publish(self, payload: dict) -> None:
        async_to_sync(self.layer.group_send)("job_events", payload)

    def progress(self, done: int, total: int) -> None:
        data = {"job": self.job_id, "owner": self.owner, "done": done, "total": total}
        payload = {"type": "job_progress", "data": data}
        self._publish(payload)

    def finished(self, ok: bool) -> None:
        self._publish({"type": "job_finished", "data": {"job": self.job_id, "ok": ok}})

"""The inspector page in a real headless Chromium, driven over the DevTools protocol.

No selenium: Chromium is started with `--remote-debugging-port=0` and this test speaks the
protocol over the `websockets` client the server already depends on. Skipped, saying so, when
chromium is not installed (tests/run.sh installs it as root). With `WS_MIGRATE_SCREENSHOT=path`
the test also saves its screenshot there (docs/inspector.png is made that way).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_server_app import KEY, login, serving, subscribe
from websockets.sync.client import ClientConnection, connect

from ws_migrate.rules import load_rules

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")


class Browser:
    """One page of a headless Chromium, over the DevTools protocol (flat sessions)."""

    def __init__(self, socket: ClientConnection) -> None:
        self._socket = socket
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def call(self, method: str, session: bool = False, **params: Any) -> Any:
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        self._socket.send(json.dumps(message))
        while True:
            reply = json.loads(self._socket.recv(timeout=30))
            if reply.get("id") == number:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def page(self, method: str, **params: Any) -> Any:
        return self.call(method, session=True, **params)

    def open(self, url: str) -> None:
        start = len(self.events)
        self.page("Page.navigate", url=url)
        deadline = time.monotonic() + 15
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events[start:]):
            assert time.monotonic() < deadline, "the page did not load"
            self.events.append(json.loads(self._socket.recv(timeout=15)))

    def js(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def until(self, expression: str, timeout: float = 5.0) -> float:
        """Seconds until `expression` is truthy in the page."""
        start = time.monotonic()
        while not self.js(expression):
            assert time.monotonic() - start < timeout, f"never true: {expression}"
            time.sleep(0.02)
        return time.monotonic() - start

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, failed loads, CSP refusals."""
        out = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(json.dumps(params["exceptionDetails"])[:300])
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning",
                                                                               "assert"):
                out.append(json.dumps(params["args"])[:300])
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                out.append(f"{params['entry']['text']} {params['entry'].get('url', '')}")
        return out


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    assert CHROMIUM is not None
    profile = tmp_path / "chromium-profile"
    proc = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "--window-size=1400,1000", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (active.is_file() and len(active.read_text().split()) == 2):
            assert proc.poll() is None and time.monotonic() < deadline, "chromium did not start"
            time.sleep(0.05)
        port, path = active.read_text().split()
        with connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=10,
                     close_timeout=1) as socket:
            yield Browser(socket)
            socket.send(json.dumps({"id": 0, "method": "Browser.close"}))
            proc.wait(10)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _text(selector: str) -> str:
    return f"document.querySelector({json.dumps(selector)}).textContent"


def test_the_inspector_page_live_in_a_browser(browser: Browser, tmp_path: Path) -> None:
    with serving(load_rules()) as base:
        # without the credential: a 401 the browser reports, and none of the page
        browser.open(base + "/inspector")
        assert browser.problems(), "a refused page must show up as a problem: the check can fail"
        assert "connections" not in browser.js("document.documentElement.outerHTML").lower()
        assert browser.js("document.title") != "ws-migrate inspector"
        browser.events.clear()

        basic = base64.b64encode(f"admin:{KEY}".encode()).decode()
        browser.page("Network.setExtraHTTPHeaders", headers={"Authorization": f"Basic {basic}"})
        browser.open(base + "/inspector")
        browser.until(f"{_text('#status')} === 'live'")

        # a client connecting, subscribing and being denied shows up within a second
        started = time.monotonic()
        viewer = login(base)
        assert subscribe(viewer, "HEALTH_STATUS", "AUDIT_EVENT")["denied"] == ["AUDIT_EVENT"]
        browser.until(f"{_text('#connections tbody')}.includes('viewer-user')", timeout=1.0)
        browser.until(f"{_text('#denied tbody')}.includes('AUDIT_EVENT')", timeout=1.0)
        assert time.monotonic() - started < 1.5  # login + subscribe + both shown
        twin = login(base)  # a second connection of the same user stands out
        browser.until("!document.querySelector('#duplicates').hidden"
                      f" && {_text('#duplicates')}.includes('viewer-user')", timeout=1.0)
        assert browser.js("document.querySelectorAll('#connections tr.duplicate').length") == 2
        twin.close()

        ask: Callable[[str, str], tuple[str, str]] = lambda user, event_type: _why(
            browser, user, event_type)
        assert ask("ghost", "HEALTH_STATUS")[0] == "not_connected"
        assert ask("viewer-user", "DNS_RECORD_CHANGED")[0] == "not_subscribed"
        verdict, sentence = ask("viewer-user", "AUDIT_EVENT")
        assert verdict == "role_denied" and "allow it to admin" in sentence

        # publish from the page; the client gets it; the stream says whom it reached
        browser.js("document.querySelector('#publish-type').value = 'HEALTH_STATUS';"
                   "document.querySelector('#publish-data').value = '{\"from\": \"the page\"}';"
                   "document.querySelector('#publish-form').requestSubmit()")
        got = json.loads(viewer.recv(timeout=5))
        assert got["data"] == {"from": "the page"}
        browser.until(f"{_text('#publish-answer')}.includes('seq {got['seq']}')")
        browser.until("[...document.querySelectorAll('#events li.fresh')].some(li => "
                      "li.textContent.includes('reached: viewer-user'))")
        verdict, sentence = ask("viewer-user", "HEALTH_STATUS")
        assert verdict == "delivered" and f"seq {got['seq']}" in sentence
        browser.until(f"{_text('#rates tbody')}.includes('HEALTH_STATUS')")

        # an admin's event: the viewer who asked for it is listed as denied by role
        admin = login(base, "admin")
        subscribe(admin, "AUDIT_EVENT")
        with_key = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
        _post(base + "/inspector/api/publish", {"eventType": "AUDIT_EVENT",
                                                "data": {"action": "login", "actor": "root"}},
              with_key)
        browser.until("[...document.querySelectorAll('#events li')].some(li => "
                      "li.textContent.includes('AUDIT_EVENT') && "
                      "li.textContent.includes('reached: admin-user') && "
                      "li.textContent.includes('denied by role: viewer-user'))")

        # filters: a type that did not occur empties the list, no filter brings it back
        count = "document.querySelectorAll('#events li').length"
        _set(browser, "#filter-type", "DNS_RECORD_CHANGED")
        assert browser.js(count) == 0
        _set(browser, "#filter-type", "")
        assert browser.js(count) >= 1
        # paused, the list stays as it is; resumed, what arrived meanwhile shows
        shown = browser.js(count)
        browser.js("document.querySelector('#pause').click()")
        _post(base + "/inspector/api/publish", {"eventType": "HEALTH_STATUS", "data": {"n": 2}},
              with_key)
        viewer.recv(timeout=5)
        time.sleep(0.8)  # more than one poll
        assert browser.js(count) == shown
        browser.js("document.querySelector('#pause').click()")
        browser.until(f"{count} === {shown + 1}")

        # the counters (last seq per subscription) catch up within the page's full refresh (2 s)
        browser.until(f"{_text('#connections tbody')}.includes('HEALTH_STATUS 2/2')", timeout=3.0)

        assert browser.problems() == []
        height = browser.js("document.documentElement.scrollHeight")
        browser.page("Emulation.setDeviceMetricsOverride", width=1400, height=height,
                     deviceScaleFactor=1, mobile=False)
        shot = base64.b64decode(browser.page("Page.captureScreenshot", format="png")["data"])
        assert shot.startswith(b"\x89PNG")
        (tmp_path / "inspector.png").write_bytes(shot)
        if os.environ.get("WS_MIGRATE_SCREENSHOT"):
            Path(os.environ["WS_MIGRATE_SCREENSHOT"]).write_bytes(shot)
        viewer.close()
        admin.close()


def _why(browser: Browser, user: str, event_type: str) -> tuple[str, str]:
    browser.js("document.querySelector('#why-answer').dataset.verdict = '';"
               f"document.querySelector('#why-user').value = {json.dumps(user)};"
               f"document.querySelector('#why-type').value = {json.dumps(event_type)};"
               "document.querySelector('#why-form').requestSubmit()")
    browser.until("document.querySelector('#why-answer').dataset.verdict")
    return (browser.js("document.querySelector('#why-answer').dataset.verdict"),
            browser.js(_text("#why-answer")))


def _set(browser: Browser, selector: str, value: str) -> None:
    browser.js(f"{{ const field = document.querySelector({json.dumps(selector)});"
               f" field.value = {json.dumps(value)}; field.dispatchEvent(new Event('input')); }}")


def _post(url: str, body: Any, headers: dict[str, str]) -> None:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 202

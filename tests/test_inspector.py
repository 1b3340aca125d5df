"""The inspector's JSON API and its 401 path, on a real uvicorn with real WebSocket clients."""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from test_server_app import KEY, closed_code, login, serving, subscribe, ws
from test_server_e2e import KEY as E2E_KEY
from test_server_e2e import SECRET, redis_url, serve  # noqa: F401 - `redis_url` is a fixture

from ws_migrate.rules import Rules, load_rules
from ws_migrate.server import Limits
from ws_migrate.server._auth import make_jwt
from ws_migrate.server._inspector import admitted, credential
from ws_migrate.server._validate import publish_http

PATHS = ("/inspector", "/inspector/inspector.js", "/inspector/inspector.css",
         "/inspector/api/connections", "/inspector/api/events", "/inspector/api/stats",
         "/inspector/api/why?user=viewer-user&eventType=HEALTH_STATUS")


def get(base: str, path: str, auth: str | None = f"Bearer {KEY}",
        method: str = "GET", body: Any = None,
        headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if auth is not None:
        request.add_header("Authorization", auth)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def api(base: str, path: str, auth: str | None = f"Bearer {KEY}") -> Any:
    status, _, raw = get(base, "/inspector/api/" + path, auth)
    assert status == 200, raw
    return json.loads(raw)


def admin_rules() -> Rules:
    rules = load_rules()
    assert rules.admin_roles == ("admin",)  # the built-in rules name the admin role
    return rules


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serving(admin_rules(), limits=Limits(auth_timeout=2.0)) as url:
        yield url


# --- the 401 path -------------------------------------------------------------------------------


@pytest.mark.parametrize("auth", [
    None, "Bearer wrong-key", f"Bearer {KEY}x", "Bearer viewer",  # a token, but not an admin's
    "Basic " + base64.b64encode(b"me:wrong").decode(), "Basic !!!not-base64", f"Token {KEY}",
    "Bearer " + "k" * 10000,
])
def test_a_wrong_or_missing_credential_gets_401_and_nothing_else(base: str, auth: str | None) -> None:
    viewer = login(base)  # something to leak, if anything leaked
    subscribe(viewer, "HEALTH_STATUS")
    for path in PATHS:
        status, headers, raw = get(base, path, auth)
        assert status == 401, path
        assert json.loads(raw) == {"error": "missing or wrong credential"}
        assert headers["WWW-Authenticate"].startswith("Basic ")
    status, _, raw = get(base, "/inspector/api/publish", auth, "POST",
                         {"eventType": "HEALTH_STATUS", "data": {}})
    assert status == 401 and b"seq" not in raw
    viewer.close()


def test_the_api_key_a_basic_password_and_an_admin_token_are_admitted(base: str) -> None:
    basic = "Basic " + base64.b64encode(f"anyone:{KEY}".encode()).decode()
    for auth in (f"Bearer {KEY}", basic, "Bearer admin"):  # `admin`: a token of the admin role
        status, headers, raw = get(base, "/inspector", auth)
        assert status == 200 and b"<title>ws-migrate inspector</title>" in raw
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
    status, headers, _ = get(base, "/inspector/inspector.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")


def test_without_admin_roles_a_token_does_not_open_it() -> None:
    rules = load_rules()
    plain = Rules(events=rules.events, sources=rules.sources)
    with serving(plain) as url:
        assert get(url, "/inspector/api/stats", "Bearer admin")[0] == 401
        assert get(url, "/inspector/api/stats")[0] == 200


def test_credentials_are_read_from_bearer_and_basic() -> None:
    def check(header: str) -> bool:
        return admitted(header, "s3cret", lambda token, now: (_ for _ in ()).throw(ValueError()), ())

    assert credential("Bearer abc") == "abc"
    assert credential("Basic " + base64.b64encode(b"user:pw").decode()) == "pw"
    assert credential("Basic " + base64.b64encode(b"pw-as-name").decode()) == "pw-as-name"
    assert check("Bearer s3cret") and not check("Bearer s3cre") and not check("")
    assert not check("Bearer s3cretX")


# --- the API ------------------------------------------------------------------------------------


def test_connections_show_subscriptions_denials_counters_and_duplicates(base: str) -> None:
    first = login(base)
    second = login(base)  # the same user twice: the guide's "multiple connections"
    reply = subscribe(first, "HEALTH_STATUS", "AUDIT_EVENT")
    assert reply["denied"] == ["AUDIT_EVENT"]
    data = api(base, "connections")
    mine = [c for c in data["connections"] if c["user"] == "viewer-user"]
    assert len(mine) >= 2
    row = next(c for c in mine if c["subscriptions"])
    assert row["role"] == "viewer" and row["endpoint"] == "/ws"
    assert row["remote"].startswith("127.0.0.1:")
    assert row["subscriptions"] == [{"eventType": "HEALTH_STATUS", "lastSeq": None,
                                     "latestSeq": row["subscriptions"][0]["latestSeq"]}]
    assert row["denied"] == ["AUDIT_EVENT"]
    assert row["framesIn"] == 2 and row["bytesIn"] > 40 and row["framesOut"] == 2
    assert any(m["user"] == "viewer-user" and len(m["connections"]) >= 2 for m in data["multiple"])
    assert "token" not in json.dumps(data).lower().replace("tokens", "")
    # a large node: the first rows, and how many there are; or one user's
    one = api(base, "connections?limit=1")
    assert len(one["connections"]) == 1 and one["total"] == len(data["connections"]) >= 2
    assert one["multiple"] == data["multiple"]  # counted over all, not the rows shown
    assert {c["user"] for c in api(base, "connections?user=viewer-user")["connections"]} == {
        "viewer-user"}
    assert get(base, "/inspector/api/connections?limit=many")[0] == 400
    # what the page polls with: "unchanged" until a connection opens, says something or closes
    version = api(base, "connections")["version"]
    assert api(base, f"connections?unless={version}") == {"unchanged": True, "version": version}
    subscribe(second, "DNS_RECORD_CHANGED")
    changed = api(base, f"connections?unless={version}")
    assert "connections" in changed and changed["version"] != version
    first.close()
    second.close()


def test_closes_are_listed_with_their_codes(base: str) -> None:
    client = ws(base)
    client.send(json.dumps({"type": "auth", "token": "forged"}))
    assert closed_code(client) == 4401
    quitter = login(base)
    quitter.close(code=1000)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        codes = {c["code"] for c in api(base, "connections")["closed"]}
        if {4401, 1000} <= codes:
            break
        time.sleep(0.05)
    assert {4401, 1000} <= codes


def test_the_stream_names_who_got_an_event_who_was_denied_and_the_rates(base: str) -> None:
    api(base, "stats")  # an inspector is open from now on: recipients get named
    admin = login(base, "admin")
    subscribe(admin, "AUDIT_EVENT")
    viewer = login(base)
    subscribe(viewer, "AUDIT_EVENT", "HEALTH_STATUS")
    after = api(base, "events")["next"]
    status, _, raw = get(base, "/inspector/api/publish", method="POST",
                         body={"eventType": "AUDIT_EVENT", "data": {"who": "tester"}})
    assert status == 202
    seq = json.loads(raw)["seq"]
    assert json.loads(admin.recv(timeout=5))["seq"] == seq
    stream = api(base, f"events?after={after}")
    assert stream["recording"] is True and stream["next"] > after
    event = next(e for e in stream["events"] if e["eventType"] == "AUDIT_EVENT" and e["seq"] == seq)
    assert event["data"] == {"who": "tester"} and event["recorded"] and event["delivered"] == 1
    assert [w["user"] for w in event["reached"]] == ["admin-user"]
    assert "viewer-user" in {w["user"] for w in event["denied"]}
    # the filters: by type, by user reached, by text
    assert api(base, f"events?after={after}&eventType=HEALTH_STATUS")["events"] == []
    assert api(base, f"events?after={after}&user=admin-user")["events"]
    assert api(base, f"events?after={after}&q=TESTER")["events"]
    assert api(base, f"events?after={after}&q=nothing-like-it")["events"] == []
    stats = api(base, "stats")
    audit = next(r for r in stats["rates"] if r["eventType"] == "AUDIT_EVENT")
    assert audit["total"] >= 1 and audit["perSecond60s"] > 0 and audit["latestSeq"] == seq
    assert any(d["role"] == "viewer" and d["eventType"] == "AUDIT_EVENT" and
               d["allowedRoles"] == ["admin"] for d in stats["deniedByRole"])
    admin.close()
    viewer.close()


def test_why_not_answers_the_four_cases(base: str) -> None:
    def why(user: str, event_type: str) -> dict[str, Any]:
        return api(base, f"why?user={user}&eventType={event_type}")  # type: ignore[no-any-return]

    gone = why("nobody-here", "HEALTH_STATUS")
    assert gone["verdict"] == "not_connected" and "not connected" in gone["sentence"]
    viewer = login(base)
    subscribe(viewer, "HEALTH_STATUS", "AUDIT_EVENT")
    denied = why("viewer-user", "AUDIT_EVENT")
    assert denied["verdict"] == "role_denied"
    assert "allow it to admin" in denied["sentence"] and "refused" in denied["sentence"]
    unsubscribed = why("viewer-user", "DNS_RECORD_CHANGED")
    assert unsubscribed["verdict"] == "not_subscribed"
    assert "HEALTH_STATUS" in unsubscribed["sentence"]
    assert get(base, "/inspector/api/publish", method="POST",
               body={"eventType": "HEALTH_STATUS", "data": {"ok": True}})[0] == 202
    seq = json.loads(viewer.recv(timeout=5))["seq"]
    delivered = why("viewer-user", "HEALTH_STATUS")
    assert delivered["verdict"] == "delivered" and f"seq {seq}" in delivered["sentence"]
    status, _, raw = get(base, "/inspector/api/why?user=viewer-user&eventType=NOT_A_TYPE")
    assert status == 400 and b"unknown event type" in raw
    viewer.close()


def test_an_event_sent_before_a_subscription_is_not_delivered_to_it(base: str) -> None:
    assert get(base, "/inspector/api/publish", method="POST",
               body={"eventType": "SYSTEM_HEALTH_UPDATED", "data": {}})[0] == 202
    late = login(base, "admin")
    subscribe(late, "SYSTEM_HEALTH_UPDATED")
    answer = api(base, "why?user=admin-user&eventType=SYSTEM_HEALTH_UPDATED")
    assert answer["verdict"] == "not_delivered" and "last sent: none" in answer["sentence"]
    late.close()


def test_publish_refuses_forms_and_other_origins(base: str) -> None:
    status, _, _ = get(base, "/inspector/api/publish", method="POST", body={"eventType": "X"},
                       headers={"Origin": "https://evil.example"})
    assert status == 403
    request = urllib.request.Request(base + "/inspector/api/publish", method="POST",
                                     data=b"eventType=HEALTH_STATUS&data=1")
    request.add_header("Authorization", f"Bearer {KEY}")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 415
    status, _, raw = get(base, "/inspector/api/publish", method="POST",
                         body={"eventType": "NOPE", "data": {}})
    assert status == 400 and b"unknown event type" in raw


def test_no_inspector_no_routes() -> None:
    with serving(inspector=False) as url:
        assert get(url, "/inspector")[0] == 404


def test_with_redis_each_node_shows_its_connections_and_the_clusters_events(
        redis_url: str | None) -> None:  # noqa: F811 - the fixture imported above
    if redis_url is None:
        pytest.skip("redis-server is not installed (tests/run.sh installs it with apt as root)")
    nodes = [serve("--broker", redis_url) for _ in range(2)]
    key = f"Bearer {E2E_KEY}"
    try:
        clients = []
        for (_, url), user in zip(nodes, ("on-node-0", "on-node-1"), strict=True):
            client = ws(url)
            client.send(json.dumps({"type": "auth", "token": make_jwt(SECRET, user, "viewer")}))
            assert json.loads(client.recv(timeout=5))["type"] == "auth_ok"
            assert subscribe(client, "HEALTH_STATUS")["type"] == "subscribed"
            clients.append(client)
        after = api(nodes[1][1], "events", key)["next"]
        seq = publish_http(nodes[0][1], E2E_KEY, "HEALTH_STATUS", {"from": "node-0"})
        for client in clients:
            assert json.loads(client.recv(timeout=5))["seq"] == seq
        seen = api(nodes[1][1], f"events?after={after}", key)["events"]
        assert [(e["eventType"], e["seq"], e["data"]) for e in seen] == [
            ("HEALTH_STATUS", seq, {"from": "node-0"})]
        assert [w["user"] for w in seen[0]["reached"]] == ["on-node-1"]  # this node's recipients
        users = {c["user"] for c in api(nodes[1][1], "connections", key)["connections"]}
        assert users == {"on-node-1"}
        for client in clients:
            client.close()
    finally:
        for proc, _ in nodes:
            proc.terminate()
            proc.wait(10)

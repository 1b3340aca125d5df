"""The protocol's state machine, driven with frames and times: no sockets, no sleeping."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ws_migrate.rules import EndpointRule, Envelope, Rules, load_rules
from ws_migrate.server import (
    AuthFailure,
    Close,
    Denied,
    Event,
    Identity,
    JwtAuth,
    LegacyFrames,
    LegacySession,
    Limits,
    Replay,
    Send,
    Session,
    Subscribe,
    TokenFileAuth,
    Unsubscribe,
    legacy_message,
    legacy_routes,
    make_jwt,
)
from ws_migrate.server._auth import ServerConfigError

ROLES = {"HEALTH_STATUS": ("viewer", "admin"), "AUDIT_EVENT": ("admin",), "DNS_STATISTICS": ("viewer", "admin")}
T0 = 1_000_000.0


def auth(token: str, now: float) -> Identity:
    if token == "viewer":
        return Identity("vera", "viewer")
    if token == "admin":
        return Identity("ada", "admin")
    if token == "short":  # a viewer whose token ends 60 s after T0
        if now >= T0 + 60:
            raise AuthFailure("token expired", expired=True)
        return Identity("vera", "viewer", expires_at=T0 + 60)
    if token == "vera-admin":
        return Identity("vera", "admin", expires_at=T0 + 3600)
    raise AuthFailure("invalid token")


def sent(actions: list[Any]) -> list[dict[str, Any]]:
    return [json.loads(a.text) for a in actions if isinstance(a, Send)]


def closes(actions: list[Any]) -> list[int]:
    return [a.code for a in actions if isinstance(a, Close)]


def session(token: str | None = "viewer", limits: Limits | None = None) -> Session:
    s = Session(ROLES, auth, T0, limits or Limits())
    if token is not None:
        out = s.receive(json.dumps({"type": "auth", "token": token}), T0)
        assert sent(out)[0]["type"] == "auth_ok"
    return s


def msg(**fields: Any) -> str:
    return json.dumps(fields)


def event(event_type: str, seq: int, data: Any = None) -> Event:
    return Event(event_type, data if data is not None else {"n": seq}, seq, "2024-01-01T00:00:00.000Z")


# --- auth -------------------------------------------------------------------------------------------


def test_auth_ok_names_user_role_and_allowed_types() -> None:
    s = Session(ROLES, auth, T0)
    out = s.receive(msg(type="auth", token="viewer"), T0 + 1)
    assert sent(out) == [{"type": "auth_ok", "user": "vera", "role": "viewer",
                          "allowedEventTypes": ["HEALTH_STATUS", "DNS_STATISTICS"]}]
    assert s.deadline() is None  # a token without expiry: no timer


def test_bad_token_gets_auth_error_and_4401() -> None:
    s = Session(ROLES, auth, T0)
    out = s.receive(msg(type="auth", token="nope"), T0)
    assert sent(out) == [{"type": "auth_error", "reason": "invalid token"}]
    assert closes(out) == [4401]
    assert s.closed and s.receive(msg(type="ping"), T0) == []


@pytest.mark.parametrize("first", [msg(type="ping"), "not json", msg(type="auth"), msg(type="auth", token=3)])
def test_the_first_message_must_be_a_well_formed_auth(first: str) -> None:
    out = Session(ROLES, auth, T0).receive(first, T0)
    assert [m["type"] for m in sent(out)] == ["auth_error"]
    assert closes(out) == [4401]


def test_no_auth_within_five_seconds_closes_4408() -> None:
    s = Session(ROLES, auth, T0)
    assert s.deadline() == T0 + 5
    assert s.tick(T0 + 4.9) == []
    assert closes(s.tick(T0 + 5)) == [4408]
    assert s.deadline() is None


def test_expired_token_without_refresh_closes_4403() -> None:
    s = session("short")
    assert s.deadline() == T0 + 60
    assert s.tick(T0 + 59) == []
    assert closes(s.tick(T0 + 60)) == [4403]


def test_refresh_renews_without_reconnecting() -> None:
    s = session("short")
    out = s.receive(msg(type="refresh", token="vera-admin"), T0 + 30)
    assert sent(out)[0]["type"] == "auth_ok" and sent(out)[0]["role"] == "admin"
    assert s.deadline() == T0 + 3600
    assert s.tick(T0 + 61) == []


def test_a_refused_refresh_keeps_the_session_until_expiry() -> None:
    s = session("short")
    out = s.receive(msg(type="refresh", token="nope"), T0 + 30)
    assert sent(out) == [{"type": "auth_error", "reason": "invalid token"}] and not closes(out)
    assert not s.closed
    assert closes(s.tick(T0 + 60)) == [4403]


def test_refresh_for_another_user_is_refused() -> None:
    s = session("viewer")
    out = s.receive(msg(type="refresh", token="admin"), T0)
    assert sent(out)[0]["type"] == "auth_error" and s.identity == Identity("vera", "viewer")


def test_refresh_to_a_lesser_role_drops_what_it_may_no_longer_receive() -> None:
    s = session("vera-admin")
    s.receive(msg(type="subscribe", id=1, eventTypes=["AUDIT_EVENT", "HEALTH_STATUS"]), T0)
    out = s.receive(msg(type="refresh", token="short"), T0 + 1)
    assert Unsubscribe(("AUDIT_EVENT",)) in out
    assert s.subscriptions == {"HEALTH_STATUS"}
    assert Denied(("AUDIT_EVENT",)) in out and s.denied == {"AUDIT_EVENT"}  # the inspector's log


# --- subscriptions ----------------------------------------------------------------------------------


def test_subscribe_grants_and_denies_by_role() -> None:
    s = session("viewer")
    out = s.receive(msg(type="subscribe", id=7, eventTypes=["HEALTH_STATUS", "AUDIT_EVENT"]), T0)
    assert out[0] == Subscribe(("HEALTH_STATUS",))
    assert sent(out) == [{"type": "subscribed", "id": 7, "eventTypes": ["HEALTH_STATUS"],
                          "denied": ["AUDIT_EVENT"]}]
    assert s.subscriptions == {"HEALTH_STATUS"}
    assert Denied(("AUDIT_EVENT",)) in out and s.denied == {"AUDIT_EVENT"}


def test_a_denied_type_is_remembered_until_unsubscribed_and_a_grant_says_nothing() -> None:
    s = session("viewer")
    granted = s.receive(msg(type="subscribe", id=1, eventTypes=["HEALTH_STATUS"]), T0)
    assert not any(isinstance(a, Denied) for a in granted) and s.denied == set()
    s.receive(msg(type="subscribe", id=2, eventTypes=["AUDIT_EVENT"]), T0)
    assert s.denied == {"AUDIT_EVENT"}
    s.receive(msg(type="unsubscribe", id=3, eventTypes=["AUDIT_EVENT"]), T0)
    assert s.denied == set()


def test_last_seq_is_what_was_sent_or_recovered_from() -> None:
    s = session("viewer")
    s.receive(msg(type="subscribe", id=1, eventTypes=["HEALTH_STATUS"]), T0)
    assert s.last_seq("HEALTH_STATUS") is None
    s.deliver(Event("HEALTH_STATUS", {}, 4, "t"))
    assert s.last_seq("HEALTH_STATUS") == 4


def test_unknown_event_types_are_an_error_listing_the_valid_ones() -> None:
    s = session()
    out = s.receive(msg(type="subscribe", id=3, eventTypes=["HEALTH_STATUS", "NOPE"]), T0)
    [error] = sent(out)
    assert error["type"] == "error" and error["code"] == "unknown_event_type" and error["id"] == 3
    assert "NOPE" in error["message"]
    assert "HEALTH_STATUS, AUDIT_EVENT, DNS_STATISTICS" in error["message"]
    assert s.subscriptions == set() and not closes(out)


def test_unsubscribe_answers_with_its_id() -> None:
    s = session()
    s.receive(msg(type="subscribe", id=1, eventTypes=["HEALTH_STATUS"]), T0)
    out = s.receive(msg(type="unsubscribe", id=2, eventTypes=["HEALTH_STATUS"]), T0)
    assert out[0] == Unsubscribe(("HEALTH_STATUS",))
    assert sent(out) == [{"type": "unsubscribed", "id": 2, "eventTypes": ["HEALTH_STATUS"]}]
    assert s.deliver(event("HEALTH_STATUS", 1)) is None


def test_events_are_forwarded_once_in_the_wire_format() -> None:
    s = session()
    s.receive(msg(type="subscribe", id=1, eventTypes=["HEALTH_STATUS"]), T0)
    first = event("HEALTH_STATUS", 1, {"ok": True})
    text = s.deliver(first)
    assert text is not None and json.loads(text) == {
        "type": "event", "eventType": "HEALTH_STATUS", "data": {"ok": True}, "seq": 1,
        "ts": "2024-01-01T00:00:00.000Z"}
    assert text is first.wire  # serialised once per event, shared by every subscriber
    assert s.deliver(event("HEALTH_STATUS", 1)) is None  # a duplicate
    assert s.deliver(event("DNS_STATISTICS", 1)) is None  # not subscribed


# --- since: recovery --------------------------------------------------------------------------------


def test_since_replays_missed_events_before_live_ones() -> None:
    s = session()
    out = s.receive(msg(type="subscribe", id=4, eventTypes=["HEALTH_STATUS"], since={"HEALTH_STATUS": 2}), T0)
    assert Replay(1, "HEALTH_STATUS", 2) in out and sent(out) == []
    # a live event arriving while history is fetched waits its turn
    assert s.deliver(event("HEALTH_STATUS", 5)) is None
    out = s.replayed(1, "HEALTH_STATUS", [event("HEALTH_STATUS", n) for n in (3, 4, 5)])
    frames = sent(out)
    assert frames[0] == {"type": "subscribed", "id": 4, "eventTypes": ["HEALTH_STATUS"],
                         "denied": [], "recovered": True}
    assert [f["seq"] for f in frames[1:]] == [3, 4, 5]


def test_since_beyond_history_says_recovered_false() -> None:
    s = session()
    s.receive(msg(type="subscribe", id=4, eventTypes=["HEALTH_STATUS"], since={"HEALTH_STATUS": 2}), T0)
    frames = sent(s.replayed(1, "HEALTH_STATUS", None))
    assert frames == [{"type": "subscribed", "id": 4, "eventTypes": ["HEALTH_STATUS"],
                       "denied": [], "recovered": False}]
    assert json.loads(s.deliver(event("HEALTH_STATUS", 9)) or "{}")["seq"] == 9


def test_an_older_since_on_the_same_connection_replays_only_what_it_was_not_sent() -> None:
    s = session()
    s.receive(msg(type="subscribe", id=1, eventTypes=["HEALTH_STATUS"]), T0)
    for seq in (1, 2, 3):
        assert s.deliver(event("HEALTH_STATUS", seq)) is not None
    out = s.receive(msg(type="subscribe", id=2, eventTypes=["HEALTH_STATUS"],
                        since={"HEALTH_STATUS": 1}), T0)
    assert Replay(1, "HEALTH_STATUS", 1) in out
    frames = sent(s.replayed(1, "HEALTH_STATUS", [event("HEALTH_STATUS", n) for n in (2, 3, 4)]))
    assert [f.get("seq") for f in frames] == [None, 4]  # `subscribed`, then only the new one
    # unsubscribed and subscribed again: still never twice
    s.receive(msg(type="unsubscribe", id=3, eventTypes=["HEALTH_STATUS"]), T0)
    s.receive(msg(type="subscribe", id=4, eventTypes=["HEALTH_STATUS"]), T0)
    assert s.deliver(event("HEALTH_STATUS", 4)) is None


def test_since_past_a_restarted_sequence_lets_the_new_one_through() -> None:
    s = session()
    s.receive(msg(type="subscribe", id=4, eventTypes=["HEALTH_STATUS"], since={"HEALTH_STATUS": 750}), T0)
    assert sent(s.replayed(1, "HEALTH_STATUS", None))[0]["recovered"] is False
    assert json.loads(s.deliver(event("HEALTH_STATUS", 1)) or "{}")["seq"] == 1


def test_lost_events_tell_the_subscribers_to_reload_and_a_new_sequence_flows() -> None:
    s = session()
    s.receive(msg(type="subscribe", id=1, eventTypes=["HEALTH_STATUS", "DNS_STATISTICS"]), T0)
    assert s.deliver(event("HEALTH_STATUS", 750)) is not None
    frame = s.lost(["HEALTH_STATUS", "AUDIT_EVENT"])  # AUDIT_EVENT: not subscribed here
    assert frame is not None and json.loads(frame) == {
        "type": "subscribed", "eventTypes": ["HEALTH_STATUS"], "denied": [], "recovered": False}
    assert json.loads(s.deliver(event("HEALTH_STATUS", 1)) or "{}")["seq"] == 1
    assert s.lost(["AUDIT_EVENT"]) is None


def test_lost_events_during_a_replay_make_it_not_recovered() -> None:
    s = session()
    s.receive(msg(type="subscribe", id=4, eventTypes=["HEALTH_STATUS"], since={"HEALTH_STATUS": 2}), T0)
    s.lost(["HEALTH_STATUS"])
    frames = sent(s.replayed(1, "HEALTH_STATUS", [event("HEALTH_STATUS", 3)]))
    assert frames[0]["recovered"] is False


def test_since_for_a_denied_type_replays_nothing() -> None:
    s = session("viewer")
    out = s.receive(msg(type="subscribe", id=1, eventTypes=["AUDIT_EVENT"], since={"AUDIT_EVENT": 1}), T0)
    assert not any(isinstance(a, Replay) for a in out)
    assert sent(out)[0]["denied"] == ["AUDIT_EVENT"]


# --- robustness -------------------------------------------------------------------------------------


def test_ping_pong() -> None:
    assert sent(session().receive(msg(type="ping"), T0)) == [{"type": "pong"}]


@pytest.mark.parametrize(("frame", "code"), [
    ("{not json", "bad_message"),
    ("[1, 2]", "bad_message"),
    (msg(type="dance"), "unknown_message_type"),
    (msg(type="subscribe", id=1, eventTypes="HEALTH_STATUS"), "bad_message"),
    (msg(type="subscribe", id=1, eventTypes=["HEALTH_STATUS"], since={"HEALTH_STATUS": "x"}), "bad_message"),
    (msg(type="auth", token="viewer"), "already_authenticated"),
])
def test_bad_frames_get_an_error_and_the_connection_stays_up(frame: str, code: str) -> None:
    s = session()
    out = s.receive(frame, T0)
    assert [m["code"] for m in sent(out)] == [code] and not closes(out)
    assert sent(s.receive(msg(type="ping"), T0)) == [{"type": "pong"}]


def test_repeated_abuse_closes_1008() -> None:
    s = session(limits=Limits(max_errors=5))
    for i in range(4):
        assert not closes(s.receive("junk", T0 + i))
    assert closes(s.receive("junk", T0 + 5)) == [1008]


def test_errors_spread_out_in_time_do_not_add_up() -> None:
    s = session(limits=Limits(max_errors=3, error_window=10))
    for i in range(10):
        assert not closes(s.receive("junk", T0 + 11 * i))


def test_oversized_frames_are_refused() -> None:
    s = session(limits=Limits(max_message_bytes=100))
    out = s.receive(msg(type="subscribe", id=1, eventTypes=["HEALTH_STATUS"] * 20), T0)
    assert [m["code"] for m in sent(out)] == ["message_too_big"]
    assert s.subscriptions == set()


def test_flooding_is_rate_limited() -> None:
    s = session(limits=Limits(rate=10, burst=5, max_errors=100))
    codes = [m.get("type") if m["type"] == "pong" else m["code"]
             for i in range(8) for m in sent(s.receive(msg(type="ping"), T0))]
    assert codes.count("pong") == 4 and codes.count("rate_limited") == 4  # auth took one token
    assert sent(s.receive(msg(type="ping"), T0 + 1)) == [{"type": "pong"}]  # refilled


# --- auth back ends ---------------------------------------------------------------------------------


def test_jwt_auth() -> None:
    check = JwtAuth("s3cret-s3cret-s3cret-s3cret-s3cret")
    token = make_jwt("s3cret-s3cret-s3cret-s3cret-s3cret", "vera", "viewer", T0 + 60)
    assert check(token, T0) == Identity("vera", "viewer", T0 + 60)
    with pytest.raises(AuthFailure, match="expired"):
        check(token, T0 + 60)
    with pytest.raises(AuthFailure, match="invalid token") as info:
        check(make_jwt("other-other-other-other-other-other", "vera", "viewer"), T0)
    assert token not in str(info.value)
    import jwt
    with pytest.raises(AuthFailure):
        check(jwt.encode({"sub": "vera"}, "s3cret-s3cret-s3cret-s3cret-s3cret", algorithm="HS256"), T0)  # no role
    with pytest.raises(AuthFailure):  # `none` is never accepted
        check(jwt.encode({"sub": "v", "role": "admin"}, None, algorithm="none"), T0)


def test_tokens_file(tmp_path: Any) -> None:
    path = tmp_path / "tokens.yaml"
    path.write_text("dev-viewer: {user: vera, role: viewer}\n", encoding="utf-8")
    check = TokenFileAuth.from_file(path)
    assert check("dev-viewer", T0) == Identity("vera", "viewer")
    with pytest.raises(AuthFailure):
        check("other", T0)
    path.write_text("secret-token: {user: vera}\n", encoding="utf-8")
    with pytest.raises(ServerConfigError, match="entry 1") as info:
        TokenFileAuth.from_file(path)
    assert "secret-token" not in str(info.value)


# --- legacy envelope --------------------------------------------------------------------------------


def test_legacy_envelope_maps_event_types_back() -> None:
    rules = load_rules()
    health = next(r for r in legacy_routes(rules) if r.pattern == "/ws/health")
    assert legacy_message(health, rules.envelope, event("FORWARDER_STATUS_CHANGED", 1, {"up": 1})) \
        == '{"type":"forwarder_status","payload":{"up":1}}'
    # HEALTH_STATUS is both a mapped message and the default: the mapping wins
    assert json.loads(legacy_message(health, rules.envelope, event("HEALTH_STATUS", 1, {"s": 1}))) \
        == {"type": "health_check", "payload": {"s": 1}}
    custom = Rules(envelope=Envelope("kind", "body"))
    assert json.loads(legacy_message(health, custom.envelope, event("SYSTEM_HEALTH_UPDATED", 1, 5))) \
        == {"kind": "system_health", "body": 5}


def test_legacy_whole_message_of_text_is_the_text_frame_it_was() -> None:
    # a log stream's default event carries each chunk as a string: the legacy client reads
    # `event.data` as text, so the frame is the text itself, not a JSON string of it
    rules = Rules(endpoints=(EndpointRule("/ws/logs", default_event="LOG_CHUNK"),))
    [logs] = legacy_routes(rules)
    assert legacy_message(logs, rules.envelope, event("LOG_CHUNK", 1, "line 1\n")) == "line 1\n"
    assert legacy_message(logs, rules.envelope, event("LOG_CHUNK", 2, {"a": 1})) == '{"a":1}'


def test_legacy_flat_messages_have_the_datas_fields_beside_the_type() -> None:
    rules = Rules(endpoints=(EndpointRule("/ws/metrics", messages={"sample": "METRICS_SAMPLE"},
                                          payload_field="."),))
    [metrics] = legacy_routes(rules)
    assert json.loads(legacy_message(metrics, rules.envelope, event("METRICS_SAMPLE", 1, {"cpu": 3, "type": "x"}))) \
        == {"cpu": 3, "type": "sample"}


def test_legacy_envelope_puts_an_endpoints_own_type_field_where_it_is(tmp_path: Path) -> None:
    # `type_field: data.op` on an endpoint: legacy clients read `msg.data.op`
    path = tmp_path / "rules.yaml"
    path.write_text("version: 1\nendpoints:\n  /ws/kernel:\n    type_field: data.op\n"
                    "    messages: {cell-op: CELL_OP}\n  /ws/feed:\n    type_field: kind\n"
                    "    messages: {tick: TICK}\nevents: {CELL_OP: {roles: [viewer]}, TICK: {roles: [viewer]}}\n",
                    encoding="utf-8")
    rules = load_rules([path])
    routes = {r.pattern: r for r in legacy_routes(rules)}
    assert json.loads(legacy_message(routes["/ws/kernel"], rules.envelope, event("CELL_OP", 1, {"cell": 7}))) \
        == {"data": {"op": "cell-op"}, "payload": {"cell": 7}}
    # with the payload in the same field, the type sits beside the payload's own keys
    same = Rules(envelope=Envelope("type", "data"))
    assert json.loads(legacy_message(routes["/ws/kernel"], same.envelope, event("CELL_OP", 1, {"cell": 7}))) \
        == {"data": {"op": "cell-op", "cell": 7}}
    assert json.loads(legacy_message(routes["/ws/feed"], rules.envelope, event("TICK", 1, 3))) \
        == {"kind": "tick", "payload": 3}


def test_legacy_frames_are_serialised_once_per_event_for_a_route() -> None:
    rules = load_rules()
    roles = {event.name: tuple(event.roles) for event in rules.events}
    health = next(r for r in legacy_routes(rules) if r.pattern == "/ws/health")
    frames = LegacyFrames(health, rules.envelope)
    first, second = (LegacySession(frames, Identity(user, "viewer"), roles) for user in "ab")
    up = event("FORWARDER_STATUS_CHANGED", 1, {"up": 1})
    text = first.deliver(up)
    assert text == '{"type":"forwarder_status","payload":{"up":1}}'
    assert second.deliver(up) is text  # made once, shared by the route's clients
    down = event("FORWARDER_STATUS_CHANGED", 2, {"up": 0})
    assert json.loads(second.deliver(down) or "{}")["payload"] == {"up": 0}
    assert first.deliver(event("AUDIT_EVENT", 1)) is None  # not an event of this endpoint

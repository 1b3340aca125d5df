"""Rule files: the built-in pack, merging, where rules come from, and every error at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from ws_migrate._exceptions import RulesError
from ws_migrate.rules import (
    SCHEMA_PATH,
    ClientPaths,
    Envelope,
    RuleProblem,
    Rules,
    builtin_rules_path,
    check_rules_file,
    load_rules,
    load_schema,
)

DATA = Path(__file__).parent / "data" / "rules"
BAD_FILES = sorted(DATA.glob("bad_*.yaml"))
EXPECT = "# expect: "


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the built-in pack -------------------------------------------------------------------------


def test_pack_is_the_default_and_loads() -> None:
    rules = load_rules()
    assert rules.sources == (str(builtin_rules_path()),)
    assert [e.pattern for e in rules.endpoints] == [
        "/ws/health",
        "/ws/dns_management",
        "/ws/security",
        "/ws/system",
        "/ws/admin",
    ]
    assert rules.envelope == Envelope()
    assert rules.client == ClientPaths()
    assert rules.app_hosts == Rules.app_hosts


@pytest.mark.parametrize(
    ("endpoint", "message_type", "event"),
    [
        ("/ws/health", "forwarder_status", "FORWARDER_STATUS_CHANGED"),
        ("/ws/health", "health_check", "HEALTH_STATUS"),
        ("/ws/health/{userId}", "system_health", "SYSTEM_HEALTH_UPDATED"),  # per-user suffix
        ("/ws/{topic}", "health_check", None),
        ("/ws/dns_management", "zone_deleted", "DNS_ZONE_DELETED"),
        ("/ws/security", "rpz_updated", "RPZ_UPDATED"),
        ("/ws/system", "service_status", "SERVICE_STATUS_CHANGED"),
        ("/ws/admin", "system_alerts", "SYSTEM_ALERTS"),
        ("/ws/health", "no_such_type", None),
        ("/ws/healthz", "health_check", None),
    ],
)
def test_pack_maps_message_types(endpoint: str, message_type: str, event: str | None) -> None:
    assert load_rules().event_for(endpoint, message_type) == event


def test_pack_default_events_and_roles() -> None:
    rules = load_rules()
    defaults = {e.pattern: e.default_event for e in rules.endpoints}
    assert defaults["/ws/dns_management"] == "DNS_STATISTICS"
    roles = {e.name: e.roles for e in rules.events}
    assert roles["HEALTH_STATUS"] == ("viewer", "admin")
    assert {name for name, r in roles.items() if r == ("admin",)} == {
        "ADMIN_METRICS",
        "USER_ACTIVITY",
        "AUDIT_EVENT",
        "SYSTEM_ALERTS",
    }
    assert all(e.description for e in rules.events)


def test_pack_has_no_problems() -> None:
    assert check_rules_file(builtin_rules_path()) == []


def test_schema_is_valid_and_accepts_the_pack() -> None:
    Draft202012Validator.check_schema(load_schema())
    pack = yaml.safe_load(builtin_rules_path().read_text(encoding="utf-8"))
    Draft202012Validator(load_schema()).validate(pack)


REGENERATE = (
    "python -c \"from ws_migrate.rules._check import write_parsed, pack_file; "
    "write_parsed(pack_file('default.yaml'), pack_file('default.yaml.parsed.json'))\""
)


@pytest.mark.parametrize("name", ["default.yaml", "libraries.yaml"])
def test_the_packs_recorded_parse_is_current(name: str) -> None:
    # a scan on the pack reads this instead of loading a YAML parser (≈ 20 ms of start-up)
    from ws_migrate.rules._check import _compose, _recorded_parse, pack_file

    recorded_file = pack_file(name + ".parsed.json")
    text = pack_file(name).read_text(encoding="utf-8")
    recorded = _recorded_parse(recorded_file, text)
    assert recorded is not None, f"{recorded_file.name} is stale or missing: run {REGENERATE.replace('default.yaml', name)}"
    data, lines, duplicates = _compose(text)
    assert recorded == (data, lines, duplicates)
    if name == "default.yaml":
        assert list(recorded[0]["events"]) == list(data["events"])  # order kept: it is the enum's


def test_the_pack_loads_without_a_yaml_parser_and_as_parsed() -> None:
    import subprocess
    import sys

    code = ("import sys; from ws_migrate.rules import load_rules; r = load_rules(); "
            "print('yaml' in sys.modules, len(r.events))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", str(len(load_rules().events))]


def test_a_stale_recorded_parse_is_not_used(tmp_path: Path) -> None:
    from ws_migrate.rules._check import read_document, write_parsed

    rules = write(tmp_path, "rules.yaml", builtin_rules_path().read_text(encoding="utf-8"))
    recorded = tmp_path / "rules.yaml.parsed.json"
    write_parsed(rules, recorded)
    assert read_document(rules, parsed=recorded).data == read_document(rules).data
    rules.write_text(rules.read_text(encoding="utf-8").replace("HEALTH_STATUS", "HEALTH_STATE"),
                     encoding="utf-8")  # edited after the parse was recorded
    fresh = read_document(rules, parsed=recorded)
    assert fresh.data == read_document(rules).data
    assert "HEALTH_STATE" in fresh.data["events"] and "HEALTH_STATUS" not in fresh.data["events"]


def test_schema_ships_beside_the_pack() -> None:
    # hatch force-includes the pack folder whole, so a wheel gets the schema too.
    assert SCHEMA_PATH.parent == builtin_rules_path().parent
    assert SCHEMA_PATH.is_file()


# --- endpoint patterns -------------------------------------------------------------------------

PATTERNS = """\
version: 1
endpoints:
  /ws/{topic}/{user_id}: {default_event: TOPIC_FOR_USER}
  /ws/{topic}: {default_event: ANY_TOPIC}
  /ws/health/{user_id}: {default_event: HEALTH_FOR_USER}
  /ws/health: {default_event: HEALTH_STATUS}
"""


@pytest.mark.parametrize(
    ("endpoint", "pattern"),
    [
        ("/ws/health", "/ws/health"),
        ("/ws/health/42", "/ws/health/{user_id}"),
        ("/ws/health/{userId}", "/ws/health/{user_id}"),  # as many literals, longer pattern
        ("/ws/dns", "/ws/{topic}"),
        ("/ws/dns/42", "/ws/{topic}/{user_id}"),
        ("/ws/dns/{id}", "/ws/{topic}/{user_id}"),
        ("/ws/health/a/b", None),  # an extra literal segment is another endpoint
        ("/api/health", None),
        (None, None),
    ],
)
def test_most_specific_pattern_wins(
    tmp_path: Path, endpoint: str | None, pattern: str | None
) -> None:
    rules = load_rules([write(tmp_path, "rules.yaml", PATTERNS)])
    rule = rules.endpoint_rule(endpoint)
    assert (rule.pattern if rule else None) == pattern


def test_endpoint_rules_keep_file_order_lines_and_read_only_messages(tmp_path: Path) -> None:
    rules = load_rules([write(tmp_path, "rules.yaml", PATTERNS)])
    assert [(e.pattern, e.line) for e in rules.endpoints] == [
        ("/ws/{topic}/{user_id}", 3),
        ("/ws/{topic}", 4),
        ("/ws/health/{user_id}", 5),
        ("/ws/health", 6),
    ]
    with pytest.raises(TypeError):
        rules.endpoints[0].messages["x"] = "Y"  # type: ignore[index]


def test_anchors_and_merge_keys_load() -> None:
    rules = load_rules([DATA / "anchors.yaml"])
    specific = rules.endpoint_rule("/ws/dns_management/{zone}")
    assert specific is not None
    assert specific.default_event == "DNS_ZONE_UPDATED"
    assert dict(specific.messages) == {"zone_updated": "DNS_ZONE_UPDATED"}


# --- where rules come from and how files merge -------------------------------------------------


def test_root_ws_migrate_yaml_is_picked_up(tmp_path: Path) -> None:
    own = write(tmp_path, "ws-migrate.yaml", "version: 1\nendpoints:\n  /ws/own: {}\n")
    rules = load_rules(root=tmp_path)
    assert rules.sources == (str(own),)
    assert [e.pattern for e in rules.endpoints] == ["/ws/own"]


def test_rules_files_win_over_root_file(tmp_path: Path) -> None:
    write(tmp_path, "ws-migrate.yaml", "version: 1\n")
    rules = load_rules([DATA / "merge_base.yaml"], root=tmp_path)
    assert rules.sources == (str(DATA / "merge_base.yaml"),)


def test_root_without_rules_file_gets_the_pack(tmp_path: Path) -> None:
    assert load_rules(root=tmp_path).sources == (str(builtin_rules_path()),)


def test_an_empty_root_file_is_one_being_drafted(tmp_path: Path) -> None:
    # `ws-migrate rules infer . > ws-migrate.yaml`: the shell makes the file before infer runs
    write(tmp_path, "ws-migrate.yaml", "")
    assert load_rules(root=tmp_path).sources == (str(builtin_rules_path()),)


def test_later_files_override_earlier_ones() -> None:
    base, override = DATA / "merge_base.yaml", DATA / "merge_override.yaml"
    rules = load_rules([base, override])
    assert rules.sources == (str(base), str(override))
    assert rules.envelope == Envelope(type_field="kind", payload_field="data")
    assert rules.client == ClientPaths(service_import="@/services/websocket")
    assert rules.app_hosts == ("dev.local",)  # lists are replaced, not joined

    health = rules.endpoint_rule("/ws/health")
    assert health is not None
    assert health.default_event == "HEALTH_STATUS"
    assert dict(health.messages) == {
        "health_check": "HEALTH_STATUS",
        "forwarder_status": "FORWARDER_STATUS_CHANGED",
    }
    assert health.line == 5  # where it was last set: merge_override.yaml
    assert [e.pattern for e in rules.endpoints] == ["/ws/health", "/ws/system", "/ws/audit"]

    assert [(w.name, w.endpoint, w.subscribe, w.line) for w in rules.wrappers] == [
        ("useSystemSocket", "/ws/system", "listen", 9),
        ("useHealthSocket", "/ws/health", None, 12),
        ("AuditClient.connect", "/ws/audit", None, 11),
    ]
    events = {e.name: e for e in rules.events}
    assert list(events) == [
        "HEALTH_STATUS",
        "SYSTEM_METRICS",
        "FORWARDER_STATUS_CHANGED",
        "AUDIT_EVENT",
    ]
    assert events["SYSTEM_METRICS"].roles == ("admin",)
    assert events["HEALTH_STATUS"].description == "Overall health."


def test_order_decides_which_file_wins() -> None:
    rules = load_rules([DATA / "merge_override.yaml", DATA / "merge_base.yaml"])
    assert {e.name: e.roles for e in rules.events}["SYSTEM_METRICS"] == ("viewer",)
    assert rules.app_hosts == ("localhost",)


def test_undeclared_event_is_checked_after_merging() -> None:
    # Alone it declares no events, so nothing is checked; over a file that does, it is wrong.
    undeclared = DATA / "merge_undeclared.yaml"
    assert load_rules([undeclared]).endpoints[0].default_event == "SECURITY_ALERT"
    with pytest.raises(RulesError) as caught:
        load_rules([DATA / "merge_base.yaml", undeclared])
    assert str(caught.value) == (
        f"{undeclared}:5: endpoints./ws/security.default_event: "
        "EventType SECURITY_ALERT is not declared under events"
    )


def test_check_rules_file_sees_one_file_alone() -> None:
    # merge_override.yaml loads over merge_base.yaml, but alone it references an undeclared event.
    [problem] = check_rules_file(DATA / "merge_override.yaml")
    assert (problem.line, problem.key) == (6, "endpoints./ws/health.messages.forwarder_status")


# --- top-level messages and wire values ------------------------------------------------------

SHARED = """\
version: 1
messages: {zone_created: ZONE_CREATED, bind_reload: BIND_RELOADED}
endpoints:
  /ws/system: {messages: {status: SYSTEM_STATUS}}
  /ws/dns: {messages: {zone_created: DNS_ZONE_CREATED}}
events:
  ZONE_CREATED: {roles: [admin], wire: zone_created}
  DNS_ZONE_CREATED: {roles: [admin]}
  BIND_RELOADED: {roles: [admin]}
  SYSTEM_STATUS: {roles: [admin]}
"""


def test_top_level_messages_map_on_every_endpoint_and_an_endpoints_own_win(tmp_path: Path) -> None:
    rules = load_rules([write(tmp_path, "r.yaml", SHARED)])
    assert dict(rules.messages) == {"zone_created": "ZONE_CREATED", "bind_reload": "BIND_RELOADED"}
    assert rules.event_for("/ws/system", "zone_created") == "ZONE_CREATED"
    assert rules.event_for("/ws/system/{userId}", "bind_reload") == "BIND_RELOADED"
    assert rules.event_for("/ws/system", "status") == "SYSTEM_STATUS"
    assert rules.event_for("/ws/dns", "zone_created") == "DNS_ZONE_CREATED"  # its own wins
    assert rules.event_for("/ws/elsewhere", "zone_created") == "ZONE_CREATED"  # an endpoint the scan knows
    assert rules.event_for(None, "zone_created") is None  # no endpoint known: nothing to say
    assert rules.event_for("/ws/system", "nope") is None


def test_later_files_override_top_level_messages_key_by_key(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", SHARED)
    override = write(tmp_path, "over.yaml", "version: 1\nmessages: {bind_reload: SYSTEM_STATUS, added: ZONE_CREATED}\n")
    rules = load_rules([base, override])
    assert dict(rules.messages) == {"zone_created": "ZONE_CREATED", "bind_reload": "SYSTEM_STATUS",
                                    "added": "ZONE_CREATED"}


def merged_problem(folder: Path, override: str) -> str:
    """The error of loading `override` (a file's text) over SHARED, with `{file}` for its path."""
    files = [write(folder, "base.yaml", SHARED), write(folder, "over.yaml", override)]
    with pytest.raises(RulesError) as caught:
        load_rules(files)
    return str(caught.value).replace(str(files[1]), "{file}")


def test_an_undeclared_top_level_event_is_checked_after_merging(tmp_path: Path) -> None:
    assert merged_problem(tmp_path, "version: 1\nmessages:\n  bind_reload: BIND_RELOAD\n") == (
        "{file}:3: messages.bind_reload: EventType BIND_RELOAD is not declared under events "
        "(did you mean BIND_RELOADED?)")


def test_wire_values_default_to_the_name(tmp_path: Path) -> None:
    rules = load_rules([write(tmp_path, "r.yaml", SHARED)])
    events = {e.name: e for e in rules.events}
    assert (events["ZONE_CREATED"].wire, events["ZONE_CREATED"].value) == ("zone_created", "zone_created")
    assert (events["SYSTEM_STATUS"].wire, events["SYSTEM_STATUS"].value) == (None, "SYSTEM_STATUS")
    assert rules.wire_of("ZONE_CREATED") == "zone_created"
    assert rules.wire_of("SYSTEM_STATUS") == "SYSTEM_STATUS"
    event = rules.event_rule("zone_created")
    assert event is not None and event.name == "ZONE_CREATED"


def test_a_wire_value_repeated_across_files_is_reported_at_the_later_file(tmp_path: Path) -> None:
    assert merged_problem(tmp_path, "version: 1\nevents:\n  DNS_ZONE_CREATED: {wire: zone_created}\n") == (
        "{file}:3: events.DNS_ZONE_CREATED.wire: ZONE_CREATED has the wire value 'zone_created' "
        "already: events must differ on the wire")


def test_cli_rules_check_lists_the_wire_and_messages_problems(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from ws_migrate.cli import app

    bad = write(tmp_path, "bad.yaml", SHARED.replace("DNS_ZONE_CREATED: {roles: [admin]}",
                                                      "DNS_ZONE_CREATED: {roles: [admin], wire: zone_created}")
                .replace("bind_reload: BIND_RELOADED}", "bind_reload: BIND_RELOADD}"))
    run = CliRunner().invoke(app, ["rules", "check", str(bad)])
    assert run.exit_code == 2
    assert "Traceback" not in run.output
    assert f"{bad}:2: messages.bind_reload: EventType BIND_RELOADD is not declared" in run.output
    assert f"{bad}:8: events.DNS_ZONE_CREATED.wire: ZONE_CREATED has the wire value" in run.output


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_bad_file(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith(EXPECT), f"{path.name} needs a first line '{EXPECT}LINE: ...'"
    expected = f"{path}:{first_line.removeprefix(EXPECT)}"
    with pytest.raises(RulesError) as caught:
        load_rules([path])
    assert str(caught.value) == expected
    assert [str(p) for p in check_rules_file(path)] == [expected]


def test_check_rules_file_reports_every_problem_sorted() -> None:
    path = DATA / "multi_problems.yaml"
    assert [str(p).removeprefix(f"{path}:") for p in check_rules_file(path)] == [
        "2: version: expected 1 (the only version this ws-migrate reads), got 2",
        (
            "4: endpoints.health: expected an endpoint path starting with '/' "
            "({name} for a whole-segment parameter), got 'health'"
        ),
        (
            "8: endpoints.health.messages.health_check: "
            "duplicate key (first on line 7); YAML keeps only this last one"
        ),
        (
            "8: endpoints.health.messages.health_check: "
            "expected an EventType name (UPPER_SNAKE_CASE), got 'nope'"
        ),
        (
            "9: endpoints./ws/admin.default_event: "
            "EventType ADMIN_METRICS is not declared under events"
        ),
        "10: wrapper: unknown key (did you mean 'wrappers'?)",
    ]


def test_load_rules_reports_the_first_problem_by_line() -> None:
    path = DATA / "multi_problems.yaml"
    with pytest.raises(RulesError, match=r"multi_problems\.yaml:2: version: "):
        load_rules([path])


def test_later_file_is_not_read_when_an_earlier_one_is_bad(tmp_path: Path) -> None:
    bad = DATA / "bad_version.yaml"
    with pytest.raises(RulesError, match="bad_version"):
        load_rules([bad, tmp_path / "missing.yaml"])


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.yaml", None, "No such file or directory"),
        ("folder", "", "Is a directory"),
        ("latin1.yaml", b"version: 1\n# caf\xe9\n", "can't decode byte 0xe9"),
    ],
)
def test_unreadable_file(
    tmp_path: Path, name: str, content: str | bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content == "":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(RulesError) as caught:
        load_rules([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:1: cannot read file: ")
    assert reason in message


def test_non_printable_character_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.yaml", "version: 1\nendpoints:\n  /ws/a\x07: {}\n")
    [problem] = check_rules_file(path)
    assert problem.line == 3
    assert problem.message == "a character YAML does not allow (U+0007, a control character)"


@pytest.mark.parametrize(("text", "line", "message"), [
    ("version: 1\nendpoints:\n  /ws/a: {default_event: A\n", 3,
     "a `{` opened here is never closed (or a `,` is missing)"),
    ("version: 1\nendpoints:\n\t/ws/a: x\n", 3, "a tab: YAML indents with spaces only"),
    ("version: 1\nclient: {service_import: \"src/x}\n", 2, "a quote opened here is never closed"),
    ("version: 1\nclient:\n  service_import: @/services/websocket\n", 3,
     "a value starting with `@` (quote it: '@scope/pkg')"),
    ("version: 1\nendpoints: [\n", 2, "the file ends before what is opened here is closed"),
])
def test_yaml_errors_are_a_line_of_the_file_in_our_words(tmp_path: Path, text: str, line: int,
                                                           message: str) -> None:
    # never PyYAML's "while parsing a flow mapping ... '<stream end>'", never a line past the end
    path = write(tmp_path, "ws-migrate.yaml", text)
    [problem] = check_rules_file(path)
    assert (problem.line, problem.message) == (line, message)
    assert line <= len(text.splitlines())


def test_a_scan_with_several_rule_problems_points_to_rules_check(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.yaml", "version: 1\nbogus: 1\nmore: 2\n")
    with pytest.raises(RulesError) as caught:
        load_rules([path])
    assert str(caught.value).endswith(f"(and 1 more problem: `ws-migrate rules check {path}` lists them all)")
    assert str(caught.value).startswith(f"{path}:2: bogus: unknown key")


def test_rule_problem_prints_on_one_line() -> None:
    assert str(RuleProblem("r.yaml", 3, "events.X", "bad")) == "r.yaml:3: events.X: bad"
    assert str(RuleProblem("r.yaml", 1, "", "bad")) == "r.yaml:1: bad"
    assert str(RuleProblem("r.yaml", 1, "k", "two\nlines")) == "r.yaml:1: k: two lines"

"""`ws-migrate report`: the guide's checklist measured, four formats, history from git objects."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from ws_migrate._atomic import write_atomic
from ws_migrate._exceptions import ScanError
from ws_migrate.fix import plan_fixes
from ws_migrate.render._report_json import REPORT_JSON_SCHEMA, REPORT_SCHEMA
from ws_migrate.report import CHECKLIST, Report, build_report, phase, render_report
from ws_migrate.report._usage import read_usage
from ws_migrate.rules import load_rules
from ws_migrate.scaffold import init_client
from ws_migrate.scan import scan

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "report"
DEMO = ROOT / "fixtures" / "demo-app"
STATUSES = json.loads((DATA / "demo_statuses.json").read_text())
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _guide_items() -> list[tuple[str, str]]:
    """(section, item) of the guide's Migration Checklist, as the guide writes them."""
    items, section = [], ""
    for line in (DATA / "guide-checklist.md").read_text().splitlines():
        if line.startswith("### "):
            section = line[4:].strip()
        elif line.startswith("- [ ] "):
            items.append((section, line[6:].strip()))
    return items


GUIDE_ITEMS = _guide_items()


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    repo = tmp_path / "demo"
    shutil.copytree(DEMO, repo)
    return repo


@pytest.fixture
def migrated(demo: Path) -> Path:
    """The demo app after `ws-migrate init` and `ws-migrate fix --write`."""
    rules = load_rules(root=demo)
    init_client(demo, rules)
    fixes = plan_fixes(scan(demo, use_cache=False))
    assert fixes.patches
    for patch in fixes.patches:
        write_atomic(demo / patch.rel, patch.after)
    return demo


def _statuses(report: Report) -> dict[str, str]:
    return {i.id: i.status for i in report.items}


# --- the checklist -------------------------------------------------------------------------

def test_every_item_of_the_guide_in_its_own_words_and_order() -> None:
    ours = [(title, item) for _, title, items in CHECKLIST for _, item in items]
    assert ours == GUIDE_ITEMS


@pytest.mark.parametrize("state", ["before", "after"])
def test_demo_app_statuses(state: str, demo: Path, request: pytest.FixtureRequest) -> None:
    repo = request.getfixturevalue("migrated") if state == "after" else demo
    assert _statuses(build_report(repo)) == STATUSES[state]


def test_progress_goes_up_after_init_and_fix(demo: Path) -> None:
    before = build_report(demo)
    rules = load_rules(root=demo)
    init_client(demo, rules)
    for patch in plan_fixes(scan(demo, use_cache=False)).patches:
        write_atomic(demo / patch.rel, patch.after)
    after = build_report(demo)

    assert (before.phase.name, after.phase.name) == ("Preparation", "Frontend migration")
    # 4 connections rewritten onto the service, 7 through the adapter (their wrappers kept)
    assert before.replaced == 0 and after.replaced == 11 and after.through_adapter == 7
    assert after.legacy_connections == before.legacy_connections - 11
    assert after.percent > before.percent
    for b, a in zip(before.sections, after.sections):
        assert a.percent >= b.percent, a.title
    assert sum(a.percent for a in after.sections) > sum(b.percent for b in before.sections)
    endpoints = {e.endpoint: e for e in after.endpoints}
    assert (endpoints["/ws/system"].legacy, endpoints["/ws/system"].replaced) == (0, 3)  # LoadGauge adapted
    assert endpoints["/ws/metrics"].percent == 100.0
    # the rewritten files are evidence of replacement, with file:line
    replace = next(i for i in after.items if i.id == "replace-connections")
    unified = next(e for e in replace.evidence if e.label.startswith("unified"))
    assert "src/components/ServiceMonitor.tsx:12" in {str(s) for s in unified.sites}


def test_evidence_names_files_and_lines(demo: Path) -> None:
    report = build_report(demo)
    items = {i.id: i for i in report.items}
    tokens = items["migrate-auth"].evidence[0]
    assert [str(s) for s in tokens.sites] == ["src/components/ZoneEditor.tsx:11"]  # through useZoneEvents
    leaks = items["no-memory-leaks"].evidence[0]
    assert [str(s) for s in leaks.sites] == ["src/components/ServiceMonitor.tsx:10"]
    strings = {str(s) for s in items["remove-legacy-code"].evidence[2].sites}
    assert {"backend/main.py:20", "src/components/ServiceMonitor.tsx:9"} <= strings
    assert "ws-migrate.yaml:6" not in strings  # the rules name endpoints on purpose
    docs = items["update-docs"].evidence[0]
    assert [str(s) for s in docs.sites] == ["README.md:4"]


def test_fully_migrated_repo_is_in_cleanup(tmp_path: Path) -> None:
    repo = tmp_path / "app"
    (repo / "src").mkdir(parents=True)
    init_client(repo, load_rules(root=repo))
    (repo / "src" / "Health.tsx").write_text(
        "import { useEffect } from 'react';\n"
        "import { websocketService } from './services/websocket';\n"
        "import { EventType } from './types/websocket';\n"
        "export function Health({ token, show }: { token: string; show: (p: unknown) => void }) {\n"
        "  useEffect(() => {\n"
        "    void websocketService.connect(token);\n"
        "    void websocketService.subscribe([EventType.HEALTH_STATUS]);\n"
        "    websocketService.on(EventType.HEALTH_STATUS, show);\n"
        "    const offError = websocketService.onError((e) => console.error(e));\n"
        "    return () => {\n"
        "      websocketService.off(EventType.HEALTH_STATUS, show);\n"
        "      websocketService.unsubscribe([EventType.HEALTH_STATUS]);\n"
        "      offError();\n"
        "    };\n"
        "  }, [token, show]);\n"
        "  return null;\n"
        "}\n"
    )
    report = build_report(repo)
    assert (report.phase.number, report.phase.complete) == (3, True), report.phase.reason
    # no doc mentions WebSockets: nothing to update, which is "n/a", never a vacuous "done"
    assert {i.id: i.status for i in report.items if i.measured and i.status != "done"} == {
        "update-docs": "not_applicable"}
    assert report.endpoints[0].endpoint == "/ws/health" and report.endpoints[0].percent == 100.0


def test_a_person_marks_items_in_the_rules(demo: Path) -> None:
    rules = demo / "ws-migrate.yaml"
    rules.write_text(rules.read_text() + (
        "checklist:\n"
        "  monitor-performance: {done: true, by: Ana Ruiz, date: 2026-11-20, note: Grafana board ws-unified}\n"
        "  replace-connections: {done: true, by: Bo}\n"
        "  collect-feedback: {done: false, note: survey in January}\n"
        "  not-an-item: {done: true}\n"
    ))
    report = build_report(demo)
    items = {i.id: i for i in report.items}
    monitor = items["monitor-performance"]
    assert (monitor.status, monitor.marked_by, monitor.marked_date, monitor.note) == (
        "done", "Ana Ruiz", "2026-11-20", "Grafana board ws-unified")
    # a measured item stays measured: the mark is shown, the code decides
    assert items["replace-connections"].status == "not_started"
    assert "the code disagrees" in items["replace-connections"].summary
    assert (items["collect-feedback"].status, items["collect-feedback"].note) == (
        "needs_person", "survey in January")
    assert any("not-an-item" in p for p in report.problems)
    markdown = render_report(report, "markdown")
    assert "Ana Ruiz, 2026-11-20: Grafana board ws-unified" in markdown


def test_rules_expose_the_checklist(tmp_path: Path) -> None:
    path = tmp_path / "ws-migrate.yaml"
    path.write_text("version: 1\nchecklist:\n  deploy-feature-flags: {done: true, by: ops, date: 2026-11-20}\n"
                    "  shared: {anything: goes}\n")
    marks = load_rules([path]).checklist
    assert set(marks) == {"deploy-feature-flags"}
    assert (marks["deploy-feature-flags"].done, marks["deploy-feature-flags"].date) == (True, "2026-11-20")


@pytest.mark.parametrize(
    ("legacy", "replaced", "number"),
    [(0, 0, 1), (5, 0, 1), (5, 1, 2), (1, 9, 2), (0, 3, 3)],
)
def test_phase_rule(legacy: int, replaced: int, number: int) -> None:
    assert phase(legacy, replaced, ()).number == number


@pytest.mark.parametrize("case", sorted(p.name for p in (DATA / "effects").iterdir()))
def test_effect_cleanup_of_unified_subscriptions(case: str, tmp_path: Path) -> None:
    source = DATA / "effects" / case
    expect = dict(re.findall(r"(\w+)=(\d+)", source.read_text().splitlines()[0]))
    (tmp_path / case).write_bytes(source.read_bytes())
    usage = read_usage(tmp_path)
    assert (len(usage.clean_effects), len(usage.leaking_effects)) == (int(expect["clean"]), int(expect["leaks"]))


def test_legacy_strings_skip_ignored_lines_and_gitignored_docs(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("private/\n")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "notes.md").write_text("old /ws/health\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("Connect to `/ws/security`.\n")
    (tmp_path / "a.ts").write_text(
        "const a = '/ws/health';\n"
        "const b = '/ws/admin'; // ws-migrate-ignore kept for the old mobile app\n"
    )
    found = {(s.site.file, s.path) for s in read_usage(tmp_path).legacy_strings}
    assert found == {("a.ts", "/ws/health"), ("docs/guide.md", "/ws/security")}


# --- formats -------------------------------------------------------------------------------

def test_markdown_has_every_title_of_the_guide(migrated: Path) -> None:
    markdown = render_report(build_report(migrated), "markdown")
    for section, item in GUIDE_ITEMS:
        assert f"### {section}" in markdown
        assert f"| {item} |" in markdown
    assert "**Phase 2 of 3: Frontend migration**" in markdown
    assert "| `/ws/health` | 2 | 2 | `█████░░░░░` 50% |" in markdown
    assert len(markdown) < 65_536  # fits a GitHub comment


def test_json_validates_against_the_documented_schema(migrated: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(REPORT_JSON_SCHEMA)
    document = json.loads(render_report(build_report(migrated), "json"))
    jsonschema.Draft202012Validator(REPORT_JSON_SCHEMA).validate(document)
    assert document["schema"] == REPORT_SCHEMA
    assert document["progress"] == {"legacy_connections": 4, "replaced": 11, "through_adapter": 7, "percent": 73.3}
    assert [s["id"] for s in document["sections"]] == [s for s, _, _ in CHECKLIST]


def test_report_schema_doc_lists_every_property() -> None:
    doc = (ROOT / "docs" / "report-schema.md").read_text()
    assert REPORT_SCHEMA in doc

    def names(schema: dict[str, object]) -> set[str]:
        found: set[str] = set()
        properties = schema.get("properties")
        if isinstance(properties, dict):
            for name, sub in properties.items():
                found.add(name)
                if isinstance(sub, dict):
                    found |= names(sub)
        for key in ("items", "$defs", "oneOf"):
            value = schema.get(key)
            subs = value.values() if isinstance(value, dict) and key == "$defs" else (
                value if isinstance(value, list) else [value])
            for sub in subs:
                if isinstance(sub, dict):
                    found |= names(sub)
        return found

    missing = sorted(n for n in names(REPORT_JSON_SCHEMA) if f"`{n}`" not in doc and f"`{n}[]`" not in doc)
    assert not missing


def test_terminal_shows_bars_per_section_and_endpoint(migrated: Path) -> None:
    report = build_report(migrated)
    text = render_report(report, "terminal", width=120)
    assert "Phase 2 of 3: Frontend migration" in text
    for _, title, _ in CHECKLIST:
        assert title in text
    assert "/ws/dns_management" in text and "━" in text
    console = Console(record=True, width=120, force_terminal=True)
    assert render_report(report, "terminal", console=console) == ""
    assert "Replace WebSocket connections with unified service" in console.export_text()


class _Links(HTMLParser):
    """Every attribute value and every style/script text of a page (not its readable text)."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[str] = []
        self.tags: set[str] = set()
        self.code: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [v or "" for _, v in attrs]
        self._in = tag if tag in ("style", "script") else None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.code.append(data)


def test_html_is_one_self_contained_file(migrated: Path) -> None:
    page = render_report(build_report(migrated), "html")
    parser = _Links()
    parser.feed(page)
    network = re.compile(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\(", re.IGNORECASE)
    assert not [a for a in parser.attributes if network.search(a)]
    assert not [c for c in parser.code if network.search(c)]
    assert "script" not in parser.tags and "iframe" not in parser.tags
    assert {"svg", "style"} <= parser.tags
    assert page.count("<svg") == 2  # endpoints and folders; the burndown needs --history


def _chromium(page: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={tmp_path / 'chromium-profile'}", "--enable-logging=stderr", "--v=0",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )


def _console_messages(stderr: str) -> list[str]:
    # what the page logs (errors, CSP refusals, uncaught exceptions) comes out as `:CONSOLE` lines
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_html_renders_in_a_headless_browser_without_console_errors(migrated: Path, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=migrated, check=True)
    page = tmp_path / "report.html"
    page.write_text(render_report(build_report(migrated), "html"), encoding="utf-8")
    # the check must be able to fail: a page with an error and a blocked fetch is caught
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "script-src 'unsafe-inline'\"><img src=\"https://example.com/x.png\">"
                   "<script>console.error('boom')</script>")
    assert len(_console_messages(_chromium(bad, tmp_path).stderr)) >= 2

    done = _chromium(page, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert _console_messages(done.stderr) == []
    assert "Replace WebSocket connections with unified service" in done.stdout
    assert "<svg" in done.stdout


# --- history -------------------------------------------------------------------------------

def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=repo, check=True, capture_output=True, text=True,
    ).stdout


def _history_repo(root: Path, sub: str = "") -> Path:
    """A repo with 3 commits: 3, then 2, then 1 legacy connection (in `sub`, if given)."""
    root.mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    app = root / sub if sub else root
    (app / "src").mkdir(parents=True)
    names = ["health", "security", "admin"]
    for keep in (3, 2, 1):
        for name in names[keep:]:
            (app / "src" / f"{name}.ts").unlink(missing_ok=True)
        for name in names[:keep]:
            (app / "src" / f"{name}.ts").write_text(f"export const ws = new WebSocket('/ws/{name}');\n")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", f"{keep} legacy socket(s)")
    return app


def test_history_counts_each_commit_without_touching_the_work_tree(tmp_path: Path) -> None:
    repo = _history_repo(tmp_path / "repo")
    # a dirty work tree: an uncommitted socket, an untracked file; neither may change or count
    (repo / "src" / "health.ts").write_text("// uncommitted\n")
    (repo / "notes.txt").write_text("untracked\n")
    head = _git(repo, "rev-parse", "HEAD")
    status = _git(repo, "status", "--porcelain", "--ignored")

    report = build_report(repo, history=3)
    assert report.history is not None
    assert [p.legacy_connections for p in report.history.points] == [3, 2, 1]
    assert [p.subject for p in report.history.points] == [
        "3 legacy socket(s)", "2 legacy socket(s)", "1 legacy socket(s)"]
    assert report.history.trend == "down"
    assert report.legacy_connections == 0  # the work tree itself, uncommitted edit included
    assert _git(repo, "rev-parse", "HEAD") == head
    assert (repo / "src" / "health.ts").read_text() == "// uncommitted\n"
    assert _git(repo, "status", "--porcelain", "--ignored").replace(
        "!! .ws-migrate-cache/\n", "") == status.replace("!! .ws-migrate-cache/\n", "")

    page = render_report(report, "html")
    assert page.count("<svg") == 1 and "Burndown (trend: down)" in page  # nothing legacy left to chart
    assert "### History (trend: down)" in render_report(report, "markdown")
    jsonschema.Draft202012Validator(REPORT_JSON_SCHEMA).validate(json.loads(render_report(report, "json")))


def test_history_of_a_folder_inside_the_repository(tmp_path: Path) -> None:
    app = _history_repo(tmp_path / "repo", sub="frontend")
    report = build_report(app, history=5)  # asks for more commits than there are
    assert report.history is not None
    assert [p.legacy_connections for p in report.history.points] == [3, 2, 1]


def test_history_needs_git(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("export const ws = new WebSocket('/ws/health');\n")
    with pytest.raises(ScanError, match="git"):
        build_report(tmp_path, history=2)


# --- nothing to measure is "n/a", never a vacuous "done" (issue 16) ----------------------------


def test_an_empty_folder_is_not_applicable_not_done(tmp_path: Path) -> None:
    report = build_report(tmp_path, use_cache=False)
    status = {i.id: i.status for i in report.items}
    for item in ("review-usage", "identify-event-types", "replace-connections", "update-event-handling",
                 "migrate-auth", "error-handling-reconnection", "remove-legacy-code", "update-docs",
                 "no-memory-leaks"):
        assert status[item] == "not_applicable", item
    assert not any(s == "done" for s in status.values())
    during = next(s for s in report.sections if s.id == "during-migration")
    assert (during.done, during.applicable) == (0, 1)  # only "Test all WebSocket functionality"
    text = render_report(report, "terminal")
    assert "no WebSocket connection found" in text and "(100%)" not in text


def test_event_types_are_not_identified_while_an_endpoint_is_unresolved(tmp_path: Path) -> None:
    (tmp_path / "app.ts").write_text(
        "const ws = new WebSocket(location.search.slice(1));\n"
        "ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'system_health') {} };\n")
    item = next(i for i in build_report(tmp_path, use_cache=False).items if i.id == "identify-event-types")
    assert item.status != "done"
    assert "1 connection without a rule (1 of them to an endpoint not resolved)" in item.summary


def test_each_needs_a_person_item_names_its_checklist_id() -> None:
    report = build_report(DEMO, use_cache=False)
    for item in report.items:
        if item.status == "needs_person":
            assert f"`{item.id}: true`" in item.summary and "`checklist:`" in item.summary, item.id

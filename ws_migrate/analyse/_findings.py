"""The findings a scan reports. Docs (`docs/findings.md`) are generated from this table."""

from __future__ import annotations

from dataclasses import dataclass

from ws_migrate.analyse._inventory import Severity


@dataclass(frozen=True)
class FindingRule:
    """A kind of finding: its id, severity, one-line summary and why it matters."""

    id: str
    severity: Severity
    summary: str
    why: str


FINDING_RULES: dict[str, FindingRule] = {
    r.id: r
    for r in (
        FindingRule("legacy-connection", "warning", "A legacy per-topic WebSocket connection.",
                    "Each one is a socket, an auth handshake and a reconnect loop of its own; the "
                    "unified service replaces them with one connection and subscriptions."),
        FindingRule("token-in-url", "error", "An auth token is put in the socket URL.",
                    "URLs end up in proxy logs, browser history and Referer headers. The unified "
                    "protocol sends the token as the first message instead."),
        FindingRule("insecure-ws", "error", "A hard-coded `ws://` URL.",
                    "Plain `ws://` is unencrypted; it breaks on HTTPS pages and leaks data."),
        FindingRule("missing-cleanup", "warning",
                    "A socket opened in a React component or effect that is never closed in the "
                    "effect's cleanup.",
                    "Each re-render or remount opens another socket: a leak the guide's "
                    "'No memory leaks detected' item is about."),
        FindingRule("manual-reconnect", "warning", "Hand-written reconnect logic in `onclose`.",
                    "The unified service reconnects with backoff, jitter and re-subscription."),
        FindingRule("unmapped-message-type", "warning",
                    "A legacy message type with no EventType in the rules.",
                    "`fix` cannot rewrite a handler whose event it does not know; add it to "
                    "`endpoints.<endpoint>.messages` in the rules file."),
        FindingRule("unresolved-endpoint", "warning", "The scanner could not tell which endpoint "
                    "a socket connects to.",
                    "Declare the wrapper in the rules file (`wrappers:`) or make the URL static."),
        FindingRule("unguarded-json-parse", "warning",
                    "Socket data parsed with `JSON.parse` outside try/catch.",
                    "One malformed frame throws inside the handler and drops every later message."),
        FindingRule("parse-error", "error", "The file has syntax errors.",
                    "The scan reads what it can; rewrites in this file are withheld."),
        FindingRule("legacy-endpoint", "warning", "A legacy per-topic WebSocket endpoint in the back end.",
                    "It stays while clients migrate (the reference server's legacy bridge can replace "
                    "it) and goes in the Cleanup phase."),
        FindingRule("token-in-query", "error", "A back-end endpoint takes the auth token as a query "
                    "parameter.", "Tokens in URLs end up in logs; the unified protocol authenticates "
                    "with the first message."),
        FindingRule("untyped-message", "warning", "The back end sends a message without a type field.",
                    "Nothing can route it to an EventType; front-end handlers can only take it whole."),
    )
}


def severity_of(rule: str) -> Severity:
    return FINDING_RULES[rule].severity


Ignores = tuple[tuple[int, tuple[str, ...], bool], ...]  # (line, ids or `*`, trailing comment)


def is_ignored(ignores: Ignores, line: int, rule: str) -> bool:
    """Does a `ws-migrate-ignore` comment cover `rule` on `line`? A comment alone on its line
    covers that line and the next; a trailing one only its own."""
    for at, ids, trailing in ignores:
        if (at == line or (at == line - 1 and not trailing)) and ("*" in ids or rule in ids):
            return True
    return False


def findings_markdown() -> str:
    """`docs/findings.md`, generated from the table above (a test keeps the file in step)."""
    out = ["# Findings", "",
           "Every finding `ws-migrate scan` reports, generated from `ws_migrate/analyse/_findings.py`.",
           "Suppress one with `// ws-migrate-ignore: <id> <reason>` on or above its line, or all of",
           "a line's findings with a bare `// ws-migrate-ignore`.", "",
           "| id | severity | what | why it matters |", "|---|---|---|---|"]
    for r in FINDING_RULES.values():
        out.append(f"| `{r.id}` | {r.severity} | {r.summary} | {r.why} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(findings_markdown(), end="")

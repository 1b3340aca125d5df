"""Docs that are derived from code stay derived: regenerate, compare."""

from pathlib import Path

from ws_migrate.analyse import FINDING_RULES
from ws_migrate.analyse._findings import findings_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_findings_doc_is_generated_from_the_code() -> None:
    assert (ROOT / "docs" / "findings.md").read_text() == findings_markdown(), (
        "regenerate: python -m ws_migrate.analyse._findings > docs/findings.md"
    )


def test_readme_names_every_finding() -> None:
    readme = (ROOT / "README.md").read_text()
    for rule in FINDING_RULES:
        assert f"`{rule}`" in readme, rule


def test_readme_starts_with_the_two_setup_commands() -> None:
    lines = [l.strip() for l in (ROOT / "README.md").read_text().splitlines()]
    commands = [l for l in lines[:20] if l.startswith(("python3 -m venv", "bash tests/run.sh"))]
    assert commands[0].endswith("ws-migrate scan fixtures/demo-app")
    assert commands[1] == "bash tests/run.sh"
    assert "bash tests/run.sh" in (ROOT / ".ci" / "run").read_text()


def test_the_library_is_importable_from_the_package() -> None:
    import ws_migrate

    for name in ws_migrate.__all__:
        assert getattr(ws_migrate, name) is not None, name


def test_readme_rule_file_example_is_a_valid_rule_file(tmp_path: Path) -> None:
    """The README's rule file is what a user copies first: it must check clean, every key."""
    from ws_migrate.rules import load_rules

    readme = (ROOT / "README.md").read_text()
    example = readme[readme.index("## Rule files"):].split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "ws-migrate.yaml"
    path.write_text(example)
    rules = load_rules([path])  # raises RulesError, with every problem, when it is not valid
    assert rules.type_field_for("/ws/events") == "data.op"
    assert "realtime" in rules.unified_client
    assert any(lib.library == "our-ws" for lib in rules.libraries)

"""The documentation cannot fall behind the code: every command is documented and has help,
and CI runs exactly the test command README.md gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harvester.cli import cli
from harvester.metadata import schema_reference

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented_in_readme(name):
    assert re.search(rf"harvester {re.escape(name)}\b", README), f"README.md never shows `harvester {name}`"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help(name):
    assert cli.commands[name].help, f"`harvester {name}` has no help text"


def _readme_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert block, "README.md must open with a bash block of the two commands"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_readme_opens_with_setup_and_test_commands():
    setup, tests = _readme_commands()[:2]
    assert "harvester demo" in setup
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command():
    tests = _readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci, f"CI must run the README test command verbatim: {tests!r}"


def test_docs_point_at_files_that_exist():
    for target in re.findall(r"\]\((docs/[^)#]+)\)", README):
        assert (ROOT / target).exists(), f"README links to missing {target}"


def test_readme_uses_the_project_venv_not_a_developer_path():
    assert "/work/" not in DOCS, "docs must not name a developer's machine paths"


def test_schema_reference_in_docs_matches_the_ddl():
    docs = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert docs.endswith(schema_reference()), (
        "docs/schema.md's column tables differ from harvester/schema.py; regenerate them with "
        "python -c \"from harvester.metadata import schema_reference; print(schema_reference())\""
    )

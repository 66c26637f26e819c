"""What README.md and docs/ show works as shown: every `harvester …` line parses with the CLI's
own parser, every `harvester query` example runs on a fresh database, and every `HARVESTER_*`
name they mention is a setting the code reads.

An example is either a concrete line (`harvester export --db ocop.db --format jsonl`), which must
parse exactly as written (nothing is executed, except `query` examples), a synopsis
(`harvester prune --db ocop.db --other-older-than DAYS [--dry-run]`), whose option names must
exist, or a mention in prose ("the `harvester extract` shape"), whose command must exist.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from harvester.cli import cli
from harvester.schema import open_db
from harvester.settings import HARVESTER_SETTINGS

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))

# In a code block, `harvester` as a command word: at the start of a line (after a `$ ` prompt) or
# after a path (`.venv/bin/harvester`); never prose in a diagram, `harvester/settings.py` or
# `harvester.fixture_portals`.
_COMMAND = re.compile(r"(?:^|(?<=/))harvester\s+(?=[-a-z])(.*)$")
_INLINE = re.compile(r"`(harvester\s[^`]+)`")
_SHELL_OPERATORS = {">", ">>", "<", "|", "&&", ";", "2>&1"}
_PLACEHOLDER = re.compile(r"^[A-Z][A-Z_|]*(\.\.\.)?$")  # DAYS, FILE|FOLDER, PATH..., GOLD_DIR


@dataclass(frozen=True)
class Example:
    """One command line shown in a document."""

    source: str  # "docs/storage.md:154"
    args: tuple[str, ...]  # the words after `harvester`, comments and redirections cut

    @property
    def is_synopsis(self) -> bool:
        return any(a.startswith("[") or a.endswith("]") or "…" in a or _PLACEHOLDER.match(a) for a in self.args)

    @property
    def is_mention(self) -> bool:
        """Only a command's name, as prose names it ("the `harvester extract` shape")."""
        return command_path(self.args) == list(self.args)

    def __str__(self) -> str:
        return f"{self.source}: harvester {shlex.join(self.args)}"


def _code_lines(text: str) -> list[tuple[int, str]]:
    """Lines of fenced blocks and of 4-space indented blocks, with their line numbers."""
    found, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif fenced or line.startswith("    "):
            found.append((number, line.strip()))
    return found


def _words(rest: str) -> tuple[str, ...]:
    words = []
    for word in shlex.split(rest, comments=True):
        if word in _SHELL_OPERATORS:
            break
        words.append(word)
    return tuple(words)


def examples(files: tuple[Path, ...] = DOC_FILES) -> list[Example]:
    """Every `harvester …` line of the code blocks, and every inline `harvester …` of the prose."""
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT).as_posix()
        for number, line in _code_lines(text):
            match = _COMMAND.search(line.removeprefix("$ "))
            if match:
                found.append(Example(f"{name}:{number}", _words(match.group(1))))
        for number, line in enumerate(text.splitlines(), 1):
            for inline in _INLINE.findall(line):
                found.append(Example(f"{name}:{number}", _words(inline.removeprefix("harvester"))))
    return [e for e in found if e.args]


def parse(args: list[str] | tuple[str, ...]) -> click.Context:
    """Parse a command line the way `harvester` would, down to the leaf command, without running it."""
    ctx = cli.make_context("harvester", list(args))
    command: click.Command = cli
    while isinstance(command, click.Group):
        # click 8 keeps the subcommand's name apart from the rest of the words
        rest = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        name, found, rest = command.resolve_command(ctx, rest)
        assert found is not None and name is not None, f"no command in {args!r}"
        command = found
        ctx = command.make_context(name, rest, parent=ctx)
    return ctx


def command_path(args: tuple[str, ...]) -> list[str]:
    """The command and subcommand names a (possibly synopsis) line starts with; -v is skipped."""
    path: list[str] = []
    command: click.Command = cli
    for word in args:
        if word.startswith("-") and command is cli:
            continue
        if not isinstance(command, click.Group):
            break
        found = command.get_command(click.Context(command), word)
        if found is None:
            raise click.UsageError(f"no such command: harvester {' '.join([*path, word])}")
        path.append(word)
        command = found
    return path


def command_of(args: tuple[str, ...]) -> click.Command:
    """The leaf command a line names."""
    command: click.Command = cli
    for name in command_path(args):
        command = command.get_command(click.Context(command), name)  # type: ignore[union-attr]
    return command


def unknown_options(args: tuple[str, ...]) -> list[str]:
    """The `--long` options of a line that its command does not declare."""
    command = command_of(args)
    declared = {"--help"} | {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}
    words = [w.strip("[]") for w in args]
    return [w.split("=")[0] for w in words if w.startswith("--") and w.split("=")[0] not in declared]


EXAMPLES = examples()
# Files an example names that the parser wants to exist (ingest-attachment's FILE); they are
# created empty in a temporary folder, never read.
FILE_SUFFIXES = {".pdf", ".docx", ".doc", ".html", ".txt", ".csv"}
# HARVESTER_* names the docs mention that are not settings of harvester/settings.py: the one
# environment variable the extractors read themselves, and a knob of one test.
ENVIRONMENT_ONLY = {
    "HARVESTER_DATA_DIR": ROOT / "extractors" / "paths.py",
    "HARVESTER_KILL_SEED": ROOT / "tests" / "crawl" / "test_resume.py",
}


def _ids(found: list[Example]) -> list[str]:
    return [str(e) for e in found]


def test_the_docs_show_commands():
    # the extraction must find the examples, or every test below passes on nothing
    assert len([e for e in EXAMPLES if not e.is_synopsis and not e.is_mention]) > 60
    assert {e.source.split(":")[0] for e in EXAMPLES} >= {"README.md", "docs/crawling.md", "docs/research.md"}


@pytest.mark.parametrize("example", EXAMPLES, ids=_ids(EXAMPLES))
def test_every_example_names_a_command(example):
    command_path(example.args)


CONCRETE = [e for e in EXAMPLES if not e.is_synopsis and not e.is_mention]


@pytest.mark.parametrize("example", CONCRETE, ids=_ids(CONCRETE))
def test_every_example_parses_as_written(example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for word in example.args:
        path = Path(word)
        if path.suffix in FILE_SUFFIXES and not path.is_absolute() and ".." not in path.parts:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
    try:
        parse(example.args)
    except click.UsageError as exc:
        pytest.fail(f"{example}\n  fails: {exc.format_message()}")


SYNOPSES = [e for e in EXAMPLES if e.is_synopsis]


@pytest.mark.parametrize("example", SYNOPSES, ids=_ids(SYNOPSES))
def test_every_option_of_a_synopsis_exists(example):
    assert not unknown_options(example.args), f"{example}: no such option {unknown_options(example.args)}"


QUERIES = [e for e in CONCRETE if command_path(e.args) == ["query"]]


@pytest.mark.parametrize("example", QUERIES, ids=_ids(QUERIES))
def test_every_query_example_runs_on_a_fresh_database(example, tmp_path):
    db = tmp_path / "ocop.db"
    open_db(db).close()
    args = [*_without_db(example.args), "--db", str(db)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, f"{example}\n{result.output}"


def _without_db(args: tuple[str, ...]) -> list[str]:
    words = list(args)
    if "--db" in words:
        at = words.index("--db")
        del words[at:at + 2]
    return words


def test_every_harvester_name_in_the_docs_is_read_by_the_code():
    declared = {s.name for s in HARVESTER_SETTINGS}
    for path in DOC_FILES:
        for name in set(re.findall(r"\bHARVESTER_[A-Z][A-Z_]*[A-Z]\b", path.read_text(encoding="utf-8"))):
            if name in ENVIRONMENT_ONLY:
                assert name in ENVIRONMENT_ONLY[name].read_text(encoding="utf-8"), name
            else:
                assert name in declared, f"{path.name} mentions {name}, which harvester/settings.py does not declare"


# The checks above must be able to fail: each catches one kind of stale example.

def test_a_renamed_option_is_caught():
    with pytest.raises(click.NoSuchOption):
        parse(("crawl", "--portals", "backan-portal", "--db", "ocop.db"))


def test_a_bad_value_is_caught():
    with pytest.raises(click.BadParameter):
        parse(("export", "--db", "ocop.db", "--format", "xlsx"))


def test_a_missing_command_is_caught():
    with pytest.raises(click.UsageError):
        command_path(("scrape", "--db", "ocop.db"))


def test_a_synopsis_with_an_unknown_option_is_caught():
    assert unknown_options(("prune", "--db", "ocop.db", "--older-than", "DAYS", "[--dry-run]")) == ["--older-than"]


def test_a_query_of_a_missing_column_fails(tmp_path):
    db = tmp_path / "ocop.db"
    open_db(db).close()
    result = CliRunner().invoke(cli, ["query", "SELECT period_end FROM latest_totals", "--db", str(db)])
    assert result.exit_code != 0

"""The layering rules of docs/architecture.md, checked on the source tree (so they can fail):

* only ``harvester/storage/`` and ``harvester/schema.py`` write SQL (INSERT, UPDATE, DELETE, CREATE…);
* no ``except ImportError`` around an import of the project's own modules;
* nothing under ``extractors/`` imports ``harvester``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ("harvester", "extractors", "spiders", "pipelines")
WRITERS = ("harvester/storage/", "harvester/schema.py")

WRITE_SQL = re.compile(
    r"\b(INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE\s+\[?\w+\]?\s+SET|DELETE\s+FROM"
    r"|CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER|VIRTUAL\s+TABLE)|DROP\s+(?:TABLE|INDEX|VIEW|TRIGGER)"
    r"|ALTER\s+TABLE)\b",
    re.IGNORECASE,
)



def _sources(*folders: str) -> list[tuple[str, ast.Module]]:
    out = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            out.append((path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))))
    return out


def _is_project(module: str | None, level: int = 0) -> bool:
    return level > 0 or (module or "").split(".")[0] in PROJECT


def _imports(nodes: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    return [n for node in nodes for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]


def write_sql_outside_storage() -> list[str]:
    found = []
    for name, tree in _sources(*PROJECT):  # benchmarks and tests may build other applications' files
        if name.startswith(WRITERS):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                match = WRITE_SQL.search(node.value)
                if match:
                    found.append(f"{name}:{node.lineno}: {match.group(0)}")
    return found


def import_fallbacks() -> dict[str, list[int]]:
    """file -> lines of ``try: import <project module> / except ImportError``."""
    found: dict[str, list[int]] = {}
    for name, tree in _sources(*PROJECT, "benchmarks", "tests"):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Try):
                continue
            caught = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if not caught & {"ImportError", "ModuleNotFoundError"}:
                continue
            if any(_is_project(getattr(i, "module", None), getattr(i, "level", 0)) if isinstance(i, ast.ImportFrom)
                   else any(_is_project(a.name) for a in i.names) for i in _imports(node.body)):
                found.setdefault(name, []).append(node.lineno)
    return found


def extractors_importing_harvester() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for name, tree in _sources("extractors"):
        for node in _imports(tree.body):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            if any(m.split(".")[0] == "harvester" for m in modules):
                found.setdefault(name, []).append(node.lineno)
    return found


def test_only_the_storage_layer_and_the_schema_write_sql():
    assert write_sql_outside_storage() == []


def test_no_import_fallbacks_for_the_projects_own_modules():
    assert import_fallbacks() == {}, "import the module; a missing project module is a bug, not an option"


def test_extractors_stand_alone():
    assert extractors_importing_harvester() == {}, "extractors/ must not import harvester (docs/architecture.md)"


def test_the_checks_see_what_they_look_for(tmp_path, monkeypatch):
    """Each check finds a planted offender, so an empty result means something."""
    planted = tmp_path / "harvester"
    (planted / "storage").mkdir(parents=True)
    (planted / "report.py").write_text('SQL = f"UPDATE figures SET count = {1}"\n', encoding="utf-8")
    (planted / "storage" / "ok.py").write_text('SQL = "DELETE FROM figures"\n', encoding="utf-8")
    (planted / "cli.py").write_text("try:\n    from harvester import audit\nexcept ImportError:\n    audit = None\n"
                                    "try:\n    import yaml\nexcept ImportError:\n    yaml = None\n", encoding="utf-8")
    (tmp_path / "extractors").mkdir()
    (tmp_path / "extractors" / "dates.py").write_text("from harvester.paths import data_file\n", encoding="utf-8")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert write_sql_outside_storage() == ["harvester/report.py:1: UPDATE figures SET"]
    assert import_fallbacks() == {"harvester/cli.py": [1]}
    assert extractors_importing_harvester() == {"extractors/dates.py": [1]}

"""find_figures gives exactly the stored results on every gold passage we have.

The snapshot (``figures_snapshot.json`` beside this file) pins the output of ``find_figures`` on the
self-written gold folders (``tests/fixtures/*``) and, where the shared corpus is present, on the
real dev passages — so that work on speed cannot change a result unnoticed. Each passage is read
four times: without context; with the article's date and province from its gold file; so, and with
the text's places found by the caller (as ``extract`` does); and so, in NFD; and the text's
``find_places`` mentions are pinned beside them. The snapshot
holds a digest of every reading's figures (all their fields) and, for reading a difference, the
dated reading's count, stars, status, year, basis and offsets (no text of the passages: the corpus stays outside the repo).

It is test data, regenerated deliberately when a rule change is meant to change results:

    python tests/extractors/test_figures_snapshot.py --write
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import unicodedata
from dataclasses import asdict
from pathlib import Path

import pytest

from extractors.figures import find_figures
from extractors.places import find_places
from extractors.records import Figure, PlaceMention
from extractors.text import decode_bytes

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SNAPSHOT = HERE / "figures_snapshot.json"
FIXTURES = REPO / "tests" / "fixtures"
DEV = REPO.parent / "shared" / "corpus" / "dev"
READINGS = ("bare", "dated", "places", "nfd", "find_places")


def _sources() -> dict[str, Path]:
    """Folder name -> folder, for every gold folder present (the dev corpus only where it is)."""
    folders = {d.name: d for d in sorted(FIXTURES.iterdir()) if d.is_dir() and any(d.glob("*.json"))}
    if DEV.is_dir():
        folders["dev"] = DEV
    return folders


def _row(f: Figure) -> list:
    return [f.count, f.stars, f.status, f.year, f.basis, f.start, f.end]


def _digest(records: list[Figure] | list[PlaceMention]) -> str:
    blob = json.dumps([asdict(r) for r in records], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20]


def _readings(folder: Path) -> dict[str, dict]:
    """Passage id -> {reading: {"digest", "rows"}} for one gold folder."""
    out: dict[str, dict] = {}
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = decode_bytes((folder / gold["text_file"]).read_bytes()).text
        published = (gold.get("published") or "")[:10] or None
        provinces = gold.get("provinces") or []
        dated = {"as_of": published, "default_place": provinces[0] if provinces else None}
        entry = {}
        for name, given, kwargs in (("bare", text, {}), ("dated", text, dated),
                                    ("places", text, {**dated, "places": find_places(text)}),
                                    ("nfd", unicodedata.normalize("NFD", text), dated)):
            figures = find_figures(given, **kwargs)
            entry[name] = {"digest": _digest(figures)}
            if name == "dated":  # the other readings mostly give the same rows: their digests suffice
                entry[name]["rows"] = [_row(f) for f in figures]
        entry["find_places"] = {"digest": _digest(find_places(text))}
        out[path.stem] = entry
    return out


def _stored() -> dict[str, dict]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def _differences(folder: str, stored: dict[str, dict], measured: dict[str, dict]) -> list[str]:
    lines = []
    for pid in sorted(set(stored) | set(measured)):
        for reading in READINGS:
            a = stored.get(pid, {}).get(reading)
            b = measured.get(pid, {}).get(reading)
            if a is None or b is None or a["digest"] != b["digest"]:
                lines.append(f"{folder}/{pid} ({reading}): stored {a and a.get('rows')} now {b and b.get('rows')}")
    return lines


@pytest.mark.parametrize("folder", sorted(_sources()))
def test_find_figures_matches_snapshot(folder):
    stored = _stored().get(folder)
    assert stored is not None, f"{folder} is not in the snapshot: regenerate it (see the module docstring)"
    diff = _differences(folder, stored, _readings(_sources()[folder]))
    assert not diff, f"{len(diff)} readings differ from the snapshot:\n" + "\n".join(diff[:20])


def test_snapshot_covers_the_fixture_folders():
    stored = _stored()
    fixtures = [name for name in _sources() if name != "dev"]
    assert fixtures and all(name in stored for name in fixtures)
    assert sum(len(v) for k, v in stored.items() if k != "dev") >= 100


def main() -> None:
    ap = argparse.ArgumentParser(description="Regenerate the find_figures snapshot.")
    ap.add_argument("--write", action="store_true", help="write figures_snapshot.json (otherwise: compare)")
    args = ap.parse_args()
    measured = {name: _readings(folder) for name, folder in _sources().items()}
    if args.write:
        if "dev" not in measured and SNAPSHOT.exists():
            measured["dev"] = _stored().get("dev", {})  # keep the dev part when the corpus is absent here
        SNAPSHOT.write_text(json.dumps(measured, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                            + "\n", encoding="utf-8")
        print(f"wrote {SNAPSHOT} ({sum(len(v) for v in measured.values())} passages)")
        return
    stored = _stored()
    diff = [line for name in measured for line in _differences(name, stored.get(name, {}), measured[name])]
    print("\n".join(diff[:20] + ([f"… {len(diff)} readings differ"] if len(diff) > 20 else [])) if diff else "identical")
    sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()

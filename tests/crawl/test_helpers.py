"""The crawl's helper processes name themselves and, when asked, profile themselves."""

from __future__ import annotations

import asyncio
import pstats
from pathlib import Path

from pipelines.processes import Helpers


def _ask_once(message, profile_dir=None):
    async def run():
        helpers = Helpers(Path.read_text, 1, name="harvester-test", profile_dir=profile_dir)
        try:
            return await helpers.ask(message)
        finally:
            helpers.close()
    return asyncio.run(run())


def test_a_helper_shows_its_role_as_its_process_name():
    assert _ask_once(Path("/proc/self/comm")).strip() == "harvester-test"


def test_a_helper_writes_its_profile_when_asked(tmp_path):
    assert _ask_once(Path("/proc/self/comm"), str(tmp_path)).strip() == "harvester-test"
    written = list(tmp_path.glob("harvester-test-*.prof"))
    assert len(written) == 1
    profiled = {name for _, _, name in pstats.Stats(str(written[0])).stats}
    assert "read_text" in profiled

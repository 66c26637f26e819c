"""The harvester's own settings: declared once in harvester/settings.py, each one also read from
the environment variable of the same name."""

from __future__ import annotations

import os
import subprocess
import sys

from harvester.attachments import DEFAULT_MAX_BYTES
from harvester.settings import HARVESTER_SETTINGS

SETTINGS = {s.name: s for s in HARVESTER_SETTINGS}


def _crawl_setting(name: str, env: dict[str, str]) -> str:
    """The value a crawl's Scrapy settings hold, in a fresh process (the module reads the environment once)."""
    code = ("from scrapy.settings import Settings; settings = Settings(); settings.setmodule('harvester.settings'); "
            f"print(settings.get({name!r}))")
    return subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True,
                          text=True, check=True).stdout.strip()


def test_attachment_limit_is_declared_with_the_readers_default():
    assert SETTINGS["HARVESTER_ATTACHMENT_MAX_BYTES"].default == DEFAULT_MAX_BYTES


def test_attachment_limit_reaches_the_crawl_from_the_environment():
    assert _crawl_setting("HARVESTER_ATTACHMENT_MAX_BYTES", {"HARVESTER_ATTACHMENT_MAX_BYTES": "1000"}) == "1000"
    assert _crawl_setting("HARVESTER_ATTACHMENT_MAX_BYTES", {}) == str(DEFAULT_MAX_BYTES)

"""Shared test fixtures. Area-specific fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

import pytest

from harvester.schema import open_db


@pytest.fixture
def fresh_db(tmp_path):
    """An empty harvester database in a temporary file."""
    return open_db(tmp_path / "test.db")

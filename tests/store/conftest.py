from __future__ import annotations

from pathlib import Path

import pytest

from .sample_data import build_store


@pytest.fixture()
def filled_db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "events.duckdb")

"""Dashboard pages and their JSON twins, in-process."""

from __future__ import annotations

import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from polybius.api import create_app
from polybius.dashboard import STATIC
from tests.store.sample_data import build_store


def test_pages_scripts_and_chart_library_are_served_locally(tmp_path: Path) -> None:
    client = TestClient(create_app(build_store(tmp_path / "e.duckdb")))
    for url in ("/", "/dyad?a=CHN&b=KAZ", "/documents/d1"):
        page = client.get(url)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert "http://" not in page.text and "https://" not in page.text  # no CDN
    chart = client.get("/static/chart.umd.js")
    assert chart.status_code == 200 and chart.text.startswith("/*!\n * Chart.js v4")
    assert "MIT" in (STATIC / "chart.js.LICENSE.txt").read_text()
    for name in ("common.js", "dashboard.js", "document.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    # JavaScript never inserts HTML strings.
    for name in ("common.js", "dashboard.js", "document.js"):
        assert "innerHTML" not in (STATIC / name).read_text()

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
    for url in ("/", "/dyad?a=CHN&b=KAZ", "/documents/d1", "/map", "/map?a=RUS&country=UKR"):
        page = client.get(url)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert "http://" not in page.text and "https://" not in page.text  # no CDN
    chart = client.get("/static/chart.umd.js")
    assert chart.status_code == 200 and chart.text.startswith("/*!\n * Chart.js v4")
    assert "MIT" in (STATIC / "chart.js.LICENSE.txt").read_text()
    for name in ("common.js", "dashboard.js", "document.js", "map.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    # JavaScript never inserts HTML strings.
    for name in ("common.js", "dashboard.js", "document.js", "map.js"):
        assert "innerHTML" not in (STATIC / name).read_text()


def test_map_library_and_base_map_are_served_locally(tmp_path: Path) -> None:
    client = TestClient(create_app(build_store(tmp_path / "e.duckdb")))
    leaflet = client.get("/static/leaflet/leaflet.js")
    assert leaflet.status_code == 200 and "Leaflet 1.9.4" in leaflet.text[:200]
    assert client.get("/static/leaflet/leaflet.css").status_code == 200
    for image in ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"):
        response = client.get(f"/static/leaflet/images/{image}")
        assert response.status_code == 200 and response.content[:4] == b"\x89PNG"
    assert "BSD 2-Clause" in (STATIC / "leaflet" / "LICENSE.txt").read_text()
    world = client.get("/static/basemap/world-countries-110m.json").json()
    assert world["type"] == "FeatureCollection" and len(world["features"]) > 150
    assert {"Ukraine", "Nigeria", "Fiji"} <= {f["properties"]["name"] for f in world["features"]}
    notices = (STATIC / "LICENSES.md").read_text()
    assert "Leaflet 1.9.4" in notices and "Natural Earth" in notices
    # The map page and its script name no remote server: tiles, scripts and data are local.
    for text in (client.get("/map").text, (STATIC / "map.js").read_text()):
        assert "http://" not in text and "https://" not in text

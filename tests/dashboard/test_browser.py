"""The dashboard in a real headless Chromium, against a live uvicorn on localhost."""

from __future__ import annotations

import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.geo_sample import LOCATED_IDS, add_located
from tests.store.sample_data import build_store

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from polybius.api import create_app

    # The CHN-KAZ sample plus events with hand-made locations (other actors) for the map.
    db = add_located(build_store(tmp_path_factory.mktemp("browser") / "events.duckdb"))
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _dump_dom(url: str, profile: Path) -> str:
    """The page's DOM once its script has finished loading (``<body data-loaded=...>``).

    Chromium's virtual time budget does not wait for real network replies, so on a busy
    machine the DOM can be dumped before the page's fetches return: dump again (up to three
    times) until the page says it is done, whatever the outcome it reports.
    """
    html = ""
    for _ in range(3):
        html = _dump_once(url, profile)
        if "<body data-loaded=" in html:
            break
    return html


def _dump_once(url: str, profile: Path) -> str:
    result = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=5000",
         "--dump-dom", url],
        capture_output=True, text=True, timeout=90,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _attr(html: str, element_id: str, name: str) -> str | None:
    tag = re.search(rf'<[a-z]+ [^>]*id="{element_id}"[^>]*>', html)
    assert tag, f"no element #{element_id}"
    value = re.search(rf'{name}="([^"]*)"', tag.group(0))
    return value.group(1) if value else None


def test_dyad_page_draws_chart_and_table(server: str, tmp_path: Path) -> None:
    html = _dump_dom(f"{server}/dyad?a=CHN&b=KAZ", tmp_path / "profile")
    assert '<body data-loaded="true">' in html
    assert _attr(html, "timeline", "data-rendered") == "true"
    assert _attr(html, "timeline", "data-points") == "2"  # January and March 2022
    assert _attr(html, "timeline", "data-events") == "4"
    assert _attr(html, "timeline", "width") not in (None, "0")
    assert _attr(html, "events", "data-rows") == "4"
    assert (
        '<mark class="trigger">met</mark>' in html and '<mark class="source">China</mark>' in html
    )
    # Article text is shown as text, never run as markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_dyad_page_filters_by_type(server: str, tmp_path: Path) -> None:
    html = _dump_dom(f"{server}/dyad?a=CHN&b=KAZ&type=AID&interval=day", tmp_path / "profile")
    assert _attr(html, "events", "data-rows") == "1"
    assert _attr(html, "timeline", "data-points") == "1"


def test_document_page_marks_events(server: str, tmp_path: Path) -> None:
    html = _dump_dom(f"{server}/documents/d2", tmp_path / "profile")
    assert '<body data-loaded="true">' in html
    assert _attr(html, "doc-text", "data-marks") == "2"
    assert _attr(html, "events", "data-rows") == "2"
    assert "Title d2" in html


def test_bad_actor_shows_an_error_not_a_crash(server: str, tmp_path: Path) -> None:
    html = _dump_dom(f"{server}/dyad?a=CH%27N&b=KAZ", tmp_path / "profile")
    assert '<body data-loaded="error">' in html and "invalid actor a" in html


def test_map_page_draws_markers(server: str, tmp_path: Path) -> None:
    html = _dump_dom(f"{server}/map", tmp_path / "profile")
    assert '<body data-loaded="true">' in html
    located = len(LOCATED_IDS) + 1  # and "China met Kazakhstan in Astana."
    assert _attr(html, "map", "data-events") == str(located)
    assert _attr(html, "map", "data-markers") == str(located)  # every place is different
    # Leaflet drew the markers (served from /static/leaflet, no network) and the base map.
    assert html.count('class="leaflet-marker-icon') == located
    assert 'src="/static/leaflet/images/marker-icon' in html
    assert _attr(html, "map", "data-basemap") == "countries"
    assert html.count("leaflet-interactive") == located  # only markers take clicks
    assert "<path" in html  # country outlines and graticule as SVG
    assert _attr(html, "events", "data-rows") == str(located)
    assert '<mark class="location">Geneva</mark>' in html


def test_map_page_filters_like_the_dyad_page(server: str, tmp_path: Path) -> None:
    html = _dump_dom(f"{server}/map?a=USA&b=RUS", tmp_path / "profile")
    assert '<body data-loaded="true">' in html
    assert _attr(html, "map", "data-markers") == "1"
    assert html.count('class="leaflet-marker-icon') == 1
    assert "Geneva, CHE" in html
    html = _dump_dom(f"{server}/map?type=ASSAULT&country=ukr", tmp_path / "profile")
    assert _attr(html, "map", "data-markers") == "1" and "Donetsk, UKR" in html


def test_map_page_shows_bad_filters_as_errors(server: str, tmp_path: Path) -> None:
    html = _dump_dom(f"{server}/map?bbox=1,2,3", tmp_path / "profile")
    assert '<body data-loaded="error">' in html and "invalid bounding box" in html


def test_dyad_page_links_to_its_map(server: str, tmp_path: Path) -> None:
    html = _dump_dom(f"{server}/dyad?a=CHN&b=KAZ&type=CONSULT", tmp_path / "profile")
    assert 'id="map-link" href="/map?a=CHN&amp;b=KAZ&amp;type=CONSULT"' in html

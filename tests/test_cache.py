"""Old start-up cache files are removed when a new one is written."""

from __future__ import annotations

import os
import time

from polybius.cache import STALE_SECONDS, prune_stale_caches


def test_stale_siblings_go_fresh_ones_stay(tmp_path):
    current = tmp_path / "kb-new.pickle"
    current.write_bytes(b"x")
    stale = tmp_path / "kb-old.pickle"
    stale.write_bytes(b"x")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    fresh = tmp_path / "kb-other.pickle"
    fresh.write_bytes(b"x")
    unrelated = tmp_path / "gazetteer-old.pickle"
    unrelated.write_bytes(b"x")
    os.utime(unrelated, (old, old))
    prune_stale_caches(current, "kb-*.pickle")
    assert current.exists() and fresh.exists() and unrelated.exists()
    assert not stale.exists()

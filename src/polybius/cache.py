"""The user cache (``~/.cache/polybius``): start-up caches of the knowledge base and gazetteer."""

from __future__ import annotations

import time
from pathlib import Path

# A cache file not written for this long belongs to an older release or data version.
STALE_SECONDS = 24 * 3600


def prune_stale_caches(current: Path, pattern: str) -> None:
    """Delete old cache files of the same kind as ``current`` so upgrades do not pile up."""
    cutoff = time.time() - STALE_SECONDS
    for old in current.parent.glob(pattern):
        if old == current:
            continue
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass  # another process got there first, or a read-only cache

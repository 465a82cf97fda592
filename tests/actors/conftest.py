"""Fixtures of the actor tests: the packaged resolver, built once per session."""

from __future__ import annotations

import pytest

from polybius.actors import ActorResolver


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    return ActorResolver.default()

"""The one exception hierarchy of Polybius.

Third-party errors (spaCy, DuckDB, YAML, dateparser, trafilatura) are caught where they
enter and re-raised as one of these, so callers only ever handle ``PolybiusError``.
"""

from __future__ import annotations


class PolybiusError(Exception):
    """Base class of every error Polybius raises on purpose."""


class ConfigError(PolybiusError):
    """A configuration value or file is wrong."""


class ModelNotFoundError(ConfigError):
    """The requested spaCy pipeline is not installed."""


class InputError(PolybiusError):
    """A document could not be read; the batch goes on without it."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class DataFileError(PolybiusError):
    """A dictionary, ontology or overlay file is malformed (carries file and line)."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class GoldFormatError(PolybiusError):
    """A gold file is in neither supported format."""


class StoreError(PolybiusError):
    """The event store could not be opened, migrated or written."""


class QueryError(PolybiusError):
    """A query filter is invalid (bad date, unknown format, ...)."""

"""Polybius: dated news text in, coded political events out.

The public API is small and imports nothing heavy until it is used::

    from polybius import extract
    for event in extract(["examples/xi_kazakhstan_2022-01-04.txt"]):
        print(event.to_dict())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "Document",
    "Event",
    "Pipeline",
    "PolybiusError",
    "extract",
    "read_documents",
]

if TYPE_CHECKING:  # pragma: no cover
    from polybius.errors import PolybiusError
    from polybius.ingest import read_documents
    from polybius.pipeline import Pipeline, extract
    from polybius.records import Document, Event

_LAZY = {
    "Document": "polybius.records",
    "Event": "polybius.records",
    "PolybiusError": "polybius.errors",
    "Pipeline": "polybius.pipeline",
    "extract": "polybius.pipeline",
    "read_documents": "polybius.ingest",
}


def __getattr__(name: str) -> Any:
    # Keeps `import polybius` cheap: spaCy loads only when a pipeline is built.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'polybius' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)

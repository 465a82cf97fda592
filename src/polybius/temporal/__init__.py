"""Temporal stage: ground each event's date against the publication date."""

from polybius.temporal.expressions import resolve
from polybius.temporal.grounder import DateGrounder

__all__ = ["DateGrounder", "resolve"]

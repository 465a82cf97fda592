"""YAML reading that remembers line numbers, so data errors point at the faulty line.

Every mapping is built as a :class:`LineDict` carrying the 1-based line it starts on.
Timestamps are left as strings: we parse dates ourselves to report bad ones with their
line instead of letting PyYAML raise a bare ``ValueError``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, cast

import yaml

from polybius.errors import DataFileError

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[str, Any]):
    """A mapping read from YAML, with the line it starts on."""

    line: int = 0


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(cast(dict[str, Any], loader.construct_mapping(node, deep=True)))
    mapping.line = node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; syntax errors become :class:`DataFileError` with the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read file: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), None, f"not UTF-8 text: {exc.reason}") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = f"invalid YAML: {exc.problem or exc.context}"
        raise DataFileError(str(path), line, reason) from None
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), None, f"invalid YAML: {exc}") from None


class Fields:
    """Typed access to one YAML mapping, raising DataFileError with file and line."""

    def __init__(self, data: Any, path: Path, line: int, what: str) -> None:
        if not isinstance(data, dict):
            raise DataFileError(str(path), line, f"{what} must be a mapping, got {_kind(data)}")
        self.data: dict[str, Any] = data
        self.path = path
        self.line = getattr(data, "line", 0) or line
        self.what = what

    def error(self, reason: str) -> DataFileError:
        return DataFileError(str(self.path), self.line, f"{self.what}: {reason}")

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None or value == "":
            raise self.error(f"missing required field '{key}'")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.error(f"field '{key}' must be text, got {_kind(value)}")
        return str(value)

    def opt_text(self, key: str) -> str | None:
        return self.text(key) if self.has(key) else None

    def texts(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            raise self.error(f"field '{key}' must be a list, got {_kind(value)}")
        out = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                raise self.error(f"field '{key}' must list text, found {_kind(item)}")
            out.append(str(item))
        return out

    def items(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(f"field '{key}' must be a list, got {_kind(value)}")
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.error(f"field '{key}' must be true or false")
        return value

    def day(self, key: str, required: bool = False) -> date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(f"missing required date '{key}'")
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise self.error(f"field '{key}' is not a YYYY-MM-DD date: {value!r}") from None

    def unknown_keys(self, allowed: set[str]) -> None:
        extra = sorted(set(self.data) - allowed)
        if extra:
            raise self.error(f"unknown field(s): {', '.join(extra)}")


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value) if not isinstance(value, dict) else dict, type(value).__name__
    )

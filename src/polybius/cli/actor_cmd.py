"""``polybius actor``: resolve a mention (or a JSONL batch) against the actor KB."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from polybius.actors.batch import actor_to_dict, parse_date, resolve_lines
from polybius.actors.resolver import ActorResolver
from polybius.cli.app import app
from polybius.errors import PolybiusError


@app.command("actor")
def actor_command(
    text: Annotated[str | None, typer.Argument(help="The mention, e.g. 'Chinese troops'.")] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Event date YYYY-MM-DD (default: latest).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="json or text.")] = "json",
    actors: Annotated[
        list[Path] | None, typer.Option("--actors", help="Overlay YAML file (repeatable).")
    ] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSONL file of {id, text, date} lines.")
    ] = None,
) -> None:
    """Resolve an actor mention to country, sector and CAMEO-style code."""
    if output_format not in ("json", "text"):
        raise typer.BadParameter("--format must be json or text")
    if (text is None) == (batch is None):
        raise typer.BadParameter("give either TEXT or --batch FILE")
    try:
        resolver = ActorResolver.default(tuple(actors or ()))
        if batch is not None:
            with batch.open(encoding="utf-8") as lines:
                for result in resolve_lines(resolver, lines):
                    typer.echo(json.dumps(result, ensure_ascii=False))
            return
        assert text is not None
        result = actor_to_dict(text, resolver.resolve(text, parse_date(on)))
    except (PolybiusError, ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from None
    if output_format == "json":
        typer.echo(json.dumps(result, ensure_ascii=False))
    elif result["code"] is None:
        typer.echo(f"{text}: unresolved")
    else:
        typer.echo(
            f"{text}: {result['code']} ({result['name']}; country={result['country']}, "
            f"sector={result['sector']}, kind={result['kind']}, role={result['role']})"
        )
    sys.stdout.flush()

"""Command-line interface: `polybius COMMAND`. Each module registers thin commands."""

from __future__ import annotations

import logging
import sys

import typer

from polybius import __version__
from polybius.cli import (  # noqa: F401  (each module registers its commands)
    actor_cmd,  # actor
    extract_cmd,  # extract, info, eval
    store_cmds,  # ingest, recode, query, stats, serve
)
from polybius.cli.app import app

__all__ = ["app", "main"]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"polybius {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log details to stderr."),
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def main() -> None:
    app()

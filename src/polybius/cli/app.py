"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="polybius",
    help="Turn dated news articles into coded political events (PLOVER + CAMEO).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

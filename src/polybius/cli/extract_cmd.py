"""`polybius extract`, `polybius info` and `polybius eval`: thin wrappers over the library."""

from __future__ import annotations

import json
import logging
import platform
import sys
from pathlib import Path
from typing import Annotated

import typer

from polybius import __version__
from polybius.cli.app import app
from polybius.cli.output import EventWriter, progress
from polybius.errors import InputError, PolybiusError

log = logging.getLogger("polybius.cli")

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="jsonl, csv or table (default: table on a terminal, else jsonl)."),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name.")] = None,
    config: Annotated[Path | None, typer.Option(help="TOML configuration file.")] = None,
    actors: Annotated[
        list[Path] | None, typer.Option("--actors", help="Actor overlay file (repeatable).")
    ] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per spaCy batch.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not stdout.")] = None,
) -> None:
    """Code political events from dated news documents.

    Exit status: 0 when every document was read and coded, 1 when at least one document was
    skipped (unreadable, binary, empty, too large, bad JSON line), 2 on a usage error.
    """
    from polybius.config import Config
    from polybius.ingest import read_documents
    from polybius.pipeline import Pipeline

    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    fmt = fmt or ("table" if out.isatty() else "jsonl")
    if fmt not in {"jsonl", "csv", "table"}:
        raise typer.BadParameter(f"unknown format {fmt!r} (jsonl, csv, table)", param_hint="--format")
    try:
        cfg = Config.load(
            config,
            model=model,
            batch_size=batch_size,
            actor_overlays=tuple(actors) if actors else None,
        )
        pipeline = Pipeline.from_config(cfg)
    except PolybiusError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    failed = 0

    def documents():  # type: ignore[no-untyped-def]
        nonlocal failed
        for item in read_documents(paths):
            if isinstance(item, InputError):
                failed += 1
                typer.echo(f"skipped {item}", err=True)
                continue
            for warning in item.warnings:
                typer.echo(f"warning: {item.origin or item.id}: {warning}", err=True)
            yield item

    writer = EventWriter(out, fmt)
    n_docs = n_events = 0
    with progress("coding documents") as tick:
        for _doc, events in pipeline.process(documents()):
            n_docs += 1
            n_events += len(events)
            writer.write(events)
            tick()
    writer.close()
    failed += len(pipeline.failures)
    typer.echo(
        f"{n_docs} documents coded, {n_events} events, {failed} documents skipped", err=True
    )
    if output:
        out.close()
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@app.command()
def info(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or text.")] = "text",
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name.")] = None,
) -> None:
    """Versions of Polybius, its spaCy pipeline and Python."""
    from polybius.annotate import DEFAULT_MODEL, installed_models

    data = {
        "version": __version__,
        "spacy_model": model or DEFAULT_MODEL,
        "installed_spacy_models": installed_models(),
        "python": platform.python_version(),
    }
    if fmt == "json":
        typer.echo(json.dumps(data))
    else:
        for key, value in data.items():
            typer.echo(f"{key}: {value}")


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file: PLOVER GSR JSON array or Polybius JSONL.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name.")] = None,
    errors: Annotated[
        Path | None, typer.Option(help="Write per-document mismatches here (JSONL).")
    ] = None,
) -> None:
    """Score the coder against a gold file: per-type P/R/F1, dyad F1, date accuracy."""
    from polybius.config import Config
    from polybius.evaluation import evaluate_file

    try:
        report = evaluate_file(gold, Config.load(model=model), errors_path=errors)
    except PolybiusError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    if fmt == "json":
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(report.to_text())

"""`polybius ingest | recode | query | stats | serve`: thin wrappers over polybius.store and api."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from polybius.cli.app import app
from polybius.errors import PolybiusError

DEFAULT_DB = Path("polybius.duckdb")
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB event store file.")]


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(EXIT_USAGE)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, str], None]]:
    """A rich progress display on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        yield lambda _n, _text: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs {task.fields[info]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None, info="")
        yield lambda n, text: bar.update(task, advance=n, info=text)


def _pipeline(model: str | None, batch_size: int | None, config: Path | None) -> Any:
    from polybius.config import Config
    from polybius.pipeline import Pipeline

    cfg = Config.load(config, model=model, batch_size=batch_size)
    return Pipeline.from_config(cfg)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name.")] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Documents per transaction (and per coding batch).")
    ] = 32,
    config: Annotated[Path | None, typer.Option(help="TOML configuration file.")] = None,
) -> None:
    """Code documents and add them to the event store; documents already stored are skipped.

    Exit status: 0 when every document was stored or already present, 1 when at least one
    document failed, 2 on a usage or store error.
    """
    from polybius.ingest import read_documents
    from polybius.store import EventStore, IngestSummary
    from polybius.store import ingest as ingest_documents

    try:
        pipeline = _pipeline(model, batch_size, config)
        with EventStore(db) as store, _progress("ingesting") as tick:

            def on_batch(summary: IngestSummary, n: int) -> None:
                tick(n, f"({summary.documents_new} new, {summary.events_added} events)")

            summary = ingest_documents(
                store, read_documents(paths), pipeline, batch_size=batch_size, on_batch=on_batch
            )
    except PolybiusError as exc:
        raise _fail(exc) from exc
    for failure in summary.failures:
        typer.echo(f"failed: {failure}", err=True)
    typer.echo(
        f"documents: {summary.documents_new} new, {summary.documents_present} already present, "
        f"{summary.documents_failed} failed; events added: {summary.events_added}",
        err=True,
    )
    raise typer.Exit(EXIT_SOME_FAILED if summary.documents_failed else EXIT_OK)


@app.command()
def recode(
    db: DbOption = DEFAULT_DB,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per coding batch.")] = 32,
    config: Annotated[Path | None, typer.Option(help="TOML configuration file.")] = None,
) -> None:
    """Re-code every stored document with the current coder (after an upgrade)."""
    from polybius.store import EventStore, RecodeSummary
    from polybius.store import recode as recode_store

    try:
        pipeline = _pipeline(model, batch_size, config)
        with EventStore(db) as store, _progress("recoding") as tick:

            def on_document(_summary: RecodeSummary) -> None:
                tick(1, "")

            summary = recode_store(store, pipeline, batch_size=batch_size, on_document=on_document)
    except PolybiusError as exc:
        raise _fail(exc) from exc
    for failure in summary.failures:
        typer.echo(f"failed: {failure}", err=True)
    typer.echo(
        f"documents recoded: {summary.documents} ({summary.documents_failed} failed); "
        f"events: {summary.events_before} before, {summary.events_after} after",
        err=True,
    )
    raise typer.Exit(EXIT_SOME_FAILED if summary.documents_failed else EXIT_OK)


@app.command()
def query(
    db: DbOption = DEFAULT_DB,
    source: Annotated[str | None, typer.Option(help="Source country (ISO3) or actor code.")] = None,
    target: Annotated[str | None, typer.Option(help="Target country (ISO3) or actor code.")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Country (ISO3) or actor code on either side.")
    ] = None,
    dyad: Annotated[
        str | None, typer.Option(help="A,B: events between A and B, either way.")
    ] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    cameo: Annotated[str | None, typer.Option(help="CAMEO code prefix, e.g. 04.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="First event date, YYYY-MM-DD.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Last event date, YYYY-MM-DD.")
    ] = None,
    text: Annotated[str | None, typer.Option(help="Words the evidence sentence contains.")] = None,
    country_located: Annotated[
        str | None,
        typer.Option("--country-located", help="Events located in this country (ISO3)."),
    ] = None,
    bbox: Annotated[
        str | None,
        typer.Option(
            help="Events located in MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (degrees; MIN_LON > "
            "MAX_LON crosses the antimeridian)."
        ),
    ] = None,
    include_negated: Annotated[
        bool, typer.Option(help="Keep negated and hypothetical events.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    offset: Annotated[int, typer.Option(help="Skip this many events first.")] = 0,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="jsonl, csv, parquet, plover, gdelt or geojson."),
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here, not stdout.")
    ] = None,
) -> None:
    """Export the stored events that match the filters."""
    from polybius.store import FORMATS, EventFilter, EventStore, export_events

    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"unknown format {fmt!r} ({', '.join(FORMATS)})", param_hint="--format"
        )
    try:
        flt = EventFilter.build(
            source=source, target=target, actor=actor, dyad=dyad, event_type=event_type,
            cameo=cameo, date_from=date_from, date_to=date_to, text=text,
            country_located=country_located, bbox=bbox, include_negated=include_negated,
            limit=limit, offset=offset,
        )  # fmt: skip
        with EventStore(db, read_only=True) as store:
            if output:
                with output.open("wb") as out:
                    n = export_events(store, flt, fmt, out)
            else:
                n = export_events(store, flt, fmt, _stdout_bytes())
    except (PolybiusError, OSError) as exc:
        raise _fail(exc) from exc
    if output:
        typer.echo(f"{n} events written to {output}", err=True)


def _stdout_bytes() -> IO[bytes]:
    sys.stdout.flush()
    return sys.stdout.buffer


@app.command()
def stats(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    top: Annotated[int, typer.Option(min=1, max=1000, help="How many dyads to list.")] = 20,
) -> None:
    """Counts by PLOVER type and by month, and the most frequent dyads."""
    from polybius.store import EventStore

    if fmt not in {"table", "json"}:
        raise typer.BadParameter(f"unknown format {fmt!r} (table, json)", param_hint="--format")
    try:
        with EventStore(db, read_only=True) as store:
            figures = store.stats(top=top)
    except PolybiusError as exc:
        raise _fail(exc) from exc
    if fmt == "json":
        typer.echo(json.dumps(figures, indent=2))
        return
    typer.echo(
        f"{figures['documents']} documents, {figures['events']} events, {figures['actors']} actors"
    )
    typer.echo("\nevents by type")
    for row in figures["by_type"]:
        typer.echo(f"  {row['type']:<12} {row['events']:>8}")
    typer.echo("\nevents by month")
    for row in figures["by_month"]:
        typer.echo(f"  {row['month']:<12} {row['events']:>8}")
    typer.echo("\ntop dyads")
    for row in figures["top_dyads"]:
        typer.echo(f"  {row['a']:>6} - {row['b']:<6} {row['events']:>8}")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="POLYBIUS_TOKEN", help="Enable POST /api/documents with this Bearer token."
        ),
    ] = None,
    max_body_bytes: Annotated[
        int, typer.Option(min=1, help="Largest request body accepted.")
    ] = 2_000_000,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json) and the dashboard at /."""
    from polybius.api import serve as serve_api

    try:
        serve_api(db, host=host, port=port, token=token, max_body_bytes=max_body_bytes)
    except PolybiusError as exc:
        raise _fail(exc) from exc

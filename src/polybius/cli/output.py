"""Event output formats for the terminal and for machines, and the stderr progress bar."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from polybius.records import Event

CSV_COLUMNS = [
    "event_id", "doc_id", "date", "date_end", "date_precision", "historical",
    "source_text", "source_name", "source_country", "source_sector", "source_code",
    "target_text", "target_name", "target_country", "target_sector", "target_code",
    "cameo_code", "cameo_label", "goldstein", "quad_class", "plover_type", "plover_mode",
    "plover_context", "negated", "intent", "hypothetical", "trigger", "trigger_start",
    "trigger_end", "sentence_index", "sentence", "confidence", "coder_version",
]  # fmt: skip


def flat_row(event: Event) -> dict[str, Any]:
    d = event.to_dict()
    row: dict[str, Any] = {
        "event_id": d["event_id"],
        "doc_id": d["doc_id"],
        "date": d["date"],
        "date_end": d["date_end"],
        "date_precision": d["date_precision"],
        "historical": d["historical"],
    }
    for side in ("source", "target"):
        actor = d[side] or {}
        for key in ("text", "name", "country", "sector", "code"):
            row[f"{side}_{key}"] = actor.get(key)
    row.update(
        cameo_code=d["cameo"]["code"],
        cameo_label=d["cameo"]["label"],
        goldstein=d["cameo"]["goldstein"],
        quad_class=d["cameo"]["quad_class"],
        plover_type=d["plover"]["event_type"],
        plover_mode=d["plover"]["mode"],
        plover_context=";".join(d["plover"]["context"]),
        negated=d["negated"],
        intent=d["intent"],
        hypothetical=d["hypothetical"],
        trigger=d["trigger"]["text"],
        trigger_start=d["trigger"]["start"],
        trigger_end=d["trigger"]["end"],
        sentence_index=d["sentence"]["index"],
        sentence=d["sentence"]["text"],
        confidence=d["confidence"],
        coder_version=d["coder_version"],
    )
    return row


class EventWriter:
    """Streams events as JSON lines, CSV, or a readable table (buffered until close)."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        self.out = out
        self.fmt = fmt
        self._table: list[Event] = []
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "csv":
            self._csv = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            self._csv.writeheader()

    def write(self, events: list[Event]) -> None:
        if self.fmt == "jsonl":
            for e in events:
                self.out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        elif self._csv is not None:
            for e in events:
                self._csv.writerow(flat_row(e))
        else:
            self._table.extend(events)
        self.out.flush()

    def close(self) -> None:
        if self.fmt != "table":
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(self._table)} events", show_lines=False)
        for col in ("date", "source", "event", "target", "trigger", "flags"):
            table.add_column(col)
        for e in self._table:
            flags = ",".join(
                f for f, on in (("neg", e.negated), ("intent", e.intent), ("hypo", e.hypothetical),
                                ("hist", e.when.historical)) if on
            )  # fmt: skip
            table.add_row(
                f"{e.when.date or '?'} ({e.when.precision})",
                _actor(e.source),
                f"{e.plover.event_type or '-'} {e.cameo.code} {e.cameo.label}",
                _actor(e.target),
                e.trigger.text,
                flags,
            )
        Console(file=self.out, width=160).print(table)


def _actor(actor: Any) -> str:
    if actor is None:
        return "-"
    return f"{actor.code or '?'} ({actor.text})"


@contextmanager
def progress(label: str) -> Iterator[Callable[[], None]]:
    """A spinner/bar on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.completed} docs"),
        TimeElapsedColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)
        yield lambda: bar.advance(task)

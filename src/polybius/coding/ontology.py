"""The CAMEO/PLOVER ontology: what each CAMEO code means, scores and maps to.

The facts live in two tab-separated data files in ``coding/data/`` so that a political
scientist can read and correct them without touching code:

* ``cameo.tsv``  one row per CAMEO code: label, Goldstein score, quad class, PLOVER mapping;
* ``intent.tsv`` which code expresses the intent (promise or threat) to do an action.

Both files explain their columns and sources in their ``#`` header.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from polybius.errors import DataFileError
from polybius.records import CameoInfo, PloverInfo

PLOVER_TYPES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
)

CAMEO_COLUMNS = (
    "code",
    "label",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "plover_context",
)
INTENT_COLUMNS = ("action_prefix", "intent_code", "note")

_CODE = re.compile(r"^\d{2,4}$")
_CAMEO_FILE = "cameo.tsv"
_INTENT_FILE = "intent.tsv"
# Bump when the meaning of the tables changes, not for label rewording; the content digest
# appended to it tells apart any two different tables anyway.
_ONTOLOGY_NAME = "cameo1.1b3+plover2021"


def quad_class_of(code: str) -> int:
    """GDELT quad class of a CAMEO code, from its two-digit root."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


@dataclass(frozen=True, slots=True)
class _Entry:
    cameo: CameoInfo
    plover: PloverInfo


class Ontology:
    """Lookups over the CAMEO table and the intent table.

    Use :meth:`load` for the packaged tables (read once, then cached). Lookups of a code
    that is not in the table raise ``LookupError``: an unknown code is a bug in the caller
    (a lexicon or a test), not a data problem to be papered over.
    """

    def __init__(self, entries: dict[str, _Entry], intents: dict[str, str], version: str) -> None:
        self._entries = entries
        self._intents = intents
        self.version = version

    # -- construction -------------------------------------------------------------------

    @classmethod
    def load(cls) -> Ontology:
        """The packaged ontology (parsed on first use, then shared)."""
        return _packaged()

    @classmethod
    def from_files(cls, cameo_path: str | Path, intent_path: str | Path) -> Ontology:
        """An ontology from tables on disk (same format as the packaged ones)."""
        cameo_path, intent_path = Path(cameo_path), Path(intent_path)
        return cls.from_text(
            _read(cameo_path),
            _read(intent_path),
            cameo_name=str(cameo_path),
            intent_name=str(intent_path),
        )

    @classmethod
    def from_text(
        cls,
        cameo_text: str,
        intent_text: str,
        *,
        cameo_name: str = _CAMEO_FILE,
        intent_name: str = _INTENT_FILE,
    ) -> Ontology:
        entries = _parse_cameo(cameo_text, cameo_name)
        intents = _parse_intent(intent_text, intent_name, entries)
        digest = hashlib.sha256((cameo_text + "\0" + intent_text).encode("utf-8")).hexdigest()
        return cls(entries, intents, f"{_ONTOLOGY_NAME}-{digest[:8]}")

    # -- lookups ------------------------------------------------------------------------

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def cameo(self, code: str) -> CameoInfo:
        """CAMEO record of ``code``; raises ``LookupError`` for a code not in the table."""
        return self._entry(code).cameo

    def plover(self, code: str) -> PloverInfo:
        """PLOVER type/mode/context of ``code``; ``event_type`` is None for 01x statements."""
        return self._entry(code).plover

    def label(self, code: str) -> str:
        return self._entry(code).cameo.label

    def codes(self) -> list[str]:
        """Every code in the table, roots included, in CAMEO order."""
        # Plain string order is CAMEO order: "19" < "190" < "1901" < "191".
        return sorted(self._entries)

    def intent_code(self, code: str) -> str | None:
        """The code for a promise or threat to do ``code`` (longest prefix wins), or None
        when CAMEO has no intent form for it."""
        self._entry(code)
        for length in range(len(code), 1, -1):
            intent = self._intents.get(code[:length])
            if intent is not None:
                return intent
        return None

    def _entry(self, code: str) -> _Entry:
        try:
            return self._entries[code]
        except KeyError:
            raise LookupError(f"unknown CAMEO code {code!r}") from None


@lru_cache(maxsize=1)
def _packaged() -> Ontology:
    data = resources.files("polybius.coding") / "data"
    return Ontology.from_text(
        (data / _CAMEO_FILE).read_text(encoding="utf-8"),
        (data / _INTENT_FILE).read_text(encoding="utf-8"),
        cameo_name=f"polybius/coding/data/{_CAMEO_FILE}",
        intent_name=f"polybius/coding/data/{_INTENT_FILE}",
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), None, f"cannot read: {exc}") from exc


def _rows(
    text: str, name: str, columns: tuple[str, ...], required: int
) -> Iterator[tuple[int, list[str]]]:
    """Data rows as (line number, cells), after checking the header.

    Trailing empty cells may be missing (spreadsheets drop them); ``required`` cells may not.
    """
    header_seen = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not header_seen:
            if tuple(cells) != columns:
                raise DataFileError(
                    name, lineno, f"expected header {' '.join(columns)!r}, got {' '.join(cells)!r}"
                )
            header_seen = True
            continue
        if len(cells) > len(columns):
            raise DataFileError(
                name, lineno, f"{len(cells)} tab-separated cells, expected at most {len(columns)}"
            )
        if len(cells) < required:
            raise DataFileError(
                name, lineno, f"{len(cells)} tab-separated cells, expected at least {required}"
            )
        yield lineno, cells + [""] * (len(columns) - len(cells))
    if not header_seen:
        raise DataFileError(name, None, "no header row")


def _parse_cameo(text: str, name: str) -> dict[str, _Entry]:
    entries: dict[str, _Entry] = {}
    lines: dict[str, int] = {}
    for lineno, cells in _rows(text, name, CAMEO_COLUMNS, required=4):
        code, label, goldstein_text, quad_text, ptype, mode, context = cells
        if not _CODE.match(code):
            raise DataFileError(name, lineno, f"bad CAMEO code {code!r} (2 to 4 digits)")
        if code in entries:
            raise DataFileError(
                name, lineno, f"duplicate code {code} (first on line {lines[code]})"
            )
        if not label:
            raise DataFileError(name, lineno, f"code {code} has no label")
        try:
            goldstein = float(goldstein_text)
        except ValueError:
            raise DataFileError(
                name, lineno, f"goldstein {goldstein_text!r} is not a number"
            ) from None
        if not -10.0 <= goldstein <= 10.0:
            raise DataFileError(name, lineno, f"goldstein {goldstein} outside [-10, 10]")
        if quad_text != str(quad_class_of(code)):
            raise DataFileError(
                name, lineno, f"quad_class {quad_text!r} for {code}, expected {quad_class_of(code)}"
            )
        if ptype and ptype not in PLOVER_TYPES:
            raise DataFileError(name, lineno, f"unknown PLOVER type {ptype!r}")
        if (mode or context) and not ptype:
            raise DataFileError(name, lineno, "PLOVER mode or context without a PLOVER type")
        contexts = tuple(c.strip() for c in context.split(";") if c.strip())
        entries[code] = _Entry(
            CameoInfo(
                code=code,
                root=code[:2],
                label=label,
                goldstein=goldstein,
                quad_class=int(quad_text),
            ),
            PloverInfo(event_type=ptype or None, mode=mode or None, context=contexts),
        )
        lines[code] = lineno
    for code, lineno in lines.items():
        if len(code) > 2 and code[:-1] not in entries:
            raise DataFileError(name, lineno, f"code {code} has no parent row {code[:-1]}")
    return entries


def _parse_intent(text: str, name: str, entries: dict[str, _Entry]) -> dict[str, str]:
    intents: dict[str, str] = {}
    for lineno, cells in _rows(text, name, INTENT_COLUMNS, required=2):
        prefix, intent, _note = cells
        if prefix not in entries:
            raise DataFileError(name, lineno, f"action prefix {prefix!r} is not a CAMEO code")
        if intent not in entries:
            raise DataFileError(name, lineno, f"intent code {intent!r} is not a CAMEO code")
        if prefix in intents:
            raise DataFileError(name, lineno, f"duplicate action prefix {prefix}")
        intents[prefix] = intent
    return intents

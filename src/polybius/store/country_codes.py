"""Country code conversions for exports: ISO 3166 alpha-3 (what Polybius stores) to the
FIPS 10-4 codes that GDELT expects, and to English names for PLOVER location objects.

The table is ``store/data/countries.tsv``, written by us and readable by an analyst.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from polybius.errors import DataFileError

TABLE = "countries.tsv"
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_FIPS = re.compile(r"^([A-Z]{2})?$")
# GeoNames admin1 keys look like "UA.05" or "US.TX": country (ISO alpha-2), dot, code.
_ADMIN1_KEY = re.compile(r"^([A-Z]{2})\.([A-Z0-9]{1,3})$")


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    fips: str | None  # None where no single FIPS 10-4 code exists
    name: str


@cache
def countries() -> dict[str, Country]:
    """ISO alpha-3 code -> ``Country``, read once from the package's data table."""
    source = resources.files("polybius.store").joinpath("data", TABLE)
    path = str(source)
    lines = source.read_text("utf-8").splitlines()
    rows = [(n, line) for n, line in enumerate(lines, 1) if line and not line.startswith("#")]
    if not rows or rows[0][1].split("\t") != ["iso3", "iso2", "fips", "name"]:
        raise DataFileError(
            path, rows[0][0] if rows else None, "expected header iso3, iso2, fips, name"
        )
    table: dict[str, Country] = {}
    for line_no, line in rows[1:]:
        fields = next(csv.reader([line], delimiter="\t"))
        if len(fields) != 4:
            raise DataFileError(
                path, line_no, f"expected 4 tab-separated fields, got {len(fields)}"
            )
        iso3, iso2, fips, name = (f.strip() for f in fields)
        if not _ISO3.match(iso3) or not _ISO2.match(iso2) or not _FIPS.match(fips) or not name:
            raise DataFileError(path, line_no, f"malformed country row {fields!r}")
        if iso3 in table:
            raise DataFileError(path, line_no, f"duplicate country {iso3}")
        table[iso3] = Country(iso3, iso2, fips or None, name)
    return table


def country(iso3: str | None) -> Country | None:
    return countries().get(iso3) if iso3 else None


def fips_code(iso3: str | None) -> str | None:
    found = country(iso3)
    return found.fips if found else None


def country_name(iso3: str | None) -> str | None:
    found = country(iso3)
    return found.name if found else None


def gdelt_adm1_code(iso3: str | None, admin1: str | None) -> str | None:
    """GDELT's ADM1 code: FIPS country code + first-level division code, e.g. "UP05", "USTX".

    GeoNames admin1 codes are FIPS 10-4 division codes for most countries (US states use
    their postal codes, as GDELT does), so the key's code part is appended as is. Without
    an admin1 key (a country-level place) GDELT writes the country code alone.
    """
    fips = fips_code(iso3)
    if fips is None:
        return None
    match = _ADMIN1_KEY.match(admin1 or "")
    found = country(iso3)
    if match and found and match.group(1) == found.iso2:
        return fips + match.group(2)
    return fips

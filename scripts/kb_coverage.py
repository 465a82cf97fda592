"""How completely the knowledge base covers each country's offices from 2000 to today.

    .venv/bin/python scripts/kb_coverage.py [--office foreign_minister] [--gaps]

For every country and office kind (head of state, head of government, foreign minister,
defence minister) prints the days between 2000-01-01 and the knowledge cutoff that no
term of office covers. Countries without the office (no armed forces, no prime minister)
are listed in ``actors/data/offices_absent.yaml`` and not counted as gaps.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "src" / "polybius" / "actors" / "data"
START, CUTOFF = date(2000, 1, 1), date(2025, 6, 30)
OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
SLACK = timedelta(days=60)  # caretakers and confirmation delays are not gaps


def _day(value: object, default: date) -> date:
    return date.fromisoformat(str(value)) if value else default


def gaps() -> dict[str, dict[str, int]]:
    terms: dict[str, dict[str, list[tuple[date, date]]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted((DATA / "people").glob("*.yaml")):
        for person in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for office in person.get("offices", []):
                country = office.get("country", person.get("country"))
                terms[country][office["office"]].append(
                    (_day(office.get("start"), date(1900, 1, 1)), _day(office.get("end"), date.max))
                )
    countries = [c["iso3"] for c in yaml.safe_load((DATA / "countries.yaml").read_text(encoding="utf-8"))]
    absent_file = DATA / "offices_absent.yaml"
    absent = yaml.safe_load(absent_file.read_text(encoding="utf-8")) if absent_file.exists() else {}
    out: dict[str, dict[str, int]] = {}
    for country in countries:
        row = {}
        founded = (absent or {}).get("founded", {}).get(country)
        begin = max(START, date.fromisoformat(str(founded))) if founded else START
        for office in OFFICES:
            if country in ((absent or {}).get(office) or []):
                row[office] = 0
                continue
            missing, cursor = 0, begin
            for start, end in sorted(terms[country][office]):
                if start > cursor + SLACK:
                    missing += (min(start, CUTOFF) - cursor).days
                cursor = max(cursor, end)
                if cursor >= CUTOFF:
                    break
            if cursor < CUTOFF:
                missing += (CUTOFF - cursor).days
            row[office] = max(0, missing)
        out[country] = row
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--office", choices=OFFICES)
    ap.add_argument("--gaps", action="store_true", help="list the countries with gaps")
    args = ap.parse_args()
    table = gaps()
    offices = [args.office] if args.office else list(OFFICES)
    for office in offices:
        full = [c for c, row in table.items() if row[office] <= 365]
        print(f"{office}: {len(full)}/{len(table)} countries covered 2000-{CUTOFF.year} "
              f"(gaps of a year or less)")
        if args.gaps:
            print("  gaps:", " ".join(f"{c}({row[office]}d)" for c, row in table.items() if row[office] > 365))
    return 0


if __name__ == "__main__":
    sys.exit(main())

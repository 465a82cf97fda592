"""User overlays: adding and overriding entries, and errors that name file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from polybius.actors import ActorResolver
from polybius.actors.kb import load
from polybius.errors import DataFileError

GOOD_OVERLAY = """\
# A user's additions for a local study.
people:
  - id: kaz-testov
    name: Aidar Testov
    aliases: [Testov]
    country: KAZ
    offices:
      - {office: defence_minister, title: Defence Minister, start: 2030-01-01, end: 2030-12-31}
      - {office: head_of_government, title: Prime Minister, start: 2031-01-01}
groups:
  - id: afg-taliban
    name: Taliban
    aliases: [Taleban]
    status:
      - {country: AFG, sector: REB}
organizations:
  - {code: XYZ, name: Example Treaty Organisation, aliases: [ETO]}
countries:
  - {iso3: KAZ, name: Kazakhstan, adjectives: [Kazakh], capital: Astana, metonyms: [Akorda]}
sectors:
  - {sector: MIL, terms: [sentries]}
"""


def write(tmp_path: Path, text: str, name: str = "my_actors.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_overlay_adds_people_groups_orgs_and_sectors(tmp_path: Path) -> None:
    resolver = ActorResolver.default(overlays=[write(tmp_path, GOOD_OVERLAY)])
    minister = resolver.resolve("Testov", date(2030, 6, 1))
    assert minister is not None
    assert (minister.code, minister.role, minister.name) == (
        "KAZGOV",
        "defence_minister",
        "Aidar Testov",
    )
    assert resolver.resolve("Testov", date(2029, 6, 1)).sector == "ELI"  # type: ignore[union-attr]
    holder = resolver.resolve("the Kazakh prime minister", date(2032, 1, 1))
    assert holder is not None and holder.kb_id == "kaz-testov"
    # The Taliban entry is replaced whole: REB at every date.
    taliban = resolver.resolve("the Taliban", date(2023, 1, 1))
    assert taliban is not None and taliban.code == "AFGREB"
    org = resolver.resolve("ETO")
    assert org is not None and org.code == "IGOXYZ"
    sentries = resolver.resolve("Kazakh sentries")
    assert sentries is not None and sentries.code == "KAZMIL"
    assert "overlays" in resolver.version


def test_overlay_does_not_change_the_packaged_resolver(tmp_path: Path) -> None:
    ActorResolver.default(overlays=[write(tmp_path, GOOD_OVERLAY)])
    taliban = ActorResolver.default().resolve("the Taliban", date(2023, 1, 1))
    assert taliban is not None and taliban.code == "AFGGOV"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("people:\n  - id: x\n    name: [unclosed\n", 4, "invalid YAML"),
        (
            "people:\n  - id: usa-nobody\n    name: Nobody\n    country: USA\n"
            "    offices:\n      - {office: emperor, start: 2020-01-01}\n",
            6,
            "unknown office 'emperor'",
        ),
        (
            "people:\n  - id: usa-nobody\n    name: Nobody\n    country: USA\n"
            "    offices:\n      - {office: other, start: 2020-13-45}\n",
            6,
            "not a YYYY-MM-DD date",
        ),
        (
            "groups:\n  - id: g1\n    name: G\n    status:\n      - {country: USA, sector: REB}\n"
            "  - id: g2\n    status:\n      - {country: USA, sector: REB}\n",
            6,
            "missing required field 'name'",
        ),
        ("countries:\n  - {iso3: usa, name: X}\n", 2, "three capital letters"),
        ("sectors:\n  - {sector: MIL}\n", 2, "missing required field 'terms'"),
        ("organizations:\n  - {code: ABC, name: A, colour: red}\n", 2, "unknown field(s): colour"),
        ("spaceships: []\n", 1, "unknown section"),
        (
            "people:\n  - id: usa-nobody\n    name: Nobody\n    country: USA\n"
            "    offices:\n      - {office: igo_leader, start: 2020-01-01}\n",
            6,
            "needs 'org'",
        ),
        (
            "people:\n  - id: usa-nobody\n    name: Nobody\n    country: USA\n"
            "    offices:\n      - {office: other, start: 2021-01-01, end: 2020-01-01}\n",
            6,
            "before start",
        ),
    ],
)
def test_bad_overlay_names_file_and_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataFileError) as info:
        load([path])
    assert info.value.path == str(path)
    assert info.value.line == line
    assert reason in info.value.reason
    assert f"{path}:{line}" in str(info.value)


def test_unknown_country_in_overlay_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "people:\n  - id: zzz-x\n    name: X\n    country: ZZZ\n    offices: []\n",
    )
    with pytest.raises(DataFileError, match="unknown country 'ZZZ'") as info:
        load([path])
    assert info.value.line == 2


def test_missing_overlay_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load([tmp_path / "absent.yaml"])

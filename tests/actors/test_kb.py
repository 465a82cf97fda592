"""Loading the packaged knowledge base, and the checks that guard it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from polybius.actors.kb import DATA_DIR, load, load_packaged
from polybius.errors import DataFileError

REQUIRED_ORG_CODES = [
    "UNO",
    "UNSC",
    "UNGA",
    "UNHCR",
    "UNICEF",
    "WFP",
    "UNDP",
    "UNESCO",
    "EUR",
    "EUP",
    "ECB",
    "NAT",
    "AFU",
    "ASN",
    "OPC",
    "IMF",
    "WBK",
    "WHO",
    "WTO",
    "IAE",
    "ICC",
    "ICJ",
    "OSC",
    "ARL",
    "GCC",
    "SCO",
    "ECO",
    "COE",
    "OAS",
    "CWN",
    "OIC",
    "BIS",
    "OECD",
    "APEC",
    "BRI",
    "G7",
    "G20",
    "ITP",
    "ICRC",
    "FAO",
    "ILO",
    "WMO",
    "SADC",
    "EAC",
    "IGAD",
    "CARICOM",
    "MERCOSUR",
    "CIS",
    "CSTO",
    "EAEU",
    "QUAD",
    "AUKUS",
    "OAU",
    "MSF",
    "AMN",
    "HRW",
]


def test_packaged_kb_sizes() -> None:
    kb = load()
    counts = kb.counts()
    assert counts["countries"] == 197  # 193 UN members + VAT, PSE + TWN, XKX
    assert counts["organizations"] >= 60
    assert counts["groups"] >= 50
    assert counts["sector_terms"] >= 300
    for code in REQUIRED_ORG_CODES:
        assert code in kb.organizations, code
    assert kb.organizations["MSF"].sector == "NGO"
    for iso3 in ("TWN", "XKX", "PSE", "VAT", "SSD", "USA"):
        assert iso3 in kb.countries


def test_every_person_country_and_org_exists() -> None:
    kb = load()
    for person in kb.people.values():
        assert person.country in kb.countries
        for office in person.offices:
            assert office.org is None or office.org in kb.organizations


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


PERSON = """\
- id: usa-dupe-test
  name: Dupe Test
  aliases: []
  country: USA
  offices:
    - {office: other, title: Adviser, start: 2020-01-01}
"""


def test_duplicate_person_ids_across_files_name_both_files(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "people" / "zz_one.yaml").write_text(PERSON, encoding="utf-8")
    (data / "people" / "zz_two.yaml").write_text("# header\n" + PERSON, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_packaged(data)
    message = str(info.value)
    assert "usa-dupe-test" in message
    assert "zz_one.yaml" in message and "zz_two.yaml" in message
    assert info.value.line == 2


def test_half_written_people_file_is_reported_with_its_line(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "people" / "zz_broken.yaml").write_text(
        PERSON + "- id: usa-broken\n  name: [oops\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError) as info:
        load_packaged(data)
    assert info.value.path.endswith("zz_broken.yaml")
    assert info.value.line is not None and info.value.line >= 8


def test_empty_people_file_loads(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "people" / "zz_empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_packaged(data).people


def test_core_file_yields_to_regional_files(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    core = data / "people" / "core.yaml"
    core.write_text(
        PERSON
        + "- id: usa-other-id\n  name: Same Name\n  country: USA\n  offices: []\n"
        + "- id: usa-core-only\n  name: Core Only\n  country: USA\n  offices: []\n",
        encoding="utf-8",
    )
    regional = PERSON.replace("Adviser", "Regional Adviser")
    regional += "- id: usa-same-name\n  name: Same Name\n  country: USA\n  offices: []\n"
    (data / "people" / "zz_regional.yaml").write_text(regional, encoding="utf-8")
    kb = load_packaged(data)
    assert kb.people["usa-dupe-test"].offices[0].title == "Regional Adviser"
    assert "usa-other-id" not in kb.people  # same country and name as a regional entry
    assert "usa-core-only" in kb.people


def test_duplicates_inside_core_are_errors(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "people" / "core.yaml").write_text(PERSON + PERSON, encoding="utf-8")
    with pytest.raises(DataFileError, match="duplicate person id 'usa-dupe-test'"):
        load_packaged(data)

"""The packaged CAMEO/PLOVER tables and their loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from polybius.coding.ontology import PLOVER_TYPES, Ontology
from polybius.errors import DataFileError

ROOTS = [f"{n:02d}" for n in range(1, 21)]
HEADER = "code\tlabel\tgoldstein\tquad_class\tplover_type\tplover_mode\tplover_context\n"
INTENT_HEADER = "action_prefix\tintent_code\tnote\n"


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


def test_load_is_cached(onto: Ontology) -> None:
    assert Ontology.load() is onto
    assert onto.version.startswith("cameo1.1b3+plover2021-")


def test_every_root_and_its_unspecified_code_present(onto: Ontology) -> None:
    codes = set(onto.codes())
    for root in ROOTS:
        assert root in codes
        assert root + "0" in codes
    assert 280 <= len(codes) <= 330


def test_every_code_has_its_parent(onto: Ontology) -> None:
    for code in onto.codes():
        if len(code) > 2:
            assert code[:-1] in onto, code


def test_goldstein_in_range_and_quad_classes(onto: Ontology) -> None:
    for code in onto.codes():
        info = onto.cameo(code)
        assert -10 <= info.goldstein <= 10
        assert info.root == code[:2]
    expected = {1: range(1, 6), 2: range(6, 10), 3: range(10, 15), 4: range(15, 21)}
    for quad, roots in expected.items():
        for root in roots:
            assert onto.cameo(f"{root:02d}").quad_class == quad
            assert onto.cameo(f"{root:02d}0").quad_class == quad


def test_goldstein_spot_values(onto: Ontology) -> None:
    assert onto.cameo("057").goldstein == 8.0
    assert onto.cameo("190").goldstein == -10.0
    # 1213 has no value of its own: it takes 121's
    assert onto.cameo("1213").goldstein == onto.cameo("121").goldstein


def test_plover_spot_facts(onto: Ontology) -> None:
    assert onto.plover("051").event_type == "SUPPORT"
    assert onto.plover("190").event_type == "ASSAULT"
    arrest = onto.plover("173")
    assert (arrest.event_type, arrest.mode) == ("COERCE", "arrest")
    assert onto.plover("163").event_type == "SANCTION"  # the manual: sanctions are "discontinue"
    assert onto.plover("036").event_type == "AGREE"
    assert onto.plover("042").mode == "visit"
    assert onto.plover("094").context == ("military", "legal")
    assert onto.plover("0211").event_type == "REQUEST"
    assert onto.plover("0211").mode == "assist"
    assert onto.plover("026").mode == "meet"
    assert onto.plover("0241").mode == "change"


def test_statements_have_no_plover_type(onto: Ontology) -> None:
    for code in onto.codes():
        plover = onto.plover(code)
        if code.startswith("01"):
            assert plover.event_type is None and plover.mode is None and plover.context == ()
        else:
            assert plover.event_type in PLOVER_TYPES, code


def test_all_sixteen_plover_types_reachable(onto: Ontology) -> None:
    reached = {onto.plover(c).event_type for c in onto.codes()} - {None}
    assert reached == PLOVER_TYPES
    assert len(reached) == 16


def test_labels_are_short_and_present(onto: Ontology) -> None:
    for code in onto.codes():
        assert 0 < len(onto.label(code)) <= 80
    assert "arrest" in onto.label("173").lower()


def test_intent_mapping(onto: Ontology) -> None:
    assert onto.intent_code("042") == "036"
    assert onto.intent_code("043") == "036"
    assert onto.intent_code("061") == "0311"
    assert onto.intent_code("0841") == "0353"  # longest prefix: 084, not 08
    assert onto.intent_code("080") == "035"
    assert onto.intent_code("163") == "1312"
    assert onto.intent_code("191") == "1381"
    assert onto.intent_code("204") == "1385"
    intent_190 = onto.intent_code("190")
    assert intent_190 is not None and intent_190.startswith("138")
    for no_intent in ("010", "036", "090", "111", "138"):
        assert onto.intent_code(no_intent) is None
    # every intent code is itself an intent (03x) or a threat (13x)
    for code in onto.codes():
        intent = onto.intent_code(code)
        if intent is not None:
            assert intent[:2] in {"03", "13"}, (code, intent)


def test_unknown_code_raises_lookup_error(onto: Ontology) -> None:
    with pytest.raises(LookupError):
        onto.cameo("999")
    with pytest.raises(LookupError):
        onto.plover("0110")
    with pytest.raises(LookupError):
        onto.intent_code("21")


def _write(tmp_path: Path, cameo_rows: str, intent_rows: str = "") -> tuple[Path, Path]:
    cameo = tmp_path / "cameo.tsv"
    intent = tmp_path / "intent.tsv"
    cameo.write_text("# comment\n" + HEADER + cameo_rows, encoding="utf-8")
    intent.write_text(INTENT_HEADER + intent_rows, encoding="utf-8")
    return cameo, intent


GOOD = "04\tConsult\t1\t1\tCONSULT\t\t\n040\tConsult\t1\t1\tCONSULT\t\t\n03\tIntent\t4\t1\tAGREE\n036\tMeet\t4\t1\tAGREE\t\tdiplomatic\n"


def test_small_table_from_files(tmp_path: Path) -> None:
    onto = Ontology.from_files(*_write(tmp_path, GOOD, "04\t036\tmeeting\n"))
    assert onto.codes() == ["03", "036", "04", "040"]
    assert onto.plover("036").context == ("diplomatic",)
    assert onto.intent_code("040") == "036"


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        ("041\tPhone\tten\t1\tCONSULT\t\t\n", "not a number"),
        ("041\tPhone\t11\t1\tCONSULT\t\t\n", "outside"),
        ("041\tPhone\t1\t3\tCONSULT\t\t\n", "quad_class"),
        ("041\tPhone\t1\t1\tCHAT\t\t\n", "unknown PLOVER type"),
        ("41x\tPhone\t1\t1\tCONSULT\t\t\n", "bad CAMEO code"),
        ("040\tAgain\t1\t1\tCONSULT\t\t\n", "duplicate"),
        ("041\tPhone\t1\n", "at least 4"),
        ("041\tPhone\t1\t1\tCONSULT\t\t\t\textra\n", "at most 7"),
        ("0412\tOrphan\t1\t1\tCONSULT\t\t\n", "no parent"),
    ],
)
def test_malformed_cameo_row(tmp_path: Path, bad_row: str, reason: str) -> None:
    cameo, intent = _write(tmp_path, GOOD + bad_row)
    with pytest.raises(DataFileError) as err:
        Ontology.from_files(cameo, intent)
    # comment (1) + header (2) + 4 good rows: the bad row is on line 7
    assert err.value.line == 7
    assert err.value.path == str(cameo)
    assert reason in err.value.reason
    assert f"{cameo}:7:" in str(err.value)


def test_malformed_intent_row(tmp_path: Path) -> None:
    cameo, intent = _write(tmp_path, GOOD, "04\t036\n040\t999\tno such code\n")
    with pytest.raises(DataFileError) as err:
        Ontology.from_files(cameo, intent)
    assert (err.value.path, err.value.line) == (str(intent), 3)


def test_wrong_header(tmp_path: Path) -> None:
    cameo = tmp_path / "cameo.tsv"
    cameo.write_text("code\tlabel\n", encoding="utf-8")
    intent = tmp_path / "intent.tsv"
    intent.write_text(INTENT_HEADER, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        Ontology.from_files(cameo, intent)
    assert err.value.line == 1


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError):
        Ontology.from_files(tmp_path / "nope.tsv", tmp_path / "nope2.tsv")

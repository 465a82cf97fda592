from pathlib import Path

import pytest

from polybius.coding.lexicon import Lexicon
from polybius.coding.ontology import Ontology
from polybius.errors import DataFileError


def test_packaged_lexicon_loads_and_codes_are_known():
    lex = Lexicon.load()
    onto = Ontology.load()
    assert len(lex) > 400
    roots = set()
    for lemma in lex.lemmas():
        for rule in lex.rules(lemma):
            onto.cameo(rule.code)  # every code in the lexicon exists in the ontology
            roots.add(rule.code[:2])
    # Every CAMEO root has verbs that express it.
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


def test_all_16_plover_types_are_reachable_from_the_lexicon():
    lex = Lexicon.load()
    onto = Ontology.load()
    types = {onto.plover(r.code).event_type for lem in lex.lemmas() for r in lex.rules(lem)}
    types |= {
        onto.plover(onto.intent_code(r.code) or r.code).event_type
        for lem in lex.lemmas()
        for r in lex.rules(lem)
    }
    assert {
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
    } <= types


def test_overlay_rules_come_first(tmp_path: Path):
    overlay = tmp_path / "verbs.yaml"
    overlay.write_text('praise:\n  - {code: "013"}\nzap:\n  - {code: "190"}\n', encoding="utf-8")
    lex = Lexicon.load([overlay])
    assert lex.rules("praise")[0].code == "013"
    assert lex.rules("praise")[1].code == "051"
    assert lex.rules("zap")[0].code == "190"


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ('praise:\n  - {code: "051"}\nhail:\n  - {cod: "051"}\n', 4, "needs a 'code'"),
        ('praise:\n  - {code: "05x"}\n', 2, "not a CAMEO code"),
        ('praise:\n  - {code: "051", bogus: 1}\n', 2, "unknown keys"),
        ("praise: [\n", None, "invalid YAML"),
    ],
)
def test_bad_overlay_reports_file_and_line(tmp_path: Path, content, line, reason):
    overlay = tmp_path / "bad.yaml"
    overlay.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        Lexicon.load([overlay])
    assert reason in str(info.value)
    assert str(overlay) in str(info.value)
    if line is not None:
        assert info.value.line == line

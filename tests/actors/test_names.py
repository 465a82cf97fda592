"""The name normaliser: properties that the index relies on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from polybius.actors.names import fold, name_key, strip_accents, surface, tokenize

TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=("L", "M", "N", "P", "Zs"), exclude_characters="\x00"
    ),
    max_size=40,
)


@given(TEXT)
def test_name_key_is_idempotent(text: str) -> None:
    key = name_key(text)
    assert name_key(key) == key


@given(TEXT)
def test_name_key_ignores_case_and_accents(text: str) -> None:
    assert name_key(text.upper()) == name_key(text.lower()) or not text.isascii()
    assert name_key(strip_accents(text)) == name_key(text)


@given(TEXT)
def test_keys_are_lower_case_single_spaced(text: str) -> None:
    key = name_key(text)
    assert key == key.strip()
    assert "  " not in key
    assert key == key.casefold()
    assert "'" not in key and "." not in key


@given(TEXT)
def test_tokens_are_never_empty(text: str) -> None:
    for token in tokenize(text):
        assert token.key
        assert token.surface


def test_known_normalisations() -> None:
    assert name_key("Erdoğan") == name_key("Erdogan") == "erdogan"
    assert name_key("Côte d’Ivoire") == name_key("Cote d'Ivoire") == "cote divoire"
    assert name_key("Kassym-Jomart Tokayev") == "kassym jomart tokayev"
    assert surface("the U.S. and the U.N.") == "the US and the UN"
    assert fold("U.S.") == "us"
    assert name_key("Łukasz Øster") == "lukasz oster"
    tokens = tokenize("Russia’s")
    assert [(t.surface, t.possessive) for t in tokens] == [("Russia", True)]
    assert [t.key for t in tokenize("pro-Russian separatists")] == ["separatists"]
    assert [t.key for t in tokenize("the Philippines'")] == ["the", "philippines"]

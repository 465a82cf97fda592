"""Normalisation of names and noun phrases, shared by the KB index and the resolver.

Two forms are kept for every token: a *surface* form (accents and typographic
punctuation removed, case kept) so that acronyms such as "US" or "WHO" can be told
from the words "us" and "who", and a *folded* form (lower case, no dots, no
apostrophes) used as the dictionary key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters that NFKD does not decompose into a base letter plus a mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss",
        "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "ð": "d", "Ð": "D",
        "þ": "th", "Þ": "Th", "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'",
        "´": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-",
        "‑": "-", "‐": "-", "−": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)  # fmt: skip

# "U.S." -> "US", "U.N." -> "UN", "U.S.A." -> "USA": dotted initialisms become acronyms.
_DOTTED_ACRONYM = re.compile(r"\b((?:[A-Z]\.){2,})(?=[^A-Za-z]|$)")
# Anything that is not a letter, digit, apostrophe or hyphen separates tokens.
_SEPARATORS = re.compile(r"[^\w'\-]+")
_POSSESSIVE = re.compile(r"^(.+?)'s?$")
# "pro-Russian", "Iran-backed", "Saudi-led": allegiance, not identity.
_ALLEGIANCE_PREFIXES = ("pro-", "anti-")
_ALLEGIANCE_SUFFIXES = (
    "-backed", "-led", "-allied", "-aligned", "-funded", "-sponsored", "-supported",
    "-friendly", "-linked", "-affiliated", "-inspired", "-controlled", "-held", "-occupied",
)  # fmt: skip


def strip_accents(text: str) -> str:
    """Remove diacritics and unify typographic quotes and dashes ("Erdoğan" -> "Erdogan")."""
    text = text.translate(_SPECIAL_LETTERS)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    # Compatibility decomposition can itself yield quotes to unify ("ŉ" -> "ʼn").
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_SPECIAL_LETTERS)


def surface(text: str) -> str:
    """Accent-free text with dotted initialisms collapsed and spaces normalised; case kept."""
    text = strip_accents(text)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)
    return " ".join(text.split())


def fold(token: str) -> str:
    """The dictionary key of one surface token: lower case, no dots or apostrophes."""
    return token.casefold().replace(".", "").replace("'", "")


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a phrase. ``possessive`` marks a token that carried "'s" or "'"."""

    surface: str
    key: str
    possessive: bool = False

    @property
    def capitalised(self) -> bool:
        return self.surface[:1].isupper()

    @property
    def all_caps(self) -> bool:
        letters = [c for c in self.surface if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=65536)
def tokenize(text: str) -> tuple[Token, ...]:
    """Split a phrase into tokens; hyphens split too ("Kassym-Jomart" -> two tokens).

    Words such as "pro-Russian", "anti-government" or "Iran-backed" are dropped whole:
    they describe an allegiance, not the actor itself, and would otherwise lend their
    country or sector.
    """
    tokens: list[Token] = []
    for raw in _SEPARATORS.split(surface(text)):
        if not raw:
            continue
        lowered = raw.casefold()
        if lowered.startswith(_ALLEGIANCE_PREFIXES) or lowered.endswith(_ALLEGIANCE_SUFFIXES):
            continue
        possessive = False
        match = _POSSESSIVE.match(raw)
        if match and len(raw) > 2 and (raw.endswith("'s") or raw.endswith("s'")):
            raw = match.group(1) if raw.endswith("'s") else raw[:-1]
            possessive = True
        parts = [p for p in raw.split("-") if p]
        for index, part in enumerate(parts):
            key = fold(part)
            if not key:
                continue
            last = index == len(parts) - 1
            tokens.append(Token(part, key, possessive and last))
    return tuple(tokens)


def name_key(text: str) -> str:
    """The index key of a whole name: its folded tokens joined by single spaces."""
    return " ".join(t.key for t in tokenize(text))


def surface_key(text: str) -> str:
    """The case-kept form of a whole name, for acronyms that must match case exactly."""
    return " ".join(t.surface.replace(".", "").replace("'", "") for t in tokenize(text))

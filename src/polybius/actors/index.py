"""The phrase index: every name in the KB, keyed by its folded tokens.

Built once per knowledge base; the resolver only does dictionary look-ups on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from polybius.actors.kb import KnowledgeBase
from polybius.actors.names import surface_key, tokenize

# Acronyms whose lower-case form is an everyday word match only in capitals
# ("WHO" the organisation, not "who"); other acronyms of four letters or more also
# match in title case ("Nato", "Isis"), as some outlets write them.
_COMMON_WORDS = frozenset(
    {
        "a", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it",
        "me", "my", "no", "of", "oh", "on", "or", "so", "to", "up", "us", "we", "who", "un",
        "au", "eu", "care", "aid", "hope", "wise",
    }
)  # fmt: skip
# Leading words dropped from names and phrases alike.
DETERMINERS = frozenset({"the", "a", "an"})


@dataclass(frozen=True, slots=True)
class Entry:
    """What a name can refer to.

    kind: country, adjective, metonym, org, group, person, sector, epithet.
    ref: ISO3 / org code / group id / person id / sector term / "ISO3|person-id".
    sector: the sector the name implies on its own (a metonym's GOV, a term's MIL).
    exact: surface form the text must match exactly (acronyms), else None.
    proper: the name must be capitalised in the text (names of things, not nouns).
    """

    kind: str
    ref: str
    sector: str | None = None
    exact: str | None = None
    proper: bool = True


@dataclass
class PhraseIndex:
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    max_tokens: int = 1

    def add(self, name: str, kind: str, ref: str, sector: str | None = None,
            proper: bool = True) -> None:  # fmt: skip
        tokens = [t for t in tokenize(name)]
        while tokens and tokens[0].key in DETERMINERS:
            tokens.pop(0)
        tokens = [t for t in tokens if t.key != "the"]
        if not tokens:
            return
        key = " ".join(t.key for t in tokens)
        exact = None
        if proper and all(t.all_caps or len(t.key) == 1 for t in tokens):
            compact = key.replace(" ", "")
            if len(compact) <= 3 or compact in _COMMON_WORDS:
                exact = surface_key(" ".join(t.surface for t in tokens))
        entry = Entry(kind, ref, sector, exact, proper)
        bucket = self.entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.max_tokens = max(self.max_tokens, len(tokens))


def _plural(adjective: str) -> str | None:
    """The plural demonym of an adjective ("Afghan" -> "Afghans"), when it has one."""
    if adjective.endswith(("sh", "ch", "ese", "s", "x", "z")):
        return None
    return adjective + "s"


def build_index(kb: KnowledgeBase) -> PhraseIndex:
    index = PhraseIndex()
    for country in kb.countries.values():
        for name in (country.name, *country.names):
            index.add(name, "country", country.iso3)
        for adjective in country.adjectives:
            index.add(adjective, "adjective", country.iso3)
            plural = _plural(adjective)
            if plural:
                index.add(plural, "adjective", country.iso3)
        if country.capital:
            index.add(country.capital, "metonym", country.iso3, "GOV")
        for metonym in country.metonyms:
            index.add(metonym.name, "metonym", country.iso3, metonym.sector)
        for phrase, person_id in country.epithets:
            index.add(phrase, "epithet", f"{country.iso3}|{person_id}", proper=False)
    for org in kb.organizations.values():
        for name in (org.name, *org.aliases):
            index.add(name, "org", org.code, org.sector)
    for group in kb.groups.values():
        for name in (group.name, *group.aliases):
            index.add(name, "group", group.id)
    for person in kb.people.values():
        for name in (person.name, *person.aliases):
            index.add(name, "person", person.id)
    for term in kb.sectors.values():
        index.add(term.term, "sector", term.term.casefold(), term.sector, proper=False)
    return index

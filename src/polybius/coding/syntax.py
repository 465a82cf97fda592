"""Read-only views over the dependency parse of an ``AnnotatedDoc``.

The coder asks the same structural questions many times per sentence (children of a
token, its phrase, its subject); ``Parse`` answers them from arrays built once per doc.
"""

from __future__ import annotations

from collections.abc import Iterator

from polybius.records import AnnotatedDoc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "obj", "attr", "oprd"})
# Dependents that belong to a noun phrase's name or description, not to the clause.
PHRASE_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nummod", "nmod", "case", "quantmod", "predet", "flat"}
)
PRONOUNS = frozenset(
    {"he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their", "theirs"}
)
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})


class Parse:
    """Children lists and phrase spans for one annotated document."""

    def __init__(self, adoc: AnnotatedDoc) -> None:
        self.adoc = adoc
        self.tokens: list[Token] = adoc.tokens
        self.starts: list[int] = [t.idx for t in adoc.tokens]  # for offset -> token lookups
        self.text = adoc.doc.text
        kids: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        self._kids = kids

    def children(self, i: int) -> list[Token]:
        return [self.tokens[k] for k in self._kids[i]]

    def child(self, i: int, *deps: str) -> Token | None:
        for k in self._kids[i]:
            if self.tokens[k].dep in deps:
                return self.tokens[k]
        return None

    def head(self, i: int) -> Token:
        return self.tokens[self.tokens[i].head]

    def subtree(self, i: int) -> Iterator[Token]:
        stack = [i]
        while stack:
            j = stack.pop()
            yield self.tokens[j]
            stack.extend(reversed(self._kids[j]))

    def ancestors(self, i: int) -> Iterator[Token]:
        seen = 0
        while self.tokens[i].head != i and seen < 64:
            i = self.tokens[i].head
            seen += 1
            yield self.tokens[i]

    def conjuncts(self, i: int) -> list[int]:
        """``i`` and the tokens coordinated with it ("France and Germany")."""
        out = [i]
        stack = [i]
        while stack:
            j = stack.pop()
            for k in self._kids[j]:
                if self.tokens[k].dep == "conj" and self.tokens[k].pos in {"PROPN", "NOUN", "PRON"}:
                    out.append(k)
                    stack.append(k)
        return sorted(out)

    def phrase(self, i: int, with_of: bool = True) -> tuple[int, int]:
        """Token range [start, end) of the noun phrase headed by ``i``.

        The phrase takes the head's name-like dependents (compounds, adjectives,
        possessives) and, when ``with_of``, an "of"/"in" complement ("the first president
        of Kazakhstan", "opposition groups in Zimbabwe").
        """
        members = {i}
        stack = [i]
        while stack:
            j = stack.pop()
            for k in self._kids[j]:
                tok = self.tokens[k]
                take = tok.dep in PHRASE_DEPS or (tok.dep == "punct" and tok.tag == "HYPH")
                if not take and with_of and j == i and tok.dep == "prep":
                    take = tok.text.lower() in {"of", "in", "from"}
                if not take and j != i and tok.dep == "pobj":
                    take = True
                if not take and j != i and tok.dep == "conj" and self.tokens[j].dep == "pobj":
                    take = False
                if take:
                    members.add(k)
                    stack.append(k)
        lo, hi = min(members), max(members) + 1
        # Keep the range contiguous and inside the head's sentence.
        sent = self.adoc.sentences[self.tokens[i].sent]
        lo = max(lo, sent.token_start)
        hi = min(hi, sent.token_end)
        while lo < i and self.tokens[lo].dep == "punct":
            lo += 1
        while hi - 1 > i and self.tokens[hi - 1].dep in {"punct", "cc"}:
            hi -= 1
        return lo, hi

    def span_text(self, lo: int, hi: int) -> str:
        return self.text[self.tokens[lo].idx : self.tokens[hi - 1].end]

    def char_span(self, lo: int, hi: int) -> tuple[int, int]:
        return self.tokens[lo].idx, self.tokens[hi - 1].end

    def is_passive(self, i: int) -> bool:
        return any(self.tokens[k].dep in {"nsubjpass", "auxpass"} for k in self._kids[i])

    def lemmas_below(self, i: int, skip: frozenset[str] = SUBJECT_DEPS, depth: int = 4) -> set[str]:
        """Lemmas of the verb's complements (not its subject), a few levels deep."""
        found: set[str] = set()
        frontier = [(k, 1) for k in self._kids[i] if self.tokens[k].dep not in skip]
        while frontier:
            j, d = frontier.pop()
            tok = self.tokens[j]
            small_clause = tok.dep == "ccomp" and tok.pos in {"NOUN", "ADJ", "PROPN"}
            if tok.dep in {"ccomp", "advcl", "relcl", "acl", "parataxis", "conj"} and not small_clause:
                # Another clause: its words are not this verb's complements. A verbless
                # one is ("declared him an enemy", "called the drills provocative").
                continue
            if tok.pos in {"VERB", "AUX"} and d > 2:
                continue
            found.add(tok.lemma.lower())
            found.add(tok.text.lower())
            if d < depth:
                frontier.extend((k, d + 1) for k in self._kids[j])
        return found


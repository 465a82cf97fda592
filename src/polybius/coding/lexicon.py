"""The verb-pattern lexicon: which verbs and phrases express which CAMEO event.

The lexicon is data (``coding/data/verbs.yaml``), written by the Polybius team. Each verb
lemma has a list of rules, most specific first; the first rule whose constraints hold wins.
A user overlay file with the same shape adds rules in front of the packaged ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from polybius.errors import DataFileError

# libyaml's C loader when PyYAML was built with it: parsing the lexicon is start-up time.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_RULE_KEYS = {
    "code",
    "untargeted",
    "prep",
    "particle",
    "obj",
    "not_obj",
    "xcomp",
    "swap",
    "symmetric",
    "subj",
    "passive",
    "note",
    "mode",
    "context",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One way a verb expresses an event.

    - ``prep``: the verb must govern this preposition ("call *for*", "talk *with*").
    - ``particle``: a phrasal-verb particle ("call *off*").
    - ``obj``: one of these lemmas must occur among the verb's complements ("impose
      *sanctions*"); ``not_obj`` vetoes the rule if one occurs ("beat *Barcelona 3-1*"
      is handled by ``obj`` on the human senses instead).
    - ``xcomp``: the verb must take an infinitive complement with one of these lemmas.
    - ``swap``: the grammatical subject is the recipient ("Nazarbayev *received* an award
      from China": China praised Nazarbayev).
    - ``symmetric``: the event holds both ways ("met", "clashed"); see README.
    - ``passive``: True to match only passive voice, False only active.
    - ``untargeted``: the code when the text names no recipient ("fired two missiles" is a
      show of force, "fired missiles at a base" an attack).
    """

    lemma: str
    code: str
    prep: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    obj: frozenset[str] = frozenset()
    not_obj: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    subj: frozenset[str] = frozenset()
    swap: bool = False
    symmetric: bool = False
    passive: bool | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    untargeted: str | None = None

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.prep, self.particle, self.obj, self.xcomp, self.subj))


class Lexicon:
    """Verb lemma → rules, loaded from the packaged YAML plus optional overlays."""

    def __init__(
        self,
        rules: dict[str, list[Rule]],
        version: str,
        nouns: dict[str, Rule] | None = None,
        light_verbs: frozenset[str] = frozenset(),
        incidents: dict[str, str] | None = None,
    ) -> None:
        self._rules = rules
        self.version = version
        self.nouns = nouns or {}
        self.light_verbs = light_verbs
        self.incidents = incidents or {}

    def __contains__(self, lemma: str) -> bool:
        return lemma in self._rules or lemma in self.light_verbs

    def rules(self, lemma: str) -> Sequence[Rule]:
        return self._rules.get(lemma, ())

    def lemmas(self) -> list[str]:
        return sorted(self._rules)

    def __len__(self) -> int:
        return sum(len(r) for r in self._rules.values())

    @classmethod
    def load(cls, overlays: Iterable[Path] = ()) -> Lexicon:
        return _load_cached(tuple(str(p) for p in overlays))


@lru_cache(maxsize=8)
def _load_cached(overlays: tuple[str, ...]) -> Lexicon:
    ref = resources.files("polybius.coding") / "data" / "verbs.yaml"
    packaged = ref.read_text(encoding="utf-8")
    rules, meta = _parse(packaged, "verbs.yaml")
    for overlay in overlays:
        path = Path(overlay)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(overlay, None, f"cannot read verb overlay: {exc}") from exc
        for lemma, extra in _parse(text, overlay)[0].items():
            rules[lemma] = extra + rules.get(lemma, [])
    version = f"verbs {meta.get('version', '0')}" + (f" +{len(overlays)} overlay" if overlays else "")
    nouns, light, incidents = _nouns()
    return Lexicon(rules, version, nouns, light, incidents)


def _nouns() -> tuple[dict[str, Rule], frozenset[str], dict[str, str]]:
    """The event-noun table (``nouns.yaml``): nouns that carry an event after a light verb,
    and nouns that refer back to a reported incident."""
    ref = resources.files("polybius.coding") / "data" / "nouns.yaml"
    try:
        data = yaml.load(ref.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506
    except yaml.YAMLError as exc:
        raise DataFileError("nouns.yaml", None, f"invalid YAML: {exc}") from exc
    nouns = {
        str(noun): _rule(str(noun), item, "nouns.yaml", 0)
        for noun, item in (data.get("nouns") or {}).items()
    }
    incidents = {
        str(noun): _code(code, str(noun), "nouns.yaml", 0)
        for noun, code in (data.get("incidents") or {}).items()
    }
    return nouns, frozenset(_word(v) for v in data.get("light_verbs") or ()), incidents


def _parse(text: str, name: str) -> tuple[dict[str, list[Rule]], dict[str, Any]]:
    """Rules by lemma, and the file's ``_meta`` mapping; errors carry the line number."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(name, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from exc
    if root is None:
        return {}, {}
    if not isinstance(root, yaml.MappingNode):
        raise DataFileError(name, 1, "the lexicon must be a mapping of verb lemma to rules")
    data = yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)
    out: dict[str, list[Rule]] = {}
    for key_node, value_node in root.value:
        lemma = key_node.value
        if lemma == "_meta":
            continue
        line = key_node.start_mark.line + 1
        raw = data[lemma]
        items = raw if isinstance(raw, list) else [raw]
        rules = []
        for n, item in enumerate(items):
            item_line = line
            if isinstance(value_node, yaml.SequenceNode) and n < len(value_node.value):
                item_line = value_node.value[n].start_mark.line + 1
            rules.append(_rule(lemma, item, name, item_line))
        out[str(lemma)] = rules
    meta = data.get("_meta", {}) if isinstance(data, dict) else {}
    return out, meta


def _rule(lemma: str, item: Any, name: str, line: int) -> Rule:
    if isinstance(item, str | int):
        item = {"code": str(item)}
    if not isinstance(item, dict) or "code" not in item:
        raise DataFileError(name, line, f"rule for {lemma!r} needs a 'code'")
    unknown = set(item) - _RULE_KEYS
    if unknown:
        raise DataFileError(name, line, f"rule for {lemma!r} has unknown keys {sorted(unknown)}")
    code = _code(item["code"], lemma, name, line)
    context = item.get("context") or ()
    return Rule(
        lemma=lemma,
        code=code,
        prep=_set(item.get("prep")),
        particle=_set(item.get("particle")),
        obj=_set(item.get("obj")),
        not_obj=_set(item.get("not_obj")),
        xcomp=_set(item.get("xcomp")),
        subj=_set(item.get("subj")),
        swap=bool(item.get("swap", False)),
        symmetric=bool(item.get("symmetric", False)),
        passive=item.get("passive"),
        mode=item.get("mode"),
        context=tuple([context] if isinstance(context, str) else context),
        untargeted=_code(item["untargeted"], lemma, name, line) if "untargeted" in item else None,
    )


def _code(value: Any, lemma: str, name: str, line: int) -> str:
    code = str(value)
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise DataFileError(name, line, f"rule for {lemma!r}: {code!r} is not a CAMEO code")
    return code


def _set(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str | bool):
        value = [value]
    return frozenset(_word(v) for v in value)


def _word(value: Any) -> str:
    # YAML 1.1 reads bare on/off/yes/no as booleans; in a verb pattern they are words.
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)

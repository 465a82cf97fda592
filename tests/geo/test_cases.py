"""The authored cases of tests/geo/cases.tsv: sentence -> place, country, coordinates."""

from __future__ import annotations

import pytest

from polybius.geo import Locator
from polybius.geo.gazetteer import distance_km
from polybius.geo.names import fold
from polybius.records import AnnotatedDoc

from .conftest import CASES, Case, actor_ranges, trigger_of


def _param(case: Case):  # type: ignore[no-untyped-def]
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 100
    assert sum(1 for c in CASES if not c.name) >= 15  # "no location" is tested too


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: Case, locator: Locator, annotated: dict[str, AnnotatedDoc]) -> None:
    adoc = annotated[case.sentence]
    trigger = trigger_of(adoc, case.verb)
    loc = locator.locate(
        adoc, trigger, actor_ranges(adoc, case.actors), case.context, event_root=case.root
    )
    if not case.name:
        assert loc is None, f"expected no location, got {loc}"
        return
    assert loc is not None, "expected a location, got None"
    # GeoNames spells names its own way ("Khān Yūnis"): compare folded names.
    assert (fold(loc.name), loc.country) == (fold(case.name), case.country), loc
    if case.lat is None:
        # A place with no point of its own ("near the Syrian border").
        assert loc.lat is None and loc.lon is None, loc
    else:
        assert loc.lat is not None and loc.lon is not None and case.lon is not None
        km = distance_km(loc.lat, loc.lon, case.lat, case.lon)
        assert km <= case.tol_km, f"{km:.0f} km from the expected point"
    # The offsets point at the place's words in the document.
    assert adoc.doc.text[loc.start : loc.end] == loc.text

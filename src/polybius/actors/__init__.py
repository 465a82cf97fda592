"""Actor knowledge base and resolver: noun phrases to dated country + sector codes.

>>> from polybius.actors import ActorResolver
>>> resolver = ActorResolver.default()
>>> resolver.resolve("Chinese troops").code
'CHNMIL'
"""

from polybius.actors.kb import KnowledgeBase
from polybius.actors.resolver import ActorResolver

__all__ = ["ActorResolver", "KnowledgeBase"]

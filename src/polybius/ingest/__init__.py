"""ingest stage: read news documents from text, JSON Lines and HTML files, folders and stdin.

``read_documents`` yields one :class:`polybius.records.Document` per document, or an
:class:`polybius.errors.InputError` for an input that could not be read (yielded, not
raised, so that a batch goes on without it).
"""

from polybius.ingest.common import NO_DATE_WARNING
from polybius.ingest.reader import read_documents

__all__ = ["NO_DATE_WARNING", "read_documents"]

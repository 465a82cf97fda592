"""Annotation stage: spaCy in, our own records out.

This is the only package that imports spaCy. It streams documents through
``Language.pipe`` in batches and converts each ``Doc`` into an ``AnnotatedDoc`` so that
later stages (actors, coding, temporal) work on plain dataclasses.
"""

from polybius.annotate.spacy_annotator import DEFAULT_MODEL, Annotator, installed_models

__all__ = ["DEFAULT_MODEL", "Annotator", "installed_models"]

"""dondoc's extraction engine: communiqué text → metadata and proposed directives.

Pure Python, no Django: ``extract(text, directory)`` is the entry point; the
stages (``segment``, ``classify``, ``owners``, ``deadlines``, ``metadata``)
are small functions that can be used and tested alone.
"""
from .directory import UnitDirectory
from .pipeline import Extraction, OwnerMention, Proposal, extract, propose_span
from .text import fold, normalize

__all__ = ["Extraction", "OwnerMention", "Proposal", "UnitDirectory", "extract", "fold", "propose_span", "normalize"]

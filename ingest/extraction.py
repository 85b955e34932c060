"""The one seam between Django and the extraction engine: the engine reads the unit directory from here.

The engine is imported when a function here first runs, not with this module: the admin, the Celery
workers and every other process that loads the services but never extracts do not load it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.models import Unit, UnitAlias

if TYPE_CHECKING:
    from ingest.nlp import Extraction, Proposal, UnitDirectory


def unit_directory() -> UnitDirectory:
    """Every active unit's name, short name and aliases, for resolving owner mentions."""
    from ingest.nlp import UnitDirectory

    names: dict[int, list[str]] = {}
    for pk, name, short in Unit.objects.filter(is_active=True).values_list("pk", "name", "short_name"):
        names[pk] = [name, short] if short else [name]
    for unit_id, alias in UnitAlias.objects.filter(unit__is_active=True).values_list("unit_id", "name"):
        names.setdefault(unit_id, []).append(alias)
    return UnitDirectory(names.items())


def propose(text: str) -> Extraction:
    """Metadata and proposed directives for a communiqué's text, owners resolved against the directory."""
    from ingest.nlp import extract

    return extract(text, unit_directory())


def propose_for_span(text: str, start: int, end: int) -> Proposal | None:
    """A directive the office selected in a communiqué's text, with the owners and deadline it has where it
    stands in the document (its item's heading, lead-in, responsibility line), resolved against the directory."""
    from ingest.nlp import propose_span

    return propose_span(text, start, end, unit_directory())


def describe(code: str | None) -> str:
    """An evidence code of the engine (why an owner or a deadline was read) in the review page's words."""
    from ingest.nlp.resolve import describe as engine_describe

    return engine_describe(code)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The engine's sentence boundaries in text[start:end] (splitting a directive in review)."""
    from ingest.nlp.segment import split_sentences as engine_split

    return engine_split(text, start, end)

"""The one seam between Django and the extraction engine: the engine reads the unit directory from here."""
from ingest.nlp import Extraction, Proposal, UnitDirectory, extract, propose_span
from tracker.models import Unit, UnitAlias


def unit_directory() -> UnitDirectory:
    """Every active unit's name, short name and aliases, for resolving owner mentions."""
    names: dict[int, list[str]] = {}
    for pk, name, short in Unit.objects.filter(is_active=True).values_list("pk", "name", "short_name"):
        names[pk] = [name, short] if short else [name]
    for unit_id, alias in UnitAlias.objects.filter(unit__is_active=True).values_list("unit_id", "name"):
        names.setdefault(unit_id, []).append(alias)
    return UnitDirectory(names.items())


def propose(text: str) -> Extraction:
    """Metadata and proposed directives for a communiqué's text, owners resolved against the directory."""
    return extract(text, unit_directory())


def propose_for_span(text: str, start: int, end: int) -> Proposal | None:
    """A directive the office selected in a communiqué's text, with the owners and deadline it has where it
    stands in the document (its item's heading, lead-in, responsibility line), resolved against the directory."""
    return propose_span(text, start, end, unit_directory())

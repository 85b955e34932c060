"""What ingest does when another app's event concerns it; light imports (models only), loaded at start-up."""
from ingest.models import Communique, Directive, DirectiveOwner
from tracker.models import Unit


def move_drafts_to_successor(sender, *, old: Unit, successor: Unit, **kwargs) -> None:
    """A merged or renamed unit's owner rows and report-to in communiqués still in review follow it."""
    DirectiveOwner.objects.filter(unit=old, directive__communique__state=Communique.State.DRAFT).update(unit=successor)
    Directive.objects.filter(report_to=old, communique__state=Communique.State.DRAFT).update(report_to=successor)

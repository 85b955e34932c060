"""The navbar's inbox count agrees with the inbox it counts."""
import pytest


@pytest.mark.django_db
def test_the_inbox_counts_the_drafts_it_lists(office_user, unit_a):
    """The badge counts drafts from their unmatched owners; the inbox lists them by communiqué: the same ones."""
    from ingest.models import Communique, Directive, DirectiveOwner
    from tracker.reports import inbox

    def draft(n, owners, state=Communique.State.DRAFT):
        c = Communique.objects.create(number=f"{n}-TB/TU", title="x", text="x", content_hash=f"h{n}", state=state)
        for i, (unit, review) in enumerate(owners):
            d = Directive.objects.create(communique=c, order=i + 1, text="x", start=0, end=1, review=review)
            DirectiveOwner.objects.create(directive=d, unit=unit, name="Sở lạ", role="lead")
        return c

    accepted, rejected = Directive.Review.ACCEPTED, Directive.Review.REJECTED
    draft(1, [(None, accepted), (None, accepted)])  # two unmatched owners, one communiqué
    draft(2, [(unit_a, accepted), (None, rejected)])  # matched, or unmatched on a rejected directive
    draft(3, [(None, accepted)], state=Communique.State.PUBLISHED)
    draft(4, [(unit_a, accepted), (None, accepted)])
    listed = list(inbox.inbox(office_user)["drafts"])
    assert inbox.counts(office_user)["drafts"] == len(listed) == 2
    assert sorted(c.number for c in listed) == ["1-TB/TU", "4-TB/TU"]

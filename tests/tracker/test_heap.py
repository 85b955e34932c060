"""config.heap.settle: each worker freezes its startup heap once, and the app still serves pages."""
import gc

from config import heap
from tracker.models import Tier, Unit, tier_of


def test_settle_freezes_startup_objects_and_keeps_collecting():
    try:
        heap.settle()
        assert gc.get_freeze_count() > 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_tier_of_every_kind():
    assert tier_of(Unit.Kind.DEPARTMENT) == Tier.DEPARTMENT
    assert tier_of(Unit.Kind.LOCAL) == Tier.LOCAL
    assert {tier_of(k) for k in Unit.Kind.values} == set(Tier.values)

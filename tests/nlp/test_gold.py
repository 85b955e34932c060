"""The seeds reach the targets when scored with the shared scorer (skipped without ../shared)."""
import pytest

from tests.nlp.scoring import SHARED, figures, needs_scorer

pytestmark = needs_scorer


def test_seeds_reach_the_targets():
    f = figures(SHARED / "seeds", SHARED / "gold")
    assert f["directive_f1"] >= 0.95, f
    assert f["owner_f1"] >= 0.90, f
    assert f["deadline_acc"] >= 0.95, f
    assert f["meeting_date_acc"] == 1.0, f


@pytest.mark.skipif(not (SHARED / "dev" / "gold").exists(), reason="dev set not available")
def test_dev_set_stays_well_above_the_naive_baseline():
    f = figures(SHARED / "dev" / "texts", SHARED / "dev" / "gold")
    assert f["directive_f1"] >= 0.90, f
    assert f["owner_f1"] >= 0.85, f
    assert f["deadline_acc"] >= 0.90, f

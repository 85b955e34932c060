"""The seeds reach the targets when scored with the shared scorer (skipped without /work/shared)."""
import importlib.util
import json
from pathlib import Path

import pytest

from ingest.nlp import extract

SHARED = Path("/work/shared")
pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score_extraction.py").exists(),
                                reason="shared gold annotations not available")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SHARED / "eval" / "score_extraction.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score(texts: Path, gold: Path):
    mod = _scorer()
    total = mod.Tally()
    for gold_path in sorted(gold.glob("*.json")):
        g = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (texts / g.get("source", gold_path.with_suffix(".txt").name)).read_text(encoding="utf-8-sig")
        pred = extract(text).to_json()
        total.add(mod.score_file(pred, g, False))
    return total.figures()


def test_seeds_reach_the_targets():
    f = _score(SHARED / "seeds", SHARED / "gold")
    assert f["directive_f1"] >= 0.95, f
    assert f["owner_f1"] >= 0.90, f
    assert f["deadline_acc"] >= 0.95, f
    assert f["meeting_date_acc"] == 1.0, f


@pytest.mark.skipif(not (SHARED / "dev" / "gold").exists(), reason="dev set not available")
def test_dev_set_stays_well_above_the_naive_baseline():
    f = _score(SHARED / "dev" / "texts", SHARED / "dev" / "gold")
    assert f["directive_f1"] >= 0.90, f
    assert f["owner_f1"] >= 0.85, f
    assert f["deadline_acc"] >= 0.90, f

"""Regression floors of the seen sets: tests/nlp/heldout* were annotated blind, then the rules were fitted to
them, so these figures are floors against regressions, not measures of quality (those are the first-look log
and the cross-validation in docs/extraction.md)."""
from pathlib import Path

import pytest

from .scoring import figures, needs_scorer

HERE = Path(__file__).parent

# set: (directive F1, owner F1, deadline accuracy, meeting date accuracy) to hold
FLOORS = {
    "heldout": (0.99, 0.99, 0.99, 0.99),
    # heldout2's table gold quotes whole rows; the extractor quotes the task cell (heldout7/8 gold do too)
    "heldout2": (0.95, 0.97, 0.97, 0.99),
    "heldout3": (0.99, 0.99, 0.98, 0.99),
    "heldout4": (0.98, 0.94, 0.98, 0.99),
    "heldout5": (0.99, 0.97, 0.98, 0.99),
    "heldout6": (0.99, 0.99, 0.99, 0.99),
    "heldout7": (0.99, 0.99, 0.99, 0.99),
    "heldout8": (0.97, 0.97, 0.91, 0.99),
    "heldout9": (0.93, 0.98, 0.97, 0.74),
    "heldout10": (0.96, 0.97, 0.99, 0.99),
    # heldout11 (PDF/.docx sources): first sight 0.927, 0.978, 0.806, 0.417; its misses were read and the rules
    # fitted to it on 2026-12-07 (engine6), so this floor is the fitted figure rounded down
    "heldout11": (0.98, 0.99, 0.98, 0.41),
    # heldout12 (the blind set fl10, practice set after its first sight at fafb14e): its first-sight figure rounded down
    "heldout12": (0.91, 0.94, 0.90, 0.50),
    # heldout13 (the blind set fl12, practice set after its first sight at 337906b): its first-sight figure rounded down
    "heldout13": (0.87, 0.93, 0.92, 0.50),
    # heldout14 (the blind set fl14, practice set after its first sight at 094faf6): its first-sight figure rounded down
    "heldout14": (0.92, 0.99, 0.90, 0.50),
    # heldout16 (the blind set fl16, practice set after its first sight at a89b570): its first-sight figure rounded down
    "heldout16": (0.96, 0.98, 0.97, 0.33),
    # heldout18 (the blind set fl18, practice set after its first sight at d917542): its first-sight figure rounded down
    "heldout18": (0.96, 0.93, 0.96, 0.66),
    # heldout22 (the blind set fl22, practice set after its first sight at ecf2990): its first-sight figure rounded down
    "heldout22": (0.93, 0.98, 1.00, 0.66),
    # heldout24 (the blind set fl24, practice set after its first sight at 6886ed9): its first-sight figure rounded down
    "heldout24": (0.95, 0.97, 0.98, 0.66),
    # heldout26 (the blind set fl26, practice set after its first sight at 2c0ace8): its first-sight figure rounded down
    "heldout26": (0.95, 0.98, 0.94, 0.66),
    # heldout28 (the blind set fl28, practice set after its first sight at 2c0ace8): its first-sight figure rounded down
    "heldout28": (0.93, 0.98, 1.00, 0.66),
    # heldout32 (the blind set fl32, six PDF task tables, practice set after its first sight at 2c0ace8): its
    # first-sight figure rounded down (meeting dates: the in-process reading, no stored meeting)
    "heldout32": (0.91, 0.94, 0.86, 0.16),
    # heldout33 (the blind set fl33, offices' relative time limits, practice set after its first sight at 0a58589):
    # its first-sight figure rounded down (meeting dates: the in-process reading)
    "heldout33": (0.93, 0.97, 0.76, 0.33),
}


@needs_scorer
@pytest.mark.parametrize("name", FLOORS)
def test_heldout_set_holds_its_figures(name):
    folder = HERE / name
    f = figures(folder, folder)
    directive, owner, deadline, meeting = FLOORS[name]
    assert f["directive_f1"] >= directive, f
    assert f["owner_f1"] >= owner, f
    assert f["deadline_acc"] >= deadline, f
    assert f["meeting_date_acc"] >= meeting, f

"""The extractor's text copies: folding lives in ``tracker.folding`` (pure, shared with the unit directory)."""
from tracker.folding import fold, fold_aligned, lower_aligned, nfc, normalize, old_tone

__all__ = ["fold", "fold_aligned", "lower_aligned", "nfc", "normalize", "old_tone"]

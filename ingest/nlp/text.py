"""The extractor's text copies: folding lives in ``tracker.folding`` (pure, shared with the unit directory)."""
from tracker.folding import fold, fold_aligned, lower_aligned, nfc, normalize, old_tone

__all__ = ["fold", "fold_aligned", "lower_aligned", "nfc", "normalize", "old_tone", "typed_bare"]


def typed_bare(text: str) -> bool:
    """No letter of ``text`` carries a diacritic: it was typed without them, whatever its punctuation (a dash
    "–" or quotes "“…”" do not make it accented text)."""
    return all(c.isascii() for c in text if c.isalpha())

"""Final clean-up shared by every reader."""
from __future__ import annotations

import re
import unicodedata


# characters removed outright (BOM, zero-width, soft hyphen, C0/C1 controls
# except \t and \n)
_DROP_RE = re.compile(
    "[\ufeff\u200b\u200c\u200d\u2060\u00ad\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f]"
)
_SPACES_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_NEWLINES_RE = re.compile("\r\n|\r|\u2028|\u2029|\x0c|\x85")
_TRAILING_WS_RE = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUN_RE = re.compile(r"\n{3,}")
_BLANK_LINES_RE = re.compile(r"\n\s*\n")


def finalize(text: str, *, drop_blank_lines: bool = False,
             strip_lines: bool = False) -> str:
    """NFC, unify line breaks, drop invisible/control characters.

    Spelling is left alone (no tone-placement changes: "uỷ" stays "uỷ").
    ``drop_blank_lines`` joins paragraphs with a single "\\n" (docx, html);
    otherwise runs of blank lines collapse to one blank line.
    Must be called *after* legacy conversion (TCVN3 "ư" is U+00AD).
    """
    text = _NEWLINES_RE.sub("\n", text)
    text = _DROP_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    if strip_lines:
        text = "\n".join(line.strip() for line in text.split("\n"))
    else:
        text = _TRAILING_WS_RE.sub("", text)
    if drop_blank_lines:
        text = "\n".join(line for line in text.split("\n") if line.strip())
    else:
        text = _BLANK_RUN_RE.sub("\n\n", text)
    text = text.strip("\n")
    # leading spaces of the very first line are not meaningful
    text = text.strip()
    return text


"""Builders for real test documents (docx via python-docx, pdf via fpdf2)."""
from __future__ import annotations

import glob
import io
import os
import shutil
import subprocess

import pytest

_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)


def find_unicode_ttf() -> str | None:
    """A TTF with Vietnamese glyphs, or None (tests then skip the Vietnamese PDF)."""
    for path in _FONT_CANDIDATES:
        if os.path.exists(path):
            return path
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{file}", ":lang=vi"],
                capture_output=True, text=True, timeout=5,
            ).stdout.strip()
            if out.endswith(".ttf") and os.path.exists(out):
                return out
        except (OSError, subprocess.SubprocessError):
            pass
    found = glob.glob("/usr/share/fonts/**/*Sans*.ttf", recursive=True)
    return found[0] if found else None


@pytest.fixture(scope="session")
def unicode_ttf():
    path = find_unicode_ttf()
    if path is None:
        pytest.skip("no Unicode TTF font on this machine")
    return path


@pytest.fixture(scope="session")
def make_pdf():
    def build(pages: list[str], font_path: str | None = None) -> bytes:
        from fpdf import FPDF

        pdf = FPDF()
        if font_path:
            pdf.add_font("U", "", font_path)
            pdf.set_font("U", size=12)
        else:
            pdf.set_font("Helvetica", size=12)
        for page in pages:
            pdf.add_page()
            pdf.multi_cell(0, 8, page)
        return bytes(pdf.output())

    return build


@pytest.fixture(scope="session")
def image_only_pdf() -> bytes:
    """A PDF whose only page content is a drawn image (no text layer)."""
    from fpdf import FPDF

    try:
        from PIL import Image  # fpdf2 depends on Pillow
    except ImportError:  # pragma: no cover
        Image = None
    pdf = FPDF()
    pdf.add_page()
    if Image is not None:
        img = Image.new("RGB", (60, 30), (200, 30, 30))
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        buf.seek(0)
        pdf.image(buf, x=10, y=10, w=120)
    pdf.rect(10, 100, 80, 40, style="F")
    return bytes(pdf.output())


@pytest.fixture(scope="session")
def docx_bytes():
    def build(fill) -> bytes:
        import docx

        document = docx.Document()
        fill(document)
        buf = io.BytesIO()
        document.save(buf)
        return buf.getvalue()

    return build

"""Document readers for dondoc: bytes of an uploaded file -> Unicode text.

Pure Python (no Django).  Public API::

    from ingest.readers import read_document, read_pasted, ReadError, Document, SUPPORTED_EXTENSIONS

    doc = read_document(data, "thong-bao.docx")   # -> Document(text, format, encoding, warnings)
    doc = read_pasted(text)

Every failure is a :class:`ReadError` with a Vietnamese ``message`` and a stable
``code``: "empty", "too_large", "unknown_format", "corrupt", "scanned_pdf",
"zip_bomb", "timeout", "legacy_encoding", "encoding".
"""
from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field

from .errors import SUPPORTED_LABEL, ReadError
from .limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PASTED_CHARS,
    DEFAULT_PDF_TIMEOUT,
    check_size,
)
from .normalize import finalize

__all__ = [
    "Document",
    "ReadError",
    "SUPPORTED_EXTENSIONS",
    "read_document",
    "read_pasted",
    "sniff_format",
]

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".txt", ".docx", ".pdf", ".html", ".htm")
_EXT_FORMAT = {".txt": "txt", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}
_FORMAT_LABEL = {"txt": ".txt", "docx": ".docx", "pdf": ".pdf", "html": ".html"}


@dataclass
class Document:
    text: str                 # Unicode NFC, paragraphs separated by "\n"
    format: str               # "txt" | "docx" | "pdf" | "html" | "pasted"
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# format sniffing
# ---------------------------------------------------------------------------
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(data: bytes) -> str:
    """What the bytes are: 'pdf', 'zip', 'ole', 'rtf', 'html' or 'text'."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if data.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    probe = head
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if probe.startswith(bom):
            probe = probe[len(bom):]
            break
    probe = probe.replace(b"\x00", b"").lstrip().lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")) or (
        probe.startswith((b"<?xml", b"<!--")) and b"<html" in probe
    ):
        return "html"
    return "text"


def _unknown_format(ext: str) -> ReadError:
    supported = f"Chỉ nhận các tệp {SUPPORTED_LABEL}."
    if ext == ".doc":
        msg = ("Tệp .doc (Word 97–2003) chưa được hỗ trợ. Hãy mở bằng Word và lưu "
               f"lại dưới dạng .docx. {supported}")
    elif ext == ".rtf":
        msg = f"Tệp .rtf chưa được hỗ trợ. Hãy lưu lại dưới dạng .docx. {supported}"
    elif ext:
        msg = f"Định dạng tệp {ext} không được hỗ trợ. {supported}"
    else:
        msg = f"Không xác định được định dạng tệp (tên tệp không có đuôi). {supported}"
    return ReadError("unknown_format", msg)


def _zip_has_word(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except Exception:
        return False


def _resolve_format(ext: str, data: bytes) -> tuple[str, list[str]]:
    """Pick the reader from the extension AND the sniffed content."""
    declared = _EXT_FORMAT.get(ext)
    kind = sniff_format(data)
    label = ext or "(không có đuôi)"

    if declared is None:
        # no/unsupported extension: only a nameless file is read by content
        if ext == "" and kind in ("pdf", "html") or (ext == "" and kind == "zip" and _zip_has_word(data)):
            fmt = {"pdf": "pdf", "html": "html", "zip": "docx"}[kind]
            return fmt, [f"Tên tệp không có đuôi; đã đọc theo nội dung ({_FORMAT_LABEL[fmt]})."]
        raise _unknown_format(ext)

    def mismatch(fmt: str) -> list[str]:
        return [f"Tệp có đuôi {label} nhưng nội dung là {_FORMAT_LABEL[fmt]}; "
                "đã đọc theo nội dung thực."]

    if kind == "pdf":
        return "pdf", ([] if declared == "pdf" else mismatch("pdf"))
    if kind == "zip":
        if declared == "docx":
            return "docx", []
        if _zip_has_word(data):
            return "docx", mismatch("docx")
        raise ReadError(
            "unknown_format",
            f"Tệp {label} thực chất là một tệp nén (zip), không phải văn bản. "
            f"Chỉ nhận các tệp {SUPPORTED_LABEL}.",
        )
    if kind == "ole":
        if declared == "docx":
            raise ReadError(
                "corrupt",
                "Tệp .docx này thực chất là định dạng Word cũ (.doc) hoặc đã được đặt "
                "mật khẩu. Hãy mở bằng Word, gỡ mật khẩu nếu có và lưu lại dưới dạng "
                ".docx.",
            )
        raise _unknown_format(".doc")
    if kind == "rtf":
        if declared == "txt":
            raise _unknown_format(".rtf")
        raise ReadError("corrupt", _corrupt_message(declared))
    # html or plain text
    if declared in ("docx", "pdf"):
        raise ReadError("corrupt", _corrupt_message(declared))
    if kind == "html" and declared == "txt":
        return "html", mismatch("html")
    return declared, []


def _corrupt_message(fmt: str) -> str:
    return {
        "docx": "Tệp .docx bị hỏng hoặc không phải định dạng Word hợp lệ.",
        "pdf": "Tệp .pdf bị hỏng hoặc không phải định dạng PDF hợp lệ.",
        "html": "Tệp .html bị lỗi nên không đọc được nội dung.",
        "txt": "Tệp .txt bị lỗi nên không đọc được nội dung.",
    }[fmt]


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------
def read_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    pdf_timeout: float = DEFAULT_PDF_TIMEOUT,
) -> Document:
    """Read an uploaded file.  Raises ReadError (never a library exception)."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("data must be bytes")
    data = bytes(data)
    check_size(data, max_bytes)
    if not data.strip():
        raise ReadError("empty")
    ext = os.path.splitext(os.path.basename(str(filename or "").strip()))[1].lower()
    fmt, warnings = _resolve_format(ext, data)
    try:
        text, encoding, more = _read(fmt, data, pdf_timeout)
    except ReadError:
        raise
    except Exception:  # safety net: no parser exception escapes
        raise ReadError("corrupt", _corrupt_message(fmt)) from None
    warnings.extend(more)
    if not text.strip():
        raise ReadError("empty", "Tệp không có nội dung văn bản để nhập.")
    return Document(text=text, format=fmt, encoding=encoding, warnings=warnings)


def _read(fmt: str, data: bytes, pdf_timeout: float) -> tuple[str, str | None, list[str]]:
    if fmt == "txt":
        from .text import decode_text_bytes

        decoded = decode_text_bytes(data)
        return finalize(decoded.text), decoded.encoding, decoded.warnings
    if fmt == "docx":
        from .limits import check_docx_zip
        from .pdf import read_docx_sandboxed

        check_docx_zip(data)  # declared sizes first: a bomb is refused without starting a process
        text, encoding, warnings = read_docx_sandboxed(data, pdf_timeout)
        return finalize(text, drop_blank_lines=True, strip_lines=True), encoding, warnings
    if fmt == "pdf":
        from .pdf import read_pdf
        from .text import apply_legacy_detection

        text, warnings = read_pdf(data, pdf_timeout)
        text, encoding = apply_legacy_detection(text, "", warnings)
        return finalize(text, strip_lines=True), (encoding or None), warnings
    if fmt == "html":
        from .html import read_html

        text, encoding, warnings = read_html(data)
        return finalize(text, drop_blank_lines=True, strip_lines=True), encoding, warnings
    raise ReadError("unknown_format")  # pragma: no cover


def read_pasted(text: str, *, max_chars: int = DEFAULT_MAX_PASTED_CHARS) -> Document:
    """Text pasted into the form: legacy-font check, NFC, strip."""
    if not isinstance(text, str):
        raise TypeError("text must be str")
    if len(text) > max_chars:
        raise ReadError(
            "too_large",
            f"Văn bản dán vào quá dài ({len(text):,} ký tự). Tối đa cho phép là "
            f"{max_chars:,} ký tự.".replace(",", "."),
        )
    from .text import apply_legacy_detection

    warnings: list[str] = []
    text, encoding = apply_legacy_detection(text, "", warnings)
    text = finalize(text)
    if not text:
        raise ReadError("empty", "Chưa có nội dung: hãy dán văn bản vào ô nhập.")
    return Document(text=text, format="pasted", encoding=encoding or None, warnings=warnings)

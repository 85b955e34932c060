"""Size limits and the zip (docx) safety check done before any parser runs."""
from __future__ import annotations

import io
import zipfile

from .errors import ReadError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_PDF_TIMEOUT = 20.0
DEFAULT_MAX_PASTED_CHARS = 2_000_000

# zip (docx) limits.  zipfile never inflates a member beyond its *declared*
# uncompressed size (it stops and fails the CRC check), so checking the
# declared sizes up front is enough to bound memory and time.
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_TOTAL_UNCOMPRESSED = 300 * 1024 * 1024   # all members together
ZIP_MAX_MEMBER_UNCOMPRESSED = 150 * 1024 * 1024  # any single member
ZIP_MAX_XML_UNCOMPRESSED = 25 * 1024 * 1024      # a single XML part we parse (a long communiqué: < 5 MB)
ZIP_RATIO_MIN_SIZE = 2 * 1024 * 1024             # ratio checked above this size
ZIP_MAX_RATIO = 150                               # deflate tops out near 1030:1

DOCX_MAIN_PART = "word/document.xml"
_MAIN_CT = "wordprocessingml.document.main+xml"

CORRUPT_DOCX = "Tệp .docx bị hỏng hoặc không phải định dạng Word hợp lệ."


def check_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise ReadError("too_large", too_large_message(len(data), max_bytes))


def too_large_message(size: int, max_bytes: int) -> str:
    return (
        f"Tệp quá lớn ({fmt_mb(size)} MB). Dung lượng tối đa cho phép là "
        f"{fmt_mb(max_bytes)} MB."
    )


def fmt_mb(n: int) -> str:
    """Bytes as megabytes, Vietnamese style: 20 -> '20', 1.5 -> '1,5'."""
    value = n / (1024 * 1024)
    text = f"{value:.2f}" if value < 1 else f"{value:.1f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text.replace(".", ",") or "0"


def _zip_bomb(detail: str) -> ReadError:
    return ReadError(
        "zip_bomb",
        "Tệp .docx có cấu trúc nén bất thường "
        f"({detail}) nên bị từ chối vì lý do an toàn.",
    )


def check_docx_zip(data: bytes) -> str:
    """Validate a .docx container; return the name of the main document part.

    Raises ReadError('corrupt') if it is not a usable zip and
    ReadError('zip_bomb') if the declared sizes/ratios are abnormal.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError,
            EOFError, NotImplementedError, KeyError, IndexError):
        raise ReadError("corrupt", CORRUPT_DOCX) from None
    with zf:
        try:
            infos = zf.infolist()
        except Exception:  # pragma: no cover - infolist is a plain list
            raise ReadError("corrupt", CORRUPT_DOCX) from None
        if len(infos) > ZIP_MAX_MEMBERS:
            raise _zip_bomb(f"có {len(infos)} tệp con")
        total = 0
        for info in infos:
            size = info.file_size
            total += size
            if info.flag_bits & 0x1:
                raise ReadError(
                    "corrupt",
                    "Tệp .docx được mã hoá hoặc đặt mật khẩu nên không đọc được.",
                )
            if size > ZIP_MAX_MEMBER_UNCOMPRESSED or (
                info.filename.lower().endswith((".xml", ".rels"))
                and size > ZIP_MAX_XML_UNCOMPRESSED
            ):
                raise _zip_bomb(f"phần {info.filename} giải nén ra {size // (1024 * 1024)} MB")
            if size > ZIP_RATIO_MIN_SIZE and size > ZIP_MAX_RATIO * max(info.compress_size, 1):
                raise _zip_bomb(
                    f"phần {info.filename} có tỉ lệ nén "
                    f"{size // max(info.compress_size, 1)}:1"
                )
        if total > ZIP_MAX_TOTAL_UNCOMPRESSED:
            raise _zip_bomb(f"tổng dung lượng giải nén {total // (1024 * 1024)} MB")

        names = {info.filename for info in infos}
        if DOCX_MAIN_PART in names:
            return DOCX_MAIN_PART
        # A main part under another name is legal: look it up in the content types.
        main = _main_part_from_content_types(zf, names)
        if main:
            return main
        raise ReadError(
            "corrupt",
            "Tệp .docx bị hỏng hoặc không phải định dạng Word hợp lệ "
            "(thiếu phần nội dung chính word/document.xml).",
        )


def _main_part_from_content_types(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    if "[Content_Types].xml" not in names:
        return None
    try:
        from lxml import etree

        raw = zf.read("[Content_Types].xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(raw, parser)
    except Exception:
        return None
    for el in root:
        if el.get("ContentType", "").endswith(_MAIN_CT):
            part = (el.get("PartName") or "").lstrip("/")
            if part in names:
                return part
    return None

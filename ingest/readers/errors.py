"""Errors raised by the document readers.

Every failure that reaches a caller is a :class:`ReadError` whose ``message`` is a
complete Vietnamese sentence that can be shown to the user as is, and whose
``code`` is a stable machine tag (see :data:`CODES`).
"""
from __future__ import annotations

SUPPORTED_LABEL = ".txt, .docx, .pdf, .html"

#: code -> default Vietnamese message
DEFAULT_MESSAGES: dict[str, str] = {
    "empty": "Tệp trống: không có nội dung văn bản để nhập.",
    "too_large": "Tệp quá lớn so với dung lượng cho phép.",
    "unknown_format": (
        "Định dạng tệp không được hỗ trợ. Chỉ nhận các tệp "
        f"{SUPPORTED_LABEL}."
    ),
    "corrupt": "Tệp bị hỏng hoặc không đúng định dạng nên không đọc được.",
    "scanned_pdf": (
        "Tệp PDF là bản quét (không có lớp chữ) nên không trích được văn bản. "
        "Hãy dùng tệp gốc (.docx hoặc PDF xuất từ Word) hoặc nhận dạng chữ (OCR) "
        "trước khi tải lên."
    ),
    "zip_bomb": (
        "Tệp .docx có cấu trúc nén bất thường (dung lượng sau giải nén quá lớn) "
        "nên bị từ chối vì lý do an toàn."
    ),
    "timeout": (
        "Đọc tệp quá thời gian cho phép; tệp có thể bị lỗi hoặc quá phức tạp."
    ),
    "legacy_encoding": (
        "Văn bản dùng bảng mã tiếng Việt cũ nhưng không xác định chắc chắn được "
        "để chuyển sang Unicode. Hãy chuyển văn bản sang Unicode (ví dụ bằng "
        "công cụ chuyển mã của Unikey) rồi tải lên lại."
    ),
    "encoding": (
        "Không nhận ra bảng mã của tệp văn bản. Hãy lưu tệp dưới dạng Unicode "
        "(UTF-8) rồi tải lên lại."
    ),
}

CODES = frozenset(DEFAULT_MESSAGES)


class ReadError(Exception):
    """A document could not be read.

    ``ReadError(code)`` uses the default message for ``code``;
    ``ReadError(code, message)`` gives a specific one.
    """

    def __init__(self, code: str, message: str | None = None):
        if code not in CODES:
            raise ValueError(f"unknown ReadError code: {code!r}")
        self.code = code
        self.message = message or DEFAULT_MESSAGES[code]
        super().__init__(self.message)

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message

    def __repr__(self) -> str:
        return f"ReadError({self.code!r}, {self.message!r})"

"""Plain-text decoding: UTF-8/16/32, Windows-1258, TCVN3 and VNI."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from . import legacy
from .errors import ReadError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)

CONVERTED_WARNING = {
    "tcvn3": "Đã chuyển từ mã TCVN3 (.VnTime) sang Unicode.",
    "vni": "Đã chuyển từ mã VNI (VNI-Times) sang Unicode.",
}


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def legacy_unsure_error(candidate: str) -> ReadError:
    label = legacy.LEGACY_LABELS.get(candidate, candidate)
    return ReadError(
        "legacy_encoding",
        f"Văn bản có vẻ dùng bảng mã cũ {label} nhưng không đủ chắc chắn để tự "
        "chuyển sang Unicode. Hãy chuyển văn bản sang Unicode (ví dụ bằng công cụ "
        "chuyển mã của Unikey) rồi tải lên lại.",
    )


def apply_legacy_detection(text: str, encoding: str, warnings: list[str]
                           ) -> tuple[str, str]:
    """Convert TCVN3/VNI shown as Unicode cp1252 characters, or refuse if unsure."""
    guess = legacy.guess_legacy(text)
    if guess.encoding:
        warnings.append(CONVERTED_WARNING[guess.encoding])
        return guess.text, guess.encoding
    if guess.unsure:
        raise legacy_unsure_error(guess.candidate or "tcvn3")
    return text, encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' if the NUL pattern says so."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    nul_even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
    nul_odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
    if nul_odd >= 0.25 * pairs and nul_even <= 0.02 * pairs:
        return "utf-16-le"
    if nul_even >= 0.25 * pairs and nul_odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _try_utf8(data: bytes) -> tuple[str, list[str]] | None:
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes (truncated copy, one bad paste)?
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    if multibyte >= 20 and bad <= max(1, multibyte // 200):
        return text, [
            f"Có {bad} ký tự lỗi mã trong tệp; đã thay bằng dấu \ufffd."
        ]
    return None


def decode_text_bytes(data: bytes) -> Decoded:
    """Decode a text file; raises ReadError('encoding'/'legacy_encoding')."""
    warnings: list[str] = []
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError:
                raise ReadError(
                    "encoding",
                    f"Tệp văn bản khai báo mã {label.upper()} (BOM) nhưng có byte "
                    "không hợp lệ. Hãy lưu lại tệp dưới dạng UTF-8 rồi tải lên lại.",
                ) from None
            text, enc = apply_legacy_detection(text, label, warnings)
            return Decoded(text, enc, warnings)

    sample = data[:8192]
    if b"\x00" in sample:
        codec = _utf16_without_bom(data)
        if codec is not None:
            try:
                text = data[: len(data) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                raise ReadError(
                    "encoding",
                    "Tệp có vẻ mã UTF-16 nhưng bị lỗi. Hãy lưu lại tệp dưới dạng "
                    "UTF-8 rồi tải lên lại.",
                ) from None
            text, enc = apply_legacy_detection(text, "utf-16", warnings)
            return Decoded(text, enc, warnings)
        if sample.count(b"\x00") > max(8, len(sample) // 100):
            raise ReadError(
                "encoding",
                "Tệp không phải văn bản thuần (có ký tự nhị phân). "
                "Hãy lưu văn bản dưới dạng .txt mã UTF-8, hoặc tải lên tệp .docx/.pdf gốc.",
            )
        # a few stray NULs in a text file: drop them
        data = data.replace(b"\x00", b"")

    utf8 = _try_utf8(data)
    if utf8 is not None:
        text, warnings = utf8
        text, enc = apply_legacy_detection(text, "utf-8", warnings)
        return Decoded(text, enc, warnings)

    return decode_8bit(data)


_SAMPLE_BYTES = 120_000


def _byte_sample(data: bytes) -> bytes:
    if len(data) <= 3 * _SAMPLE_BYTES:
        return data
    mid = len(data) // 2
    return b"\n".join((data[:_SAMPLE_BYTES], data[mid:mid + _SAMPLE_BYTES],
                       data[-_SAMPLE_BYTES:]))


_DECODERS = {
    "cp1258": lambda b: unicodedata.normalize("NFC", b.decode("cp1258")),
    "tcvn3": legacy.decode_tcvn3_bytes,
    "vni": legacy.decode_vni_bytes,
}


def decode_8bit(data: bytes) -> Decoded:
    """Not UTF: choose among Windows-1258, TCVN3, VNI and Windows-1252.

    Keys on the share of non-ASCII words that come out as valid Vietnamese
    syllables under each candidate (scored on a sample; only the winner
    decodes the whole file).
    """
    sample = _byte_sample(data)
    candidates: dict[str, str] = {}
    for name, decode in _DECODERS.items():
        try:
            candidates[name] = decode(sample)
        except UnicodeDecodeError:
            continue  # cp1258 leaves a few bytes undefined
    if "cp1258" in candidates and sample is not data:
        try:
            data.decode("cp1258")
        except UnicodeDecodeError:
            del candidates["cp1258"]
    scores = {name: legacy.score_vietnamese(t) for name, t in candidates.items()}
    order = list(candidates)  # preference on ties: cp1258, tcvn3, vni
    best = max(order, key=lambda n: (scores[n].ratio, scores[n].valid, -order.index(n)))
    b = scores[best]
    runner_up = max((scores[n].ratio for n in order if n != best), default=0.0)
    if b.tokens == 0:
        # no non-ASCII word at all: stray high bytes in an ASCII text
        if "cp1258" in candidates:
            return Decoded(_DECODERS["cp1258"](data), "cp1258")
        return Decoded(legacy.legacy_bytes_to_str(data), "cp1252")
    if b.ratio >= legacy.CONFIDENT and b.valid >= legacy.MIN_VALID and (
        b.ratio >= runner_up + 0.1
    ):
        warnings = []
        if best in CONVERTED_WARNING:
            warnings.append(CONVERTED_WARNING[best])
        else:
            warnings.append("Tệp dùng mã Windows-1258; đã chuyển sang Unicode.")
        text = candidates[best] if sample is data else _DECODERS[best](data)
        return Decoded(text, best, warnings)
    if best in ("tcvn3", "vni") and b.ratio >= 0.4 and b.tokens >= 3:
        raise legacy_unsure_error(best)
    # Not Vietnamese in any 8-bit table: accept as Windows-1252 (Western
    # European) if nearly all of it is ASCII, otherwise refuse.
    high = sum(1 for byte in sample if byte >= 0x80)
    if high <= max(3, len(sample) // 100):
        return Decoded(legacy.legacy_bytes_to_str(data), "cp1252", [
            "Không nhận ra bảng mã tiếng Việt; đã đọc theo mã Windows-1252."
        ])
    raise ReadError("encoding")

"""PDF reader: pdfminer.six in a separate, time-limited process."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from .errors import ReadError
from .limits import CORRUPT_DOCX

CORRUPT_PDF = "Tệp .pdf bị hỏng hoặc không phải định dạng PDF hợp lệ."
ENCRYPTED_PDF = (
    "Tệp PDF được đặt mật khẩu nên không đọc được. Hãy gỡ mật khẩu rồi tải lên lại."
)
_CID_RE = re.compile(r"\(cid:\d+\)")

_WORKER_MODULE = f"{__package__}.pdf_worker"
# directory that holds the top-level package (so "-m ingest.readers.pdf_worker" works)
_IMPORT_ROOT = str(Path(__file__).resolve().parents[len(__package__.split("."))])


def _python() -> str:
    exe = sys.executable or ""
    if "python" in os.path.basename(exe).lower():
        return exe
    # embedded interpreters (uWSGI, mod_wsgi) report their own binary
    for name in ("python3", "python"):
        candidate = os.path.join(sys.prefix, "bin", name)
        if os.path.exists(candidate):
            return candidate
    return exe or "python3"


def _worker_command() -> list[str]:
    return [_python(), "-m", _WORKER_MODULE]


LABELS = {"pdf": "PDF", "docx": ".docx"}


def run_worker(data: bytes, timeout: float, fmt: str = "pdf") -> dict:
    """Parse `data` (a PDF or a .docx) in the sandboxed worker process, killed past `timeout`."""
    label = LABELS[fmt]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (_IMPORT_ROOT, env.get("PYTHONPATH", "")) if p
    )
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONSTARTUP", None)
    try:
        proc = subprocess.Popen(
            [*_worker_command(), fmt],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=_IMPORT_ROOT,
            start_new_session=True,  # its own process group: kill it whole
        )
    except OSError:
        raise ReadError(
            "corrupt", f"Không khởi động được bộ đọc {label}; hãy thử lại sau."
        ) from None
    try:
        out, _ = proc.communicate(input=data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise ReadError(
            "timeout",
            f"Đọc tệp {label} quá thời gian cho phép ({f'{timeout:g}'.replace('.', ',')} giây); tệp có thể "
            "bị lỗi hoặc quá phức tạp. "
            + ("Hãy thử xuất lại PDF hoặc tải lên tệp .docx gốc." if fmt == "pdf" else
               "Hãy lưu lại tệp bằng Word (bỏ hình ảnh, đối tượng nhúng) rồi thử lại."),
        ) from None
    except BaseException:
        _kill(proc)
        raise
    try:
        result = json.loads(out.decode("utf-8"))
        if not isinstance(result, dict):
            raise ValueError
    except ValueError:
        # killed by its memory/CPU cap, or crashed
        raise ReadError(
            "corrupt",
            f"Tệp {label} bị lỗi hoặc quá phức tạp (vượt giới hạn bộ nhớ) nên không đọc được.",
        ) from None
    return result


def read_docx_sandboxed(data: bytes, timeout: float) -> tuple[str, str | None, list[str]]:
    """ingest.readers.docx.read_docx, run in the worker process like a PDF."""
    result = run_worker(data, timeout, "docx")
    if result.get("ok"):
        return str(result.get("text") or ""), result.get("encoding"), list(result.get("warnings") or [])
    if result.get("error") == "read_error":
        raise ReadError(result.get("code") or "corrupt", result.get("message"))
    if result.get("error") == "too_complex":
        raise ReadError("corrupt", "Tệp .docx quá phức tạp nên không đọc được.")
    raise ReadError("corrupt", CORRUPT_DOCX)


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        try:
            proc.kill()
        except OSError:
            pass
    try:
        proc.communicate(timeout=5)
    except Exception:  # pragma: no cover
        pass


def read_pdf(data: bytes, timeout: float) -> tuple[str, list[str]]:
    """Return (raw text, warnings).  Text not yet finalized."""
    result = run_worker(data, timeout)
    if not result.get("ok"):
        error = result.get("error")
        if error == "encrypted":
            raise ReadError("corrupt", ENCRYPTED_PDF)
        if error == "too_complex":
            raise ReadError("corrupt", "Tệp PDF quá phức tạp nên không đọc được.")
        if error == "page_loop":
            raise ReadError("corrupt", "Tệp PDF bị lỗi cấu trúc: danh sách trang tự lặp lại nên không đọc được. "
                                       "Hãy xuất lại PDF từ tệp gốc hoặc tải lên tệp .docx.")
        if error == "no_pages":
            raise ReadError("corrupt", "Tệp PDF không có trang nào nên không có gì để nhập. "
                                       "Hãy kiểm tra lại tệp hoặc tải lên tệp .docx gốc.")
        raise ReadError("corrupt", CORRUPT_PDF)
    text = str(result.get("text") or "")
    pages = max(1, text.count("\x0c"))
    text = text.replace("\x0c", "\n")
    warnings: list[str] = []
    visible = len(re.sub(r"\s", "", text))
    # nothing, or only page numbers / a stamp: a scan without OCR
    if visible < 8 * pages:
        raise ReadError(
            "scanned_pdf",
            "Tệp PDF là bản quét (không có lớp chữ) nên không trích được văn bản. "
            "Hãy dùng tệp gốc (.docx hoặc PDF xuất từ Word) hoặc nhận dạng chữ "
            "(OCR) trước khi tải lên.",
        )
    cid = _CID_RE.findall(text)
    if cid:
        cid_chars = sum(len(c) for c in cid)
        if cid_chars > 0.3 * visible:
            raise ReadError(
                "encoding",
                "Tệp PDF dùng phông chữ không kèm bảng mã Unicode nên không trích "
                "được chữ. Hãy tải lên tệp .docx gốc hoặc xuất lại PDF từ Word.",
            )
        text = _CID_RE.sub("", text)
        warnings.append("Một số ký tự trong PDF không giải mã được và đã bị bỏ qua.")
    return text, warnings

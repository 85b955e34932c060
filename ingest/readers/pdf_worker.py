"""PDF text extraction in a throw-away process.

Run as ``python -m ingest.readers.pdf_worker``: reads the PDF bytes from stdin,
writes one JSON object to stdout:

    {"ok": true, "text": "...", "pages": 3}
    {"ok": false, "error": "encrypted" | "corrupt" | "too_complex", "detail": "..."}

The parent (ingest.readers.pdf) kills this process when it runs past the time
limit, so a PDF that sends pdfminer into a loop cannot hang a web worker.
Memory and CPU are capped here too.  Imports nothing from Django.
"""
from __future__ import annotations

import io
import json
import logging
import sys

MAX_PAGES = 2000
MEMORY_LIMIT = 2 * 1024 * 1024 * 1024  # address space, bytes
CPU_LIMIT_SECONDS = 300                # hard backstop; the parent's timeout is shorter


def _limit_resources() -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - non-POSIX
        return
    for which, value in ((resource.RLIMIT_AS, MEMORY_LIMIT),
                         (resource.RLIMIT_CPU, CPU_LIMIT_SECONDS)):
        try:
            soft, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(which, (value, hard))
        except (ValueError, OSError):  # pragma: no cover
            pass


def extract(data: bytes) -> dict:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        text = extract_text(io.BytesIO(data), maxpages=MAX_PAGES, laparams=LAParams())
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        return {"ok": False, "error": "encrypted", "detail": type(exc).__name__}
    except (MemoryError, RecursionError) as exc:
        return {"ok": False, "error": "too_complex", "detail": type(exc).__name__}
    except Exception as exc:  # any pdfminer failure on a bad file
        return {"ok": False, "error": "corrupt", "detail": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": True, "text": text, "pages": text.count("\x0c")}


def main() -> int:
    _limit_resources()
    logging.disable(logging.CRITICAL)  # pdfminer warns loudly on odd files
    data = sys.stdin.buffer.read()
    try:
        result = extract(data)
    except Exception as exc:  # pragma: no cover - import failure etc.
        result = {"ok": False, "error": "corrupt", "detail": f"{type(exc).__name__}: {exc}"[:300]}
    out = json.dumps(result, ensure_ascii=True)
    sys.stdout.write(out)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

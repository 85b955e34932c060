"""PDF and .docx parsing in a throw-away process.

Run as ``python -m ingest.readers.pdf_worker [pdf|docx]``: reads the file's bytes
from stdin, writes one JSON object to stdout:

    {"ok": true, "text": "...", "pages": 3}                          (pdf)
    {"ok": true, "text": "...", "encoding": ..., "warnings": [...]}  (docx)
    {"ok": false, "error": "encrypted" | "corrupt" | "too_complex" | "page_loop" | "no_pages"
                           | "read_error", "detail": "...", "code": ..., "message": ...}

The parent (ingest.readers.pdf.run_worker) kills this process when it runs past
the time limit, so a file that sends a parser into a loop or swells into gigabytes
of XML cannot hang or exhaust a web worker. Memory and CPU are capped here too.
Imports nothing from Django.
"""
from __future__ import annotations

import io
import json
import logging
import sys

MAX_PAGES = 2000
MEMORY_LIMIT = 2 * 1024 * 1024 * 1024  # address space, bytes
DOCX_MEMORY_LIMIT = 1024 * 1024 * 1024  # XML is capped at 25 MB expanded: a tree of it fits well
CPU_LIMIT_SECONDS = 300                # hard backstop; the parent's timeout is shorter
MAX_PAGE_NODES = 100_000


def _limit_resources(memory: int = MEMORY_LIMIT) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - non-POSIX
        return
    for which, value in ((resource.RLIMIT_AS, memory),
                         (resource.RLIMIT_CPU, CPU_LIMIT_SECONDS)):
        try:
            soft, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(which, (value, hard))
        except (ValueError, OSError):  # pragma: no cover
            pass


def page_tree_problem(data: bytes) -> str | None:
    """"page_loop" if the page tree refers back to itself, "no_pages" if it holds no page.

    pdfminer survives a loop by scanning every object for pages, which turns a broken file
    into a few characters of junk; such a file is refused instead.
    """
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef, resolve1

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    stack = [document.catalog.get("Pages")]
    seen: set = set()
    pages = 0
    while stack:
        ref = stack.pop()
        if isinstance(ref, PDFObjRef):
            if ref.objid in seen:
                return "page_loop"
            seen.add(ref.objid)
        if len(seen) > MAX_PAGE_NODES:
            return "page_loop"
        node = resolve1(ref)
        if not isinstance(node, dict):
            continue
        kids = resolve1(node.get("Kids"))
        if isinstance(kids, list):
            stack.extend(kids)
        elif "Kids" not in node:
            pages += 1
    return None if pages else "no_pages"


def extract(data: bytes) -> dict:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        problem = page_tree_problem(data)
        if problem:
            return {"ok": False, "error": problem, "detail": problem}
        text = extract_text(io.BytesIO(data), maxpages=MAX_PAGES, laparams=LAParams())
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        return {"ok": False, "error": "encrypted", "detail": type(exc).__name__}
    except (MemoryError, RecursionError) as exc:
        return {"ok": False, "error": "too_complex", "detail": type(exc).__name__}
    except Exception as exc:  # any pdfminer failure on a bad file
        return {"ok": False, "error": "corrupt", "detail": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": True, "text": text, "pages": text.count("\x0c")}


def extract_docx(data: bytes) -> dict:
    from ingest.readers.docx import read_docx
    from ingest.readers.errors import ReadError

    try:
        text, encoding, warnings = read_docx(data)
    except ReadError as exc:
        return {"ok": False, "error": "read_error", "code": exc.code, "message": exc.message}
    except (MemoryError, RecursionError) as exc:
        return {"ok": False, "error": "too_complex", "detail": type(exc).__name__}
    return {"ok": True, "text": text, "encoding": encoding, "warnings": warnings}


def main() -> int:
    fmt = sys.argv[1] if len(sys.argv) > 1 else "pdf"
    _limit_resources(DOCX_MEMORY_LIMIT if fmt == "docx" else MEMORY_LIMIT)
    logging.disable(logging.CRITICAL)  # pdfminer warns loudly on odd files
    data = sys.stdin.buffer.read()
    try:
        result = extract_docx(data) if fmt == "docx" else extract(data)
    except Exception as exc:  # pragma: no cover - import failure etc.
        result = {"ok": False, "error": "corrupt", "detail": f"{type(exc).__name__}: {exc}"[:300]}
    out = json.dumps(result, ensure_ascii=True)
    sys.stdout.write(out)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

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


def _pages(data: bytes):
    """pdfminer's ``extract_pages``, each page's characters put in reading order before its layout is
    analysed (``pdf_order``: glyphs a fallback font drew after their line)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    from ingest.readers.pdf_order import reading_order

    class Aggregator(PDFPageAggregator):
        def end_page(self, page):
            objs = self.cur_item._objs
            ordered = iter(reading_order([o for o in objs if isinstance(o, LTChar)]))
            self.cur_item._objs = [next(ordered) if isinstance(o, LTChar) else o for o in objs]
            super().end_page(page)

    resources = PDFResourceManager()
    device = Aggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    for page in PDFPage.get_pages(io.BytesIO(data), maxpages=MAX_PAGES):
        interpreter.process_page(page)
        yield device.get_result()


def extract(data: bytes) -> dict:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    from ingest.readers.pdf_tables import join_continued_rows

    try:
        problem = page_tree_problem(data)
        if problem:
            return {"ok": False, "error": problem, "detail": problem}
        texts, carried = [], None
        for page in _pages(data):
            text, carried = page_text(page, carried)
            texts.append(text)
        text = join_continued_rows("".join(texts))
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


def page_text(page, carried: list[float] | None = None) -> tuple[str, list[float] | None]:
    """A page's text as pdfminer's ``extract_text`` writes it, except that each ruled table is written as rows
    of tab-separated cells rebuilt from the characters' positions (see ``pdf_tables``), where its first text
    box stood; and the column borders of the borderless table the page ends with, for the next page
    (``carried``: those of the page before), else None."""
    from pdfminer.layout import LTCurve, LTTextBox

    from ingest.readers.pdf_tables import borderless_grids, find_grids, rows_text

    grids = find_grids([el.bbox for el in _walk(page) if isinstance(el, LTCurve)])
    borderless = not grids
    if borderless:
        grids = borderless_grids(_page_chars(page), _task_header, carried)
    out: list[str] = []
    if not grids:
        _render(page, out)
        return "".join(out) + "\f", None
    chars: dict[int, list] = {i: [] for i in range(len(grids))}
    written: set[int] = set()
    for item in page:
        if isinstance(item, LTTextBox):
            _split_box(item, grids, chars, written, out, borderless)
        else:
            _render(item, out)
    out += [f"\x00TABLE{gi}\x00" for gi in range(len(grids)) if gi not in written and chars[gi]]
    text = "".join(out)
    for gi, grid in enumerate(grids):
        text = text.replace(f"\x00TABLE{gi}\x00", "\n" + rows_text(grid, chars[gi]) + "\n\n")
    return text + "\f", (grids[-1].xs if borderless else None)


def _page_chars(page) -> list[tuple]:
    """Every character of the page's text boxes: (x0, y0, x1, y1, text, line key)."""
    from pdfminer.layout import LTChar, LTTextBox, LTTextLine

    out = []
    for box in page:
        if not isinstance(box, LTTextBox):
            continue
        for li, line in enumerate(box):
            if isinstance(line, LTTextLine):
                out += [(*ch.bbox, ch.get_text(), (id(box), li)) for ch in line if isinstance(ch, LTChar)]
    return out


def _task_header(texts: list[str]) -> bool:
    """The cells name a task table's columns (the extractor's reading: a task column and a lead or time one)."""
    from ingest.nlp.tables import table_header

    src, cells = "", []
    for t in texts:
        cells.append((len(src), len(src) + len(t)))
        src += t + "\t"
    return table_header(src, cells) is not None


def _render(item, out: list[str]) -> None:
    """pdfminer's TextConverter.receive_layout: every text item, a line break after each text box."""
    from pdfminer.layout import LTContainer, LTText, LTTextBox

    if isinstance(item, LTContainer):
        for child in item:
            _render(child, out)
    elif isinstance(item, LTText):
        out.append(item.get_text())
    if isinstance(item, LTTextBox):
        out.append("\n")


def _split_box(box, grids, chars: dict[int, list], written: set[int], out: list[str], borderless: bool) -> None:
    """A text box's characters outside every table are written as text; those inside one are kept for that
    table's rows, and the table's place is marked where its first character stood (in a borderless table, its
    first in the first column: layout analysis may put another column's box first, before the page's title)."""
    from pdfminer.layout import LTAnno, LTChar, LTTextLine

    kept: list[str] = []
    for li, line in enumerate(box):
        if not isinstance(line, LTTextLine):
            continue
        last = None
        for ch in line:
            if isinstance(ch, LTChar):
                last = ch.bbox
            inside = _grid_at(grids, last) if last is not None else None
            if inside is None:
                kept.append(ch.get_text() if isinstance(ch, (LTChar, LTAnno)) else "")
                continue
            if inside not in written and (not borderless or _first_column(grids[inside], last)):
                written.add(inside)
                head = "".join(kept)
                out.append((head + "\n" if head.strip() else "") + f"\x00TABLE{inside}\x00")
                kept = []
            chars[inside].append((*last, ch.get_text(), (id(box), li)))
    if "".join(kept).strip():
        out.append("".join(kept) + "\n")


def _first_column(grid, box) -> bool:
    cell = grid.cell_of((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    return cell is not None and cell[1] == 0


def _grid_at(grids, box) -> int | None:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return next((gi for gi, g in enumerate(grids) if g.contains(cx, cy)), None)


def _walk(item):
    from pdfminer.layout import LTContainer
    yield item
    if isinstance(item, LTContainer):
        for child in item:
            yield from _walk(child)


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

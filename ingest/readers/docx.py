"""Word .docx reader.

The zip container is checked first (limits.check_docx_zip), then python-docx
opens the package and the body XML is walked in document order: paragraphs
(with list markers), tables (row by row), content controls, tracked insertions
and text boxes.  Runs set in legacy fonts (.VnTime*, .VnArial*, VNI-*) are
converted from TCVN3/VNI to Unicode.
"""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

from . import legacy
from .errors import ReadError
from .limits import CORRUPT_DOCX, check_docx_zip
from .text import CONVERTED_WARNING, apply_legacy_detection

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "{%s}" % W_NS


def _w(tag: str) -> str:
    return W + tag


# containers whose children are walked as if they were inline in the paragraph
_INLINE_CONTAINERS = {
    _w("hyperlink"), _w("ins"), _w("moveTo"), _w("smartTag"), _w("customXml"),
    _w("fldSimple"), _w("sdt"), _w("sdtContent"), _w("dir"), _w("bdo"),
}
_SKIPPED = {_w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"), _w("sdtPr"),
            _w("sdtEndPr"), _w("proofErr"), _w("bookmarkStart"), _w("bookmarkEnd")}
# run children that carry no text of the document (field codes, deleted text, page marks)
_NOT_TEXT = {_w("rPr"), _w("instrText"), _w("delText"), _w("delInstrText"), _w("fldChar"),
             _w("lastRenderedPageBreak"), _w("footnoteRef"), _w("endnoteRef"), _w("annotationRef"),
             _w("commentReference"), _w("separator"), _w("continuationSeparator")}


@dataclass
class _Style:
    based_on: str | None = None
    font: str | None = None          # hAnsi/ascii font name, "" = theme font
    num_id: str | None = None
    ilvl: str | None = None


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Walker:
    styles: dict[str, _Style]
    default_pstyle: str | None
    default_font: str | None
    abstract: dict[str, dict[int, _Level]]
    nums: dict[str, tuple[str, dict[int, int]]]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    legacy_chars: Counter = field(default_factory=Counter)

    # ---- styles -----------------------------------------------------------
    def _style_chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            st = self.styles[style_id]
            yield st
            style_id = st.based_on

    def run_font(self, r, pstyle: str | None) -> str | None:
        rpr = r.find(_w("rPr"))
        if rpr is not None:
            f = _rfonts_name(rpr.find(_w("rFonts")))
            if f is not None:
                return f
            rstyle = rpr.find(_w("rStyle"))
            if rstyle is not None:
                for st in self._style_chain(rstyle.get(_w("val"))):
                    if st.font is not None:
                        return st.font
        for st in self._style_chain(pstyle or self.default_pstyle):
            if st.font is not None:
                return st.font
        return self.default_font

    def numbering(self, p, pstyle: str | None) -> tuple[str, int] | None:
        num_id = ilvl = None
        ppr = p.find(_w("pPr"))
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        if numpr is not None:
            n = numpr.find(_w("numId"))
            lv = numpr.find(_w("ilvl"))
            num_id = n.get(_w("val")) if n is not None else None
            ilvl = lv.get(_w("val")) if lv is not None else None
        if num_id is None:
            for st in self._style_chain(pstyle):
                if st.num_id is not None:
                    num_id = st.num_id
                    ilvl = ilvl or st.ilvl
                    break
        if not num_id or num_id == "0":
            return None
        try:
            return num_id, max(0, min(8, int(ilvl or 0)))
        except ValueError:
            return num_id, 0

    def marker(self, num_id: str, ilvl: int) -> str:
        abs_id, overrides = self.nums.get(num_id, (None, {}))
        levels = self.abstract.get(abs_id or "", {})
        key = num_id if overrides else f"abs:{abs_id}"
        counters = self.counters.setdefault(key, {})

        def level(i: int) -> _Level:
            lvl = levels.get(i, _Level())
            if i in overrides:
                lvl = _Level(lvl.fmt, lvl.text, overrides[i])
            return lvl

        counters[ilvl] = counters.get(ilvl, level(ilvl).start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        lvl = level(ilvl)
        if lvl.fmt == "bullet" or abs_id is None and not levels:
            return "-"
        if lvl.fmt == "none":
            return ""
        out = lvl.text
        for i in range(9):
            ph = f"%{i + 1}"
            if ph in out:
                value = counters.get(i, level(i).start)
                out = out.replace(ph, _format_number(value, level(i).fmt))
        return out.strip()

    # ---- text ---------------------------------------------------------------
    def paragraph(self, p) -> list[str]:
        """Lines for one w:p (its own text first, then text-box contents)."""
        pstyle = None
        ppr = p.find(_w("pPr"))
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            if ps is not None:
                pstyle = ps.get(_w("val"))
        segments: list[tuple[str, str | None]] = []
        extra: list[str] = []
        self._collect(p, pstyle, segments, extra)
        text = self._convert(segments).strip()
        lines: list[str] = []
        num = self.numbering(p, pstyle or self.default_pstyle)
        if text:
            if num is not None:
                mark = self.marker(*num)
                if mark:
                    text = f"{mark} {text}"
            lines.append(text)
        lines.extend(extra)
        return lines

    def _collect(self, el, pstyle, segments, extra) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _w("r"):
                self._run(child, pstyle, segments, extra)
            elif tag in _INLINE_CONTAINERS:
                self._collect(child, pstyle, segments, extra)

    def _run(self, r, pstyle, segments, extra) -> None:
        font = None
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _w("t"):
                parts.append(child.text or "")
            elif tag in (_w("tab"), _w("ptab")):
                parts.append("\t")
            elif tag in (_w("br"), _w("cr")):
                parts.append("\n")
            elif tag == _w("noBreakHyphen"):
                parts.append("-")
            elif tag == _w("softHyphen"):
                # U+00AD: in a TCVN3 (ABC) font that byte is "ư"; converted with the run's
                # font, and dropped by finalize() when it is a real soft hyphen.
                parts.append("\u00ad")
            elif tag == _w("sym"):
                parts.append(_symbol(child))
            elif tag in _NOT_TEXT:
                continue
            elif isinstance(tag, str) and tag != _w("rPr"):
                # drawings / VML shapes / AlternateContent may hold text boxes
                extra.extend(self._textboxes(child))
        if parts:
            font = self.run_font(r, pstyle)
            segments.append(("".join(parts), font))

    def _textboxes(self, el) -> list[str]:
        lines: list[str] = []
        # mc:AlternateContent repeats the text box in Choice and Fallback
        if el.tag == "{%s}AlternateContent" % MC_NS:
            branches = [c for c in el if isinstance(c.tag, str)]
            if not branches:
                return lines
            el = branches[0]
        for box in _top_level(el, _w("txbxContent")):
            lines.extend(self.blocks(box))
        return lines

    def _convert(self, segments: list[tuple[str, str | None]]) -> str:
        """Join run texts; convert runs in legacy fonts (grouped, so that a VNI
        letter split over two runs is still joined)."""
        out: list[str] = []
        group: list[str] = []
        group_key: tuple[str | None, bool] = (None, False)

        def flush():
            if not group:
                return
            text = "".join(group)
            enc, upper = group_key
            if enc:
                # Unicode text merely formatted with a legacy font stays as is
                if not _has_unicode_vietnamese(text):
                    converted = legacy.CONVERTERS[enc](text)
                    if converted != text:
                        self.legacy_chars[enc] += sum(
                            1 for c in text if ord(c) >= 0xA0)
                    text = converted.upper() if upper else converted
            out.append(text)
            group.clear()

        for text, font in segments:
            enc = legacy.font_encoding(font)
            key = (enc, legacy.is_uppercase_font(font))
            if key != group_key:
                flush()
                group_key = key
            group.append(text)
        flush()
        return "".join(out)

    def table(self, tbl) -> list[str]:
        lines: list[str] = []
        for tr in _children(tbl, "tr"):
            cells: list[list[str]] = []
            for tc in _children(tr, "tc"):
                cell_lines = [ln for ln in self.blocks(tc) if ln.strip()]
                if cell_lines:
                    cells.append(cell_lines)
            if not cells:
                continue
            if all(len(c) == 1 for c in cells):
                lines.append("\t".join(c[0] for c in cells))
            else:
                for c in cells:
                    lines.extend(c)
        return lines

    def blocks(self, container) -> list[str]:
        lines: list[str] = []
        for child in container:
            tag = child.tag
            if tag == _w("p"):
                lines.extend(self.paragraph(child))
            elif tag == _w("tbl"):
                lines.extend(self.table(child))
            elif tag in (_w("sdt"), _w("customXml"), _w("sdtContent")):
                lines.extend(self.blocks(child))
        return lines


def _symbol(el) -> str:
    """A w:sym character; symbol fonts use the F0xx private range for their byte values."""
    try:
        code = int(el.get(_w("char"), ""), 16)
    except ValueError:
        return ""
    return chr(code - 0xF000 if 0xF000 <= code <= 0xF0FF else code)


def _top_level(el, tag: str):
    """Descendants of ``el`` with ``tag`` that are not nested in another one."""
    for node in el.iter(tag):
        parent = node.getparent()
        nested = False
        while parent is not None and parent is not el:
            if parent.tag == tag:
                nested = True
                break
            parent = parent.getparent()
        if not nested and node is not el:
            yield node


def _children(el, name: str):
    """Direct children named w:<name>, looking through sdt/customXml wrappers."""
    for child in el:
        if child.tag == _w(name):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _children(content, name)


# characters of cp1252 outside Latin-1 (legacy-font text may contain them)
_CP1252_EXTRAS = frozenset("ŒœŠšŸŽžƒˆ˜")


def _has_unicode_vietnamese(text: str) -> bool:
    """True if text has letters no legacy (cp1252) string can contain."""
    return any(
        (0x100 <= ord(c) <= 0x24F or 0x1E00 <= ord(c) <= 0x1EFF or 0x300 <= ord(c) <= 0x36F)
        and c not in _CP1252_EXTRAS
        for c in text
    )


def _rfonts_name(rfonts) -> str | None:
    """Font used for Latin-1 characters: w:hAnsi, else w:ascii; '' for theme fonts."""
    if rfonts is None:
        return None
    for attr in ("hAnsi", "ascii"):
        val = rfonts.get(_w(attr))
        if val:
            return val
    if rfonts.get(_w("hAnsiTheme")) or rfonts.get(_w("asciiTheme")):
        return ""
    return None


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        k = max(n, 1)
        # Word repeats the letter: a..z, aa..zz
        s = chr(ord("a") + (k - 1) % 26) * ((k - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        s, k = "", n
        for value, sym in _ROMAN:
            while k >= value:
                s += sym
                k -= value
        return s.upper() if fmt == "upperRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _parse_styles(doc) -> tuple[dict[str, _Style], str | None, str | None]:
    styles: dict[str, _Style] = {}
    default_pstyle = None
    default_font = None
    try:
        root = doc.styles.element
    except Exception:
        return styles, None, None
    for st in root.iter(_w("style")):
        sid = st.get(_w("styleId"))
        if not sid:
            continue
        s = _Style()
        based = st.find(_w("basedOn"))
        if based is not None:
            s.based_on = based.get(_w("val"))
        rpr = st.find(_w("rPr"))
        if rpr is not None:
            s.font = _rfonts_name(rpr.find(_w("rFonts")))
        ppr = st.find(_w("pPr"))
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        if numpr is not None:
            n = numpr.find(_w("numId"))
            lv = numpr.find(_w("ilvl"))
            s.num_id = n.get(_w("val")) if n is not None else None
            s.ilvl = lv.get(_w("val")) if lv is not None else None
        styles[sid] = s
        if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
            default_pstyle = sid
    defaults = root.find(_w("docDefaults"))
    if defaults is not None:
        rfonts = defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}/{_w('rFonts')}")
        default_font = _rfonts_name(rfonts)
    return styles, default_pstyle, default_font


def _numbering_root(doc):
    """The numbering part's XML, or None (no lists, or a part python-docx cannot load)."""
    try:
        for rel in doc.part.rels.values():
            if rel.reltype.endswith("/numbering") and not rel.is_external:
                return getattr(rel.target_part, "element", None)
    except Exception:
        return None
    return None


def _parse_level(lvl) -> _Level:
    lv = _Level()
    el = lvl.find(_w("numFmt"))
    if el is not None and el.get(_w("val")):
        lv.fmt = el.get(_w("val"))
    el = lvl.find(_w("lvlText"))
    if el is not None:
        lv.text = el.get(_w("val")) or ""
    el = lvl.find(_w("start"))
    if el is not None:
        try:
            lv.start = int(el.get(_w("val"), "1"))
        except ValueError:
            pass
    return lv


def _parse_numbering(doc):
    abstract: dict[str, dict[int, _Level]] = {}
    nums: dict[str, tuple[str, dict[int, int]]] = {}
    root = _numbering_root(doc)
    if root is None:
        return abstract, nums
    for an in root.iter(_w("abstractNum")):
        levels: dict[int, _Level] = {}
        for lvl in an.findall(_w("lvl")):
            try:
                i = int(lvl.get(_w("ilvl"), "0"))
            except ValueError:
                continue
            levels[i] = _parse_level(lvl)
        abstract[an.get(_w("abstractNumId"), "")] = levels
    for num in root.iter(_w("num")):
        nid = num.get(_w("numId"))
        ab = num.find(_w("abstractNumId"))
        if not nid or ab is None:
            continue
        overrides: dict[int, int] = {}
        for ov in num.findall(_w("lvlOverride")):
            so = ov.find(_w("startOverride"))
            if so is not None:
                try:
                    overrides[int(ov.get(_w("ilvl"), "0"))] = int(so.get(_w("val"), "1"))
                except ValueError:
                    pass
        nums[nid] = (ab.get(_w("val"), ""), overrides)
    return abstract, nums


def read_docx(data: bytes) -> tuple[str, str | None, list[str]]:
    """Return (raw text, encoding, warnings).  Text is not yet finalized."""
    check_docx_zip(data)
    try:
        import docx  # python-docx

        doc = docx.Document(io.BytesIO(data))
        body = doc.element.body
    except ReadError:
        raise
    except Exception:
        raise ReadError("corrupt", CORRUPT_DOCX) from None

    try:
        styles, default_pstyle, default_font = _parse_styles(doc)
        abstract, nums = _parse_numbering(doc)
        walker = _Walker(styles, default_pstyle, default_font, abstract, nums)
        lines = walker.blocks(body)
    except ReadError:
        raise
    except Exception:
        raise ReadError("corrupt", CORRUPT_DOCX) from None

    text = "\n".join(lines)
    warnings: list[str] = []
    encoding: str | None = None
    if walker.legacy_chars:
        for enc, _count in walker.legacy_chars.most_common():
            warnings.append(CONVERTED_WARNING[enc])
        encoding = walker.legacy_chars.most_common(1)[0][0]
    else:
        # No legacy font declared: legacy text may still hide behind a theme
        # font or a style we could not resolve.  Check the characters.
        text, enc = apply_legacy_detection(text, "", warnings)
        encoding = enc or None
    return text, encoding, warnings

"""Saved news page (.html) reader: keep the article text, drop the page chrome."""
from __future__ import annotations

import codecs
import re

from .errors import ReadError
from .text import apply_legacy_detection, decode_8bit

CORRUPT_HTML = "Tệp .html bị lỗi nên không đọc được nội dung."

# ---------------------------------------------------------------------------
# decoding
# ---------------------------------------------------------------------------
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_DECL_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""")
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# WHATWG: these labels really mean windows-1252
_AS_CP1252 = {"latin-1", "iso8859-1", "ascii", "iso-8859-1", "us-ascii"}


def declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    m = _META_CHARSET_RE.search(head) or _XML_DECL_RE.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").strip().lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in _AS_CP1252:
        codec = "cp1252"
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        # a meta tag readable as ASCII cannot be in UTF-16: the page is UTF-8
        codec = "utf-8"
    return codec


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), codec.split("-le")[0].split("-be")[0], []
            except UnicodeDecodeError:
                break
    declared = declared_charset(data)
    if declared:
        try:
            text = data.decode(declared)
            return text, declared, []
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    decoded = decode_8bit(data)
    warnings = list(decoded.warnings)
    if declared:
        warnings.append(
            f"Trang khai báo mã {declared} nhưng nội dung không khớp; "
            f"đã đọc theo mã {decoded.encoding}."
        )
    return decoded.text, decoded.encoding, warnings


# ---------------------------------------------------------------------------
# cleaning
# ---------------------------------------------------------------------------
_DROP_TAGS = [
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object",
    "embed", "form", "button", "input", "select", "textarea", "nav", "aside",
    "link", "meta", "head", "video", "audio", "map", "figcaption", "dialog",
]
# class/id tokens that mark page chrome.  Stems match inside a token
# ("sharebox", "relatednews", "commentlist"); exact words must be a whole token.
_STRONG_STEMS = ("share", "sharing", "social", "comment", "binhluan", "related",
                 "lienquan", "breadcrumb", "caption", "credit", "luotxem",
                 "viewcount", "newsletter", "subscribe", "cookie", "advert",
                 "tukhoa", "docnhieu", "xemnhieu", "mostview", "mostread",
                 "popular", "sidebar", "copyright", "rating")
_WEAK_WORDS = frozenset({
    "view", "views", "viewed", "counter", "tag", "tags", "keyword", "keywords",
    "menu", "menus", "nav", "navbar", "navigation", "footer", "header", "masthead",
    "topbar", "toolbar", "ads", "ad", "banner", "widget", "print", "hidden", "hide",
    "pagination", "paging", "popup", "modal", "author", "tool", "tools", "bottom",
    "other", "othernews", "more", "readmore", "search", "login", "logo",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3",
    "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "blockquote", "pre", "figure", "address", "hr",
    "center", "details", "summary", "fieldset", "caption", "body", "html", "legend",
})
_CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_WS_RE = re.compile(r"\s+")

# short lines that are page furniture even outside a marked container
_CHROME_LINE_RE = re.compile(
    r"^\(?\s*(?:ảnh(?: minh (?:họa|hoạ))?|nguồn ảnh|photo)\s*[:：].{0,150}$"
    r"|^(?:số )?lượt (?:xem|đọc)\s*[:：]?\s*[\d.,\s]*$"
    r"|^(?:chia sẻ|share|in bài(?: viết)?|gửi bài|lên đầu trang|về trang trước|"
    r"quay lại|tags?|từ khóa|từ khoá)\s*[:：]?\s*$"
    # text-size and print controls: "Cỡ chữ: A- A A+", "Cỡ chữ A A A | In bài", "A- A A+"
    r"|^(?:(?:cỡ chữ|kích (?:thước|cỡ) chữ|cỡ phông|font size)\s*[:：]?\s*)?"
    r"(?:a\s*[-+−]?\s*){2,}(?:[|·/]\s*(?:in bài|in|nghe|chia sẻ)\s*)*$"
    r"|^(?:cỡ chữ|kích (?:thước|cỡ) chữ)\s*[:：]?\s*$",
    re.IGNORECASE,
)
# headings after which the rest of the page is lists/comments
_TAIL_HEADING_RE = re.compile(
    r"^(?:tin liên quan|tin cùng chuyên mục|bài viết liên quan|các tin khác|tin khác|"
    r"bài liên quan|ý kiến bạn đọc|bình luận|gửi bình luận|tin mới nhất|tin nổi bật|"
    r"xem thêm|đọc nhiều nhất)\s*:?\s*$",
    re.IGNORECASE,
)


def _tokens(el) -> list[str]:
    values = []
    cls = el.get("class")
    if isinstance(cls, (list, tuple)):
        values.extend(cls)
    elif cls:
        values.append(str(cls))
    for attr in ("id", "role", "itemprop"):
        v = el.get(attr)
        if v:
            values.append(str(v))
    out: list[str] = []
    for v in values:
        out.extend(_TOKEN_RE.findall(_CAMEL_RE.sub("-", v).lower()))
    return out


def _hint(el) -> str | None:
    """'strong' / 'weak' / None: how sure we are that el is page chrome."""
    toks = _tokens(el)
    if not toks:
        return None
    if any(stem in t for t in toks for stem in _STRONG_STEMS):
        return "strong"
    if any(t in _WEAK_WORDS for t in toks):
        return "weak"
    return None


def _text_len(el) -> int:
    return len(_WS_RE.sub("", el.get_text()))


def _protected(el) -> bool:
    if el.name in ("html", "body", "main", "article"):
        return True
    if el.get("role") == "main":
        return True
    return el.find(["article", "main"]) is not None


def _hidden(el) -> bool:
    if el.has_attr("hidden") or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _clean(soup) -> None:
    from bs4 import Comment, Declaration, Doctype, ProcessingInstruction

    for node in soup.find_all(string=lambda s: isinstance(
            s, (Comment, Doctype, Declaration, ProcessingInstruction))):
        node.extract()
    for el in soup.find_all(_DROP_TAGS):
        el.decompose()
    for el in soup.find_all(True):
        if getattr(el, "decomposed", False):
            continue
        if _hidden(el) and el.name not in ("html", "body"):
            el.decompose()
    body = soup.body or soup
    total = max(_text_len(body), 1)
    # <header>/<footer> of the page (not of an article)
    for el in soup.find_all(["header", "footer"]):
        if getattr(el, "decomposed", False):
            continue
        inside_article = el.find_parent("article") is not None
        if el.name == "header" and (inside_article or el.find("h1")) and _hint(el) != "strong":
            continue
        if not _protected(el):
            el.decompose()
    for el in soup.find_all(True):
        if getattr(el, "decomposed", False) or el.parent is None:
            continue
        hint = _hint(el)
        if hint is None or _protected(el):
            continue
        if hint == "weak":
            if el.find("h1") is not None or _text_len(el) >= 0.4 * total:
                continue
        el.decompose()


def _score_containers(root):
    """Container with the most paragraph text (readability-style)."""
    scores: dict[int, float] = {}
    nodes: dict[int, object] = {}
    for s in root.find_all(string=True):
        text = _WS_RE.sub(" ", str(s)).strip()
        if len(text) < 2:
            continue
        block = s.parent
        while block is not None and block.name not in _BLOCK_TAGS:
            block = block.parent
        if block is None:
            continue
        if block.name in ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
                          "pre", "dd", "dt", "address") and block.parent is not None:
            container = block.parent
        else:
            container = block
        weight = len(text) + (text.count(",") + text.count(".")) * 3
        for node, factor in ((container, 1.0), (container.parent, 0.3)):
            if node is None or node.name is None:
                continue
            scores[id(node)] = scores.get(id(node), 0.0) + weight * factor
            nodes[id(node)] = node
    if not scores:
        return None
    best = max(scores, key=scores.get)
    return nodes[best]


def _choose_container(soup):
    body = soup.body or soup
    total = _text_len(body)
    articles = [a for a in soup.find_all("article")]
    if articles:
        best = max(articles, key=_text_len)
        if _text_len(best) >= 0.3 * total:
            return best
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    candidate = _score_containers(main or body)
    if candidate is None or _text_len(candidate) < 0.15 * total:
        return main or body
    return candidate


def _common_ancestor(a, b):
    ancestors = {id(x) for x in [a, *a.parents]}
    for x in [b, *b.parents]:
        if id(x) in ancestors:
            return x
    return None


# ---------------------------------------------------------------------------
# text extraction
# ---------------------------------------------------------------------------
class _Lines:
    def __init__(self):
        self.lines: list[str] = []
        self.buf: list[str] = []

    def add(self, text: str) -> None:
        self.buf.append(text)

    def flush(self) -> None:
        line = _WS_RE.sub(" ", "".join(self.buf)).strip()
        self.buf.clear()
        if line:
            self.lines.append(line)


def _has_block_child(el) -> bool:
    return el.find(list(_BLOCK_TAGS | {"br"})) is not None


def _walk(node, out: _Lines, prefix: str = "") -> None:
    from bs4 import NavigableString, Tag

    for child in node.children:
        if isinstance(child, NavigableString):
            out.add(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            out.flush()
            continue
        if name == "img":
            continue
        if name == "pre":
            out.flush()
            for line in child.get_text().split("\n"):
                out.add(line)
                out.flush()
            continue
        if name in ("ul", "ol"):
            _walk_list(child, out)
            continue
        if name == "tr":
            _walk_row(child, out)
            continue
        if name in _BLOCK_TAGS:
            out.flush()
            _walk(child, out)
            out.flush()
        else:
            _walk(child, out)


def _walk_list(node, out: _Lines) -> None:
    """A list: each item on its own line, marked "- " or numbered from the list's start."""
    from bs4 import Tag

    out.flush()
    n = _int(node.get("start"), 1)
    for li in node.find_all("li", recursive=False):
        mark = "- " if node.name == "ul" else f"{n}. "
        n += 1
        out.flush()
        out.add(mark)
        _walk(li, out)
        out.flush()
    # stray non-li children
    for other in node.children:
        if isinstance(other, Tag) and other.name != "li":
            _walk(other, out)
    out.flush()


def _walk_row(node, out: _Lines) -> None:
    """A table row: one tab-separated line, or each cell's lines when a cell holds blocks."""
    out.flush()
    cells = node.find_all(["td", "th"], recursive=False)
    if any(_has_block_child(c) for c in cells):
        for c in cells:
            _walk(c, out)
            out.flush()
    else:
        texts = [_WS_RE.sub(" ", c.get_text()).strip() for c in cells]
        line = "\t".join(t for t in texts if t)
        if line:
            out.lines.append(line)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _drop_chrome_lines(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _TAIL_HEADING_RE.match(line) and i >= len(lines) * 0.5 and i > 0:
            break
        if len(line) <= 160 and _CHROME_LINE_RE.match(line):
            continue
        kept.append(line)
    return kept


def extract_article(html_text: str) -> str:
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        # Saved XHTML pages are still web pages: read them with the forgiving HTML parser.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html_text, "lxml")
    _clean(soup)
    container = _choose_container(soup)
    title_line = None
    h1 = soup.find("h1")
    if h1 is not None and container is not None and not any(
            p is container for p in h1.parents):
        lca = _common_ancestor(h1, container)
        if lca is not None and _text_len(lca) <= _text_len(container) * 1.3 + 400:
            container = lca
        else:
            title_line = _WS_RE.sub(" ", h1.get_text()).strip()
    out = _Lines()
    try:
        _walk(container, out)
        out.flush()
        lines = out.lines
    except RecursionError:
        lines = [ln.strip() for ln in container.get_text("\n").split("\n")]
    if title_line and (not lines or lines[0] != title_line):
        lines.insert(0, title_line)
    return "\n".join(_drop_chrome_lines([ln for ln in lines if ln.strip()]))


def read_html(data: bytes) -> tuple[str, str, list[str]]:
    """Return (raw text, encoding, warnings).  Text not yet finalized."""
    html_text, encoding, warnings = decode_html(data)
    try:
        text = extract_article(html_text)
    except ReadError:
        raise
    except Exception:
        raise ReadError("corrupt", CORRUPT_HTML) from None
    text, encoding = apply_legacy_detection(text, encoding, warnings)
    return text, encoding, warnings

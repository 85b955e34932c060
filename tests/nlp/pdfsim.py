"""Simulate the text layer of a PDF: hard-wrapped paragraphs, page numbers and running headers.

``pdf_layer(text, seed)`` re-flows each line of ``text`` (a paragraph, heading or bullet) to a width of 70–90
characters — the continuation lines are not new paragraphs — keeps the blank line between paragraphs only
sometimes, and every ~45 output lines starts a new page: a page number ("2", "- 3 -", "Trang 4/7") and a
running header, which may fall in the middle of a sentence. Deterministic for a given seed.
"""
from __future__ import annotations

import random
import textwrap

RUNNING_HEADERS = ("THÔNG BÁO KẾT LUẬN CỦA BAN THƯỜNG VỤ", "Số 123-TB/TU", "Văn phòng Tỉnh ủy - Bản sao")


def pdf_layer(text: str, seed: int = 0, page_lines: int = 45) -> str:
    rng = random.Random(seed)
    width = rng.randint(70, 90)
    style = rng.choice(("plain", "dash", "trang"))
    header = rng.choice(RUNNING_HEADERS)
    out: list[str] = []
    body_lines = 0
    page = 1
    n_pages_guess = max(2, len(text) // (width * page_lines) + 1)

    def new_page():
        nonlocal page, body_lines
        page += 1
        if style == "plain":
            num = str(page)
        elif style == "dash":
            num = f"- {page} -"
        else:
            num = f"Trang {page}/{n_pages_guess}"
        out.append(num)
        out.append(header)
        body_lines = 0

    for para in text.splitlines():
        para = para.strip()
        if not para:
            continue
        wrapped = textwrap.wrap(para, width=width, break_long_words=False, break_on_hyphens=False) or [para]
        for line in wrapped:
            if body_lines >= page_lines + rng.randint(-3, 3):
                new_page()
            out.append(line)
            body_lines += 1
        if rng.random() < 0.35:
            out.append("")
    return "\n".join(out) + "\n"

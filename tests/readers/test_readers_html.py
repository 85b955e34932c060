"""Saved news pages (.html)."""
from __future__ import annotations

import pytest

from ingest.readers import ReadError, read_document
from ingest.readers import legacy as L

NEWS_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo Ninh Bình - Thông báo</title>
<script>var x = "Đoạn mã không được lấy";</script><style>.a{color:red}</style></head>
<body>
<header class="site-header"><div class="logo">Báo Ninh Bình điện tử</div>
<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a>Chính trị</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/ct">Chính trị</a></div>
<div class="container">
 <div class="main-col">
  <h1 class="detail-title">Ban Thường vụ Tỉnh uỷ thông báo kết luận hội nghị</h1>
  <div class="meta"><span class="view-count">Lượt xem: 1.234</span></div>
  <div class="social-share"><a>Chia sẻ Facebook</a><a>Zalo</a></div>
  <div class="detail-content">
   <p><strong>Ngày 29/6/2021, Ban Chấp hành Đảng bộ tỉnh họp (Biên bản số 104-BB/TU).</strong></p>
   <p>Sau khi thảo luận, Ban Chấp hành Đảng bộ tỉnh cơ bản
      thống nhất với nội dung các văn bản trình tại Hội nghị:</p>
   <figure><img src="a.jpg" alt="Hội nghị"><figcaption>Quang cảnh hội nghị. Ảnh: Minh Đức</figcaption></figure>
   <p>1. Tiếp tục lãnh đạo triển khai Nghị quyết Đại hội XI Đảng bộ tỉnh.</p>
   <ul><li>Phát triển kinh tế - xã hội</li><li>Xây dựng Đảng, hệ thống chính trị</li></ul>
   <p class="photo-credit">Ảnh: Báo Ninh Bình</p>
   <p>2. Uỷ ban nhân dân tỉnh chỉ đạo các sở, ngành thực hiện.</p>
  </div>
  <div class="tags">Từ khoá: <a>Tỉnh uỷ</a> <a>Hội nghị</a></div>
  <div class="box-comment"><h3>Bình luận</h3><form><textarea></textarea></form>
   <div class="comment-item">Bài viết rất hay!</div></div>
  <div class="related-news"><h3>Tin liên quan</h3><ul><li><a>Hội nghị lần thứ 5</a></li></ul></div>
 </div>
 <aside class="sidebar"><h3>Đọc nhiều</h3><ul><li>Tin khác số một</li></ul></aside>
</div>
<footer><p>Bản quyền thuộc Báo Ninh Bình.</p></footer>
</body></html>"""

EXPECTED_NEWS = (
    "Ban Thường vụ Tỉnh uỷ thông báo kết luận hội nghị\n"
    "Ngày 29/6/2021, Ban Chấp hành Đảng bộ tỉnh họp (Biên bản số 104-BB/TU).\n"
    "Sau khi thảo luận, Ban Chấp hành Đảng bộ tỉnh cơ bản thống nhất với nội dung "
    "các văn bản trình tại Hội nghị:\n"
    "1. Tiếp tục lãnh đạo triển khai Nghị quyết Đại hội XI Đảng bộ tỉnh.\n"
    "- Phát triển kinh tế - xã hội\n"
    "- Xây dựng Đảng, hệ thống chính trị\n"
    "2. Uỷ ban nhân dân tỉnh chỉ đạo các sở, ngành thực hiện."
)


def test_news_page_keeps_article_drops_chrome():
    doc = read_document(NEWS_PAGE.encode("utf-8"), "tin.html")
    assert doc.format == "html"
    assert doc.encoding == "utf-8"
    assert doc.text == EXPECTED_NEWS
    for junk in ("Trang chủ", "Lượt xem", "Chia sẻ", "Bình luận", "rất hay", "Tin liên quan",
                 "Đọc nhiều", "Bản quyền", "Minh Đức", "Ảnh:", "Đoạn mã", "color", "Từ khoá",
                 "Báo Ninh Bình điện tử"):
        assert junk not in doc.text, junk


def test_article_element_is_preferred_over_teasers():
    page = """<!doctype html><html><body>
    <article class="teaser"><p>Tin ngắn ở cột bên</p></article>
    <main><article class="article-view"><header><h1>Nghị quyết về phát triển</h1></header>
    <p>Hội đồng nhân dân tỉnh đã thông qua Nghị quyết quan trọng về phát triển kinh tế.</p>
    <p>Nội dung chính gồm nhiều điểm mới, tập trung vào nông nghiệp.</p>
    <div class="share-tools">Chia sẻ</div><footer>Tác giả: Phòng Biên tập</footer>
    </article></main></body></html>"""
    doc = read_document(page.encode(), "a.htm")
    assert doc.text == (
        "Nghị quyết về phát triển\n"
        "Hội đồng nhân dân tỉnh đã thông qua Nghị quyết quan trọng về phát triển kinh tế.\n"
        "Nội dung chính gồm nhiều điểm mới, tập trung vào nông nghiệp."
    )


def test_old_portal_layout_table_with_br_and_cp1258_meta():
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">
    </head><body><div id="menu">Trang chủ | Giới thiệu</div>
    <table width="100%"><tr><td class="left">Liên kết web</td>
    <td class="content"><b>THÔNG BÁO</b><br>Ban Thường vụ Tỉnh uỷ thông báo ý kiến chỉ đạo.<br>
    Các cấp uỷ, tổ chức đảng thực hiện nghiêm túc.</td></tr></table>
    <div class="footer">Cổng thông tin điện tử tỉnh</div></body></html>"""
    data = L.encode_cp1258(page)
    assert b"\xf2" in data  # combining dot below: really cp1258
    doc = read_document(data, "cong-thong-tin.html")
    assert doc.encoding == "cp1258"
    assert doc.text == (
        "THÔNG BÁO\nBan Thường vụ Tỉnh uỷ thông báo ý kiến chỉ đạo.\n"
        "Các cấp uỷ, tổ chức đảng thực hiện nghiêm túc."
    )


def test_data_table_rows_become_tab_separated_lines():
    page = """<html><body><article><h1>Danh sách</h1><p>Thành phần tham dự hội nghị gồm các đồng chí sau đây.</p>
    <table><tr><th>Họ tên</th><th>Chức vụ</th></tr><tr><td>Nguyễn Văn A</td><td>Bí thư</td></tr></table>
    </article></body></html>"""
    doc = read_document(page.encode(), "t.html")
    assert "Họ tên\tChức vụ\nNguyễn Văn A\tBí thư" in doc.text


def test_utf16_html_with_bom():
    page = "<html><body><p>Tỉnh uỷ Ninh Bình</p></body></html>"
    doc = read_document(page.encode("utf-16"), "u.html")
    assert doc.text == "Tỉnh uỷ Ninh Bình"


def test_legacy_font_page_is_converted():
    sentence = "Ban Thường vụ Tỉnh ủy họp bàn về Nghị quyết của Đảng bộ tỉnh"
    page = ('<html><head><meta charset="iso-8859-1"></head><body>'
            f'<p><font face=".VnTime">{L.encode_tcvn3(sentence).decode("cp1252")}</font></p>'
            "</body></html>").encode("cp1252")
    doc = read_document(page, "cu.html")
    assert doc.text == sentence
    assert doc.encoding == "tcvn3"
    assert any("TCVN3" in w for w in doc.warnings)


def test_wrong_declared_charset_falls_back():
    page = '<html><head><meta charset="utf-8"></head><body><p>Tỉnh uỷ họp bàn về công tác</p></body></html>'
    doc = read_document(L.encode_cp1258(page), "w.html")
    assert doc.text == "Tỉnh uỷ họp bàn về công tác"
    assert doc.warnings


def test_chrome_only_page_is_empty():
    page = "<html><body><nav>Trang chủ</nav><script>x=1</script><footer>Bản quyền</footer></body></html>"
    with pytest.raises(ReadError) as exc:
        read_document(page.encode(), "e.html")
    assert exc.value.code == "empty"


def test_html_entities_and_whitespace():
    page = "<html><body><p>Hội&nbsp;đồng   nhân\n dân &amp; Uỷ ban</p></body></html>"
    assert read_document(page.encode(), "x.html").text == "Hội đồng nhân dân & Uỷ ban"

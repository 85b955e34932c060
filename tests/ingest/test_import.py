"""import_document: real files through the real readers and extractor; refusals leave nothing behind."""
import pytest

from ingest import services
from ingest.services import importing
from ingest.extraction import propose
from ingest.models import Communique, Directive, DirectiveOwner
from ingest.readers.legacy import encode_cp1258
from tests.ingest.conftest import make_docx, make_pdf, stored_files, variant

pytestmark = pytest.mark.django_db


def _owner_units(communique):
    return set(DirectiveOwner.objects.filter(directive__communique=communique, unit__isnull=False)
               .values_list("unit_id", flat=True))


def _assert_imported(communique, text_fragment, directory):
    communique.refresh_from_db()
    assert communique.state == Communique.State.DRAFT
    assert text_fragment in communique.text
    assert communique.directives.count() >= 2
    # Units named in the sample are resolved against the directory.
    assert {directory["a"].pk, directory["b"].pk} <= _owner_units(communique)
    expected = propose(communique.text)
    assert communique.number == (expected.number or "")[:64]
    assert communique.meeting_date == expected.meeting_date
    assert communique.directives.count() == len(expected.directives)
    assert communique.extraction  # what the extractor proposed is kept


def test_docx(sample_text, directory, media, office_user):
    c = services.import_document(data=make_docx(sample_text), filename="thong-bao 123.docx", pasted=None,
                                 user=office_user)
    _assert_imported(c, "Ban Tổ chức Tỉnh ủy chủ trì", directory)
    assert c.source_format == "docx"
    assert c.source_name == "thong-bao 123.docx"
    assert c.imported_by == office_user
    assert c.source_file and c.source_file.storage.exists(c.source_file.name)
    assert len(stored_files(media)) == 1


def test_pdf(sample_text, directory, media):
    c = services.import_document(data=make_pdf(sample_text), filename="tb.pdf", pasted=None, user=None)
    _assert_imported(c, "Sở Y tế", directory)
    assert c.source_format == "pdf"


def test_legacy_cp1258_txt(sample_text, directory, media):
    data = encode_cp1258(sample_text)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really a legacy encoding
    c = services.import_document(data=data, filename="tb-cu.txt", pasted=None, user=None)
    _assert_imported(c, "phòng, chống dịch bệnh", directory)
    assert c.source_format == "txt"


def test_pasted(sample_text, directory, media):
    c = services.import_document(data=None, filename="", pasted=sample_text.replace("\n", "\r\n"), user=None)
    _assert_imported(c, "Ban Dân vận Tỉnh ủy", directory)
    assert c.source_format == "pasted"
    assert not c.source_file
    assert stored_files(media) == []


def test_directive_spans_point_into_the_text(sample_text, directory, media):
    c = services.import_document(data=None, filename="", pasted=sample_text, user=None)
    spanned = [d for d in c.directives.all() if d.start is not None]
    assert spanned
    for d in spanned:
        assert 0 <= d.start < d.end <= len(c.text)


def test_deadline_carried_to_directive(sample_text, directory, media):
    c = services.import_document(data=None, filename="", pasted=sample_text, user=None)
    first = c.directives.filter(text__contains="đề án sắp xếp cán bộ").get()
    assert first.deadline is not None and first.deadline.isoformat() == "2025-06-30"
    assert "30/6/2025" in first.deadline_phrase


# --- refusals: Vietnamese message, nothing stored --------------------------------------------------

def _assert_nothing(media):
    assert Communique.objects.count() == 0
    assert Directive.objects.count() == 0
    assert DirectiveOwner.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.parametrize("data, filename, code", [
    (b"PK\x03\x04 this is not really a zip archive" * 20, "hong.docx", "corrupt"),
    (b"%PDF-1.4\n garbage without objects", "hong.pdf", "corrupt"),
    (b"", "trong.txt", "empty"),
    (b"   \n\n  ", "trang.txt", "empty"),
    (b"col1,col2\n1,2\n", "bang.xls", "unknown_format"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "cu.doc", "unknown_format"),
])
def test_bad_file_is_refused(data, filename, code, media, directory):
    with pytest.raises(services.ImportRefused) as info:
        services.import_document(data=data, filename=filename, pasted=None, user=None)
    assert info.value.code == code
    assert any(ch in info.value.message for ch in "ệểốạảờ")  # a Vietnamese sentence
    _assert_nothing(media)


def test_oversize_is_refused(settings, media, sample_text):
    settings.IMPORT_MAX_BYTES = 200
    with pytest.raises(services.ImportRefused) as info:
        services.import_document(data=sample_text.encode(), filename="lon.txt", pasted=None, user=None)
    assert info.value.code == "too_large"
    assert "quá lớn" in info.value.message
    _assert_nothing(media)


def test_book_length_text_is_refused(settings, media, sample_text):
    settings.IMPORT_MAX_CHARS = 100
    with pytest.raises(services.ImportRefused) as info:
        services.import_document(data=sample_text.encode(), filename="dai.txt", pasted=None, user=None)
    assert info.value.code == "too_long"
    assert "quá dài" in info.value.message
    _assert_nothing(media)


def test_nothing_given_is_refused(media):
    with pytest.raises(services.ImportRefused) as info:
        services.import_document(data=None, filename="", pasted="   ", user=None)
    assert "dán" in info.value.message
    _assert_nothing(media)


def test_duplicate_is_refused_across_formats(sample_text, directory, media):
    first = services.import_document(data=make_docx(sample_text), filename="a.docx", pasted=None, user=None)
    # Same words, other line breaks and spacing, other format: still the same communiqué.
    again = sample_text.replace("\n", "\r\n").replace("kết luận như sau:", "kết luận  như   sau:")
    with pytest.raises(services.DuplicateImport) as info:
        services.import_document(data=None, filename="", pasted=again, user=None)
    assert info.value.existing == first
    assert info.value.message.startswith("Thông báo này đã được nhập ngày ")
    assert "(xem " in info.value.message
    assert isinstance(info.value, services.ImportRefused)
    assert Communique.objects.count() == 1
    assert len(stored_files(media)) == 1


def test_failure_midway_leaves_no_rows_and_no_file(sample_text, directory, media, monkeypatch):
    def boom(communique, proposals):
        Directive.objects.create(communique=communique, text="half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_create_directives", boom)
    with pytest.raises(RuntimeError):
        services.import_document(data=make_docx(sample_text), filename="a.docx", pasted=None, user=None)
    _assert_nothing(media)


def test_extractor_crash_is_a_refusal(sample_text, media, monkeypatch):
    def crash(text):
        raise ValueError("bug")

    monkeypatch.setattr(importing, "propose", crash)
    with pytest.raises(services.ImportRefused) as info:
        services.import_document(data=sample_text.encode(), filename="a.txt", pasted=None, user=None)
    assert "trích xuất" in info.value.message
    _assert_nothing(media)


def test_second_different_communique_imports(sample_text, directory, media):
    services.import_document(data=None, filename="", pasted=sample_text, user=None)
    services.import_document(data=None, filename="", pasted=variant(sample_text, "124"), user=None)
    assert Communique.objects.count() == 2

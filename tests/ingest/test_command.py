"""import_communiques: a folder of good, duplicate and bad files; re-running imports nothing new."""
import io

import pytest
from django.core.management import CommandError, call_command

from ingest.models import Communique
from tests.factories import UserFactory
from tests.ingest.conftest import make_docx, make_pdf, stored_files, variant
from tracker.models import Task

pytestmark = pytest.mark.django_db


def _run(*args, refused: bool = False):
    """The command's output; with `refused`, it must also fail (exit status 1) after its summary."""
    out, err = io.StringIO(), io.StringIO()
    if refused:
        with pytest.raises(CommandError, match="bị từ chối") as failure:
            call_command("import_communiques", *map(str, args), stdout=out, stderr=err)
        assert failure.value.returncode == 1
    else:
        call_command("import_communiques", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path, files, sample_text):
    root = tmp_path / "thong-bao"
    files("a.docx", make_docx(sample_text), root)
    files("con/b.pdf", make_pdf(variant(sample_text, "201")), root)
    files("con/c.txt", variant(sample_text, "202").encode("utf-8"), root)
    files("c-trung.html", f"<html><body><pre>{variant(sample_text, '202')}</pre></body></html>".encode(), root)
    files("hong.docx", b"PK\x03\x04broken" * 40, root)
    files("rong.txt", b"", root)
    files("bang.xls", b"ignored: unsupported in a folder", root)
    files("~$a.docx", b"lock file", root)
    return root


def test_folder_summary_and_rerun(folder, directory, media):
    out, err = _run(folder, refused=True)
    assert "Đã nhập: 3 · Trùng: 1 · Từ chối: 2" in out
    assert "bang.xls" not in out and "~$a.docx" not in out
    assert "hong.docx" in out and "rong.txt" in out
    assert "Nhập thông báo" in err  # the progress bar goes to stderr
    assert Communique.objects.count() == 3

    out, _ = _run(folder, refused=True)
    assert "Đã nhập: 0 · Trùng: 4 · Từ chối: 2" in out
    assert Communique.objects.count() == 3


def test_single_files_user_and_publish(files, sample_text, directory, media, office_unit):
    user = UserFactory(username="vp")
    path = files("tb.txt", sample_text.encode())
    out, _ = _run(path, "--user", "vp", "--publish", "--fallback-office")
    c = Communique.objects.get()
    assert c.imported_by == user
    assert c.state == Communique.State.PUBLISHED
    assert "đã ban hành" in out and Task.objects.filter(directive__communique=c).count() >= 3


def test_publish_refusal_is_reported_not_fatal(files, sample_text, directory, media):
    out, _ = _run(files("tb.txt", sample_text.encode()), "--publish")
    c = Communique.objects.get()
    assert c.state == Communique.State.DRAFT
    assert "chưa ban hành" in out and "Đã nhập: 1" in out


def test_bad_arguments(tmp_path, db):
    with pytest.raises(CommandError, match="Không tìm thấy"):
        _run(tmp_path / "khong-co")
    with pytest.raises(CommandError, match="Không có tệp nào"):
        _run(tmp_path)
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(CommandError, match="Không có người dùng"):
        _run(tmp_path, "--user", "ai-do")


def test_ctrl_c_prints_the_summary_of_what_was_done_and_leaves_no_orphan(files, sample_text, directory, media,
                                                                        monkeypatch):
    from ingest.services import importing

    first = files("a.txt", sample_text.encode())
    files("b.txt", variant(sample_text, "301").encode())
    real = importing._create_directives
    calls = []

    def interrupted(communique, proposals):
        calls.append(communique)
        if len(calls) == 2:  # Ctrl-C after the second file was stored, before its row is committed
            raise KeyboardInterrupt
        return real(communique, proposals)

    monkeypatch.setattr(importing, "_create_directives", interrupted)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_communiques", str(first.parent), stdout=out, stderr=err)
    assert failure.value.returncode == 130
    assert "Đã nhập: 1 · Trùng: 0 · Từ chối: 0" in out.getvalue()
    assert "Ctrl-C" in err.getvalue()
    assert Communique.objects.count() == 1
    assert len(stored_files(media)) == 1, "the interrupted file's stored copy is removed"

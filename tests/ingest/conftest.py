"""Fixtures for the ingest tests: a small unit directory, a communiqué text, builders and file makers."""
import io
import os
from pathlib import Path

import pytest

from ingest.models import Communique, Directive, DirectiveOwner
from ingest.selectors import content_hash
from tests.factories import UnitFactory
from tracker.models import Unit

SAMPLE = """TỈNH ỦY QUẢNG TRỊ
Số 123-TB/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Quảng Trị, ngày 15 tháng 3 năm 2025

THÔNG BÁO
KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY
về công tác cán bộ và phòng, chống dịch bệnh

Ngày 12/3/2025, Ban Thường vụ Tỉnh ủy họp nghe báo cáo tình hình. Ban Thường vụ Tỉnh ủy kết luận như sau:

1. Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Sở Y tế tham mưu xây dựng đề án sắp xếp cán bộ, hoàn thành trước ngày 30/6/2025.
2. Sở Y tế chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy tăng cường công tác phòng, chống dịch bệnh, hoàn thành trước ngày 31/12/2025.
3. Giao Ban Dân vận Tỉnh ủy chủ trì theo dõi, đôn đốc việc triển khai thực hiện kết luận này.

Nơi nhận:
- Các đồng chí Tỉnh ủy viên,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
"""

# A provincial plan (kế hoạch): numbered groups, each closed by a responsibility line.
PLAN_HEAD = """ỦY BAN NHÂN DÂN TỈNH AN BÌNH
Số: 12/KH-UBND
An Bình, ngày 10 tháng 3 năm 2026

KẾ HOẠCH
Thực hiện Chương trình chuyển đổi số

II. NHIỆM VỤ
1. Hoàn thiện hạ tầng số
a) Nâng cấp mạng truyền số liệu chuyên dùng đến các xã, phường.
"""
PLAN_GROUP_1 = PLAN_HEAD + """b) Xây dựng kho dữ liệu dùng chung của tỉnh.
Trách nhiệm thực hiện: Ban Tổ chức Tỉnh ủy chủ trì; phối hợp: Sở Y tế; thời gian: quý III/2026.
"""
PLAN = PLAN_GROUP_1 + """2. Phát triển nhân lực số
a) Tổ chức tập huấn kỹ năng số cho cán bộ, công chức cấp xã.
Cơ quan chủ trì: Thuế tỉnh; thời gian hoàn thành: quý IV/2026.
"""

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def variant(text: str, tag: str) -> str:
    """The sample with one line changed, so it is not a duplicate of the original."""
    return text.replace("Số 123-TB/TU", f"Số {tag}-TB/TU").replace("ngày 12/3/2025", f"ngày 12/3/2025 (lần {tag})")


@pytest.fixture
def sample_text():
    return SAMPLE


@pytest.fixture
def directory(office_unit, unit_a, unit_b):
    """The units the sample names (office, Ban Tổ chức, Sở Y tế) and a few more."""
    return {"office": office_unit, "a": unit_a, "b": unit_b}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def make_communique(text="", *, directives=(), number="01-TB/TU", **fields) -> Communique:
    """A draft communiqué built directly (no extractor): directives are dicts with
    text/start/end/owners=[(name, role, unit|None)], other Directive fields as given."""
    text = text or "\n".join(d["text"] for d in directives) or "Nội dung"
    communique = Communique.objects.create(text=text, content_hash=content_hash(text + number), number=number,
                                           **fields)
    for order, spec in enumerate(directives):
        spec = dict(spec)
        owners = spec.pop("owners", [])
        if "start" not in spec and spec["text"] in text:
            spec["start"] = text.index(spec["text"])
            spec["end"] = spec["start"] + len(spec["text"])
        d = Directive.objects.create(communique=communique, order=order, **spec)
        for name, role, unit in owners:
            DirectiveOwner.objects.create(directive=d, name=name, role=role, unit=unit)
    return communique


@pytest.fixture
def group(db):
    """"Các huyện ủy": a group of three district committees, one of them inactive."""
    members = [UnitFactory(name=f"Huyện ủy {n}", short_name=f"HU{n}", code=f"hu{i}")
               for i, n in enumerate(["Gio Linh", "Vĩnh Linh", "Cam Lộ"])]
    members[2].is_active = False
    members[2].save()
    g = UnitFactory(name="Các huyện ủy", short_name="Các HU", code="cac-hu", is_group=True)
    g.members.set(members)
    return g


# --- real files -----------------------------------------------------------------------------------

def make_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if DEJAVU.exists():
        pdf.add_font("DejaVu", fname=str(DEJAVU))
        pdf.set_font("DejaVu", size=11)
    else:  # pragma: no cover - Debian ships DejaVu with fonts-dejavu-core
        pytest.skip("DejaVu font missing")
    for line in text.split("\n"):
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture
def files(tmp_path):
    """A folder factory: write named files with the given bytes."""

    def _write(name: str, data: bytes, folder: Path | None = None) -> Path:
        path = (folder or tmp_path) / name
        os.makedirs(path.parent, exist_ok=True)
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def unit_ids():
    return lambda: set(Unit.objects.values_list("pk", flat=True))

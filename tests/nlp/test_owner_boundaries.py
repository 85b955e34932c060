"""Where a unit's name ends and what a responsibility line's clauses are: the owner grammar's boundaries
(heldout12's misses, read by cause)."""
from ingest.nlp import extract
from ingest.nlp.lexicon import tokenize
from ingest.nlp.outline import responsibility_line
from ingest.nlp.owners import scan_np


def owners(text: str) -> list[list[tuple[str, str]]]:
    return [[(o["name"], o["role"]) for o in d["owners"]] for d in extract(text).to_json()["directives"]]


def name_at_start(text: str) -> str:
    toks = tokenize(text, 0, len(text))
    return text[toks[0].start:toks[scan_np(toks, 0) - 1].end]


def test_a_completion_clause_in_a_responsibility_field_is_the_limit_not_a_unit():
    for text in ("Trách nhiệm thực hiện: Sở Tài chính chủ trì; hoàn thành trong tháng 02.",
                 "Trach nhiem thuc hien: Uy ban nhan dan cac xa, phuong; hoan thanh truoc ngay 25/12."):
        r = responsibility_line(text, 0, len(text))
        assert len(r.leads) == 1 and "hoàn thành" not in r.leads[0] and "hoan thanh" not in r.leads[0]
        deadline = r.deadline_field()
        assert deadline is not None and text[deadline.start:deadline.end].lower().startswith(("hoàn", "hoan"))


def test_the_units_after_chu_tri_phoi_hop_voi_in_a_field_support():
    text = "Trách nhiệm thực hiện: Sở Xây dựng chủ trì, phối hợp với Sở Tài chính,\nUBND xã Trường Tân."
    r = responsibility_line(text, 0, len(text))
    assert r.leads == ["Sở Xây dựng"]
    assert r.supports == ["Sở Tài chính", "UBND xã Trường Tân"]


def test_a_plan_group_closed_by_such_a_line_gets_its_units_and_limit():
    text = ("KẾ HOẠCH\nThực hiện năm 2027\n\nIII. NHIỆM VỤ\n1. Thống nhất giá dịch vụ\n- Xây dựng, trình Ủy ban nhân "
            "dân thành phố ban hành giá dịch vụ thu gom rác.\nTrách nhiệm thực hiện: Sở Tài chính chủ trì, phối hợp "
            "với Sở Nông nghiệp và Môi trường; hoàn thành trong tháng 02/2027.\n")
    (d,) = extract(text).to_json()["directives"]
    assert [(o["name"], o["role"]) for o in d["owners"]] == [("Sở Tài chính", "lead"),
                                                             ("Sở Nông nghiệp và Môi trường", "support")]
    assert d["deadline"] == "2027-02-28"


def test_a_verb_after_phoi_hop_is_what_the_subjects_do_together():
    (found,) = owners("Đề nghị Công đoàn Viên chức tỉnh và Đoàn Thanh niên tỉnh phối hợp tổ chức các hoạt động "
                      "chăm lo Tết cho đoàn viên.")
    assert found == [("Công đoàn Viên chức tỉnh", "lead"), ("Đoàn Thanh niên tỉnh", "lead")]


def test_a_clause_after_a_semicolon_opening_with_to_chuc_has_no_new_subject():
    (found,) = owners("Văn phòng đặc khu phối hợp với Trung tâm Truyền thông đặc khu tuyên truyền đến từng chủ tàu; "
                      "tổ chức ký cam kết trong quý I năm 2027.")
    assert found == [("Văn phòng đặc khu", "lead"), ("Trung tâm Truyền thông đặc khu", "support")]


def test_a_name_ends_before_its_verb_and_its_object():
    assert name_at_start("Văn phòng Đảng ủy dự thảo Báo cáo tổng kết.") == "Văn phòng Đảng ủy"
    assert name_at_start("các đơn vị thực hiện các nội dung sau:") == "các đơn vị"
    assert name_at_start("Trường Mầm non Hoa Sen, nơi ghi nhận ca bệnh, báo cáo.") == "Trường Mầm non Hoa Sen"
    # a name-forming verb with a unit after it stays in the name
    assert name_at_start("Ủy ban kiểm tra các cấp đã kiểm tra 23 tổ chức.") == "Ủy ban kiểm tra các cấp"


def test_units_of_wards_and_special_zones_head_a_subject():
    for unit in ("Trạm Y tế phường Thủ Dầu Một", "Trường Tiểu học Phú Hòa 1", "Đồn Biên phòng Lý Sơn",
                 "Công đoàn Viên chức tỉnh"):
        (found,) = owners(f"{unit} kiểm tra chặt chẽ việc phòng dịch trên địa bàn.")
        assert found == [(unit, "lead")]
    # a place whose name begins like a school is no unit ("Năm 2022, Trường Xuân đề ra …")
    assert owners("Năm 2022, Trường Xuân đề ra nhiều nhiệm vụ, trong đó nhiệm vụ trọng tâm là phát triển nông "
                  "nghiệp.") == []

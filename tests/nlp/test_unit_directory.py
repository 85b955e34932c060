"""UnitDirectory: folded names, aliases and abbreviations."""
from ingest.nlp.directory import UnitDirectory, canonical

D = UnitDirectory([
    (1, ["Ủy ban nhân dân tỉnh", "UBND tỉnh"]),
    (2, ["Văn phòng Tỉnh ủy"]),
    (3, ["Ban cán sự đảng UBND tỉnh"]),
    (4, ["Hội đồng nhân dân tỉnh"]),
    (5, ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban MTTQ tỉnh"]),
    (6, ["Các cấp ủy"]),
])


def test_exact_folded_match_with_tone_and_case_variants():
    assert D.resolve("uỷ ban nhân dân TỈNH") == 1
    assert D.resolve("Văn phòng Tỉnh uỷ.") == 2


def test_abbreviations_expand_on_both_sides():
    assert D.resolve("UBND tỉnh") == 1
    assert D.resolve("VPTU") == 2
    assert D.resolve("BCS đảng Ủy ban nhân dân tỉnh") == 3
    assert D.resolve("HĐND tỉnh") == 4
    assert D.resolve("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh") == 5


def test_leading_cac_and_dong_chi_are_ignored_and_unknowns_are_none():
    assert D.resolve("các cấp uỷ") == 6
    assert canonical("Đồng chí Chánh Văn phòng") == "chanh van phong"
    assert D.resolve("Sở Ngoại vụ") is None
    assert D.resolve("") is None


def test_a_list_whose_items_all_name_one_unit_names_that_unit():
    d = UnitDirectory([(7, ["Các xã, phường, thị trấn", "các xã", "phường"]), (8, ["Sở Tài chính"])])
    assert d.resolve("các xã, phường") == 7
    assert d.resolve("các xã và phường") == 7
    assert d.resolve("các xã, Sở Tài chính") is None  # two units: the office maps it
    assert d.resolve("Sở Nội vụ và Sở Ngoại vụ") is None

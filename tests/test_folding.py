"""Folding and normalising copies of Vietnamese text."""
import unicodedata

from tracker.folding import fold, fold_aligned, lower_aligned, normalize


def test_fold_treats_tone_placement_case_and_d_alike():
    assert fold("Ban Thường vụ Tỉnh uỷ") == fold("ban thường vụ tỉnh ủy") == "ban thuong vu tinh uy"
    assert fold("Thanh Hoá") == fold("Thanh Hóa") == "thanh hoa"
    assert fold("Ðồng thời  ĐẢNG") == "dong thoi dang"  # Icelandic eth look-alike, spaces collapsed


def test_fold_of_decomposed_text_equals_fold_of_composed():
    composed = "Tỉnh ủy Quảng Ngãi"
    assert fold(unicodedata.normalize("NFD", composed)) == fold(composed)


def test_normalize_unifies_old_tone_placement_but_keeps_diacritics():
    assert normalize("Tỉnh uỷ  Thanh Hoà") == "Tỉnh ủy Thanh Hòa"
    assert normalize("quý II") == "quý II"  # "uý" after q is not a tone-placement variant


def test_aligned_copies_keep_length_and_offsets():
    s = "Sở Tài nguyên và Môi trường, Ðà Lạt"
    f = fold_aligned(s)
    low = lower_aligned(s)
    assert len(f) == len(s) == len(low)
    i = f.index("moi truong")
    assert s[i:i + len("Môi trường")] == "Môi trường"
    assert low.startswith("sở tài")

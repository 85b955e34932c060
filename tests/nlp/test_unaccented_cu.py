"""Typed without diacritics, "cu" is "cụ" alone ("cu the") but "cử" in the phrases the documents use it in: the
verb of sending ("cu luc luong", "cu can bo"), elections and voters ("bau cu", "ung cu", "tai cu", "cu tri").
Read as "cụ", it ran a unit's name on into the verb ("Cong an tinh cu luc luong")."""
from ingest.nlp import extract
from ingest.nlp.lexicon import tokenize

TEXT = """THONG BAO KET LUAN
cua Ban Thuong vu Tinh uy tai hoi nghi ngay 05/12/2026

Ban Thuong vu Tinh uy ket luan nhu sau:
1. Cong an tinh cu luc luong bao dam an ninh, trat tu tai cac diem bau cu.
2. Giao Uy ban bau cu tinh chu tri, phoi hop voi So Noi vu huong dan cong tac bau cu; hoan thanh truoc ngay 31/12/2026.
"""


def test_cu_in_the_phrases_of_sending_and_elections_reads_as_cu_not_cu_the():
    keys = [t.f for t in tokenize("bau cu dai bieu, cu luc luong, tiep xuc cu tri, ung cu, tai cu, cu the")]
    assert keys == ["bầu", "cử", "đại", "biểu", ",", "cử", "lực", "lượng", ",", "tiếp", "xúc", "cử", "tri", ",",
                    "ứng", "cử", ",", "tái", "cử", ",", "cụ", "thể"]


def test_a_unit_that_sends_forces_ends_before_the_verb():
    tasks = {d.text.split()[0]: d for d in extract(TEXT).directives}
    assert [(o.name, o.role) for o in tasks["Cong"].owners] == [("Cong an tinh", "lead")]
    assert [(o.name, o.role) for o in tasks["Giao"].owners] == [("Uy ban bau cu tinh", "lead"),
                                                                ("So Noi vu", "support")]

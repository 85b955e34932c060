"""The language data: one validating loader, and matching that ignores diacritics, tone placement and case."""
import ast
import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from ingest.nlp import extract, fold
from ingest.nlp.classify import analyze
from ingest.nlp.lexicon import TASK_VERBS, LexiconError, _entry_pattern, build, cue_regex, folded, load_language, \
    match_at, tokenize


def _info(s):
    return analyze(s, 0, len(s))


def test_a_duplicate_entry_is_refused_even_in_another_tone_placement():
    with pytest.raises(LexiconError, match="duplicates"):
        build({"task_verbs": ["số hóa", "số hoá"]})


def test_a_word_in_two_opposed_lists_is_refused():
    with pytest.raises(LexiconError, match="share"):
        build({"task_verbs": ["triển khai", "ghi nhận"], "nontask_verbs": ["Ghi nhận"]})


def test_the_shipped_data_passes_its_own_validation():
    lang = load_language("vi")
    assert lang["task_verbs"] and lang["unit_heads"]
    assert not set(lang["task_verbs"]) & set(lang["nontask_verbs"])


@pytest.mark.parametrize("written", ["Tập trung", "TẬP TRUNG", "tap trung chi dao cac don vi"])
def test_a_listed_verb_matches_in_any_case_form_or_without_diacritics(written):
    toks = tokenize(written)
    assert match_at(toks, 0, TASK_VERBS) == 2


def test_a_decomposed_text_gives_the_directives_of_the_composed_one():
    text = "III. NHIỆM VỤ\n1. Giao Sở Y tế chủ trì tổ chức tiêm phòng cho trẻ em trước ngày 30/6/2025.\n"
    nfd = extract(unicodedata.normalize("NFD", text))
    nfc = extract(text)
    assert [(p.text, [o.name for o in p.owners], p.deadline) for p in nfd.directives] == \
        [(p.text, [o.name for o in p.owners], p.deadline) for p in nfc.directives] != []


def test_either_tone_placement_reads_alike():
    assert [t.f for t in tokenize("Tỉnh uỷ")] == [t.f for t in tokenize("Tỉnh ủy")]


def test_a_bare_word_inside_an_accented_sentence_keeps_its_own_reading():
    # "can" (to interfere) written correctly among accented words is not read as "cần"
    toks = tokenize("Không can thiệp vào công việc của cơ sở")
    assert toks[1].f == "can"


def test_an_unaccented_sentence_is_read_like_the_accented_one():
    accented = _info("Giao Sở Tài chính chủ trì, phối hợp với các đơn vị liên quan tham mưu bố trí kinh phí.")
    bare = _info("Giao So Tai chinh chu tri, phoi hop voi cac don vi lien quan tham muu bo tri kinh phi.")
    assert (bare.form, len(bare.leads), len(bare.supports)) == (accented.form, 1, 1)
    assert bare.leads == ["So Tai chinh"]  # the span as written


def test_a_form_given_to_two_names_of_a_table_is_refused():
    raw = {"issuers.UBND tỉnh": ["ubnd tỉnh"], "issuers.Tỉnh ủy": ["tỉnh ủy", "UBND tỉnh"]}
    with pytest.raises(LexiconError, match="both"):
        build(raw, {"issuers": ("UBND tỉnh", "Tỉnh ủy")})


def test_a_table_keeps_its_names_in_the_data_order():
    issuers = load_language("vi").table("issuers")
    assert list(issuers)[:2] == ["Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Thành ủy"]
    assert "btv huyện ủy" in issuers["Ban Thường vụ Huyện ủy"]


def test_an_entry_may_hold_a_number_an_optional_comma_and_a_dash():
    lang = build({"heads": ["mục đích, yêu cầu", "qua # năm", "độc lập - tự do"]})
    assert lang["heads"] == {("mục", "đích", "yêu", "cầu"), ("qua", "#", "năm"), ("độc", "lập", "-", "tự", "do")}
    pattern = re.compile("|".join(_entry_pattern(x) for x in lang.written["heads"]))
    for text in ("muc dich yeu cau", "muc dich, yeu cau", "qua 15 nam", "doc lap-tu do", "doc lap - tu do"):
        assert pattern.fullmatch(text), text


def test_cue_regex_fills_its_slots_from_the_data():
    closing = cue_regex(r"^{closing_heads}")
    assert closing.match(fold("Nơi nhận:")) and closing.match(fold("NOI NHAN:"))
    assert not closing.match(fold("Nơi làm việc"))


@pytest.mark.parametrize("accented, bare", [
    ("Văn phòng Tỉnh ủy thông báo để các cơ quan, đơn vị biết, thực hiện./.",
     "Van phong Tinh uy thong bao de cac co quan, don vi biet, thuc hien./."),
    ("Ảnh: Hội nghị triển khai nhiệm vụ năm 2026.", "Anh: Hoi nghi trien khai nhiem vu nam 2026."),
    ("Đại diện Hội Nông dân tỉnh đề nghị tỉnh sớm hỗ trợ vốn.", "Dai dien Hoi Nong dan tinh de nghi tinh som ho tro von."),
])
def test_a_sentence_ruled_out_is_ruled_out_without_its_diacritics_too(accented, bare):
    assert _info(accented).excluded and _info(bare).excluded == _info(accented).excluded


def test_an_unaccented_periodic_adverbial_is_skipped_like_the_accented_one():
    accented = _info("Hằng năm, tổ chức đánh giá kết quả thực hiện Nghị quyết.")
    bare = _info("Hang nam, to chuc danh gia ket qua thuc hien Nghi quyet.")
    assert (bare.form, bare.main_start) == (accented.form, accented.main_start) == ("imperative", 3)


def test_an_unaccented_header_gives_its_number_and_date():
    text = ("TINH UY HA TINH\nSo: 12-TB/TU\nHa Tinh, ngay 5 thang 3 nam 2026\nTHONG BAO\n"
            "ket luan cua Ban Thuong vu Tinh uy\n1. Giao So Y te chu tri trien khai tiem phong.\n")
    result = extract(text)
    assert (result.number, result.issue_date) == ("12-TB/TU", dt.date(2026, 3, 5))


# --- vocabulary stays in the data ----------------------------------------------------------------------
NLP = Path(__file__).resolve().parents[2] / "ingest" / "nlp"
_CHAR_CLASS = re.compile(r"\[[^\]]*\]")  # "[a-zđ]", "[A-ZÀ-ỸĐ]": an alphabet, not a word
_LETTERS = re.compile(r"[^\W\d_]{2,}")
# Vocabulary lives in lang/vi/*.toml: no module of the engine holds a Vietnamese word in its code (issue 11).


def _vietnamese(word: str) -> bool:
    return any(c in "đĐ" or (not c.isascii() and unicodedata.normalize("NFD", c)[0].isascii()) for c in word)


def _code_strings(path: Path) -> list[str]:
    """The string literals of a module, docstrings left out (comments are not in the tree)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def _folded_phrases() -> re.Pattern:
    """Every listed phrase of two words or more, without diacritics ("de nghi", "tinh uy")."""
    lang = load_language("vi")
    found = {" ".join(folded(w) for w in x.replace(",", " ").split()) for items in lang.written.values() for x in items}
    found = sorted((p for p in found if " " in p and p.isascii() and "#" not in p), key=len, reverse=True)
    return re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(p) for p in found) + r")(?![a-z])")


def test_the_engine_code_holds_no_vietnamese_words():
    phrases = _folded_phrases()
    paths = sorted(NLP.rglob("*.py"))
    assert len(paths) > 10
    for path in paths:
        strings = _code_strings(path)
        accented = [s for s in strings if any(_vietnamese(w) for w in _LETTERS.findall(_CHAR_CLASS.sub(" ", s)))]
        bare = [s for s in strings if phrases.search(re.sub(r"\\s[+*?]?", " ", s))]
        assert accented == [] and bare == [], path.name

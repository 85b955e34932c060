"""The language data: one validating loader, and matching that ignores diacritics, tone placement and case."""
import unicodedata

import pytest

from ingest.nlp import extract
from ingest.nlp.classify import analyze
from ingest.nlp.lexicon import TASK_VERBS, LexiconError, build, load_language, match_at, tokenize


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

"""The owner tagger: token labels (BIO with role) decoded under the BIO constraint, a plain-number artefact
rebuilt identically from the gold, and owners filled in only where the rules give none the directory knows."""
import json

import pytest

from ingest.nlp import extract
from ingest.nlp.corpus import scorer
from ingest.nlp.directory import UnitDirectory
from ingest.nlp.learned import RulesOnly
from ingest.nlp.lexicon import tokenize
from ingest.nlp.owner_tagger import (LABELS, OWNER_MODEL_PATH, OwnerTagger, bio, default_tagger, fill_owners,
                                     rule_labels, spans)

needs_gold = pytest.mark.skipif(scorer() is None, reason="../shared (scorer and gold) not available")

# A hand-made tagger that reads "Sở Y tế" as a lead and "Công an tỉnh" as support, wherever they stand.
TOY = OwnerTagger(
    weights={"b": {"O": 1.0}, "a=so": {"B-LEAD": 3.0}, "a=y": {"I-LEAD": 3.0}, "a=te": {"I-LEAD": 3.0},
             "a=cong": {"B-SUP": 3.0}, "a=an": {"I-SUP": 3.0}, "a=tinh": {"I-SUP": 3.0}},
    transitions={})


def test_labels_never_open_a_span_inside():
    toks = tokenize("y tế cơ sở")
    eager = OwnerTagger(weights={"b": {"I-LEAD": 5.0}})  # every token pushed to I-LEAD: only B-LEAD may start
    labels = eager.tag(toks, ["O"] * len(toks))
    assert labels[0] != "I-LEAD" and labels[0] in LABELS
    assert all(not lb.startswith("I-") or prev[2:] == lb[2:] and prev != "O" for prev, lb in zip(labels, labels[1:]))


def test_spans_read_back_what_bio_marked():
    marked = [("lead", 1, 3), ("support", 5, 6)]
    assert spans(bio(7, marked)) == marked


def test_the_rules_own_span_is_a_label_of_its_tokens():
    text = "Giao Sở Y tế chủ trì tổ chức tiêm phòng."
    p = extract(text, decider=RulesOnly()).directives[0]
    toks = tokenize(text, p.start, p.end)
    labels = rule_labels(toks, p.owners)
    assert [t.text for t, lb in zip(toks, labels) if lb != "O"] == ["Sở", "Y", "tế"]
    assert labels[1] == "B-LEAD"


def test_a_directive_with_no_owner_gets_the_tagged_unit_the_directory_knows():
    text = "Tập trung tiêm phòng cho trẻ em, Sở Y tế cùng Công an tỉnh giữ trật tự."
    got = extract(text, decider=RulesOnly())
    p = got.directives[0] if got.directives else None
    if p is None or p.owners:
        pytest.skip("the rules read this sentence otherwise now")
    directory = UnitDirectory([(1, ["Sở Y tế"]), (2, ["Công an tỉnh"])])
    fill_owners(text, got.directives, directory, TOY)
    assert [(o.name, o.role, o.unit_id) for o in p.owners] == [("Sở Y tế", "lead", 1), ("Công an tỉnh", "support", 2)]


def test_owners_the_directory_resolves_are_left_as_the_rules_read_them():
    text = "Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế rà soát kinh phí."
    got = extract(text, UnitDirectory([(1, ["Sở Tài chính"]), (2, ["Sở Y tế"])]), decider=RulesOnly())
    before = [(o.name, o.role) for o in got.directives[0].owners]
    fill_owners(text, got.directives, UnitDirectory([(1, ["Sở Tài chính"]), (2, ["Sở Y tế"])]), TOY)
    assert [(o.name, o.role) for o in got.directives[0].owners] == before == [("Sở Tài chính", "lead"),
                                                                              ("Sở Y tế", "support")]


def test_a_tagged_lead_the_directory_does_not_know_changes_nothing():
    text = "Tập trung tiêm phòng cho trẻ em, Sở Y tế cùng Công an tỉnh giữ trật tự."
    got = extract(text, decider=RulesOnly())
    before = [[(o.name, o.role) for o in p.owners] for p in got.directives]
    fill_owners(text, got.directives, UnitDirectory([(9, ["Sở Tài chính"])]), TOY)
    assert [[(o.name, o.role) for o in p.owners] for p in got.directives] == before


def test_the_committed_owner_model_is_plain_sorted_numbers():
    data = json.loads(OWNER_MODEL_PATH.read_text(encoding="utf-8"))
    assert set(data) == {"labels", "examples", "trained_on", "transitions", "weights"}
    assert data["labels"] == list(LABELS)
    assert list(data["weights"]) == sorted(data["weights"])
    assert all(lb in LABELS and isinstance(w, float) for v in data["weights"].values() for lb, w in v.items())
    sealed = ("firstlook/fl4", "firstlook/fl5", "firstlook/fl6", "firstlook/fl7", "firstlook/fl8", "firstlook/fl9", "firstlook/fl11",
              "firstlook/fl13", "firstlook/fl15", "firstlook/fl17", "firstlook/fl19", "firstlook/fl20", "firstlook/fl21",
              "firstlook/fl23", "firstlook/fl25", "firstlook/fl27", "firstlook/fl29", "firstlook/fl30", "firstlook/fl31")
    assert not any(k.startswith(sealed) for k in data["trained_on"])  # sealed sets are never trained on
    assert default_tagger() is not None and default_tagger().weights


@pytest.fixture(scope="module")
def owner_rows():
    from ingest.nlp.train import current_owner_examples

    return current_owner_examples()


@needs_gold
def test_training_the_owner_model_twice_gives_the_same_artefact(owner_rows):
    from ingest.nlp.train import fit_owners

    assert owner_rows
    assert fit_owners(owner_rows).to_json() == fit_owners(owner_rows).to_json()


@needs_gold
def test_the_committed_owner_model_is_what_training_on_the_gold_gives(owner_rows):
    from ingest.nlp.train import fit_owners, owner_digest

    committed = default_tagger()
    if owner_digest(owner_rows) != committed.examples:
        pytest.skip("rules or gold changed since the owner model was trained: run python -m ingest.nlp.train")
    fitted = fit_owners(owner_rows)
    assert (fitted.weights, fitted.transitions) == (committed.weights, committed.transitions)


@needs_gold
def test_gold_owners_are_labelled_where_the_sentence_names_them():
    from ingest.nlp.train import gold_spans

    sc = scorer()
    toks = tokenize("Giao UBND các xã, phường chủ trì, phối hợp với Công an tỉnh rà soát.")
    got = gold_spans(toks, [{"name": "Ủy ban nhân dân các xã, phường", "role": "lead"},
                            {"name": "Công an tỉnh", "role": "support"}], sc)
    assert [(r, " ".join(t.text for t in toks[a:b])) for r, a, b in got] == \
        [("lead", "UBND các xã , phường"), ("support", "Công an tỉnh")]
    # an owner handed down by a heading is not in the sentence: nothing to label, the sentence still teaches
    assert gold_spans(toks, [{"name": "Sở Giáo dục và Đào tạo", "role": "lead"}], sc) == []

"""The learned layer: a small JSON artefact, rebuilt identically from the gold, that overrules the rules
only where it is confident and never on a closing formula."""
import json

import pytest

from ingest.nlp import extract
from ingest.nlp.classify import analyze
from ingest.nlp.corpus import scorer
from ingest.nlp.learned import MODEL_PATH, Context, RulesOnly, SentenceModel, default_model, features

needs_gold = pytest.mark.skipif(scorer() is None, reason="../shared (scorer and gold) not available")


def _ctx(rule, **kw):
    base = dict(mode="task", zone="item", depth=1, marker="num", index=0, prev_label=False, has_deadline=False,
                upward=False, rule=rule)
    base.update(kw)
    return Context(**base)


def _info(s):
    return analyze(s, 0, len(s))


def test_the_committed_model_is_plain_numbers():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(data) == {"accept", "reject", "examples", "trained_on", "weights"}
    assert all(isinstance(v, float) for v in data["weights"].values())
    assert 0.0 <= data["reject"] < data["accept"] <= 1.0
    assert len(MODEL_PATH.read_bytes()) < 200_000  # small enough to review


def test_a_confident_model_takes_a_sentence_the_rules_left_and_drops_one_they_took():
    info = _info("Trọng tâm là hoàn thành việc sắp xếp các thôn, tổ dân phố trong quý IV.")
    names = features(info, _ctx(False))
    yes = SentenceModel(weights={n: 5.0 for n in names}, accept=0.8, reject=0.1)
    assert yes.decide(info, _ctx(False)) is True
    no = SentenceModel(weights={n: -5.0 for n in features(info, _ctx(True))}, accept=0.8, reject=0.1)
    assert no.decide(info, _ctx(True)) is False
    unsure = SentenceModel(weights={"bias": 0.0}, accept=0.8, reject=0.1)  # p = 0.5: the rules decide
    assert unsure.decide(info, _ctx(False)) is False and unsure.decide(info, _ctx(True)) is True


def test_no_model_lifts_a_closing_formula():
    info = _info("Văn phòng Tỉnh ủy thông báo để các cơ quan, đơn vị biết, thực hiện.")
    assert info.excluded == "closing"
    eager = SentenceModel(weights={n: 9.0 for n in features(info, _ctx(False))}, accept=0.5)
    assert eager.decide(info, _ctx(False)) is False


def test_extraction_with_rules_only_is_available_for_comparison():
    text = "III. NHIỆM VỤ\n1. Giao Sở Y tế chủ trì tổ chức tiêm phòng cho trẻ em trước ngày 30/6/2025.\n"
    assert [p.text for p in extract(text, decider=RulesOnly()).directives] == \
        [p.text for p in extract(text).directives]


@needs_gold
def test_training_twice_gives_the_same_artefact():
    from ingest.nlp.train import train

    assert train().to_json() == train().to_json()


@needs_gold
def test_the_committed_model_is_what_training_on_the_gold_gives():
    from ingest.nlp.train import current_examples, digest, fit

    committed = default_model()
    rows = current_examples()
    if digest(rows) != committed.examples:
        pytest.skip("rules or gold changed since the model was trained: run python -m ingest.nlp.train")
    assert fit(rows).weights == committed.weights


def test_a_set_holding_a_sealed_file_is_never_trained_on(tmp_path):
    from ingest.nlp.corpus import GoldSet, gold_sets

    (tmp_path / "a.json").write_text('{"directives": []}', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Giao Sở Y tế chủ trì.", encoding="utf-8")
    open_set = GoldSet("x", tmp_path, tmp_path)
    assert not open_set.sealed and [d.name for d in open_set.docs()] == ["a.txt"]
    (tmp_path / "SEALED").write_text("", encoding="utf-8")
    assert open_set.sealed
    assert all(not g.sealed for g in gold_sets())
    assert {g.name for g in gold_sets(include_sealed=True)} >= {g.name for g in gold_sets()}

"""Score the extractor in-process with the shared scorer (../shared beside the repository, or $DONDOC_SHARED)."""
import importlib.util
import json
from pathlib import Path

import pytest

from ingest.nlp import extract
from ingest.nlp.corpus import read_text, shared_dir
from ingest.nlp.train import unaccent

SHARED = shared_dir()
SCORER = SHARED / "eval" / "score_extraction.py"
needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="../shared (scorer and gold) not available")


def read_folded(text: str) -> list[tuple[str, list[str]]]:
    """Each directive's text and owners without diacritics: how a variant's reading is compared with the original's."""
    return [(" ".join(unaccent(p.text).split()), sorted(unaccent(o.name) for o in p.owners))
            for p in extract(text).directives]


def scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pairs(texts: Path, gold: Path):
    """(text, gold annotation) for every gold file of a folder."""
    for gold_path in sorted(gold.glob("*.json")):
        annotation = json.loads(gold_path.read_text(encoding="utf-8"))
        name = annotation.get("source", gold_path.with_suffix(".txt").name)
        yield read_text(texts / name), annotation  # .txt as UTF-8; .pdf/.docx through the application's readers


def figures(texts: Path, gold: Path, transform=None, seeds=(0,)) -> dict:
    """The scorer's figures over a folder; `transform(text, seed)` re-shapes each text first."""
    module = scorer()
    total = module.Tally()
    for text, annotation in pairs(texts, gold):
        for seed in seeds:
            shaped = transform(text, seed) if transform else text
            total.add(module.score_file(extract(shaped).to_json(), annotation, False))
    return total.figures()

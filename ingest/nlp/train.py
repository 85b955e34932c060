"""Train the learned layer on the project's gold, and measure the engine by grouped cross-validation.

    python -m ingest.nlp.train                 # rebuild ingest/nlp/sentence_model.json from all gold
    python -m ingest.nlp.train --cv            # train on all sets but one, score the one; every set
    python -m ingest.nlp.train --cv --robust   # … and again with the texts unaccented and re-wrapped

Labels come from the gold by the shared scorer's own matching: a sentence whose words overlap a
gold directive by the scorer's threshold is a directive; one that shares little with every gold
directive is not; the sentences in between teach nothing and are left out. Training needs
scikit-learn (requirements-dev.txt); the model it writes needs nothing but the JSON.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterable

from .classify import SentInfo
from .corpus import Doc, GoldSet, gold_sets, scorer
from .learned import MODEL_PATH, Context, Decider, RulesOnly, SentenceModel, features
from .pipeline import extract

# Regularisation, overrule thresholds and pruning: chosen once by cross-validation, fixed here.
C = 0.5
ACCEPT = 0.85
REJECT = 0.2
MIN_DOCS = 2        # a feature seen in fewer documents is dropped (no word learnt from one text)
NEGATIVE_BELOW = 0.34  # a sentence sharing less than this with every gold directive is a negative
DIGITS = 3


@dataclass
class Recorder:
    """A decider that keeps the rules' decision and records what the model would see."""

    rows: list[tuple[list[str], str]] = field(default_factory=list)

    def decide(self, info: SentInfo, ctx: Context) -> bool:
        self.rows.append((features(info, ctx), " ".join(t.text for t in info.toks)))
        return ctx.rule


@dataclass(frozen=True)
class Example:
    doc: str
    names: tuple[str, ...]
    label: int


def label(sentence: str, gold: dict, sc: ModuleType) -> int | None:
    """1, 0, or None when the gold neither needs nor rules out the sentence."""
    words = sc.words(sentence)
    total = sum(words.values())
    if not total:
        return None
    best, contained = 0.0, 0.0
    for g in gold["directives"]:
        gw = sc.words(g["text"])
        ov = sc.overlap(words, gw)
        if g.get("optional"):
            if ov >= sc.MATCH:
                return None
            continue
        best = max(best, ov)
        contained = max(contained, sum((words & gw).values()) / total)
    if best >= sc.MATCH:
        return 1
    if contained < NEGATIVE_BELOW:
        return 0
    return None


def examples(docs: Iterable[Doc], sc: ModuleType) -> list[Example]:
    out = []
    for d in docs:
        rec = Recorder()
        extract(d.text, decider=rec)
        for names, sentence in rec.rows:
            y = label(sentence, d.gold, sc)
            if y is not None:
                out.append(Example(d.name, tuple(names), y))
    return out


def fit(rows: list[Example]) -> SentenceModel:
    """A logistic model over the examples: deterministic (liblinear, fixed order), weights rounded."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    docs_of: dict[str, set[str]] = {}
    for r in rows:
        for n in r.names:
            docs_of.setdefault(n, set()).add(r.doc)
    keep = {n for n, ds in docs_of.items() if len(ds) >= MIN_DOCS or n == "bias"}
    ordered = sorted(rows, key=lambda r: (r.doc, r.names, r.label))
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{n: 1 for n in r.names if n in keep} for r in ordered]).tocsr()
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype("int32")
    y = [r.label for r in ordered]
    clf = LogisticRegression(C=C, solver="liblinear", fit_intercept=False, max_iter=1000, random_state=0)
    clf.fit(x, y)
    weights = {}
    for name, w in zip(vec.get_feature_names_out(), clf.coef_[0]):
        w = round(float(w), DIGITS)
        if w:
            weights[str(name)] = w
    return SentenceModel(weights=weights, accept=ACCEPT, reject=REJECT)


def write(model: SentenceModel, path: Path = MODEL_PATH) -> None:
    text = json.dumps(model.to_json(), ensure_ascii=False, indent=0, sort_keys=False)
    path.write_text(text + "\n", encoding="utf-8")


def train(sets: list[GoldSet] | None = None) -> SentenceModel:
    sc = scorer()
    if sc is None:
        raise SystemExit("the shared scorer (../shared/eval) is needed to label the gold")
    sets = gold_sets() if sets is None else sets
    docs = {g.name: g.docs() for g in sets}
    rows = examples((d for ds in docs.values() for d in ds), sc)
    model = fit(rows)
    return SentenceModel(weights=model.weights, accept=model.accept, reject=model.reject,
                         trained_on={name: len(ds) for name, ds in docs.items()}, examples=digest(rows))


def digest(rows: list[Example]) -> str:
    """A short digest of the examples: equal digests, equal training input."""
    h = hashlib.sha256()
    for r in sorted(rows, key=lambda r: (r.doc, r.names, r.label)):
        h.update(json.dumps([r.doc, r.names, r.label], ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()[:16]


def current_examples() -> list[Example]:
    sc = scorer()
    if sc is None:
        raise SystemExit("the shared scorer (../shared/eval) is needed to label the gold")
    return examples((d for g in gold_sets() for d in g.docs()), sc)


# --- measuring ----------------------------------------------------------------------------------------------
def unaccent(text: str) -> str:
    """The text typed without diacritics ("Tỉnh ủy" → "Tinh uy"), same case."""
    out = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in out if unicodedata.category(c) != "Mn"))


def rewrap(text: str, width: int = 72) -> str:
    """Every paragraph hard-wrapped at ``width`` columns, as a PDF's text layer gives it."""
    out = []
    for line in text.split("\n"):
        out.append(textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False) if line.strip()
                   else line)
    return "\n".join(out)


TRANSFORMS: dict[str, Callable[[str], str]] = {"unaccented": unaccent, "rewrapped": rewrap}


def score(docs: list[Doc], decider: Decider, sc: ModuleType, transform: Callable[[str], str] | None = None):
    total = sc.Tally()
    for d in docs:
        text = transform(d.text) if transform else d.text
        total.add(sc.score_file(extract(text, decider=decider).to_json(), d.gold, False))
    return total


def _line(name: str, t) -> str:
    f = t.figures()
    p, r, f1 = t.f1(t.tp, t.fp, t.fn)
    return (f"{name:<22} docs={t.files:<3} P={p:.3f} R={r:.3f} directive F1={f1:.3f}  owner F1={f['owner_f1']:.3f}  "
            f"deadlines={f['deadline_acc']:.3f}  meeting={f['meeting_date_acc']:.3f}  "
            f"corrections/doc={f['corrections_per_doc']:.1f}")


def cross_validate(robust: bool = False, out=sys.stdout) -> dict[str, dict]:
    """Grouped CV by data set: figures of the rules alone and with the learned layer, per set and overall."""
    sc = scorer()
    if sc is None:
        raise SystemExit("the shared scorer (../shared/eval) is needed")
    sets = gold_sets()
    docs = {g.name: g.docs() for g in sets}
    rows = {name: examples(ds, sc) for name, ds in docs.items()}
    variants: list[tuple[str, Callable[[str], str] | None]] = [("", None)]
    if robust:
        variants += list(TRANSFORMS.items())
    totals: dict[str, dict] = {}
    for vname, transform in variants:
        rules_total, learned_total = sc.Tally(), sc.Tally()
        print(f"\n== grouped cross-validation{' (' + vname + ')' if vname else ''}: rules | rules + learned layer",
              file=out)
        for g in sets:
            model = fit([r for name, rs in rows.items() if name != g.name for r in rs])
            a = score(docs[g.name], RulesOnly(), sc, transform)
            b = score(docs[g.name], model, sc, transform)
            rules_total.add(a)
            learned_total.add(b)
            print(_line(g.name, a), file=out)
            print(_line("  + learned", b), file=out)
        print(_line("ALL rules", rules_total), file=out)
        print(_line("ALL rules + learned", learned_total), file=out)
        totals[vname or "plain"] = {"rules": rules_total.figures(), "learned": learned_total.figures()}
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingest.nlp.train", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", action="store_true", help="grouped cross-validation instead of training")
    ap.add_argument("--robust", action="store_true", help="with --cv: also on unaccented and re-wrapped texts")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="where the model is written")
    args = ap.parse_args(argv)
    if args.cv:
        cross_validate(robust=args.robust)
        return 0
    model = train()
    write(model, args.out)
    print(f"{args.out}: {len(model.weights)} weights from {sum(model.trained_on.values())} documents "
          f"in {len(model.trained_on)} sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Train the learned layer on the project's gold, and measure the engine by grouped cross-validation.

    python -m ingest.nlp.train                 # rebuild sentence_model.json and owner_model.json from all gold
    python -m ingest.nlp.train --cv            # train on all sets but one, score the one; every set
    python -m ingest.nlp.train --cv --robust   # … and again with the texts unaccented and re-wrapped

Labels come from the gold by the shared scorer's own matching: a sentence whose words overlap a
gold directive by the scorer's threshold is a directive; one that shares little with every gold
directive is not; the sentences in between teach nothing and are left out. The owner tagger learns token labels:
the tokens of each gold owner named in a directive's sentence (found by the scorer's owner words). Training needs
scikit-learn (requirements-dev.txt); the model it writes needs nothing but the JSON.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import textwrap
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterable

from .classify import SentInfo
from .corpus import Doc, GoldSet, gold_sets, scorer, seed_directory
from .learned import MODEL_PATH, Context, Decider, RulesOnly, SentenceModel, features
from .lexicon import tokenize
from .owner_tagger import LABELS, OWNER_MODEL_PATH, OwnerTagger, allowed, bio, fill_owners, rule_labels
from .owner_tagger import features as token_features
from .pipeline import extract
from .text import nfc

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
    sc = needed_scorer()
    sets = gold_sets() if sets is None else sets
    docs = {g.name: g.docs() for g in sets}
    rows = examples((d for ds in docs.values() for d in ds), sc)
    model = fit(rows)
    return SentenceModel(weights=model.weights, accept=model.accept, reject=model.reject,
                         trained_on={name: len(ds) for name, ds in docs.items()}, examples=digest(rows))


def needed_scorer() -> ModuleType:
    """The shared scorer, which labels the gold for training and scores cross-validation."""
    sc = scorer()
    if sc is None:
        raise SystemExit("the shared scorer (../shared/eval) is needed to label the gold")
    return sc


def _digest(items: Iterable[tuple]) -> str:
    """A short digest of training examples, each given as its fields: equal digests, equal training input."""
    h = hashlib.sha256()
    for item in sorted(items):
        h.update(json.dumps(list(item), ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()[:16]


def digest(rows: list[Example]) -> str:
    return _digest((r.doc, r.names, r.label) for r in rows)


def current_examples() -> list[Example]:
    sc = needed_scorer()
    return examples((d for g in gold_sets() for d in g.docs()), sc)


# --- the owner tagger ---------------------------------------------------------------------------------------
EPOCHS = 8          # passes of the averaged perceptron over the examples
FOUND = 0.75        # a span whose owner words overlap a gold owner's by this much is that owner
ABSENT = 0.5        # a gold owner with less than this share of its words in the sentence was inherited
OWNER_DIGITS = 2    # perceptron weights are sums of ±1 steps: two decimals keep every decision


@dataclass(frozen=True)
class OwnerExample:
    doc: str
    feats: tuple[tuple[str, ...], ...]
    labels: tuple[str, ...]


def gold_spans(toks, owners: list[dict], sc: ModuleType) -> list[tuple[str, int, int]] | None:
    """(role, first, end) of each gold owner named in the sentence, by the scorer's owner words; owners it does
    not name (inherited from a heading) are left out; None when an owner is named in a way no span matches
    (the sentence would teach a wrong boundary)."""
    bags: list[Counter] = [sc.owner_words(t.text) if t.word else Counter() for t in toks]
    whole: Counter = sum(bags, Counter())
    out: list[tuple[str, int, int]] = []
    for o in owners:
        want = sc.owner_words(o.get("name", ""))
        size = sum(want.values())
        if not size:
            continue
        if sum((whole & want).values()) / size < ABSENT:
            continue
        best = None
        for a in range(len(toks)):
            if not bags[a]:
                continue  # a span starts and ends at a word that names something
            bag: Counter = Counter()
            for b in range(a, min(len(toks), a + 40)):
                bag += bags[b]
                if not bags[b]:
                    continue
                score = sc.overlap(bag, want)
                if score >= FOUND and (best is None or (score, a - b) > best[0]):
                    best = ((score, a - b), a, b + 1)
        if best is None:
            return None
        role = "lead" if o.get("role") != "support" else "support"
        if any(a < best[2] and best[1] < b for _, a, b in out):
            continue  # one span named twice (as lead and support): the first reading stands
        out.append((role, best[1], best[2]))
    return out


def owner_examples(docs: Iterable[Doc], sc: ModuleType) -> list[OwnerExample]:
    """Token labels of the directives the rules find and the gold holds: the gold owners' spans in the
    sentence, with the rules' own spans as a feature."""
    out = []
    for d in docs:
        pred = extract(d.text, decider=RulesOnly())
        gdirs = d.gold["directives"]
        pairs = sc.match([sc.words(p.text) for p in pred.directives], [sc.words(g["text"]) for g in gdirs])
        src = nfc(d.text)  # the proposals' offsets are in the NFC text
        for i, j in sorted(pairs):
            g, p = gdirs[j], pred.directives[i]
            if g.get("optional"):
                continue
            toks = tokenize(src, p.start, p.end)
            marked = gold_spans(toks, g.get("owners", []), sc)
            if not toks or marked is None:
                continue
            feats = token_features(toks, rule_labels(toks, p.owners))
            out.append(OwnerExample(d.name, tuple(tuple(f) for f in feats), tuple(bio(len(toks), marked))))
    return out


def _decode(ids: list, w, t, start_ok, trans_ok):
    """Viterbi over the current weights (numpy; the exported model decodes the same way in pure Python)."""
    import numpy as np

    n_labels = len(LABELS)
    em = np.array([w[x].sum(0) if len(x) else np.zeros(n_labels) for x in ids])
    score = em[0] + t[n_labels] + start_ok
    back = []
    for k in range(1, len(ids)):
        cand = score[:, None] + t[:n_labels] + trans_ok
        back.append(cand.argmax(0))
        score = cand.max(0) + em[k]
    path = [int(score.argmax())]
    for bp in reversed(back):
        path.append(int(bp[path[-1]]))
    return np.array(path[::-1])


def _export(names: list[str], w, t) -> OwnerTagger:
    """Weights rounded, zeros and forbidden transitions left out: a small, stable JSON artefact."""
    n_labels = len(LABELS)
    weights: dict[str, dict[str, float]] = {}
    for f, row in zip(names, w):
        got = {LABELS[k]: round(float(v), OWNER_DIGITS) for k, v in enumerate(row) if round(float(v), OWNER_DIGITS)}
        if got:
            weights[f] = got
    transitions = {}
    for p in range(n_labels + 1):
        prev = "^" if p == n_labels else LABELS[p]
        for k in range(n_labels):
            v = round(float(t[p, k]), OWNER_DIGITS)
            if v and allowed(prev, LABELS[k]):
                transitions[f"{prev}>{LABELS[k]}"] = v
    return OwnerTagger(weights=weights, transitions=transitions)


def fit_owners(rows: list[OwnerExample]) -> OwnerTagger:
    """An averaged structured perceptron (fixed order, fixed seed): the same examples give the same weights.
    Features seen in fewer than ``MIN_DOCS`` documents are dropped (no name learnt from one text)."""
    import random

    import numpy as np

    docs_of: dict[str, set[str]] = {}
    for r in rows:
        for fs in r.feats:
            for f in fs:
                docs_of.setdefault(f, set()).add(r.doc)
    names = sorted(f for f, ds in docs_of.items() if len(ds) >= MIN_DOCS)
    index = {f: k for k, f in enumerate(names)}
    n_labels = len(LABELS)
    lab = {lb: k for k, lb in enumerate(LABELS)}
    ordered = sorted(rows, key=lambda r: (r.doc, r.feats, r.labels))
    data = [([np.array([index[f] for f in fs if f in index], dtype=np.int64) for fs in r.feats],
             np.array([lab[x] for x in r.labels])) for r in ordered]
    start_ok = np.array([0.0 if allowed("^", lb) else -1e9 for lb in LABELS])
    trans_ok = np.array([[0.0 if allowed(p, lb) else -1e9 for lb in LABELS] for p in LABELS])
    w, wsum = np.zeros((len(names), n_labels)), np.zeros((len(names), n_labels))
    t, tsum = np.zeros((n_labels + 1, n_labels)), np.zeros((n_labels + 1, n_labels))  # last row: from the start
    step = 1
    rng = random.Random(0)
    order = list(range(len(data)))
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for n in order:
            ids, gold = data[n]
            pred = _decode(ids, w, t, start_ok, trans_ok)
            for x in np.nonzero(pred != gold)[0]:
                for y, sign in ((gold[x], 1.0), (pred[x], -1.0)):
                    w[ids[x], y] += sign
                    wsum[ids[x], y] += sign * step
            for k in range(len(gold)):
                gp, pp = (int(gold[k - 1]), int(pred[k - 1])) if k else (n_labels, n_labels)
                if gp != pp or gold[k] != pred[k]:
                    for prev, y, sign in ((gp, gold[k], 1.0), (pp, pred[k], -1.0)):
                        t[prev, y] += sign
                        tsum[prev, y] += sign * step
            step += 1
    return _export(names, w - wsum / step, t - tsum / step)


def owner_digest(rows: list[OwnerExample]) -> str:
    return _digest((r.doc, r.feats, r.labels) for r in rows)


def current_owner_examples() -> list[OwnerExample]:
    sc = needed_scorer()
    return owner_examples((d for g in gold_sets() for d in g.docs()), sc)


def train_owners(sets: list[GoldSet] | None = None) -> OwnerTagger:
    sc = needed_scorer()
    sets = gold_sets() if sets is None else sets
    docs = {g.name: g.docs() for g in sets}
    rows = owner_examples((d for ds in docs.values() for d in ds), sc)
    model = fit_owners(rows)
    return OwnerTagger(weights=model.weights, transitions=model.transitions,
                       trained_on={name: len(ds) for name, ds in docs.items()}, examples=owner_digest(rows))


def write_owners(model: OwnerTagger, path: Path = OWNER_MODEL_PATH) -> None:
    """One feature a line, so that a retrained model reads as a diff."""
    data = model.to_json()
    lines = [f"{json.dumps(k)}: {json.dumps(data[k], ensure_ascii=False)}," for k in data if k != "weights"]
    body = ",\n".join(f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in data["weights"].items())
    path.write_text("{\n" + "\n".join(lines) + '\n"weights": {\n' + body + "\n}\n}\n", encoding="utf-8")


# --- measuring ----------------------------------------------------------------------------------------------
def unaccent(text: str) -> str:
    """The text typed without diacritics ("Tỉnh ủy" → "Tinh uy"), same case."""
    out = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in out if unicodedata.category(c) != "Mn"))


def rewrap(text: str, width: int = 72) -> str:
    """Every paragraph hard-wrapped at ``width`` columns, as an e-mail client or a PDF's text layer gives it. A
    tab stays a tab (a table row's cells stay apart), as a client that wraps lines keeps it."""
    out = []
    for line in text.split("\n"):
        out.append(textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False,
                                 expand_tabs=False, replace_whitespace=False) if line.strip() else line)
    return "\n".join(out)


def rewrap_expanded(text: str, width: int = 72) -> str:
    """``rewrap`` as it was until 2026-12-07: tabs expanded to 8-column stops first, so a table row's cells end
    up apart by runs of spaces (or one) that no reader can split again; kept to compare with earlier rows."""
    out = []
    for line in text.split("\n"):
        out.append(textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False) if line.strip()
                   else line)
    return "\n".join(out)


# a line's list marker: a number ("1.", "2.1.", "3)"), a letter ("a)", "b."), a bullet ("-", "+", "•", and the
# private-use glyphs of Word's Symbol-font bullets); the blank after it is a space (a tab after "1." is a table row's
# cell break, kept)
_LIST_MARKER = re.compile(r"^[ \t]*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[-+*•·▪●○◦➢➤✓❖►–—\uf0b7\uf0a7\uf076\uf0d8"
                          r"\uf0fc])[ ]+(?=\S)", re.M)


def unmark(text: str) -> str:
    """The text with its lines' list markers lost ("1.", "2.1.", "a)", "-", "+"), the lines kept: a web page or an
    e-mail whose numbering was the page's own (CSS or automatic numbering) copied as plain text. Roman numerals
    ("II.") and "Điều 1." stay: they are typed into a heading's text."""
    return _LIST_MARKER.sub("", text)


TRANSFORMS: dict[str, Callable[[str], str]] = {"unaccented": unaccent, "rewrapped": rewrap,
                                               "rewrapped, tabs expanded": rewrap_expanded,
                                               "list markers lost": unmark}


def score(docs: list[Doc], decider: Decider, sc: ModuleType, transform: Callable[[str], str] | None = None,
          directory=None, tagger: OwnerTagger | None = None):
    """The shared scorer's tally of the extractions; with ``tagger``, the owner tagger fills in where the rules
    fail (as a step after the pipeline, which does not call it)."""
    total = sc.Tally()
    for d in docs:
        text = transform(d.text) if transform else d.text
        got = extract(text, directory, decider=decider)
        fill_owners(nfc(text), got.directives, directory, tagger)
        total.add(sc.score_file(got.to_json(), d.gold, False))
    return total


def _line(name: str, t) -> str:
    f = t.figures()
    p, r, f1 = t.f1(t.tp, t.fp, t.fn)
    return (f"{name:<22} docs={t.files:<3} P={p:.3f} R={r:.3f} directive F1={f1:.3f}  owner F1={f['owner_f1']:.3f}  "
            f"deadlines={f['deadline_acc']:.3f}  meeting={f['meeting_date_acc']:.3f}  "
            f"corrections/doc={f['corrections_per_doc']:.1f}")


def cross_validate(robust: bool = False, out=sys.stdout, owners: bool = True) -> dict[str, dict]:
    """Grouped CV by data set: figures of the rules alone, with the learned layer, and (``owners``) with the
    owner tagger trained without the held-back set too, per set and overall."""
    sc = needed_scorer()
    sets = gold_sets()
    docs = {g.name: g.docs() for g in sets}
    rows = {name: examples(ds, sc) for name, ds in docs.items()}
    owner_rows = {name: owner_examples(ds, sc) for name, ds in docs.items()} if owners else {}
    variants: list[tuple[str, Callable[[str], str] | None]] = [("", None)]
    if robust:
        variants += list(TRANSFORMS.items())
    totals: dict[str, dict] = {}
    taggers: dict[str, OwnerTagger] = {}
    directory = seed_directory()  # the tagger steps in where the directory resolves no owner
    for vname, transform in variants:
        kinds = ["rules", "learned"] + (["tagger", "learned+tagger"] if owners else [])
        tally = {k: sc.Tally() for k in kinds}
        print(f"\n== grouped cross-validation{' (' + vname + ')' if vname else ''}: rules | rules + learned layer"
              + (" | rules + owner tagger | rules + learned + owner tagger" if owners else ""), file=out)
        for g in sets:
            model = fit([r for name, rs in rows.items() if name != g.name for r in rs])
            runs: dict[str, tuple[Decider, OwnerTagger | None]] = {"rules": (RulesOnly(), None),
                                                                   "learned": (model, None)}
            if owners:
                tagger = taggers.get(g.name)
                if tagger is None:
                    tagger = taggers[g.name] = fit_owners([r for name, rs in owner_rows.items() if name != g.name
                                                           for r in rs])
                runs["tagger"] = (RulesOnly(), tagger)
                runs["learned+tagger"] = (model, tagger)
            for k in kinds:
                t = score(docs[g.name], runs[k][0], sc, transform, directory, runs[k][1])
                tally[k].add(t)
                print(_line(g.name if k == "rules" else "  + " + k, t), file=out)
        for k in kinds:
            print(_line(f"ALL {k}", tally[k]), file=out)
        totals[vname or "plain"] = {k: tally[k].figures() for k in kinds}
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingest.nlp.train", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", action="store_true", help="grouped cross-validation instead of training")
    ap.add_argument("--robust", action="store_true",
                    help="with --cv: also on unaccented and re-wrapped texts (tabs kept, and tabs expanded)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="where the sentence model is written")
    ap.add_argument("--owners-out", type=Path, default=OWNER_MODEL_PATH, help="where the owner tagger is written")
    args = ap.parse_args(argv)
    if args.cv:
        cross_validate(robust=args.robust)
        return 0
    model = train()
    write(model, args.out)
    print(f"{args.out}: {len(model.weights)} weights from {sum(model.trained_on.values())} documents "
          f"in {len(model.trained_on)} sets")
    tagger = train_owners()
    write_owners(tagger, args.owners_out)
    print(f"{args.owners_out}: {len(tagger.weights)} features from {sum(tagger.trained_on.values())} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())

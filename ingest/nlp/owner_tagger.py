"""A learned owner tagger beside the owner grammar: token labels (BIO with role) read by a linear-chain model.

The rules name a directive's owners with a small grammar (``owners.py``); where that grammar gives a directive
no owner at all, or an owner the directory (without one, the grammar of unit types) does not recognise, the
tagger reads the directive's sentence and proposes the spans it labels ``B-LEAD I-LEAD …`` / ``B-SUP I-SUP …``.
It sees the token's key and folded form, its capitalisation, whether it heads a unit (``units.toml``) or is a
verb, its neighbours and the rules' own owner span. Its weights (``owner_model.json``, trained by
``python -m ingest.nlp.train`` with an averaged perceptron) are plain numbers; inference is a Viterbi pass over
sums of weights, nothing else. Measured by grouped cross-validation, it does not improve on the rules, so the
pipeline does not call it (docs/extraction.md).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .directory import unit_type
from .lexicon import ASSIGN_VERBS, DETERMINERS, NONTASK_VERBS, TASK_VERBS, UNIT_HEADS, Tok, match_at, tokenize
from .model import SENTENCE, OwnerMention, Proposal
from .owners import clean_name

if TYPE_CHECKING:
    from .directory import UnitDirectory

OWNER_MODEL_PATH = Path(__file__).with_name("owner_model.json")
LABELS = ("O", "B-LEAD", "I-LEAD", "B-SUP", "I-SUP")
ROLE_OF = {"LEAD": "lead", "SUP": "support"}
_START = "^"


def allowed(prev: str, label: str) -> bool:
    """BIO: an inside label continues a span of its own role."""
    return not label.startswith("I-") or prev[2:] == label[2:] and prev != "O" and prev != _START


def _shape(t: Tok) -> str:
    if not t.word:
        return "p" + t.text
    if t.text.isupper() and len(t.text) > 1:
        return "A"
    return "C" if t.cap else "l"


def _form(t: Tok) -> str:
    """The folded word, a number as "#" (no date or count is a name)."""
    return "#" if any(c.isdigit() for c in t.a) else t.a


def token_tags(toks: list[Tok]) -> list[str]:
    """What the lexicon says of each token: unit head (H, h inside it), determiner (D), verb (V), other (-)."""
    out = ["-"] * len(toks)
    for i in range(len(toks)):
        if out[i] != "-":
            continue
        n = match_at(toks, i, UNIT_HEADS)
        if n:
            out[i] = "H"
            for k in range(i + 1, min(len(toks), i + n)):
                out[k] = "h"
            continue
        if match_at(toks, i, DETERMINERS):
            out[i] = "D"
        elif max(match_at(toks, i, TASK_VERBS), match_at(toks, i, ASSIGN_VERBS), match_at(toks, i, NONTASK_VERBS)):
            out[i] = "V"
    return out


def features(toks: list[Tok], rule: list[str]) -> list[list[str]]:
    """The names of the features that fire at each token (each weighs 1); ``rule`` is the rules' label there."""
    tags = token_tags(toks)
    n = len(toks)
    out = []
    seen_support = seen_verb = False
    for i, t in enumerate(toks):
        def a(k: int) -> str:
            return _form(toks[k]) if 0 <= k < n else ("<s>" if k < 0 else "</s>")

        def tag(k: int) -> str:
            return tags[k] + _shape(toks[k])[:1] if 0 <= k < n else "#"

        f = ["b", f"a={a(i)}", f"w={'#' if a(i) == '#' else t.f}", f"s={_shape(t)}", f"t={tags[i]}", f"ts={tag(i)}",
             f"a-1={a(i - 1)}", f"a+1={a(i + 1)}", f"a-2={a(i - 2)}|{a(i - 1)}", f"a+2={a(i + 1)}|{a(i + 2)}",
             f"t-1={tag(i - 1)}", f"t+1={tag(i + 1)}", f"tt={tag(i - 1)}|{tag(i)}|{tag(i + 1)}",
             f"r={rule[i]}", f"r-1={rule[i - 1] if i else _START}", f"r+1={rule[i + 1] if i + 1 < n else '$'}",
             f"pos={min(i, 6)}", f"after_support={seen_support}", f"after_verb={seen_verb}"]
        out.append(f)
        if i and toks[i - 1].a == "phoi" and t.a == "hop":
            seen_support = True
        if tags[i] == "V":
            seen_verb = True
    return out


@dataclass(frozen=True)
class OwnerTagger:
    """Emission weights (feature → label → weight) and transition weights ("prev>label" → weight)."""

    weights: dict[str, dict[str, float]] = field(default_factory=dict)
    transitions: dict[str, float] = field(default_factory=dict)
    trained_on: dict[str, int] = field(default_factory=dict)
    examples: str = ""

    def tag(self, toks: list[Tok], rule: list[str]) -> list[str]:
        """The best label sequence under the BIO constraint (Viterbi)."""
        if not toks:
            return []
        return viterbi(self._emissions(features(toks, rule)), self.transitions.get)

    def _emissions(self, feats: list[list[str]]) -> list[dict[str, float]]:
        out = []
        for names in feats:
            score = dict.fromkeys(LABELS, 0.0)
            for name in names:
                for label, w in self.weights.get(name, {}).items():
                    score[label] += w
            out.append(score)
        return out

    def to_json(self) -> dict:
        return {"labels": list(LABELS), "examples": self.examples, "trained_on": dict(sorted(self.trained_on.items())),
                "transitions": {k: self.transitions[k] for k in sorted(self.transitions)},
                "weights": {k: {lb: v[lb] for lb in sorted(v)} for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict) -> "OwnerTagger":
        return cls(weights={str(k): {str(lb): float(w) for lb, w in v.items()} for k, v in data.get("weights", {}).items()},
                   transitions={str(k): float(v) for k, v in data.get("transitions", {}).items()},
                   trained_on={str(k): int(v) for k, v in data.get("trained_on", {}).items()},
                   examples=str(data.get("examples", "")))


def viterbi(emissions: list[dict[str, float]], trans: Callable[[str, float], float | None]) -> list[str]:
    best = {lb: (emissions[0][lb] + (trans(f"{_START}>{lb}", 0.0) or 0.0), [lb]) for lb in LABELS
            if allowed(_START, lb)}
    for em in emissions[1:]:
        nxt = {}
        for lb in LABELS:
            cands = [(s + (trans(f"{p}>{lb}", 0.0) or 0.0), path) for p, (s, path) in best.items() if allowed(p, lb)]
            if cands:
                s, path = max(cands, key=lambda c: c[0])  # the first of equals: deterministic
                nxt[lb] = (s + em[lb], path + [lb])
        best = nxt
    return max(best.values(), key=lambda c: c[0])[1]


def spans(labels: list[str]) -> list[tuple[str, int, int]]:
    """(role, first, end) of each labelled span."""
    out: list[tuple[str, int, int]] = []
    for i, lb in enumerate(labels):
        if lb.startswith("B-"):
            out.append((ROLE_OF[lb[2:]], i, i + 1))
        elif lb.startswith("I-") and out and out[-1][2] == i:
            out[-1] = (out[-1][0], out[-1][1], i + 1)
    return out


def locate(toks: list[Tok], name: str) -> tuple[int, int] | None:
    """Where an owner name read in this sentence stands among its tokens (first occurrence)."""
    want = [t.a for t in tokenize(name) if t.word]
    if not want:
        return None
    words = [k for k, t in enumerate(toks) if t.word]
    folds = [toks[k].a for k in words]
    for x in range(len(folds) - len(want) + 1):
        if folds[x:x + len(want)] == want:
            return words[x], words[x + len(want) - 1] + 1
    return None


def bio(n: int, marked: list[tuple[str, int, int]]) -> list[str]:
    """Labels of ``n`` tokens with the given (role, first, end) spans marked."""
    out = ["O"] * n
    for role, a, b in marked:
        tag = "LEAD" if role == "lead" else "SUP"
        out[a] = f"B-{tag}"
        for k in range(a + 1, b):
            out[k] = f"I-{tag}"
    return out


def rule_labels(toks: list[Tok], owners: list[OwnerMention]) -> list[str]:
    """The rules' owner spans read in the sentence itself, as labels."""
    marked: list[tuple[str, int, int]] = []
    for o in owners:
        if o.source != SENTENCE:
            continue
        at = locate(toks, o.name)
        if at and not any(a < at[1] and at[0] < b for _, a, b in marked):
            marked.append((o.role, *at))
    return bio(len(toks), marked)


def _known(name: str, directory: "UnitDirectory | None") -> bool:
    return (directory.resolve(name) is not None) if directory is not None else unit_type(name) is not None


def fill_owners(src: str, props: list[Proposal], directory: "UnitDirectory | None",
                tagger: "OwnerTagger | None") -> None:
    """Where the rules fail — a directive with no owner, or whose own sentence names owners none of which the
    directory recognises — the owners the tagger reads in the sentence, if it reads a lead the directory (or,
    without one, the grammar of unit types) recognises. Every other directive keeps the rules' owners.

    Not called by the pipeline: on the project's gold the tagger does not beat the rules where they fail
    (``python -m ingest.nlp.train --cv``, docs/extraction.md); the cross-validation applies it to measure it."""
    if tagger is None or not tagger.weights:
        return
    for p in props:
        own = [o for o in p.owners if o.source == SENTENCE]
        if p.owners and not (own and not any(_known(o.name, directory) for o in own)):
            continue
        toks = tokenize(src, p.start, p.end)
        got: list[tuple[str, str]] = []
        for role, a, b in spans(tagger.tag(toks, rule_labels(toks, p.owners))):
            name = clean_name(src[toks[a].start:toks[b - 1].end])
            if name and any(c.isalpha() for c in name) and all(name != n for n, _ in got):
                got.append((name, role))
        leads = [n for n, r in got if r == "lead"]
        if not leads or not all(_known(n, directory) for n in leads):
            continue
        kept = [o for o in p.owners if o.source != SENTENCE]
        p.owners = kept + [OwnerMention(n, r, source=SENTENCE, unit_type=unit_type(n),
                                        unit_id=directory.resolve(n) if directory is not None else None)
                           for n, r in got]


@lru_cache(maxsize=1)
def default_tagger() -> OwnerTagger | None:
    """The committed owner model (None when the file is missing)."""
    if not OWNER_MODEL_PATH.exists():
        return None
    return OwnerTagger.from_json(json.loads(OWNER_MODEL_PATH.read_text(encoding="utf-8")))

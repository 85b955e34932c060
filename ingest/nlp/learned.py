"""The learned layer: a logistic model over a sentence and its place in the document decides the borderline.

The rules say first whether a sentence is a directive; the model, trained on the project's gold
(``python -m ingest.nlp.train``), sees the rules' own signals, the part of the document the
sentence stands in (zone, heading depth, position in its block, the previous sentence's label)
and its opening words (no bag of words: on a hundred documents that only overfits), and overrules
the rules only where it is confident: it accepts a rejected sentence above ``accept`` and drops an
accepted one below ``reject``. Its weights are a small JSON
file (``sentence_model.json``) read once; inference is a sum of weights, nothing else.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from .classify import SentInfo

MODEL_PATH = Path(__file__).with_name("sentence_model.json")

# Exclusions no model may lift: the closing formula, an empty sentence, a delegate's opinion, a review under its
# label, accountability alone ("chịu trách nhiệm trước …" assigns no task).
_HARD = frozenset({"closing", "empty", "opinion", "review", "accountability"})


@dataclass(frozen=True)
class Context:
    """Where a sentence stands: what the rules and the outline know about it."""

    mode: str                  # task | assess | neutral: the part's mode
    zone: str                  # root | heading | item | leadin: the innermost outline frame
    depth: int                 # frames above the sentence
    marker: str | None         # the block's list marker type (num, alpha, bullet …) or None
    index: int                 # position of the sentence in its block
    prev_label: bool           # the previous sentence of the block was taken as a directive
    has_deadline: bool         # a time limit is stated in the sentence
    upward: bool               # the notice is a report sent up
    rule: bool                 # the rules' decision


def features(info: SentInfo, ctx: Context) -> list[str]:
    """Names of the features that fire for a sentence (each weighs 1)."""
    out = [
        "bias", f"rule={ctx.rule}", f"form={info.form}", f"excl={info.excluded}", f"mode={ctx.mode}",
        f"zone={ctx.zone}", f"depth={min(ctx.depth, 4)}", f"marker={ctx.marker}", f"first={ctx.index == 0}",
        f"prev={ctx.prev_label}", f"deadline={ctx.has_deadline}", f"upward={ctx.upward}",
        f"rule*mode={ctx.rule}:{ctx.mode}", f"form*mode={info.form}:{ctx.mode}",
        f"form*zone={info.form}:{ctx.zone}", f"prev*form={ctx.prev_label}:{info.form}",
        f"leads={bool(info.leads)}", f"supports={bool(info.supports)}",
    ]
    for name in ("unit_object", "speaker", "cont", "strong_modal", "issuer_subject", "person_subject", "date_start",
                 "midlead", "leadin", "announce_only", "assess_mark", "result_mark", "elapsed_start", "proposal",
                 "labelled"):
        if getattr(info, name):
            out.append(name)
    if info.revived:
        out.append(f"revived={info.revived}")
    toks = info.toks
    words = [t.a for t in toks if t.word]
    out.append(f"len={min(len(words) // 8, 6)}")
    i = info.main_start
    if i < len(toks):
        main = [t.a for t in toks[i:i + 2] if t.word]
        if main:
            out.append(f"w0={main[0]}")
            out.append(f"w01={' '.join(main)}")
    if words:
        out.append(f"s0={words[0]}")
        out.append(f"s01={' '.join(words[:2])}")
    return out


class Decider(Protocol):
    def decide(self, info: SentInfo, ctx: Context) -> bool: ...


@dataclass(frozen=True)
class SentenceModel:
    """Weights of a logistic model and the two thresholds at which it overrules the rules."""

    weights: dict[str, float] = field(default_factory=dict)
    accept: float = 1.0    # probability above which a rejected sentence is taken
    reject: float = 0.0    # probability below which an accepted sentence is dropped
    trained_on: dict[str, int] = field(default_factory=dict)  # gold set → documents
    examples: str = ""     # digest of the training examples: a model is stale when the rules or gold change it

    def probability(self, names: list[str]) -> float:
        get = self.weights.get
        z = sum(get(n, 0.0) for n in names)
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def decide(self, info: SentInfo, ctx: Context) -> bool:
        if info.excluded in _HARD or not self.weights:
            return ctx.rule
        p = self.probability(features(info, ctx))
        if not ctx.rule and p >= self.accept:
            return True
        if ctx.rule and p < self.reject:
            return False
        return ctx.rule

    def to_json(self) -> dict:
        return {"accept": self.accept, "reject": self.reject, "examples": self.examples,
                "trained_on": dict(sorted(self.trained_on.items())),
                "weights": {k: self.weights[k] for k in sorted(self.weights)}}

    @classmethod
    def from_json(cls, data: dict) -> "SentenceModel":
        return cls(weights={str(k): float(v) for k, v in data.get("weights", {}).items()},
                   accept=float(data.get("accept", 1.0)), reject=float(data.get("reject", 0.0)),
                   trained_on={str(k): int(v) for k, v in data.get("trained_on", {}).items()},
                   examples=str(data.get("examples", "")))


class RulesOnly:
    """The rules' decision, untouched (the baseline the learned layer is measured against)."""

    def decide(self, info: SentInfo, ctx: Context) -> bool:
        return ctx.rule


@lru_cache(maxsize=1)
def default_model() -> SentenceModel:
    """The committed model (rules alone when the file is missing)."""
    if not MODEL_PATH.exists():
        return SentenceModel()
    return SentenceModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))

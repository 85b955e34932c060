"""Tokens, and the word lists of ``lang/vi/*.toml`` read by one validating loader.

The vocabulary is data: ``load_language`` reads every list once, refuses a duplicate, a word
in two opposed lists or an entry that is not a phrase, and computes each phrase's two forms —
its key (lower case, NFC, one tone placement, so "uỷ"/"ủy" and "hoà"/"hòa" are one) and its
folded form (no diacritics). Matching compares keys; a sentence typed without diacritics is
compared on folded forms, and each of its words is read as the listed word it folds to.

A file may also hold tables of lists (``[issuers]``: a name → the forms it is written in), validated the
same way and so that no form belongs to two names. Rules that read whole sentences use ``cue_regex``: the
structure (anchors, digits, punctuation) is a regex written in the code, each ``{list}`` slot in it is that
list's phrases — the words stay in the data.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from .text import fold, fold_aligned, normalize, typed_bare

LANG_DIR = Path(__file__).with_name("lang")


class Tok(NamedTuple):
    start: int
    end: int
    text: str   # as written
    f: str      # key: lower case, NFC, one tone style ("ủy", "hòa"), "đ" unified
    cap: bool   # starts with a capital letter
    word: bool  # a word (not punctuation)
    a: str = ""         # folded: no diacritics ("uy", "hoa")
    bare: bool = False  # from a stretch of text typed without diacritics
    rest: int = 0       # typed without diacritics and read as part of a listed phrase ("de nghi" → "đề nghị"):
                        # the phrase's words from this one to its end (2 for "de", 1 for "nghi"); 0 if word by word


_TOKEN = re.compile(r"[^\W_]+(?:[&.\-/'][^\W_]+)*|[^\w\s]")
_BARE_MIN_WORDS = 3  # a stretch this long with no diacritic at all was typed without them


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """The form words are compared in: lower case, one tone style, "Ð" read as "đ"."""
    return normalize(word.replace("Ð", "Đ").replace("ð", "đ")).lower()


@lru_cache(maxsize=65536)
def folded(word: str) -> str:
    """A word without diacritics, lower case ("Đảng" → "dang")."""
    return fold_aligned(key(word))


class Phrases(frozenset):
    """Word tuples (keys) that also know their folded forms, first words and longest length."""

    firsts: frozenset[str]
    folded: frozenset[tuple[str, ...]]
    ffirsts: frozenset[str]
    maxlen: int

    def __new__(cls, items: Iterable[tuple[str, ...]]) -> "Phrases":
        obj = super().__new__(cls, items)
        obj.firsts = frozenset(t[0] for t in obj if t)
        obj.folded = frozenset(tuple(folded(w) for w in t) for t in obj)
        obj.ffirsts = frozenset(t[0] for t in obj.folded if t)
        obj.maxlen = max((len(t) for t in obj), default=0)
        return obj


def _keys(entry: str) -> tuple[str, ...]:
    """The keys of an entry's words; a comma written in an entry is optional punctuation, not a word."""
    return tuple(key(w) for w in entry.replace(",", " ").split())


def phrases(items: Iterable[str]) -> Phrases:
    """Phrases from written entries ("tập trung", "Ủy ban")."""
    return Phrases(_keys(p) for p in items if p.strip())


class LexiconError(ValueError):
    """The language data breaks a rule of the loader."""


# Lists that must share no phrase: a word cannot both start a task and rule one out.
OPPOSED = (("task_verbs", "nontask_verbs"), ("task_cues", "assess_cues"))
# Lists read as plain sets of single words, not phrases.
WORD_SETS = ("place_triggers", "admin_words")
# Lists compiled into a grammar (deadlines.py), tested one token at a time (owners.py) or compared on folded
# names (directory.py, outline.py, pipeline.py), or shown (resolve.py): they do not restore unaccented words.
GRAMMAR_ONLY = ("time_", "owner_", "directory_", "outline_", "pipeline_", "resolve_")


@dataclass(frozen=True)
class Language:
    """Every word list of one language, validated, with the restoration table for unaccented text."""

    lists: dict[str, Phrases]
    words: dict[str, frozenset[str]]
    restore: dict[tuple[str, ...], tuple[str, ...]]  # folded words → the listed phrase they are read as
    restore_len: int = 1
    written: dict[str, tuple[str, ...]] = field(default_factory=dict)  # every list as written, in its order
    tables: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a table's names, in order ("name.key" lists)

    def __getitem__(self, name: str) -> Phrases:
        return self.lists[name]

    def word_set(self, name: str) -> frozenset[str]:
        """A list as a set of keys, for testing one token's key ("hằng", "hàng")."""
        return self.words[name]

    def table(self, name: str) -> dict[str, tuple[str, ...]]:
        """A table of lists (a canonical name → its written forms), in the data's order."""
        return {k: self.written[f"{name}.{k}"] for k in self.tables[name]}


def _read(lang: str) -> tuple[dict[str, list[str]], dict[str, tuple[str, ...]]]:
    """Every list of the language's files; a table of lists ("[issuers]") gives one list per key, "name.key"."""
    raw: dict[str, list[str]] = {}
    tables: dict[str, tuple[str, ...]] = {}
    for path in sorted((LANG_DIR / lang).glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for name, items in data.items():
            if isinstance(items, dict):
                tables[name] = tuple(items)
                entries = [(f"{name}.{k}", v) for k, v in items.items()]
            else:
                entries = [(name, items)]
            for list_name, values in entries:
                if list_name in raw or name in raw:
                    raise LexiconError(f"{path.name}: list {list_name!r} defined twice")
                if not isinstance(values, list) or not all(isinstance(x, str) and x.strip() for x in values):
                    raise LexiconError(f"{path.name}: {list_name!r} must be a list of non-empty phrases")
                raw[list_name] = values
    return raw, tables


def validate(raw: dict[str, list[str]], tables: dict[str, tuple[str, ...]] | None = None) -> None:
    """Refuse duplicates (compared as keys, so "hoá"/"hóa" are one), words in two opposed lists and a form
    given to two names of one table."""
    for table, names in (tables or {}).items():
        owner: dict[tuple[str, ...], str] = {}
        for nm in names:
            for x in raw[f"{table}.{nm}"]:
                if owner.setdefault(_keys(x), nm) != nm:
                    raise LexiconError(f"{table}: {x!r} is a form of both {owner[_keys(x)]!r} and {nm!r}")
    for name, items in raw.items():
        seen: dict[tuple[str, ...], str] = {}
        for x in items:
            k = _keys(x)
            if k in seen:
                raise LexiconError(f"{name}: {x!r} duplicates {seen[k]!r}")
            seen[k] = x
    for a, b in OPPOSED:
        if a in raw and b in raw:
            both = {_keys(x) for x in raw[a]} & {_keys(x) for x in raw[b]}
            if both:
                raise LexiconError(f"{a} and {b} share {sorted(' '.join(t) for t in both)}")


def build(raw: dict[str, list[str]], tables: dict[str, tuple[str, ...]] | None = None) -> Language:
    validate(raw, tables or {})
    lists = {name: phrases(items) for name, items in raw.items() if name not in WORD_SETS}
    words = {name: frozenset(" ".join(_keys(x)) for x in items) for name, items in raw.items()}
    # Words typed without diacritics are read as the listed phrase they fold to ("don vi" → "đơn vị"),
    # else word by word as the listed word most phrases use ("co" → "có"); ties go to the first in
    # alphabetical order, so the table is stable.
    uses: Counter[tuple[str, ...]] = Counter()
    for name, items in raw.items():
        if name.startswith(GRAMMAR_ONLY):
            continue
        for x in items:
            ks = _keys(x)
            uses[ks] += 1
            uses.update((w,) for w in ks)
    restore: dict[tuple[str, ...], tuple[str, ...]] = {}
    for ks in sorted(uses, key=lambda t: (-uses[t], t)):
        restore.setdefault(tuple(folded(w) for w in ks), ks)
    return Language(lists=lists, words=words, restore=restore, restore_len=max(map(len, restore), default=1),
                    written={name: tuple(items) for name, items in raw.items()}, tables=dict(tables or {}))


@lru_cache(maxsize=4)
def load_language(lang: str = "vi") -> Language:
    """The validated word lists of ``lang`` (read once per process)."""
    return build(*_read(lang))


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, str, bool, bool]:
    """(key, folded, is a word, starts with a capital) of one token."""
    isword = word[0].isalnum()
    return key(word), folded(word), isword, isword and word[0].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    end = len(text) if end is None else end
    out = []
    nwords = 0
    for m in _TOKEN.finditer(text, start, end):
        w = m.group()
        k, a, isword, cap = _forms(w)
        nwords += isword
        out.append(Tok(m.start(), m.end(), w, k, cap, isword, a))
    if nwords >= _BARE_MIN_WORDS and typed_bare(text[start:end]):
        keys, rest = _restored([t.f for t in out], [t.a for t in out], _VI)
        out = [t._replace(f=k, bare=True, rest=r) for t, k, r in zip(out, keys, rest)]
    return out


def _restored(keys: list[str], folds: list[str], lang: Language) -> tuple[list[str], list[int]]:
    """Keys of words typed without diacritics: the longest listed phrase they fold to, word by word else; and
    for each word read within a phrase of two words or more, how many of its words remain (see ``Tok.rest``)."""
    out = list(keys)
    rest = [0] * len(keys)
    i, n = 0, len(folds)
    while i < n:
        for length in range(min(lang.restore_len, n - i), 0, -1):
            got = lang.restore.get(tuple(folds[i:i + length]))
            if got is not None:
                out[i:i + length] = got
                if length > 1:
                    rest[i:i + length] = range(length, 0, -1)
                i += length
                break
        else:
            i += 1
    return out, rest


def _cuts_restored(toks: list[Tok], i: int, j: int) -> bool:
    """A folded match over ``toks[i:j]`` would cut through a phrase the words were restored to ("de" of "de
    nghi", read "đề nghị", is not the "để" of a purpose clause)."""
    return toks[i].rest > j - i or toks[j - 1].rest > 1 or (i > 0 and toks[i - 1].rest > 1)


def match_at(toks: list[Tok], i: int, phrases: frozenset[tuple[str, ...]], maxlen: int = 5) -> int:
    """Length (in tokens) of the longest phrase from ``phrases`` starting at ``i``; 0 if none.

    A token typed without diacritics also matches a phrase by its folded form.
    """
    n = len(toks)
    if i >= n:
        return 0
    bare = toks[i].bare
    if isinstance(phrases, Phrases):
        if toks[i].f not in phrases.firsts and not (bare and toks[i].a in phrases.ffirsts):
            return 0
        maxlen = phrases.maxlen
        fset = phrases.folded
    else:
        fset = frozenset()
    best = 0
    words: list[str] = []
    fwords: list[str] = []
    for k in range(i, min(n, i + maxlen)):
        if not toks[k].word:
            break
        words.append(toks[k].f)
        fwords.append(toks[k].a)
        if tuple(words) in phrases or (bare and tuple(fwords) in fset and not _cuts_restored(toks, i, k + 1)):
            best = len(words)
    return best


def _entry_pattern(entry: str, form=folded, space: str = " ") -> str:
    """One entry as a regex over folded text: "#" stands for a number, a written comma is optional, a
    lone dash may have spaces around it or not, and ``space`` stands between words."""
    out = ""
    for w in entry.split():
        if w == "-":
            out += r"\s*-\s*"
            continue
        comma = w.endswith(",")
        w = w.rstrip(",")
        if out and not out.endswith("*"):
            out += space
        out += (r"\d+" if w == "#" else re.escape(form(w))) + (",?" if comma else "")
    return out


def cue_pattern(name: str, lang: str = "vi", space: str = " ") -> str:
    """A regex alternation of a list's folded phrases in their listed order, for text folded by ``fold``."""
    return "|".join(_entry_pattern(x, space=space) for x in load_language(lang).written[name])


def key_pattern(name: str, lang: str = "vi") -> str:
    """The same alternation in keys (lower case, diacritics kept), for text lowered and normalized by ``key``."""
    return "|".join(_entry_pattern(x, key) for x in load_language(lang).written[name])


_SLOT = re.compile(r"\{([a-z_]+)\}")


def cue_regex(template: str, lang: str = "vi", space: str = " ", flags: int = 0) -> re.Pattern[str]:
    """A regex over folded text whose ``{list}`` slots are that list's phrases: the structure (digits,
    punctuation, anchors) is written in code, the words come from the language data. ``space`` is what
    stands between a phrase's words: one space for text folded by ``fold``, ``\\s+`` for a copy that
    keeps the text's own blanks and line breaks (``fold_aligned``)."""
    return re.compile(_SLOT.sub(lambda m: "(?:" + cue_pattern(m.group(1), lang, space) + ")", template), flags)


def key_regex(template: str, lang: str = "vi", flags: int = 0) -> re.Pattern[str]:
    """``cue_regex`` for text in keys (``key``: lower case, diacritics kept), where folding would confuse
    words ("năm"/"Nam", "hà"/"ha"); with ``re.IGNORECASE``, for text as written."""
    return re.compile(_SLOT.sub(lambda m: "(?:" + key_pattern(m.group(1), lang) + ")", template), flags)


def _bare_form(word: str) -> str:
    """A word without its diacritics, case kept ("Điều" → "Dieu")."""
    return "".join(fold(c).upper() if c.isupper() else fold(c) for c in word)


def written_pattern(name: str, lang: str = "vi") -> str:
    """A list's entries as written and without diacritics, case kept, for text as written ("Điều|Dieu")."""
    forms = dict.fromkeys(f for x in load_language(lang).written[name] for f in (x, _bare_form(x)))
    return "|".join(re.escape(f) for f in forms)


_VI = load_language("vi")

TASK_VERBS = _VI["task_verbs"]
ASSIGN_VERBS = _VI["assign_verbs"]
NONTASK_VERBS = _VI["nontask_verbs"]
PRE_ADVERBS = _VI["pre_adverbs"]
STRONG_MODALS = _VI["strong_modals"]
MANNER_ADVERBS = frozenset(" ".join(t) for t in _VI["manner_adverbs"])
NAME_VERBS = _VI["name_verbs"]
REPORT_HEADS = _VI["report_heads"]
SPEECH_VERBS = _VI["speech_verbs"]
UNIT_HEADS = _VI["unit_heads"]
NAME_HEADS = _VI["name_heads"]
DETERMINERS = _VI["determiners"]
PERSON_STARTS = _VI["person_starts"]
PERSON_TITLES = _VI["person_titles"]
PLACE_TRIGGERS = _VI.words["place_triggers"]
ADMIN_WORDS = _VI.words["admin_words"]
PROPER_NOT_PERSON = frozenset(_VI["proper_not_person"])
NP_INTERNAL = _VI["np_internal"]
NP_STOPS = _VI["np_stops"]
CONT_MARKERS = _VI["cont_markers"]
ADVERBIAL_STARTS = _VI["adverbial_starts"]
DOC_NOUNS = _VI["doc_nouns"]

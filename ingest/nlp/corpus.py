"""The project's gold, set by set: what the learned layer trains on and cross-validation scores.

Sets: the seeds (``../shared/seeds`` + ``../shared/gold``), the dev set (``../shared/dev``), the
blind sets kept in the repository (``tests/nlp/heldout*``) and the first-look sets
(``tests/nlp/firstlook/*``). A folder holding a file named ``SEALED`` is never trained on.
``../shared`` sits beside the repository (``DONDOC_SHARED`` points elsewhere); without it only
the repository's sets are read.
"""
from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests" / "nlp"


def shared_dir() -> Path:
    env = os.environ.get("DONDOC_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


@dataclass(frozen=True)
class Doc:
    name: str
    text: str
    gold: dict


@dataclass(frozen=True)
class GoldSet:
    name: str
    texts: Path
    gold: Path

    @property
    def sealed(self) -> bool:
        return (self.gold / "SEALED").exists() or (self.texts / "SEALED").exists()

    def annotations(self) -> list[tuple[Path, dict]]:
        """(path, gold) of every annotation of the set, in name order."""
        out = []
        for path in sorted(self.gold.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(gold, dict) and "directives" in gold:
                out.append((path, gold))
        return out

    def docs(self) -> list[Doc]:
        out = []
        for path, gold in self.annotations():
            name = gold.get("source", path.with_suffix(".txt").name)
            text_path = self.texts / name
            if not text_path.exists():
                text_path = self.gold / name
            out.append(Doc(name, read_text(text_path), gold))
        return out


def read_text(path: Path) -> str:
    """A gold source as the import page would read it (.txt as UTF-8; .pdf/.docx/.html through the readers)."""
    if path.suffix.lower() == ".txt":
        return path.read_bytes().decode("utf-8-sig", errors="replace")
    from ingest.readers import read_document  # the application's readers: pure Python, no Django

    return read_document(path.read_bytes(), path.name).text


def seed_directory():
    """The standard bodies of a province (``seeds/province_bodies.json``) as a directory: what the application
    resolves owners against before the office loads its own units (templated aliases left out)."""
    from .directory import UnitDirectory

    path = ROOT / "seeds" / "province_bodies.json"
    units = json.loads(path.read_text(encoding="utf-8-sig")).get("units", []) if path.exists() else []
    return UnitDirectory((i, [n for n in (u.get("name"), u.get("short_name"), *(u.get("aliases") or []))
                              if n and "{" not in n]) for i, u in enumerate(units, start=1))


def gold_sets(include_sealed: bool = False) -> list[GoldSet]:
    """Every gold set present, in a stable order; sealed ones only when asked."""
    shared = shared_dir()
    found = [GoldSet("seeds", shared / "seeds", shared / "gold"),
             GoldSet("dev", shared / "dev" / "texts", shared / "dev" / "gold")]
    found += [GoldSet(p.name, p, p) for p in sorted(TESTS.glob("heldout*"), key=_natural) if p.is_dir()]
    firstlook = TESTS / "firstlook"
    if firstlook.is_dir():
        found += [GoldSet(f"firstlook/{p.name}", p, p) for p in sorted(firstlook.iterdir()) if p.is_dir()]
    return [g for g in found if g.gold.is_dir() and any(g.gold.glob("*.json")) and (include_sealed or not g.sealed)]


def _natural(p: Path) -> tuple[str, int]:
    digits = "".join(c for c in p.name if c.isdigit())
    return (p.name.rstrip("0123456789"), int(digits) if digits else 0)


def scorer() -> ModuleType | None:
    """The shared scorer (``../shared/eval/score_extraction.py``), or None when absent."""
    path = shared_dir() / "eval" / "score_extraction.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

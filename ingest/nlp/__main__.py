"""CLI: ``python -m ingest.nlp FILE [--directory seeds/province_bodies.json]`` prints the extraction as JSON."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import UnitDirectory, extract
from .corpus import read_text


def _load_directory(path: Path) -> UnitDirectory:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    units = data.get("units", data) if isinstance(data, dict) else data
    entries = []
    for i, u in enumerate(units, start=1):
        if isinstance(u, dict):
            uid = u.get("id", i)
            names = [u.get("name"), u.get("short_name"), *(u.get("aliases") or [])]
            entries.append((uid, [n for n in names if n]))
    return UnitDirectory(entries)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingest.nlp", description=__doc__)
    ap.add_argument("file", type=Path)
    ap.add_argument("--directory", type=Path, help="units JSON ({'units': [{name, short_name, aliases}]})")
    ap.add_argument("--meeting-only", action="store_true",
                    help="meeting_date only when the text dates a meeting (else null, not the issue date)")
    args = ap.parse_args(argv)
    text = read_text(args.file)  # .pdf/.docx/.html through the application's readers
    directory = _load_directory(args.directory) if args.directory else None
    result = extract(text, directory).to_json()
    if args.meeting_only and not result["meeting_reported"]:
        result["meeting_date"] = None
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

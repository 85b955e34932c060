#!/usr/bin/env python3
"""Sanity check for the heldout7 gold: every gold directive text must occur in
its document (after dropping PDF page-break furniture: blank line, page number,
running header, blank line), start and end on sentence boundaries, and every
deadline phrase must occur in the document.  Run: python3 check_gold.py"""
import datetime, json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGEBREAK = re.compile(r"\n\n\d+\n[^\n]*\n\n")  # page number + running header


def main() -> int:
    bad = 0
    for gp in sorted(HERE.glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        raw = (HERE / gold["source"]).read_text(encoding="utf-8")
        txt = PAGEBREAK.sub("\n", raw)
        n = len(gold["directives"])
        for d in gold["directives"]:
            t = d["text"]
            k = txt.count(t)
            if k != 1:
                print(f"{gp.name}: found {k}x: {t[:80]!r}"); bad += 1; continue
            i = txt.index(t); j = i + len(t)
            before, after = txt[i - 2:i] if i >= 2 else "\n", txt[j:j + 2]
            if not (i == 0 or before.endswith("\n") or before[-1] == " " and before[0] in ".!?…:;"
                    or before.endswith("- ") or re.match(r"^\w\) ?$", before) or before.endswith(") ")):
                print(f"{gp.name}: odd start {before!r}: {t[:60]!r}"); bad += 1
            if not (after == "" or after.startswith("\n") or (after[0] == " " and t[-1] in ".!?…")
                    or after.startswith(" ") and after[1:2].isupper()):
                print(f"{gp.name}: odd end {after!r}: {t[-60:]!r}"); bad += 1
            if t not in raw:
                print(f"{gp.name}: note, spans a page break: {t[:60]!r}")
            if d["deadline"]:
                datetime.date.fromisoformat(d["deadline"])
                if d["deadline_phrase"] not in txt:
                    print(f"{gp.name}: phrase not in text: {d['deadline_phrase']!r}"); bad += 1
        opt = sum(d["optional"] for d in gold["directives"])
        print(f"{gp.name}: {n} directives ({n - opt} required, {opt} optional), meeting_date={gold['meeting_date']}")
    print("OK" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

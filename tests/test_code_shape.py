"""No function outside migrations runs over 80 lines, but for the exemptions listed in pyproject.toml.

ruff holds McCabe complexity and statement counts (C901, PLR0915); it has no rule for length in
lines, so this walks the source. A file exempt from PLR0915 there is exempt here too: one list.
"""
import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 80
PACKAGES = ("config", "tracker", "ingest", "tests", "bench", "scripts")


def _exempt() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ignores = config["tool"]["ruff"]["lint"]["per-file-ignores"]
    return {path for path, codes in ignores.items() if "PLR0915" in codes}


def test_no_function_is_longer_than_80_lines():
    exempt = _exempt()  # empty since the extraction issues broke the engine's long functions up
    too_long = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "migrations" in path.parts or relative in exempt:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    length = node.end_lineno - node.lineno + 1
                    if length > MAX_LINES:
                        too_long.append(f"{relative}:{node.lineno} {node.name} ({length} lines)")
    assert too_long == []

"""The layering rules of the code, as the import contracts in pyproject.toml state them.

A violation (a model importing Qt, printing reading the database, a lower models package
reaching up) fails here, in the test run every developer makes, not only in CI.
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    tool = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(tool), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_every_package_init_holds_a_docstring_only():
    """Importing a package loads nothing else (the window's start-up depends on it)."""
    import ast

    for init in [*ROOT.glob("models/**/__init__.py"), *ROOT.glob("printing/**/__init__.py"),
                 *ROOT.glob("ui/**/__init__.py")]:
        body = ast.parse(init.read_text(encoding="utf-8")).body
        assert len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant), init

"""Mutation scores of the rule modules (issue 20): would the tests notice a rule broken by one
character?

For each module, mutmut changes one thing at a time (a comparison, a bound, a state in a
tuple, a field name, a message) and runs the tests that reach that function; a mutant the
tests pass is a rule nobody checks. Each module is tried in a scratch copy of the working
tree, so the checkout is never touched. Prints killed / all per module and the target (≥ 90 %).
Slow (about a mutant a second on the 2-core machine): a script to run by hand, not part of CI.

    uv run python bench/mutation.py                      # every rule module
    uv run python bench/mutation.py models/campaign/pledges.py --survivors
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CAMPAIGN = "tests/models/campaign"
# module -> the tests that speak for it
MODULES: dict[str, list[str]] = {
    "models/roster/idcard.py": ["tests/models/roster"],
    "models/campaign/pledges.py": [CAMPAIGN],
    "models/campaign/reviews.py": [CAMPAIGN],
    # the ledger's own tests and the assessment's hand-counted figures, not every pledge test
    "models/campaign/ledger.py": [f"{CAMPAIGN}/test_ledger.py", f"{CAMPAIGN}/test_ledger_figures.py",
                                  f"{CAMPAIGN}/test_ledger_mutants.py",
                                  "tests/models/assessment/test_indicator_figures.py"],
    "models/assessment/scoring.py": ["tests/models/assessment"],
    "models/commendation/nominations.py": ["tests/models/commendation"],
    "models/exchange/vocabulary.py": ["tests/models/exchange"],
    "models/exchange/roster_import.py": ["tests/models/exchange"],
    "models/safety/checks.py": ["tests/models/safety"],
}
TARGET = 0.90


def scratch_copy(dest: Path) -> None:
    """The working tree as it is now (committed or not), without caches and virtualenvs."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.splitlines()
    for name in files:
        source = ROOT / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def configure(dest: Path, module: str, tests: list[str]) -> None:
    config = dest / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    text += ("\n[tool.mutmut]\n"
             f"source_paths = [{json.dumps(module)}]\n"
             f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
             'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]\n'
             'also_copy = ["models/", "printing/", "ui/", "resources/", "tests/", "main.py"]\n')
    config.write_text(text, encoding="utf-8")


def mutmut(dest: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / ("mutmut.exe" if os.name == "nt" else "mutmut")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([str(exe), *args], cwd=dest, env=env, capture_output=True, text=True, check=False)


def score(module: str, tests: list[str], children: int, survivors: bool) -> dict[str, int]:
    with tempfile.TemporaryDirectory(prefix="xf-mutation-") as tmp:
        dest = Path(tmp)
        scratch_copy(dest)
        configure(dest, module, tests)
        run = mutmut(dest, "run", "--max-children", str(children))
        if run.returncode != 0:
            print(run.stdout[-2000:], run.stderr[-2000:], file=sys.stderr)
        mutmut(dest, "export-cicd-stats")
        stats = json.loads((dest / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
        if survivors:
            names = [line.split(":")[0].strip() for line in mutmut(dest, "results").stdout.splitlines()
                     if ":" in line]
            for name in names:
                diff = [line for line in mutmut(dest, "show", name).stdout.splitlines()
                        if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))]
                print(f"    survived {name}\n      " + "\n      ".join(diff))
    return stats


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("modules", nargs="*", help="modules to try (default: every rule module)")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--survivors", action="store_true", help="print each surviving mutant")
    args = parser.parse_args()
    chosen = args.modules or list(MODULES)
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'module':<40} {'killed':>7} {'all':>5} {'score':>6}  (no tests / timeouts)")
    worst = 1.0
    for module in chosen:
        t0 = time.perf_counter()
        stats = score(module, MODULES.get(module, ["tests"]), args.max_children, args.survivors)
        killed = stats["killed"] + stats.get("timeout", 0) + stats.get("segfault", 0)
        total = stats["total"] - stats.get("skipped", 0)
        ratio = killed / total if total else 1.0
        worst = min(worst, ratio)
        mark = "" if ratio >= TARGET else "  below target"
        print(f"{module:<40} {killed:>7} {total:>5} {ratio:>6.0%}  ({stats['no_tests']} / {stats.get('timeout', 0)}, "
              f"{time.perf_counter() - t0:.0f} s){mark}", flush=True)
    print(f"target ≥ {TARGET:.0%} in each module; lowest {worst:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

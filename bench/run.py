"""Benchmarks: `copier copy` time and time-to-green (copy + setup + lint + test) per stack.

Each figure is the median of several runs, printed beside a reference measured in the same run:
- copy: Copier copying a one-file template (Copier's own fixed cost);
- time-to-green: installing the bare framework alone (`npm install express`,
  `uv pip install flask`), i.e. what any project of that stack pays before it has written a line.
The median leaves out the first time-to-green run, which may fill the npm/uv caches (as a learner's
first project does); that run is reported on its own as "first".
Results: bench/results/latest.json and a table on stdout.

    uv run python bench/run.py [--runs 5] [--green-runs 3] [--stacks express,flask]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.support import choice_values, language_of, render, tool_env  # noqa: E402

RESULTS = ROOT / "bench" / "results"
BARE_INSTALL = {
    "node": ["npm", "install", "--silent", "express"],
    "python": ["sh", "-c", "uv venv -q .venv && uv pip install -q --python .venv flask"],
}


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def sh(command: list[str], cwd: Path) -> None:
    subprocess.run(
        command,
        cwd=cwd,
        env=tool_env(),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def one_file_template(root: Path) -> Path:
    template = root / "reference-template"
    (template / "t").mkdir(parents=True)
    (template / "copier.yml").write_text("_subdirectory: t\nname:\n  type: str\n  default: x\n")
    (template / "t" / "README.md.jinja").write_text("# {{ name }}\n")
    subprocess.run(["git", "init", "-q"], cwd=template, check=True)
    subprocess.run(["git", "add", "-A"], cwd=template, check=True)
    subprocess.run(
        ["git", "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "t"],
        cwd=template,
        check=True,
    )
    return template


def median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--green-runs", type=int, default=3)
    parser.add_argument("--stacks", default=",".join(choice_values("framework")))
    args = parser.parse_args()
    stacks = args.stacks.split(",")
    results: dict = {"runs": args.runs, "green_runs": args.green_runs, "stacks": {}}

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        reference = one_file_template(tmp)
        results["copy_reference_s"] = median(
            [
                timed(render, tmp / f"ref-{i}", src=reference, skip_tasks=True)
                for i in range(args.runs)
            ]
        )
        for stack in stacks:
            copies = [
                timed(render, tmp / f"{stack}-copy-{i}", framework=stack) for i in range(args.runs)
            ]
            language = language_of(stack)
            bare, green, phases = [], [], {"setup": [], "lint": [], "test": []}
            for i in range(args.green_runs):
                bare_dir = tmp / f"{stack}-bare-{i}"
                bare_dir.mkdir()
                bare.append(timed(sh, BARE_INSTALL[language], bare_dir))
                project = tmp / f"{stack}-green-{i}"
                total = timed(render, project, framework=stack)
                for verb in phases:
                    spent = timed(sh, ["make", verb], project)
                    phases[verb].append(spent)
                    total += spent
                green.append(total)
            results["stacks"][stack] = {
                "copy_s": median(copies),
                "time_to_green_s": median(green[1:] or green),
                "time_to_green_first_s": round(green[0], 2),
                "phases_s": {k: median(v[1:] or v) for k, v in phases.items()},
                "bare_framework_install_s": median(bare[1:] or bare),
            }

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    print(f"copy reference (one-file template): {results['copy_reference_s']} s")
    print(
        "| stack | copy (s) | time-to-green (s) | first run (s) | setup | lint | test "
        "| bare framework install (s) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for stack, r in results["stacks"].items():
        p = r["phases_s"]
        print(
            f"| {stack} | {r['copy_s']} | {r['time_to_green_s']} | {r['time_to_green_first_s']} | "
            f"{p['setup']} | {p['lint']} | {p['test']} | {r['bare_framework_install_s']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

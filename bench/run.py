"""Benchmarks per stack: `copier copy` time, time-to-green (copy + setup + lint + test),
start-to-ready (`make run` until /health/ready answers 200, on the default SQLite project), and
under load (bench/load.py: throughput, latency, CPU per request and RSS beside references).

Each figure is the median of several runs, printed beside a reference measured in the same run:
- copy: `copier copy` run as a command, as users run it, of a one-file template (Copier's own
  fixed cost: starting Python and importing Copier);
- time-to-green: installing the bare framework alone (`npm install express`, `uv pip install
  flask`, resolving spring-boot-starter-web with Maven, `composer require
  symfony/framework-bundle`), i.e. what any project of that stack pays before it has written a
  line;
- start-to-ready: the language's own minimal HTTP server (node's `http`, `python -m http.server`,
  the JDK's `jwebserver`, `php -S` with a one-line script) until it answers, i.e. the runtime's
  fixed start cost.
PHP's Composer installs from Debian's packaged libraries through tests/php_offline.py's
configuration (load.stack_env()): Packagist is not reachable here.
The median leaves out the first time-to-green run, which may fill the npm/uv/Maven caches (as a
learner's first project does); that run is reported on its own as "first".
Each time-to-green phase is timed in CPU seconds too (the commands and what they waited for), and
every run is kept with the load average at its start, so that a phase slowed by waiting or by
another process shows up beside its median.
Results: bench/results/latest.json and a table on stdout.

    uv run python bench/run.py [--runs 5] [--green-runs 3] [--stacks express,flask]
        [--parts copy,green,load] [--duration 15] [--warmup 5] [--rounds 3] [--before <git ref>]

--before renders each stack's load project from that commit of this template too and measures it
in the same interleaved rounds as the current one (a before-and-after in one run; load part only).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import httpx  # noqa: E402
import load  # noqa: E402

from tests.services import free_port  # noqa: E402
from tests.support import choice_values, language_of, tool_env  # noqa: E402

RESULTS = ROOT / "bench" / "results"
READY_TIMEOUT = 180


def bare_install(framework: str) -> list[str]:
    """Installing the framework alone, into the current directory. PHP: Composer requiring
    Symfony's FrameworkBundle at the version template/symfony requires, through the offline
    Composer configuration of load.stack_env() (Debian's packaged Symfony: Packagist is not
    reachable here, so this times Composer resolving and linking, not a download)."""
    if language_of(framework) == "php":
        return ["composer", "require", "--quiet", "--no-interaction", symfony_framework_bundle()]
    if language_of(framework) == "node":
        return ["npm", "install", "--silent", framework]
    if language_of(framework) == "python":
        venv = f"uv venv -q .venv && uv pip install -q --python .venv {framework}"
        return ["sh", "-c", venv]
    starter = f"org.springframework.boot:spring-boot-starter-web:{spring_boot_version()}"
    return ["mvn", "-q", "dependency:get", f"-Dartifact={starter}"]


def spring_boot_version() -> str:
    pom = next((ROOT / "template" / "spring").glob("pom.xml*")).read_text()
    parent = pom.split("<artifactId>spring-boot-starter-parent</artifactId>", 1)[1]
    return parent.split("<version>", 1)[1].split("</version>", 1)[0]


def symfony_framework_bundle() -> str:
    """`symfony/framework-bundle:<constraint>` as template/symfony/composer.json requires it."""
    composer = (ROOT / "template" / "symfony" / "composer.json.jinja").read_text()
    constraint = composer.split('"symfony/framework-bundle": "', 1)[1].split('"', 1)[0]
    return f"symfony/framework-bundle:{constraint}"


def minimal_server(language: str, port: int) -> list[str]:
    """The runtime's own smallest HTTP server: the reference for start-to-ready."""
    return {
        "node": ["node", "-e", f"require('http').createServer((_, r) => r.end()).listen({port})"],
        "python": [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        "java": ["jwebserver", "--port", str(port), "--bind-address", "127.0.0.1"],
        # PHP's built-in server (as `make run` serves the app), answering with MINIMAL_PHP.
        "php": ["php", "-S", f"127.0.0.1:{port}", MINIMAL_PHP],
    }[language]


# The one-line script PHP's built-in server answers with (it has no page of its own: 404 without).
MINIMAL_PHP = "minimal.php"


def copier_copy(src: Path, dst: Path, **answers: str) -> None:
    """`copier copy` as a user runs it: a new process (Python start-up and imports included)."""
    if "framework" in answers:
        answers["language"] = language_of(answers["framework"])
    data = [arg for key, value in answers.items() for arg in ("--data", f"{key}={value}")]
    copier = Path(sys.executable).parent / "copier"
    command = [str(copier), "copy", "--trust", "--defaults", "--quiet", "--vcs-ref", "HEAD"]
    sh([*command, *data, str(src), str(dst)], dst.parent)


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def children_cpu_s() -> float:
    """User + system CPU seconds of this process's finished children and the descendants they
    waited for (getrusage(2), RUSAGE_CHILDREN)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_with_cpu(fn, *args, **kwargs) -> tuple[float, float]:
    """(wall s, CPU s) of `fn`, which must wait for the processes it starts (as sh() does). A wall
    time far above the CPU time on a 2-core machine means the command waited (a timeout, a sleep,
    the disk) or shared the cores with something else: the load average beside it tells which."""
    cpu = children_cpu_s()
    wall = timed(fn, *args, **kwargs)
    return wall, children_cpu_s() - cpu


def sh(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        command,
        cwd=cwd,
        env=env or tool_env(),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def seconds_until_answered(command: list[str], cwd: Path, url: str, env: dict[str, str]) -> float:
    """Starts the command in its own process group and times it until `url` answers 200."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.perf_counter() - start < READY_TIMEOUT:
            if process.poll() is not None:
                raise RuntimeError(f"`{' '.join(command)}` exited ({process.returncode}) in {cwd}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url, timeout=2).status_code == 200:
                    return time.perf_counter() - start
            time.sleep(0.05)
        raise RuntimeError(f"{url} did not answer 200 within {READY_TIMEOUT}s")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start_to_ready(project: Path) -> float:
    port = free_port()
    env = {**tool_env(), "APP_ENV": "development", "PORT": str(port), "SECRET_KEY": "b" * 48}
    return seconds_until_answered(
        ["make", "run"], project, f"http://127.0.0.1:{port}/health/ready", env
    )


def minimal_server_start(language: str, cwd: Path) -> float:
    port = free_port()
    if language == "php":
        (cwd / MINIMAL_PHP).write_text("<?php echo 'ok';\n")
    return seconds_until_answered(
        minimal_server(language, port), cwd, f"http://127.0.0.1:{port}/", tool_env()
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


def whole_seconds(text: str) -> int:
    """--duration and --warmup: whole seconds, at least 1, because wrk 4.1 takes its -d that way
    ("0.5s" or "300ms" stop it with a usage message). Raises argparse.ArgumentTypeError."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value < 1 or value != int(value):
        raise argparse.ArgumentTypeError(f"{text!r}: whole seconds, 1 or more (wrk takes no less)")
    return int(value)


def median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="copies per stack")
    parser.add_argument("--green-runs", type=int, default=3)
    parser.add_argument("--stacks", default=",".join(choice_values("framework")))
    parser.add_argument("--parts", default="copy,green,load", help="any of copy,green,load")
    parser.add_argument("--duration", type=whole_seconds, default=15, help="seconds per wrk run")
    parser.add_argument(
        "--warmup", type=whole_seconds, default=5, help="seconds of wrk before rounds"
    )
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per endpoint (median)")
    parser.add_argument(
        "--before",
        metavar="GIT_REF",
        help="load part: also measure the project rendered from this commit of the template",
    )
    args = parser.parse_args()
    stacks = args.stacks.split(",")
    parts = set(args.parts.split(","))
    if "load" in parts:
        load.require_wrk()
    results: dict = {"runs": args.runs, "green_runs": args.green_runs, "stacks": {}, "load": {}}

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if "copy" in parts:
            reference = one_file_template(tmp)
            results["copy_reference_s"] = median(
                [timed(copier_copy, reference, tmp / f"ref-{i}") for i in range(args.runs)]
            )
        for stack in stacks:
            r = results["stacks"][stack] = {}
            if "copy" in parts:
                r["copy_s"] = median(
                    [
                        timed(copier_copy, ROOT, tmp / f"{stack}-copy-{i}", framework=stack)
                        for i in range(args.runs)
                    ]
                )
            if "green" in parts:
                r.update(green_figures(stack, tmp, args.green_runs))
            if "load" in parts:
                results["load"][stack] = load.measure(
                    stack,
                    tmp / "load",
                    seconds=args.duration,
                    warmup=args.warmup,
                    rounds=args.rounds,
                    before=args.before,
                )

    # The machine's load beside the figures: numbers from a busy machine compare only side by side.
    results["loadavg_at_end"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    if "copy_reference_s" in results:
        print(f"copy reference (one-file template): {results['copy_reference_s']} s")
    if "green" in parts or "copy" in parts:
        print(
            "| stack | copy (s) | time-to-green (s) | first run (s) | setup (CPU) | lint (CPU) "
            "| test (CPU) | bare framework install (s) | start-to-ready (s) "
            "| minimal server start (s) |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for stack, r in results["stacks"].items():
            p, c = r.get("phases_s", {}), r.get("phases_cpu_s", {})
            setup, lint, test = (f"{p.get(v)} ({c.get(v)})" for v in ("setup", "lint", "test"))
            print(
                f"| {stack} | {r.get('copy_s')} | {r.get('time_to_green_s')} "
                f"| {r.get('time_to_green_first_s')} | {setup} | {lint} "
                f"| {test} | {r.get('bare_framework_install_s')} "
                f"| {r.get('start_to_ready_s')} | {r.get('minimal_server_start_s')} |"
            )
    if results["load"]:
        print(
            f"\nload: wrk -t{load.THREADS} -c{load.CONNECTIONS}, {args.duration} s after "
            f"{args.warmup} s warm-up (at least {load.MIN_WARMUP_S} s where named), median of "
            f"{args.rounds}; load average at the end "
            f"(1, 5, 15 min): {results['loadavg_at_end']}"
        )
        print(load.table(results["load"]))
    return 0


def green_figures(stack: str, tmp: Path, green_runs: int) -> dict:
    """Time-to-green (copy + setup + lint + test) and start-to-ready beside their references."""
    language = language_of(stack)
    env = load.stack_env(stack, tmp)
    bare, green, phases = [], [], {"setup": [], "lint": [], "test": []}
    phases_cpu: dict[str, list[float]] = {verb: [] for verb in phases}
    ready, ready_reference, loadavg = [], [], []
    for i in range(green_runs):
        bare_dir = tmp / f"{stack}-bare-{i}"
        bare_dir.mkdir()
        bare.append(timed(sh, bare_install(stack), bare_dir, env))
        project = tmp / f"{stack}-green-{i}"
        loadavg.append(round(os.getloadavg()[0], 2))
        total = timed(copier_copy, ROOT, project, framework=stack)
        for verb in phases:
            spent, cpu = timed_with_cpu(sh, ["make", verb], project, env)
            phases[verb].append(spent)
            phases_cpu[verb].append(cpu)
            total += spent
        green.append(total)
        sh(["make", "migrate"], project, env)
        ready.append(start_to_ready(project))
        ready_reference.append(minimal_server_start(language, bare_dir))
    return {
        "time_to_green_s": median(green[1:] or green),
        "time_to_green_first_s": round(green[0], 2),
        "phases_s": {k: median(v[1:] or v) for k, v in phases.items()},
        "phases_cpu_s": {k: median(v[1:] or v) for k, v in phases_cpu.items()},
        # Every run, the first included, to see an outlier the medians hide.
        "runs": {
            "time_to_green_s": [round(v, 2) for v in green],
            **{f"{k}_s": [round(v, 2) for v in phases[k]] for k in phases},
            **{f"{k}_cpu_s": [round(v, 2) for v in phases_cpu[k]] for k in phases},
            "loadavg_1min_at_start": loadavg,
        },
        "bare_framework_install_s": median(bare[1:] or bare),
        "start_to_ready_s": median(ready),
        "minimal_server_start_s": median(ready_reference),
    }


if __name__ == "__main__":
    sys.exit(main())

"""Tier 1: `make demo` needs no Go, and what it prints at the end works in the user's own shell,
where the machine's node may be older than the private Node.js 24 the demo ran with."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from scripts.demo import next_steps
from tests.support import NODE_BIN_DIR, TEMPLATE_ROOT, render

SYSTEM_PATH = "/usr/bin:/bin"  # Debian's node 20 lives here


def test_the_printed_steps_work_in_a_shell_whose_node_is_too_old(tmp_path):
    assert subprocess.run(
        ["node", "--version"], env={"PATH": SYSTEM_PATH}, capture_output=True, text=True
    ).stdout.startswith("v20."), "the machine's own node is older than the project needs"
    project = render(tmp_path / "my-api", framework="express", skip_tasks=True)
    lines = next_steps(project, SYSTEM_PATH)
    assert lines[-1] == "make dev"
    # Typed into the user's shell as printed; `make check-runtime` is the check `make dev`
    # runs first, without starting the server.
    script = "\n".join([*lines[:-1], "make check-runtime", "node --version"])
    result = subprocess.run(
        ["bash", "-e", "-c", script],
        env={"PATH": SYSTEM_PATH, "HOME": str(Path.home())},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("v24.")


def test_no_path_line_when_the_users_node_is_new_enough(tmp_path):
    lines = next_steps(tmp_path, f"{NODE_BIN_DIR}{os.pathsep}{SYSTEM_PATH}")
    assert lines == [f"cd {tmp_path}", "make dev"]


def test_the_demo_bootstrap_needs_no_go_and_the_test_bootstrap_says_it_does(tmp_path):
    """A fresh cache (no actionlint yet) and no Go on PATH: `make demo`'s bootstrap succeeds;
    `make test`'s stops with one line naming Go."""
    home = tmp_path / "home"
    cache = home / ".cache" / "brt"
    cache.mkdir(parents=True)
    (cache / "node24").symlink_to(NODE_BIN_DIR.parent.parent)  # no second 50 MB download
    uv = shutil.which("uv")
    assert uv, "uv is installed"
    path = os.pathsep.join([str(Path(uv).parent), SYSTEM_PATH])
    assert shutil.which("go", path=path) is None
    env = {
        "PATH": path,
        "HOME": str(home),
        "UV_CACHE_DIR": os.environ.get("UV_CACHE_DIR", str(Path.home() / ".cache" / "uv")),
    }

    def bootstrap(what: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", "scripts/bootstrap.sh", what],
            cwd=TEMPLATE_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    demo = bootstrap("demo")
    assert demo.returncode == 0, demo.stderr
    assert not (cache / "bin" / "actionlint").exists()
    test = bootstrap("test")
    assert test.returncode != 0
    errors = [line for line in test.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Go" in errors[0] and "actionlint" in errors[0], test.stderr

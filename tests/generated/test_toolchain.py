"""Tier 3: a machine with a missing or too old runtime gets one line from every make verb that
needs it (what is needed, what was found, how to get it), at once, instead of a crash minutes
later; the ecosystem's own guards (npm engine-strict, Maven Enforcer) say the same to a user who
bypasses make; `make db-up` without Docker's compose plugin says what to install.

The too-old runtimes are this machine's own: Debian's Node.js 20 (/usr/bin/node) and OpenJDK 17;
uv and PHP are taken off PATH (Debian 12 has no PHP older than the 8.2 the PHP stack needs).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from extensions.context import load_facts
from tests.support import NODE_BIN_DIR, java_home, render, tool_env

pytestmark = pytest.mark.generated

OLD_JDK = Path("/usr/lib/jvm/java-17-openjdk-amd64")
FAST = 5  # seconds: the check runs before any install, download or compilation


def path_without(*tools: str) -> str:
    """tool_env()'s PATH with `tools` gone and everything else still found.

    A folder holding one of `tools` is replaced by a shadow folder of links to all its other
    entries: dropping the folder itself would drop /usr/bin's make and sh with Debian's docker.
    """
    shadows = Path(tempfile.mkdtemp(prefix="path-without-"))
    folders = []
    for index, folder in enumerate(tool_env()["PATH"].split(os.pathsep)):
        if not folder or not any(Path(folder, tool).exists() for tool in tools):
            folders.append(folder)
            continue
        shadow = shadows / str(index)
        shadow.mkdir()
        for entry in Path(folder).iterdir():
            if entry.name not in tools:
                (shadow / entry.name).symlink_to(entry)
        folders.append(str(shadow))
    return os.pathsep.join(folders)


def old_node_env() -> dict[str, str]:
    env = tool_env()
    folders = [d for d in env["PATH"].split(os.pathsep) if Path(d) != NODE_BIN_DIR]
    env["PATH"] = os.pathsep.join(["/usr/bin", *folders])
    return env


def old_jdk_env() -> dict[str, str]:
    env = tool_env()
    env.pop("JAVA_HOME", None)
    env["PATH"] = os.pathsep.join([str(OLD_JDK / "bin"), env["PATH"]])
    return env


def no_uv_env() -> dict[str, str]:
    return {**tool_env(), "PATH": path_without("uv")}


def no_php_env() -> dict[str, str]:
    return {**tool_env(), "PATH": path_without("php")}


def version_of(command: list[str], env: dict[str, str]) -> str:
    out = subprocess.run(command, env=env, capture_output=True, text=True)
    return (out.stdout + out.stderr).strip()


# (runtime, framework, the environment, what `found` says, the verbs tried)
CASES = {
    "node": ("express", old_node_env, "Node.js 20.", ("setup", "test")),
    "java": ("spring", old_jdk_env, "JDK 17.", ("setup", "run")),
    "python": ("flask", no_uv_env, "no uv on PATH", ("setup", "lint")),
    "php": ("symfony", no_php_env, "no php on PATH", ("setup", "test")),
}


@pytest.mark.parametrize("runtime", list(CASES))
def test_a_verb_stops_in_one_line_when_the_runtime_is_missing_or_too_old(tmp_path, runtime):
    framework, make_env, found, verbs = CASES[runtime]
    env = make_env()
    if runtime == "node":
        assert version_of(["node", "--version"], env).startswith("v20."), "Debian's node 20"
    if runtime == "java":
        assert OLD_JDK.is_dir(), "OpenJDK 17 is installed"
    if runtime == "python":
        assert shutil.which("uv", path=env["PATH"]) is None
    if runtime == "php":
        assert shutil.which("php", path=env["PATH"]) is None
    facts = load_facts()["runtimes"][runtime]
    project = render(tmp_path / "p", framework=framework, skip_tasks=True)

    for verb in verbs:
        started = time.monotonic()
        result = subprocess.run(
            ["make", verb], cwd=project, env=env, capture_output=True, text=True, timeout=300
        )
        elapsed = time.monotonic() - started
        output = (result.stdout + result.stderr).strip()
        assert result.returncode != 0, output
        lines = output.splitlines()
        assert len(lines) == 1, f"make {verb}: one line, got:\n{output}"
        line = lines[0]
        assert f"{facts['name']} {facts['minimum']} or newer is needed" in line
        assert f"found {found}" in line, line
        assert facts["install"] in line, "it says how to get it"
        assert "Traceback" not in line and "Exception" not in line
        assert elapsed < FAST, f"make {verb} took {elapsed:.1f} s to refuse"
        assert not (project / "node_modules").exists() and not (project / "target").exists()
        assert not (project / ".venv").exists(), "nothing was installed"
        assert not (project / "vendor").exists(), "nothing was installed"


def test_the_version_manager_files_name_the_runtime_the_project_needs(tmp_path):
    runtimes = load_facts()["runtimes"]
    express = render(tmp_path / "e", framework="express", skip_tasks=True)
    spring = render(tmp_path / "s", framework="spring", skip_tasks=True)
    flask = render(tmp_path / "f", framework="flask", skip_tasks=True)
    assert (express / ".nvmrc").read_text().strip() == runtimes["node"]["minimum"]
    assert "engine-strict=true" in (express / ".npmrc").read_text().splitlines()
    sdkman = (spring / ".sdkmanrc").read_text()
    assert f"java={runtimes['java']['sdkman']}" in sdkman.splitlines()
    assert runtimes["java"]["sdkman"].startswith(runtimes["java"]["minimum"] + ".")
    # No .python-version: uv would treat it as a strict pin and fetch that Python even where a
    # compatible one (pyproject's requires-python) is installed; see README.
    assert not (flask / ".python-version").exists()


def test_npm_refuses_an_old_node_itself(tmp_path):
    """npm install run by hand (no make) on Node.js 20: npm's engine-strict stops it at once."""
    project = render(tmp_path / "p", framework="express", skip_tasks=True)
    result = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund"],
        cwd=project,
        env=old_node_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Not compatible with your version of node" in result.stderr
    assert '"node":">=24"' in result.stderr.replace(" ", "")
    assert not (project / "node_modules").exists()


def test_maven_refuses_an_old_jdk_itself_before_compiling(tmp_path):
    """./mvnw run by hand (no make) with JDK 17: the Enforcer stops it before any compilation."""
    assert java_home("25"), "the JDK the project needs is installed too (the Enforcer runs on 17)"
    project = render(tmp_path / "p", framework="spring", skip_tasks=True)
    result = subprocess.run(
        ["./mvnw", "-B", "-q", "-DskipTests", "package"],
        cwd=project,
        env=old_jdk_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0
    assert "This project needs JDK 25 or newer" in result.stdout
    assert "release version" not in result.stdout
    assert not (project / "target" / "classes").exists(), "nothing was compiled"


@pytest.mark.parametrize("docker", ["missing", "without-compose"])
def test_db_up_without_docker_compose_says_what_to_install(tmp_path, docker):
    env = tool_env()
    if docker == "missing":
        env["PATH"] = path_without("docker")
    else:
        found = shutil.which("docker", path=env["PATH"])
        if (
            not found
            or subprocess.run([found, "compose", "version"], capture_output=True).returncode == 0
        ):
            pytest.skip("needs a docker CLI without the compose plugin (as on this CI machine)")
    project = render(
        tmp_path / "p", framework="express", database="postgresql", docker=True, skip_tasks=True
    )
    result = subprocess.run(
        ["make", "db-up"], cwd=project, env=env, capture_output=True, text=True, timeout=60
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode != 0
    assert len(output.splitlines()) <= 2, output
    assert "unknown flag" not in output and "is not a docker command" not in output
    assert "docker-compose-plugin" in output, "what to install"
    assert "DATABASE_URL=postgresql://" in output, "or how to run the database without Docker"

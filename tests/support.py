"""What every tier of the template's tests shares: where the template is, which combinations
copier.yml offers, and how to render one in-process."""

from __future__ import annotations

import atexit
import contextlib
import functools
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import copier
import yaml

from extensions.context import load_facts

TEMPLATE_ROOT = Path(__file__).resolve().parent.parent
COPIER_YML = TEMPLATE_ROOT / "copier.yml"
# Generated Express projects need the current Node.js LTS; .ci/run and `make test` install it here
# from the npm registry when the machine's node is older.
NODE_BIN_DIR = Path.home() / ".cache" / "brt" / "node24" / "node_modules" / ".bin"
TOOLS_BIN_DIR = Path.home() / ".cache" / "brt" / "bin"

# The questions whose values change what is generated; identity and license only change text.
MATRIX_QUESTIONS = ("framework", "database", "auth", "api", "ci", "docker")


def questions() -> dict[str, Any]:
    return {
        k: v for k, v in yaml.safe_load(COPIER_YML.read_text()).items() if not k.startswith("_")
    }


def is_planned(choice: Any) -> bool:
    """A choice listed but always refused: its validator is a fixed message ("... is not offered
    yet"), not a Jinja condition."""
    return (
        isinstance(choice, dict)
        and bool(choice.get("validator"))
        and "{%" not in choice["validator"]
    )


def choice_values(question: str) -> list[Any]:
    """The values of a question that can be chosen (planned ones left out)."""
    spec = questions()[question]
    if spec.get("type") == "bool":
        return [True, False]
    return [
        c["value"] if isinstance(c, dict) else c
        for c in spec["choices"].values()
        if not is_planned(c)
    ]


def language_of(framework: str) -> str:
    return load_facts()["stacks"][framework]["language"]


@functools.cache
def choice_validators() -> dict[tuple[str, Any], Any]:
    """{(question, value): compiled Jinja template} of the choices that have a validator."""
    import jinja2

    environment = jinja2.Environment()
    return {
        (question, choice["value"]): environment.from_string(choice["validator"])
        for question, spec in questions().items()
        if isinstance(spec, dict)
        for choice in (spec.get("choices") or {}).values()
        if isinstance(choice, dict) and choice.get("validator")
    }


@functools.cache
def question_validators() -> dict[str, Any]:
    """{question: compiled Jinja template} of the questions with a validator of their own (a
    question without choices, e.g. `docker`, refused for PHP)."""
    import jinja2

    environment = jinja2.Environment()
    return {
        question: environment.from_string(spec["validator"])
        for question, spec in questions().items()
        if isinstance(spec, dict) and spec.get("validator")
    }


def refusal_of(combo: dict[str, Any]) -> str:
    """What copier.yml answers this combination: the first chosen value whose choice validator (a
    Jinja condition on the other answers, e.g. database=mongodb with framework=flask), or whose
    question's own validator (docker=true with language=php), renders a message; "" when every
    value is accepted."""
    validators = choice_validators()
    own = question_validators()
    for question, value in combo.items():
        template = validators.get((question, value))
        message = template.render(combo).strip() if template else ""
        if not message and question in own:
            message = own[question].render({question: value, **combo}).strip()
        if message:
            return message
    return ""


def offered_combinations() -> list[dict[str, Any]]:
    """Every combination of the matrix questions that copier.yml accepts."""
    combos = []
    for values in itertools.product(*(choice_values(q) for q in MATRIX_QUESTIONS)):
        combo = dict(zip(MATRIX_QUESTIONS, values, strict=True))
        combo["language"] = language_of(combo["framework"])
        if not refusal_of(combo):
            combos.append(combo)
    return combos


def frameworks_offering(**answers: Any) -> list[str]:
    """The frameworks, in copier.yml's order, that accept `answers` in some offered combination:
    e.g. frameworks_offering(docker=True) (PHP's offers no Dockerfile), or with
    `deploy="render"` (a hosting target, checked by its choice's validator against each
    combination)."""
    combos = offered_combinations()
    return [
        framework
        for framework in choice_values("framework")
        if any(
            combo["framework"] == framework
            and all(combo[q] == v for q, v in answers.items() if q in combo)
            and not refusal_of({**combo, **answers})
            for combo in combos
        )
    ]


def combo_id(combo: dict[str, Any]) -> str:
    """e.g. `flask-sqlite-jwt-github-docker`; a graphql combination ends in `-graphql` (rest, the
    default, adds nothing, so the REST ids stay what they were)."""
    docker = "docker" if combo["docker"] else "nodocker"
    parts = [combo["framework"], combo["database"], combo["auth"], combo["ci"], docker]
    if combo.get("api", "rest") != "rest":
        parts.append(combo["api"])
    return "-".join(parts)


@functools.cache
def template_snapshot() -> Path:
    """This checkout as Copier sees it with vcs_ref HEAD (Copier's own clone: committed files plus
    the uncommitted edits, nothing git ignores), as a plain folder without .git, made once per
    process and removed at its exit.

    Why: for a git template Copier clones it into a temporary folder on every copy and deletes the
    clone after (2.3 of 3.9 s per render at a load of 3.7 on 2 cores); a plain folder is read in
    place. What a render from it lacks is only the answers file's `_commit` line (and its
    `_src_path` names the snapshot): `test_a_render_from_the_snapshot_is_the_render_from_git`
    in tests/test_render.py proves every other file the same."""
    from copier._vcs import clone  # the function Copier's own copy uses for a local template

    location = Path(tempfile.mkdtemp(prefix="brt-template-"))
    atexit.register(shutil.rmtree, location, ignore_errors=True)
    clone(str(TEMPLATE_ROOT), "HEAD", location=str(location / "t"))
    shutil.rmtree(location / "t" / ".git")
    return location / "t"


# Code objects of the Jinja sources compiled so far in this process: see compiled_once().
_COMPILED: dict[tuple, Any] = {}


@contextlib.contextmanager
def compiled_once():
    """While open, Jinja compiles each template source once per process: Copier builds a new
    Jinja environment for every copy and compiles every file, path name and answer default again
    (780 sources; 35 of 59 s of 20 snapshot renders at a load of 13 on 2 cores). The code object
    Jinja compiles depends only on the source and the environment's settings (its own
    BytecodeCache keeps it by name and source checksum alone), so it is kept here under the
    source, its names and the environment's class, extensions and syntax settings."""
    import jinja2

    original = jinja2.Environment.compile

    def compile_once(self, source, name=None, filename=None, raw=False, defer_init=False):
        if not isinstance(source, str):  # an already parsed node tree: not kept
            return original(self, source, name, filename, raw, defer_init)
        settings = (
            type(self),
            tuple(sorted(self.extensions)),
            self.block_start_string,
            self.block_end_string,
            self.variable_start_string,
            self.variable_end_string,
            self.comment_start_string,
            self.comment_end_string,
            self.line_statement_prefix,
            self.line_comment_prefix,
            self.trim_blocks,
            self.lstrip_blocks,
            self.newline_sequence,
            self.keep_trailing_newline,
            self.optimized,
            self.autoescape,
            self.finalize,
            self.is_async,
        )
        key = (settings, source, name, filename, raw, defer_init)
        if key not in _COMPILED:
            _COMPILED[key] = original(self, source, name, filename, raw, defer_init)
        return _COMPILED[key]

    jinja2.Environment.compile = compile_once
    try:
        yield
    finally:
        jinja2.Environment.compile = original


def render(
    dst: Path,
    *,
    src: Path = TEMPLATE_ROOT,
    vcs_ref: str | None = "HEAD",
    skip_tasks: bool = False,
    snapshot: bool = False,
    **answers: Any,
) -> Path:
    """Generate a project with Copier's API, as `copier copy --trust --defaults --data ...` would.

    vcs_ref HEAD includes the template's uncommitted changes: the edit-test loop needs no commit.
    snapshot=True renders this checkout from template_snapshot() instead (same files, no clone per
    copy, no `_commit` in the answers file), each Jinja source compiled once (compiled_once()):
    for the tiers that render hundreds of combinations.
    """
    if snapshot:
        assert src == TEMPLATE_ROOT and vcs_ref == "HEAD", "snapshot renders this checkout's HEAD"
        src, vcs_ref = template_snapshot(), None
    if "framework" in answers and "language" not in answers:
        answers["language"] = language_of(answers["framework"])
    with compiled_once() if snapshot else contextlib.nullcontext():
        copier.run_copy(
            str(src),
            str(dst),
            data=answers,
            defaults=True,
            unsafe=True,
            vcs_ref=vcs_ref,
            skip_tasks=skip_tasks,
            quiet=True,
        )
    return dst


def run_dir(tmp_path_factory) -> Path:
    """A folder of this pytest run shared by its xdist workers (each worker's basetemp is a
    subfolder of the run's; without xdist, the basetemp is the run's own)."""
    basetemp = tmp_path_factory.getbasetemp()
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def java_home(major: str) -> Path | None:
    """A JDK of that major version: JAVA_HOME when it is one, else the first under /usr/lib/jvm."""
    candidates = [Path(os.environ["JAVA_HOME"])] if os.environ.get("JAVA_HOME") else []
    candidates += sorted(Path("/usr/lib/jvm").glob(f"*{major}*"))
    for home in candidates:
        release = home / "release"
        has_javac = (home / "bin" / "javac").exists()
        if has_javac and release.exists() and f'JAVA_VERSION="{major}' in release.read_text():
            return home
    return None


class NpmInstallError(RuntimeError):
    """npm is missing (`command` None) or `npm install` failed (`command`, `output`)."""

    def __init__(self, command: list[str] | None = None, output: str = "") -> None:
        super().__init__(" ".join(command) if command else "npm not found")
        self.command = command
        self.output = output


def npm_package(package: str, version: str, folder: Path) -> Path:
    """npm's `package`@`version` in `folder` (its node_modules/), installed when missing: into a
    folder of its own, then renamed, because two xdist workers may race and one rename wins.
    Returns `folder`. Raises NpmInstallError when npm is missing or the install fails."""
    if (folder / "node_modules" / package / "package.json").exists():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.with_name(f"{folder.name}.{os.getpid()}")
    env = tool_env()
    npm = shutil.which("npm", path=env["PATH"])
    if not npm:
        raise NpmInstallError()
    command = [npm, "install", "--prefix", str(staging), f"{package}@{version}"]
    command += ["--no-audit", "--no-fund", "--ignore-scripts", "--no-save", "--loglevel=error"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise NpmInstallError(command, result.stdout + result.stderr)
    try:
        staging.rename(folder)
    except OSError:  # another worker installed it first
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def tool_env() -> dict[str, str]:
    """The environment for generated projects' commands: Node 24, the JDK the Java stack targets
    and our tools first on PATH."""
    env = dict(os.environ)
    jdk = java_home(load_facts()["stacks"]["spring"]["runtime_version"])
    if jdk:
        env["JAVA_HOME"] = str(jdk)
    extra = [str(d) for d in (NODE_BIN_DIR, TOOLS_BIN_DIR) if d.is_dir()]
    extra += [str(jdk / "bin")] if jdk else []
    env["PATH"] = os.pathsep.join([*extra, env.get("PATH", "")])
    env.pop("VIRTUAL_ENV", None)  # generated Python projects manage their own with uv
    # Under the template's own `make test`, a project's make would inherit the outer make's level
    # and flags, and print "Entering directory" lines a user's make never prints.
    for name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES"):
        env.pop(name, None)
    return env


def which(tool: str) -> str:
    found = shutil.which(tool, path=tool_env()["PATH"])
    if not found:
        raise RuntimeError(f"{tool} is not installed: run `make bootstrap` first")
    return found


# What a copy of this checkout as a template repository leaves out.
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache", "bench"
)


def git(cwd: Path, *args: str) -> str:
    """Runs git in `cwd` with a test identity; returns its stdout, raises CalledProcessError."""
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", message)


def template_repository(path: Path) -> Path:
    """This checkout (uncommitted edits included) as a fresh repository with one commit, no tags."""
    shutil.copytree(TEMPLATE_ROOT, path, ignore=IGNORED)
    git(path, "init", "--quiet", "--initial-branch=main")
    commit_all(path, "template")
    return path

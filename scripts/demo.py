"""`make demo`: generate the default project exactly as a learner would, then show it working.

copier copy --defaults (Express, SQLite, JWT) -> make setup -> make migrate -> make run, then a few
real HTTP calls against it, then stop. The project stays in build/demo/my-api to explore.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.services import free_port  # noqa: E402
from tests.support import NODE_BIN_DIR, tool_env  # noqa: E402

PROJECT = ROOT / "build" / "demo" / "my-api"
NODE_MAJOR = 24  # what the generated Express project needs (extensions/stacks.yml runtimes.node)


def node_major(path: str) -> int:
    """The major version of the first `node` on `path`; 0 when there is none."""
    node = shutil.which("node", path=path)
    if not node:
        return 0
    out = subprocess.run([node, "--version"], capture_output=True, text=True, check=False)
    return int(out.stdout.strip().lstrip("v").split(".")[0] or 0) if out.returncode == 0 else 0


def next_steps(project: Path, user_path: str) -> list[str]:
    """The shell lines that drive the demo project from the user's own shell (whose PATH is
    `user_path`): the demo ran with a private Node.js 24 when the machine's node is older, so the
    first line then puts that one first on PATH."""
    lines = []
    if node_major(user_path) < NODE_MAJOR:
        lines.append(f'export PATH="{NODE_BIN_DIR}:$PATH"   # Node.js {NODE_MAJOR}, from make demo')
    lines += [f"cd {project}", "make dev"]
    return lines


def step(title: str) -> None:
    print(f"\n\033[1m==> {title}\033[0m", flush=True)


def run(*command: str, cwd: Path = PROJECT) -> None:
    print("$ " + " ".join(command), flush=True)
    subprocess.run(command, cwd=cwd, env=tool_env(), check=True)


def show(response: httpx.Response) -> httpx.Response:
    request = response.request
    print(f"{request.method} {request.url.path} -> {response.status_code}")
    if response.content:
        try:
            print("   " + json.dumps(response.json())[:300])
        except ValueError:
            print("   " + response.text[:300].replace("\n", "\n   "))
    return response


def main() -> int:
    step("Generate the default project")
    shutil.rmtree(PROJECT, ignore_errors=True)
    PROJECT.parent.mkdir(parents=True, exist_ok=True)
    run(
        "copier",
        "copy",
        "--trust",
        "--defaults",
        "--vcs-ref",
        "HEAD",
        str(ROOT),
        str(PROJECT),
        cwd=ROOT,
    )
    step("Install, lint, test and migrate it with its own make verbs")
    for verb in ("setup", "lint", "test", "migrate"):
        run("make", verb)

    port = free_port()
    step(f"Serve it: make run on port {port}")
    server = subprocess.Popen(
        ["make", "run"], cwd=PROJECT, env={**tool_env(), "PORT": str(port)}, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=5) as client:
            for _ in range(120):
                try:
                    if client.get("/health/live").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if server.poll() is not None:
                    raise SystemExit("the server stopped before it became ready")
                time.sleep(0.5)
            else:
                raise SystemExit("the server did not become ready within 60 s")
            step("Talk to it")
            show(client.get("/health/ready"))
            user = {"email": "ada@example.com", "password": "correct horse battery"}
            show(client.post("/api/auth/register", json=user))
            tokens = show(client.post("/api/auth/login", json=user)).json()
            auth = {"Authorization": f"Bearer {tokens['access_token']}"}
            show(
                client.post("/api/todos", json={"title": "Walk the backend roadmap"}, headers=auth)
            )
            show(client.get("/api/todos", headers=auth))
            show(client.get("/api/todos"))
            show(client.post("/api/todos", json={"title": ""}, headers=auth))
            print(f"API docs were at {base}/docs; OpenAPI at {base}/openapi.json")
    finally:
        subprocess.run(["kill", "--", f"-{server.pid}"], check=False)
        server.wait(timeout=10)
    step(f"Done. The project is in {PROJECT.relative_to(ROOT)}. Drive it from your shell:")
    # The PATH `make demo` was started with (uv run and the Makefile add no node to it).
    for line in next_steps(PROJECT, os.environ.get("PATH", "")):
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

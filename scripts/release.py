"""`make release VERSION=1.2.0`: tag the template's current commit as a release, after checks.

A release is a git tag named with the PEP 440 version exactly as CHANGELOG.md writes it (no `v`):
Copier sorts the tags by PEP 440, copies from the newest by default and records it in each
project's .copier-answers.yml (`_commit`), and `copier update` moves a project to a newer one.

Refuses, with one line and exit status 1, when: VERSION is not a canonical PEP 440 version; it has
no `## [VERSION] - YYYY-MM-DD` section in CHANGELOG.md; the work tree has uncommitted changes or
untracked files (the tag would not hold what you tested); the tag exists; or VERSION is not newer
than every release tag already there (Copier would not pick it as the newest).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
CHANGELOG = ROOT / "CHANGELOG.md"


class Refused(Exception):
    """Why the release was not tagged: one line for the user."""


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def release_tags() -> list[Version]:
    """The existing tags that are PEP 440 versions (others are not releases)."""
    versions = []
    for tag in git("tag", "--list").split():
        try:
            versions.append(Version(tag))
        except InvalidVersion:
            continue
    return versions


def check(version: str) -> Version:
    if not version:
        raise Refused("say which version: make release VERSION=1.2.0")
    try:
        parsed = Version(version)
    except InvalidVersion:
        raise Refused(f"{version!r} is not a PEP 440 version (e.g. 1.2.0, 1.2.0rc1)") from None
    if str(parsed) != version:
        raise Refused(f"write the version as {parsed} (PEP 440's own spelling, as the tag will be)")
    heading = re.compile(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", re.MULTILINE)
    if not heading.search(CHANGELOG.read_text()):
        raise Refused(f"CHANGELOG.md has no '## [{version}] - YYYY-MM-DD' section: write it first")
    if git("status", "--porcelain"):
        raise Refused("the work tree has uncommitted changes or untracked files: commit them first")
    if version in git("tag", "--list", version).split():
        raise Refused(f"tag {version} exists already")
    newer = [str(v) for v in release_tags() if v >= parsed]
    if newer:
        raise Refused(f"{version} is not newer than release {max(newer, key=Version)}")
    return parsed


def main(argv: list[str]) -> int:
    version = argv[1] if len(argv) > 1 else ""
    try:
        check(version)
    except Refused as reason:
        print(f"make release: {reason}", file=sys.stderr)
        return 1
    git("tag", "--annotate", version, "--message", f"backend-roadmap-template {version}")
    print(f"Tagged {version}. Publish it with: git push origin {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Composer without Packagist: the PHP libraries Debian 12 packages, served to Composer offline.

No registry reachable here serves Packagist, but Debian packages Symfony 5.4, Doctrine, Monolog and
PHPUnit under /usr/share/php (one folder per library, flattened to its namespace, each with a
generated `autoload.php` that `require_once`s its dependencies' and nothing else: Debian ships no
composer.json). A generated PHP project is an ordinary Composer project (composer.json requiring
`symfony/*` 5.4 from Packagist); only the template's tests point Composer at Debian's copies, with a
COMPOSER_HOME this module writes and never ships:

    uv run python -m tests.php_offline /tmp/composer-home     # writes config.json there
    COMPOSER_HOME=/tmp/composer-home composer install          # in a generated project

`config.json` disables packagist.org and adds one `package` repository: one package per Debian
library folder, with
- `name`: the Packagist name (`Symfony/Component/HttpKernel` -> `symfony/http-kernel`, the table
  and rules of `composer_name`);
- `version`: the upstream part of the Debian package's version (`5.4.53+dfsg-0+deb12u1` -> 5.4.53);
- `dist`: `{"type": "path", "url": <the folder>}` with symlink on, so vendor/<name> links to it;
- `autoload`: PSR-4 of the folder's namespace (Debian's folder is the namespace root), plus the
  function files its autoload.php requires (`files`);
- `require`: the packages whose autoload.php the folder's autoload.php `require_once`s (Debian's
  hard dependencies; its optional "Suggest" includes are left out, so a project that forgets a
  require fails here as it would on Packagist).
Composer then resolves, locks and writes vendor/autoload.php as usual.

What this is not: Packagist's metadata. Requires are Debian's (polyfills Debian dropped for PHP 8.2
are absent, versions are `*`), so a lock file written here is not one to ship.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

PHP_ROOT = Path("/usr/share/php")

# Folders (relative to PHP_ROOT) whose Packagist name the rules below would not give.
NAMES = {
    "Doctrine/ORM": "doctrine/orm",
    "Doctrine/DBAL": "doctrine/dbal",
    "Doctrine/Common": "doctrine/common",
    "Doctrine/Common/Cache": "doctrine/cache",
    "Doctrine/Common/Collections": "doctrine/collections",
    "Doctrine/Common/EventManager": "doctrine/event-manager",
    "Doctrine/Common/Lexer": "doctrine/lexer",
    "Monolog": "monolog/monolog",
    "Twig": "twig/twig",
    "Laminas/Code": "laminas/laminas-code",
    "ProxyManager": "friendsofphp/proxy-manager-lts",
    "Egulias/EmailValidator": "egulias/email-validator",
}
# Folders that are not libraries a project requires (Composer's own, aggregates).
SKIP = {"Composer", "Symfony", "Symfony/Contracts", "PHP/CodeSniffer", "PHPUnit"}

REQUIRE_LINE = re.compile(r"^require_once\s+(?:__DIR__\s*\.\s*)?'([^']+)'\s*;", re.MULTILINE)


def kebab(name: str) -> str:
    """`HttpKernel` -> `http-kernel`, `EventDispatcher` -> `event-dispatcher`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).lower()


def composer_name(folder: str) -> str | None:
    """The Packagist name of a Debian library folder (relative to PHP_ROOT), or None if unknown."""
    if folder in NAMES:
        return NAMES[folder]
    parts = folder.split("/")
    if parts[:3] == ["Symfony", "Component", "Security"] and len(parts) == 4:
        return f"symfony/security-{kebab(parts[3])}"  # Security/Csrf -> security-csrf
    if parts[0] == "Symfony" and len(parts) == 3:
        kind, name = parts[1], parts[2]
        if kind == "Component":
            return f"symfony/{kebab(name)}"
        if kind == "Bundle":
            return f"symfony/{kebab(name)}"  # FrameworkBundle -> framework-bundle
        if kind == "Bridge":
            return f"symfony/{kebab(name)}-bridge"
        if kind == "Contracts":
            return f"symfony/{kebab(name)}-contracts"
    if parts[0] in {"Doctrine", "Psr"} and len(parts) == 2:
        return f"{parts[0].lower()}/{kebab(parts[1])}"
    return None


@cache
def debian_version(folder: Path) -> str:
    """The upstream version of the Debian package owning `folder`'s autoload.php:
    `5.4.53+dfsg-0+deb12u1` -> `5.4.53`, `1:2.0.1-1` -> `2.0.1`."""
    owner = subprocess.run(
        ["dpkg-query", "-S", str(folder / "autoload.php")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split(":")[0]
    version = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", owner], capture_output=True, text=True, check=True
    ).stdout
    version = version.split(":", 1)[-1]
    return re.split(r"[+~-]", version, maxsplit=1)[0]


def package(folder: Path, names: dict[Path, str]) -> dict:
    """The Composer `package` entry of one Debian library folder."""
    relative = folder.relative_to(PHP_ROOT).as_posix()
    autoload_php = (folder / "autoload.php").read_text()
    requires, files = {}, []
    # Hard dependencies and function files are `require_once` lines at the start of a line;
    # Debian's optional ("Suggest") ones are `if (stream_resolve_include_path(...)) include_once`.
    for target in REQUIRE_LINE.findall(autoload_php):
        path = (folder / target.lstrip("/")) if target.startswith(("/", ".")) else PHP_ROOT / target
        path = Path(*_normalise(path.parts))
        if path.name == "autoload.php":
            name = names.get(path.parent)
            if name:
                requires[name] = "*"
        elif path.parent == folder or folder in path.parents:
            files.append(path.relative_to(folder).as_posix())
    namespace = relative.replace("/", "\\") + "\\"
    autoload = {"psr-4": {namespace: ""}, **({"files": files} if files else {})}
    if "' => '/../" in autoload_php:
        # Its classes live in a parent folder shared with another package (doctrine/event-manager
        # in Doctrine/Common): Debian's own class map is the only exact description of them.
        autoload = {"files": ["autoload.php"]}
    return path_package(
        names[folder], debian_version(folder), folder, autoload=autoload, require=requires
    )


def _normalise(parts: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if part == "..":
            out.pop()
        elif part != ".":
            out.append(part)
    return out


def packages() -> list[dict]:
    """Every library folder under PHP_ROOT with an autoload.php and a known Packagist name."""
    names = {}
    for autoload in sorted(PHP_ROOT.glob("**/autoload.php")):
        folder = autoload.parent
        relative = folder.relative_to(PHP_ROOT).as_posix()
        if relative in SKIP or relative.count("/") > 3:
            continue
        name = composer_name(relative)
        if name:
            names[folder] = name
    return [package(folder, names) for folder in names]


# Command-line tools a project requires for development: Debian installs them as commands, not as
# libraries, so each becomes a package of small `vendor/bin` scripts that run Debian's command.
TOOLS = {
    "phpunit/phpunit": ("phpunit", ["phpunit"]),
    "squizlabs/php_codesniffer": ("php-codesniffer", ["phpcs", "phpcbf"]),
}


def tool_packages(home: Path) -> list[dict]:
    """Packages for TOOLS, their scripts written under `home/tools/`."""
    entries = []
    for name, (debian_package, commands) in TOOLS.items():
        version = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", debian_package],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        version = re.split(r"[+~-]", version.split(":", 1)[-1], maxsplit=1)[0]
        folder = home / "tools" / name.replace("/", "--")
        (folder / "bin").mkdir(parents=True, exist_ok=True)
        for command in commands:
            script = folder / "bin" / command
            script.write_text(f'#!/bin/sh\nexec /usr/bin/{command} "$@"\n')
            script.chmod(0o755)
        entries.append(
            path_package(name, version, folder, bin=[f"bin/{command}" for command in commands])
        )
    return entries


def path_package(name: str, version: str, folder: Path, **extra: object) -> dict:
    """A Composer `package` repository entry for `name` at `version` whose files are `folder`,
    symlinked into vendor/ (Composer's `path` dist), plus `extra` keys such as `bin`."""
    return {
        "name": name,
        "version": version,
        "type": "library",
        "dist": {"type": "path", "url": str(folder), "reference": version},
        "transport-options": {"symlink": True},
        **extra,
    }


# Packagist packages that only carry files of an npm package (the registry here serves npm, not
# GitHub, where Packagist's copies come from): the same release from npm, under the folder the
# Packagist package has them in. swagger-api/swagger-ui ships swagger-ui-dist's files in dist/.
NPM_COPIES = {
    "swagger-api/swagger-ui": ("swagger-ui-dist", "5.35.0", "dist"),
}
NPM_CACHE = Path.home() / ".cache" / "brt" / "php-offline"


def npm_copy_packages(home: Path) -> list[dict]:
    """Packages for NPM_COPIES, each npm tarball fetched once into NPM_CACHE (`npm pack`)."""
    entries = []
    for name, (npm_name, version, subfolder) in NPM_COPIES.items():
        unpacked = NPM_CACHE / f"{npm_name}-{version}"
        if not (unpacked / "package.json").exists():
            # Packed and unpacked in a folder of its own, then renamed: tier-3 rows on two xdist
            # workers may both get here on a fresh machine, and one rename wins.
            NPM_CACHE.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f"{npm_name}-", dir=NPM_CACHE))
            subprocess.run(
                ["npm", "pack", f"{npm_name}@{version}", "--pack-destination", str(staging)],
                capture_output=True,
                text=True,
                check=True,
            )
            (tarball,) = staging.glob("*.tgz")
            contents = staging / "contents"
            contents.mkdir()
            subprocess.run(
                ["tar", "-xzf", str(tarball), "-C", str(contents), "--strip-components=1"],
                check=True,
            )
            with contextlib.suppress(OSError):  # another worker unpacked it first
                contents.rename(unpacked)
            shutil.rmtree(staging, ignore_errors=True)
        folder = home / "tools" / name.replace("/", "--")
        folder.mkdir(parents=True, exist_ok=True)
        link = folder / subfolder
        if not link.is_symlink():
            link.symlink_to(unpacked, target_is_directory=True)
        entries.append(path_package(name, version, folder))
    return entries


def write_config(home: Path) -> Path:
    """Write `home/config.json` (a COMPOSER_HOME) serving Debian's libraries; returns its path."""
    home.mkdir(parents=True, exist_ok=True)
    config = {
        "config": {"secure-http": True},
        "repositories": [
            {"packagist.org": False},
            {
                "type": "package",
                "package": packages() + tool_packages(home) + npm_copy_packages(home),
            },
        ],
    }
    path = home / "config.json"
    path.write_text(json.dumps(config, indent=1) + "\n")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "composer-home")
    print(write_config(target))

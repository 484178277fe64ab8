"""Run in the composer:2 stand-in's build (tests/containers/standins/composer.Dockerfile): writes
COMPOSER_HOME/config.json with tests/php_offline.py (copied beside this file), then makes it serve
copies instead of symlinks, for an image whose runtime stage has no /usr/share/php:

- every `path` dist gets `transport-options.symlink: false` (Composer copies the folder);
- folders that are symlinks (the npm copy of swagger-ui under tools/) become real folders, since
  Composer's copy keeps a link as a link;
- a package whose Debian autoload.php is its only description (doctrine/event-manager: its classes
  live in Doctrine/Common, outside its folder, and its autoload.php `require_once`s others through
  PHP's include_path) gets no autoload of its own and requires the package whose copy holds those
  classes (doctrine/common, PSR-4 over Doctrine/Common), so vendor/autoload.php never reaches for
  /usr/share/php.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import php_offline

# The package whose folder holds the classes of a `files: [autoload.php]` package.
CLASSES_IN = {"doctrine/event-manager": "doctrine/common"}


def main(home: Path) -> None:
    config_path = php_offline.write_config(home)
    config = json.loads(config_path.read_text())
    names = set()
    for repository in config["repositories"]:
        for package in repository.get("package", []) if isinstance(repository, dict) else []:
            names.add(package["name"])
            package["transport-options"] = {"symlink": False}
            if package.get("autoload") == {"files": ["autoload.php"]}:
                holder = CLASSES_IN[package["name"]]
                package["autoload"] = {}
                package.setdefault("require", {})[holder] = "*"
    missing = set(CLASSES_IN.values()) - names
    assert not missing, f"no package {missing} in {config_path}"
    config_path.write_text(json.dumps(config, indent=1) + "\n")
    for link in sorted((home / "tools").rglob("*")):
        if link.is_symlink():
            target = link.resolve()
            link.unlink()
            shutil.copytree(target, link)


if __name__ == "__main__":
    main(Path(sys.argv[1]))

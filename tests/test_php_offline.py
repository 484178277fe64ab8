"""tests/php_offline.py: Debian's PHP libraries as an offline Composer repository (issue 14).

The naming rules run everywhere; the rest needs Debian's packages (php-symfony, composer) and is
skipped, with the reason, where they are not installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.php_offline import PHP_ROOT, composer_name, kebab, write_config

debian_symfony = pytest.mark.skipif(
    not (PHP_ROOT / "Symfony/Bundle/FrameworkBundle/autoload.php").exists(),
    reason="Debian's php-symfony is not installed (apt-get install php-symfony)",
)


@pytest.mark.parametrize(
    ("folder", "name"),
    [
        ("Symfony/Component/HttpKernel", "symfony/http-kernel"),
        ("Symfony/Bundle/FrameworkBundle", "symfony/framework-bundle"),
        ("Symfony/Bridge/Doctrine", "symfony/doctrine-bridge"),
        ("Symfony/Contracts/Service", "symfony/service-contracts"),
        ("Symfony/Component/Security/Csrf", "symfony/security-csrf"),
        ("Doctrine/Common/Collections", "doctrine/collections"),
        ("Doctrine/ORM", "doctrine/orm"),
        ("Psr/EventDispatcher", "psr/event-dispatcher"),
        ("Monolog", "monolog/monolog"),
        ("SebastianBergmann/Diff", None),
    ],
)
def test_a_debian_folder_gets_its_packagist_name(folder, name):
    assert composer_name(folder) == name


def test_kebab_splits_words_at_capitals():
    assert kebab("HttpKernel") == "http-kernel"
    assert kebab("EventDispatcher") == "event-dispatcher"


@debian_symfony
def test_the_config_disables_packagist_and_describes_symfony_with_its_requires(tmp_path):
    config = json.loads(write_config(tmp_path).read_text())
    assert config["repositories"][0] == {"packagist.org": False}
    packages = {p["name"]: p for p in config["repositories"][1]["package"]}
    bundle = packages["symfony/framework-bundle"]
    assert bundle["version"].startswith("5.4.")
    assert {"symfony/http-kernel", "symfony/routing"} <= set(bundle["require"])
    assert bundle["dist"] == {
        "type": "path",
        "url": str(PHP_ROOT / "Symfony/Bundle/FrameworkBundle"),
        "reference": bundle["version"],
    }
    assert bundle["autoload"] == {"psr-4": {"Symfony\\Bundle\\FrameworkBundle\\": ""}}
    # Function files are autoloaded too (trigger_deprecation() lives in one).
    assert packages["symfony/deprecation-contracts"]["autoload"]["files"] == ["function.php"]


@debian_symfony
@pytest.mark.skipif(shutil.which("composer") is None, reason="Debian's composer is not installed")
def test_composer_installs_a_symfony_project_offline_from_it(tmp_path):
    home, project = tmp_path / "composer-home", tmp_path / "project"
    project.mkdir()
    (project / "composer.json").write_text(
        json.dumps({"require": {"symfony/http-kernel": "5.4.*", "monolog/monolog": "^2.9"}})
    )
    write_config(home)
    env = {"PATH": "/usr/bin:/bin", "COMPOSER_HOME": str(home), "HOME": str(tmp_path)}
    done = subprocess.run(
        ["composer", "install", "--no-interaction", "--no-progress"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    probe = (
        "require 'vendor/autoload.php';"
        "echo class_exists(Symfony\\Component\\HttpKernel\\Kernel::class) ? 'ok' : 'missing';"
    )
    ran = subprocess.run(["php", "-r", probe], cwd=project, capture_output=True, text=True)
    assert ran.stdout == "ok", ran.stderr
    assert (project / "vendor/symfony/http-kernel").is_symlink()

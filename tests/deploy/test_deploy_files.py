"""Tier 2: every stack x deploy target renders, and each file passes the real tool for its format:
cfn-lint for the CloudFormation template, `helm lint --strict` and `helm template | kubeconform
-strict` for the Helm chart. Render's and Heroku's files have no offline validator: their fields
are checked against the platforms' documented shape and the stack's commands (the run tier,
test_deploy_run.py, executes those commands)."""

from __future__ import annotations

import ipaddress
import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from honcho.environ import parse_procfile

from extensions.context import load_facts
from tests.deploy.tools import schema_dir, schema_kind, tool
from tests.docs_truth import assert_the_docs_name_only_what_exists
from tests.support import frameworks_offering, render
from tests.test_render import HOSTILE

FACTS = load_facts()
ALL_TARGETS = ["render", "heroku", "aws", "kubernetes"]
# Per target, the frameworks offered it with PostgreSQL and an image (copier.yml).
OFFERED = {
    target: frameworks_offering(database="postgresql", docker=True, deploy=target)
    for target in ALL_TARGETS
}


def offered_targets(framework: str) -> list[str]:
    """The targets copier.yml offers `framework` with PostgreSQL and an image (PHP: not Heroku)."""
    return [target for target in ALL_TARGETS if framework in OFFERED[target]]


# Every framework offered a target, each rendered with all it is offered; FRAMEWORKS are those
# offered all four.
WITH_TARGETS = [
    framework
    for framework in frameworks_offering(database="postgresql", docker=True)
    if offered_targets(framework)
]
FRAMEWORKS = [f for f in WITH_TARGETS if offered_targets(f) == ALL_TARGETS]
DATABASE_URL = "postgres://app:s3cret@db.example.com:5432/app?sslmode=require"


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> dict[str, Path]:
    """Each stack with PostgreSQL, an image and every target; Express with MySQL for the targets
    that take it (AWS, Kubernetes); Django with hostile identity answers."""
    root = tmp_path_factory.mktemp("deploy")
    made = {
        framework: render(
            root / framework,
            skip_tasks=True,
            framework=framework,
            database="postgresql",
            docker=True,
            deploy=offered_targets(framework),
        )
        for framework in WITH_TARGETS
    }
    made["express-mysql"] = render(
        root / "express-mysql",
        skip_tasks=True,
        framework="express",
        database="mysql",
        docker=True,
        deploy=["aws", "kubernetes"],
    )
    # Identity answers with every character the files must carry intact (tier 2's HOSTILE).
    made["hostile"] = render(
        root / "hostile",
        skip_tasks=True,
        framework="django",
        database="postgresql",
        deploy=ALL_TARGETS,
        project_name=HOSTILE,
        description=HOSTILE,
        author_name=HOSTILE,
    )
    return made


def run(command: list[str], cwd: Path | None = None, stdin: str | None = None) -> str:
    result = subprocess.run(
        command, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, (
        f"`{shlex.join(command)}` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result.stdout


def forwarded_allow_ips(value: str) -> list[ipaddress.IPv4Network]:
    """Every entry of FORWARDED_ALLOW_IPS is an address or a CIDR (CONTRACT.md)."""
    return [ipaddress.ip_network(entry.strip()) for entry in value.split(",")]


# --- Render ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("framework", OFFERED["render"])
def test_render_blueprint_runs_the_stacks_commands_with_its_database(projects, framework):
    blueprint = yaml.safe_load((projects[framework] / "render.yaml").read_text())
    stack, hosting = FACTS["stacks"][framework], FACTS["hosting"][framework]
    [service] = blueprint["services"]
    [database] = blueprint["databases"]
    assert service["type"] == "web"
    if stack["language"] in ("java", "php"):
        # No native Java or PHP on Render: the Dockerfile's image, migrated by its own command.
        assert service["runtime"] == "docker"
        assert service["dockerfilePath"] == "./Dockerfile"
        assert (projects[framework] / "Dockerfile").is_file()
        assert service["preDeployCommand"] == " ".join(stack["container_migrate"])
        assert "startCommand" not in service and "buildCommand" not in service
    if framework == "spring":
        # The migrations run with the JVM options the image serves with (heap limit, AOT cache).
        dockerfile = (projects[framework] / "Dockerfile").read_text()
        cmd = json.loads(dockerfile.split("\nCMD ", 1)[1].splitlines()[0])
        assert stack["container_migrate"] == [*cmd, "migrate"]
    if stack["language"] in ("python", "node"):
        prefix = "uv run --no-sync " if stack["language"] == "python" else ""
        assert service["runtime"] == {"python": "python", "node": "node"}[stack["language"]]
        assert service["buildCommand"] == hosting["build"]
        assert service["preDeployCommand"] == prefix + hosting["release"]
        assert service["startCommand"] == prefix + hosting["start"]
    if stack["language"] == "python":
        # Render's default uv is older than the one whose uv.lock `--locked` must accept.
        assert {"key": "UV_VERSION", "value": stack["uv_version"]} in service["envVars"]
    assert service["healthCheckPath"] == "/health/ready"
    env = {item["key"]: item for item in service["envVars"]}
    assert env["DATABASE_URL"]["fromDatabase"] == {
        "name": database["name"],
        "property": "connectionString",
    }
    assert env["SECRET_KEY"] == {"key": "SECRET_KEY", "generateValue": True}
    assert env["APP_ENV"]["value"] == "production"
    assert ipaddress.ip_network("10.0.0.0/8") in forwarded_allow_ips(
        env["FORWARDED_ALLOW_IPS"]["value"]
    )
    # PORT is Render's to set; a value here would pin the app to a port Render does not route.
    assert "PORT" not in env
    # The database is not on the internet unless the learner allows an address.
    assert database["ipAllowList"] == []
    assert (
        database["postgresMajorVersion"]
        == FACTS["databases"]["postgresql"]["image"].split(":")[1].split(".")[0]
    )


# --- Heroku ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_heroku_procfile_and_app_json(projects, framework):
    project = projects[framework]
    hosting = FACTS["hosting"][framework]
    language = FACTS["stacks"][framework]["language"]
    processes = parse_procfile((project / "Procfile").read_text()).processes
    assert processes == {"release": hosting["release"], "web": hosting["start"]}
    manifest = json.loads((project / "app.json").read_text())
    buildpack = {"node": "heroku/nodejs", "python": "heroku/python", "java": "heroku/java"}
    assert manifest["buildpacks"] == [{"url": buildpack[language]}]
    assert manifest["addons"] == [{"plan": "heroku-postgresql:essential-0", "as": "DATABASE"}]
    assert manifest["env"]["SECRET_KEY"]["generator"] == "secret"
    assert manifest["env"]["APP_ENV"]["value"] == "production"
    # Heroku's router connects from its private network (issue 13.1: set for the platform's proxy).
    assert ipaddress.ip_network("10.0.0.0/8") in forwarded_allow_ips(
        manifest["env"]["FORWARDED_ALLOW_IPS"]["value"]
    )
    assert "PORT" not in manifest["env"] and "DATABASE_URL" not in manifest["env"]
    # The buildpacks read the runtime's version from these files.
    runtime = FACTS["stacks"][framework]["runtime_version"]
    if language == "python":
        assert (project / ".python-version").read_text().strip() == runtime
    elif language == "java":
        assert f"java.runtime.version={runtime}" in (project / "system.properties").read_text()
    else:
        assert (project / ".nvmrc").read_text().strip().startswith(runtime)


# --- AWS ------------------------------------------------------------------------------------------


def test_every_cloudformation_template_passes_cfn_lint(projects):
    # One cfn-lint run for all of them: its start-up (the resource specs) is most of its time.
    templates = [
        str(project / "deploy" / "aws" / "cloudformation.yaml") for project in projects.values()
    ]
    run(["cfn-lint", "--", *templates])


@pytest.mark.parametrize("name", [*OFFERED["aws"], "express-mysql"])
def test_cloudformation_template_gives_the_app_what_it_needs(projects, name):
    # cfn-lint checks the shape; what the app needs from it is checked here.
    text = (projects[name] / "deploy" / "aws" / "cloudformation.yaml").read_text()
    stack = FACTS["stacks"][name.split("-")[0]]
    assert json.dumps(stack["container_migrate"]) in text
    assert "ValueFrom: !Ref DatabaseUrl" in text and "ValueFrom: !Ref SecretKey" in text
    assert ("Engine: mysql" in text) == name.endswith("mysql")
    assert 'FORWARDED_ALLOW_IPS, Value: "10.0.0.0/24,10.0.1.0/24"' in text
    assert "HealthCheckPath: /health/live" in text


# --- Kubernetes -----------------------------------------------------------------------------------

CHART_SETTINGS = [
    [],
    # The optional parts on: an Ingress and a HorizontalPodAutoscaler (which takes over replicas).
    ["--set", "ingress.enabled=true", "--set", "autoscaling.enabled=true"],
]


@pytest.mark.parametrize("settings", CHART_SETTINGS, ids=["default", "ingress-hpa"])
@pytest.mark.parametrize("name", [*OFFERED["kubernetes"], "express-mysql"])
def test_helm_chart_lints_strict_and_its_manifests_pass_kubeconform(projects, name, settings):
    chart = projects[name] / "deploy" / "helm"
    values = ["--set", f"database.url={DATABASE_URL}", *settings]
    run([tool("helm"), "lint", "--strict", str(chart), *values])
    manifests = run([tool("helm"), "template", "release", str(chart), *values])
    documents = [doc for doc in yaml.safe_load_all(manifests) if doc]
    schemas = schema_dir({schema_kind(doc) for doc in documents})
    location = f"{schemas}/{{{{ .ResourceKind }}}}{{{{ .KindSuffix }}}}.json"
    report = run(
        [tool("kubeconform"), "-strict", "-summary", "-schema-location", location, "-"],
        stdin=manifests,
    )
    assert f"Valid: {len(documents)}, Invalid: 0, Errors: 0, Skipped: 0" in report, report

    by_kind = {doc["kind"]: doc for doc in documents}
    expected = {"Deployment", "Service", "Secret", "Job"}
    if settings:
        expected |= {"Ingress", "HorizontalPodAutoscaler"}
        assert "replicas" not in by_kind["Deployment"]["spec"]
    assert set(by_kind) == expected
    pod = by_kind["Deployment"]["spec"]["template"]["spec"]
    [app] = pod["containers"]
    assert app["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert app["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert app["securityContext"]["allowPrivilegeEscalation"] is False
    assert app["resources"]["requests"]["cpu"] and app["resources"]["requests"]["memory"]
    env = {item["name"]: item for item in app["env"]}
    assert env["DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"] == "DATABASE_URL"
    assert env["SECRET_KEY"]["valueFrom"]["secretKeyRef"]["key"] == "SECRET_KEY"
    assert env["PORT"]["value"] == str(FACTS["app_port"])
    # Issue 13.1: production settings, and FORWARDED_ALLOW_IPS set for the proxy in front (the
    # ingress controller's pods, on the cluster's pod network), so the rate limit sees the client.
    assert env["APP_ENV"]["value"] == "production"
    assert ipaddress.ip_network("10.0.0.0/8") in forwarded_allow_ips(
        env["FORWARDED_ALLOW_IPS"]["value"]
    )
    # The migrations: a hook Job running the image's own migrate command, after the Secret.
    job = by_kind["Job"]
    hooks = job["metadata"]["annotations"]
    assert hooks["helm.sh/hook"] == "pre-install,pre-upgrade"
    secret_hooks = by_kind["Secret"]["metadata"]["annotations"]
    assert int(secret_hooks["helm.sh/hook-weight"]) < int(hooks["helm.sh/hook-weight"])
    [migrate] = job["spec"]["template"]["spec"]["containers"]
    assert migrate["command"] == FACTS["stacks"][name.split("-")[0]]["container_migrate"]
    assert by_kind["Secret"]["stringData"]["DATABASE_URL"] == DATABASE_URL


def test_helm_refuses_to_install_without_a_database_url(projects):
    chart = projects["flask"] / "deploy" / "helm"
    result = subprocess.run(
        [tool("helm"), "template", "release", str(chart)], capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "set database.url (or existingSecret)" in result.stderr


# --- README ---------------------------------------------------------------------------------------

SECTIONS = {
    "render": "### Render",
    "heroku": "### Heroku",
    "aws": "### AWS (ECS on Fargate, CloudFormation)",
    "kubernetes": "### Kubernetes (Helm)",
}


TARGET_FILES = {
    "render": ["render.yaml"],
    "heroku": ["Procfile", "app.json"],
    "aws": ["deploy/aws/cloudformation.yaml"],
    "kubernetes": ["deploy/helm/"],
}


@pytest.mark.parametrize("framework", WITH_TARGETS)
def test_readme_walks_each_target_and_the_roadmap_row_names_its_files(projects, framework):
    project = projects[framework]
    targets = offered_targets(framework)
    readme = (project / "README.md").read_text()
    deploy = readme.split("\n## Deploy\n", 1)[1].split("\n## ", 1)[0]
    for target, heading in SECTIONS.items():
        assert (f"\n{heading}\n" in deploy) == (target in targets), heading
    [row] = [line for line in readme.splitlines() if line.startswith("| 4. Servers & hosting |")]
    named = re.findall(r"`([^`]+)`", row.split("; deploy: ", 1)[1])
    assert named == [name for target in targets for name in TARGET_FILES[target]]
    for name in named:
        assert (project / name).exists(), name
    # Tier 2's rule for every README: each file it names in backticks is there.
    assert_the_docs_name_only_what_exists(project)
    # The pre-deploy step the README names is the one render.yaml declares.
    [service] = yaml.safe_load((project / "render.yaml").read_text())["services"]
    assert f"`{service['preDeployCommand']}`" in deploy.split("\n### Render\n", 1)[1]


def test_readme_of_a_project_without_targets_has_no_deploy_section_but_the_managed_databases(
    tmp_path,
):
    project = render(tmp_path / "p", skip_tasks=True, framework="fastapi", database="postgresql")
    readme = (project / "README.md").read_text()
    assert "\n## Deploy\n" not in readme
    managed = readme.split("\n## Managed databases\n", 1)[1].split("\n## ", 1)[0]
    # Issue 13 item 5: Supabase's connection string with TLS and the pooler's port, Render's and
    # Heroku's databases, and why Firebase is not offered.
    assert "pooler.supabase.com:5432/postgres?sslmode=require" in managed
    assert "port 6543" in managed
    assert "**Render Postgres**" in managed and "**Heroku Postgres**" in managed
    assert "Firebase is not offered" in managed and "emulator downloads itself" in managed
    [row] = [line for line in readme.splitlines() if line.startswith("| 4. Servers & hosting |")]
    assert "deploy:" not in row


@pytest.mark.parametrize("framework", WITH_TARGETS)
def test_readme_says_what_each_instance_keeps_in_memory_and_how_to_share_it(projects, framework):
    """Issue 13.4: the generated README documents what one instance keeps in memory (the login
    rate-limit counters, with jwt or session, unless stacks.yml says they are in the database)
    and how to share it; tests/containers/test_instances.py checks the behaviour it describes (n x
    the limit behind n instances, or the limit once in all)."""
    readme = (projects[framework] / "README.md").read_text()
    assert "\n## Several instances behind a proxy\n" in readme
    section = readme.split("\n## Several instances behind a proxy\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| the login rate-limit")]
    if FACTS["stacks"][framework].get("login_rate_limit_store") == "database":
        assert not rows, f"{framework} counts logins in the database, not per instance: {rows}"
        assert "login rate-limit counters are in the database too" in " ".join(section.split())
    else:
        [row] = rows
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 3 and all(cells), row
        assert "LOGIN_RATE_LIMIT_PER_MINUTE" in cells[1], row
    assert "FORWARDED_ALLOW_IPS" in section


def test_hostile_identity_answers_land_intact_in_the_deploy_files(projects):
    project = projects["hostile"]
    manifest = json.loads((project / "app.json").read_text())
    assert manifest["name"] == manifest["description"] == HOSTILE
    chart = yaml.safe_load((project / "deploy" / "helm" / "Chart.yaml").read_text())
    assert chart["description"] == HOSTILE
    run(
        [
            tool("helm"),
            "lint",
            "--strict",
            str(project / "deploy" / "helm"),
            "--set",
            f"database.url={DATABASE_URL}",
        ]
    )
    # The CloudFormation template (its Description) passed cfn-lint with the others.


def test_helm_uses_an_existing_secret_instead_of_its_own(projects):
    chart = projects["flask"] / "deploy" / "helm"
    manifests = run(
        [tool("helm"), "template", "release", str(chart), "--set", "existingSecret=mine"]
    )
    documents = [doc for doc in yaml.safe_load_all(manifests) if doc]
    assert "Secret" not in {doc["kind"] for doc in documents}
    for doc in documents:
        if doc["kind"] in ("Deployment", "Job"):
            [container] = doc["spec"]["template"]["spec"]["containers"]
            refs = [
                e["valueFrom"]["secretKeyRef"]["name"] for e in container["env"] if "valueFrom" in e
            ]
            assert refs == ["mine", "mine"], doc["kind"]

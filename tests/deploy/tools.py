"""The linters the deploy tests run, found where .ci/run installs them (`go install` into
~/.cache/brt/bin), and the Kubernetes JSON schemas kubeconform validates against: PyPI's
kubernetes-validate ships them with `$ref`s into a shared `/api/_definitions.json`, which
kubeconform cannot follow offline; `schema_dir` writes standalone copies (the definitions
inlined under `$defs`, the references made local) once per kubernetes-validate version."""

from __future__ import annotations

import json
import os
from pathlib import Path

import kubernetes_validate
import pytest

from tests.support import TOOLS_BIN_DIR

# The newest Kubernetes minor kubernetes-validate ships schemas for.
KUBERNETES_VERSION = "1.37.0"
# Their versions are pinned in .ci/run, which installs them.
INSTALL = {
    "helm": "go install helm.sh/helm/v4/cmd/helm@<version in .ci/run>",
    "kubeconform": "go install github.com/yannh/kubeconform/cmd/kubeconform@<version in .ci/run>",
}
SHARED_REF = '"/api/_definitions.json#/$defs/'
LOCAL_REF = '"#/$defs/'


def tool(name: str) -> str:
    """The path of `helm` or `kubeconform`; fails the test with how to install it when absent."""
    for directory in (TOOLS_BIN_DIR, *os.environ.get("PATH", "").split(os.pathsep)):
        candidate = Path(directory) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    pytest.fail(
        f"{name} not found in {TOOLS_BIN_DIR} or on PATH: "
        f"GOBIN={TOOLS_BIN_DIR} {INSTALL[name]} (.ci/run does it)",
        pytrace=False,
    )


def schema_source() -> Path:
    package = Path(kubernetes_validate.__file__).parent
    return package / "kubernetes-json-schema" / f"v{KUBERNETES_VERSION}-local-strict"


def schema_dir(kinds: set[str]) -> Path:
    """A folder of standalone strict schemas named as kubeconform looks them up
    (`{{ .ResourceKind }}{{ .KindSuffix }}.json`, e.g. `deployment-apps-v1.json`), holding at
    least `kinds` (those file names without `.json`). Raises KeyError for a kind that
    kubernetes-validate has no schema for."""
    version = kubernetes_validate.version.__version__
    target = Path.home() / ".cache" / "brt" / f"k8s-schemas-{version}-v{KUBERNETES_VERSION}"
    source = schema_source()
    missing = [kind for kind in sorted(kinds) if not (target / f"{kind}.json").is_file()]
    if missing:
        target.mkdir(parents=True, exist_ok=True)
        definitions = json.loads(
            (source / "_definitions.json").read_text().replace(SHARED_REF, LOCAL_REF)
        )["$defs"]
        for kind in missing:
            path = source / f"{kind}.json"
            if not path.is_file():
                raise KeyError(f"kubernetes-validate {version} has no schema {path.name}")
            schema = json.loads(path.read_text().replace(SHARED_REF, LOCAL_REF))
            schema["$defs"] = definitions
            partial = target / f"{kind}.json.part"
            partial.write_text(json.dumps(schema))
            partial.replace(target / f"{kind}.json")
    return target


def schema_kind(document: dict) -> str:
    """kubeconform's file name for a manifest: `Deployment` `apps/v1` -> `deployment-apps-v1`."""
    group_version = document["apiVersion"].split("/")
    group = group_version[0].split(".")[0] if len(group_version) > 1 else ""
    version = group_version[-1]
    suffix = f"{group}-{version}" if group else version
    return f"{document['kind'].lower()}-{suffix}"

#!/usr/bin/env bash
# Installs what the template's own tooling needs, from the package registries only, into the user's
# cache: uv (PyPI), Node.js 24 LTS when the machine's node is older (npm registry), actionlint (Go
# module proxy), then the tooling environment (`uv sync`). Safe to run again: it skips what is there.
set -euo pipefail

NODE_MAJOR=24
ACTIONLINT_VERSION=v1.7.12
CACHE="${HOME}/.cache/brt"
NODE_PREFIX="${CACHE}/node${NODE_MAJOR}"
BIN="${CACHE}/bin"
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*" >&2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

command -v python3 >/dev/null || fail "python3 (3.11 or newer) is needed"
command -v git >/dev/null || fail "git is needed"
command -v make >/dev/null || fail "make is needed"

if ! command -v uv >/dev/null; then
  say "installing uv from PyPI"
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  export PATH="${HOME}/.local/bin:${PATH}"
  command -v uv >/dev/null || fail "uv installed but not on PATH: add ~/.local/bin to PATH"
fi

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major "${NODE_PREFIX}/node_modules/.bin/node")" != "${NODE_MAJOR}" ] &&
   [ "$(node_major node)" -lt "${NODE_MAJOR}" ]; then
  command -v npm >/dev/null || fail "npm is needed to install Node.js ${NODE_MAJOR}"
  say "installing Node.js ${NODE_MAJOR} from the npm registry into ${NODE_PREFIX}"
  mkdir -p "${NODE_PREFIX}"
  npm install --silent --no-save --prefix "${NODE_PREFIX}" "node@${NODE_MAJOR}" >/dev/null
fi

if [ ! -x "${BIN}/actionlint" ]; then
  command -v go >/dev/null || fail "go is needed to install actionlint (go install)"
  say "installing actionlint ${ACTIONLINT_VERSION} with go install"
  GOBIN="${BIN}" go install "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}"
fi

# The Spring Boot stack targets the current Java LTS. No registry here serves a JDK, so it has to
# be on the machine already (Temurin or OpenJDK, under /usr/lib/jvm or in JAVA_HOME).
if ! compgen -G "/usr/lib/jvm/*25*/bin/javac" >/dev/null &&
   ! grep -qs 'JAVA_VERSION="25' "${JAVA_HOME:-/nonexistent}/release"; then
  say "warning: no JDK 25 found: generating is fine, but Spring Boot projects need one to build"
fi

say "syncing the template's tooling environment"
uv sync --quiet

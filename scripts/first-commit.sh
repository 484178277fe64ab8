#!/bin/sh
# Copier task, on copy only, run in the new project: `first-commit.sh AUTHOR_NAME AUTHOR_EMAIL`.
#
# A project on its own gets `git init` and a first commit holding every generated file, so that
# `copier update` has a base to merge against. A project generated inside an existing work tree
# (a folder of a monorepo, or a fresh clone of the user's repository) gets neither: a nested `.git`
# would leave a bare gitlink in the outer repository (its clones get an empty folder), and
# `git add --all` would commit whatever was already there (a secrets.txt...). Copier does not tell a
# task which files it wrote, so the user reviews and commits; one line says so. A folder the outer
# repository ignores (e.g. the template's own build/demo) is treated as standalone.
set -eu

if top=$(git rev-parse --show-toplevel 2>/dev/null) && ! git check-ignore -q . 2>/dev/null; then
  echo "Inside the git repository $top: nothing committed; review with git status, then commit." >&2
  exit 0
fi

# The fallback identity keeps the commit from failing (which would make Copier delete the whole
# project) on machines where git has none.
name="${GIT_AUTHOR_NAME:-$(git config user.name || printf '%s' "$1")}"
email="${GIT_AUTHOR_EMAIL:-$(git config user.email || printf '%s' "$2")}"
git init --quiet --initial-branch=main
git add --all
git -c user.name="$name" -c user.email="$email" \
  commit --quiet --no-verify -m "Initial commit from backend-roadmap-template"

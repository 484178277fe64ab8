#!/bin/sh
# Copier migration task, after every `copier update`, run in the project: lists the files the
# update could not merge, so the message after the update can say what to do with them. Those are
# the files Copier left with conflict markers (`--conflict inline`, the default; recorded as
# unmerged in the index) and the `.rej` files of `--conflict rej`, ignored or not. Prints nothing
# when there is none.
set -eu

conflicts=$(
  {
    git diff --name-only --diff-filter=U --relative
    git grep -l -E '^(<<<<<<< before updating|>>>>>>> after updating)$' -- . || true
    git ls-files --others --exclude-standard -- '*.rej'
    git ls-files --others --ignored --exclude-standard -- '*.rej'
  } | sort -u
)
if [ -n "$conflicts" ]; then
  echo "copier update could not merge these files; resolve each one before you commit:" >&2
  printf '%s\n' "$conflicts" | sed 's/^/  /' >&2
fi

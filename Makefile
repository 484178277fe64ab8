# The template's own tasks. A newcomer needs two: `make demo` and `make test`.
.DEFAULT_GOAL := help
.PHONY: help bootstrap bootstrap-demo bootstrap-tooling demo test test-fast readme-matrix bench lint release

PYTEST := uv run pytest
# xdist workers: one more than the cores. A tier-3 row waits about a third of its time (servers
# starting, databases, disks): two workers on 2 cores kept them 71% busy in the run of 2026-11-30.
# tests/scheduling.py deals the tests out to them, longest first.
WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
# Where `pip install --user` puts uv when scripts/bootstrap.sh had to install it.
export PATH := $(HOME)/.local/bin:$(PATH)

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

bootstrap: ## Install what make test needs: uv, Node.js 24, actionlint (needs Go), the tooling env
	@bash scripts/bootstrap.sh test

# What make demo needs (no Go, no JDK) and what the tooling-only tasks need.
bootstrap-demo:
	@bash scripts/bootstrap.sh demo

bootstrap-tooling:
	@bash scripts/bootstrap.sh tooling

demo: bootstrap-demo ## Generate the default project (Express, SQLite, JWT) and show it working
	uv run python scripts/demo.py

test: bootstrap ## Every tier: questions, every combination rendered, generated projects on real databases, update
	$(PYTEST) -n $(WORKERS) --dist worksteal --durations=40

test-fast: bootstrap ## Tiers 1, 2 and 4 (no generated project is installed or run)
	$(PYTEST) -n $(WORKERS) --dist worksteal -m "not generated"

lint: bootstrap-tooling ## Lint the template's own Python
	uv run ruff check extensions tests scripts bench
	uv run ruff format --check extensions tests scripts bench

readme-matrix: bootstrap-tooling ## Rewrite the supported-matrix section of README.md from copier.yml
	uv run python scripts/matrix.py --write

bench: bootstrap ## Copy time, time-to-green, throughput and memory per stack against references (needs wrk; bench/README.md)
	uv run python bench/run.py

release: bootstrap-tooling ## Tag VERSION=x.y.z once CHANGELOG.md has it and the tree is clean
	@uv run python scripts/release.py "$(VERSION)"

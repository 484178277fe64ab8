"""`uv run python -m tests.oidc [PUBLIC_URL]`: the test provider by hand (see README.md)."""

from tests.oidc.provider import main

main()

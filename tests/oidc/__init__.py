"""A real OpenID Connect provider for the tests (node-oidc-provider on loopback) and a driver that
signs a person in through it over HTTP. README.md says how to use them."""

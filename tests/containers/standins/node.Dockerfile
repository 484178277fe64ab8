# Stand-in for node:<version>-bookworm-slim (no registry is reachable): the Debian base made by
# debootstrap, npm's `node` package binary as /usr/local/bin/node, npm from the npm registry, and
# the official image's unprivileged `node` user (uid 1000).
ARG BASE
# hadolint ignore=DL3006
FROM ${BASE}
COPY runtime/node /usr/local/bin/node
COPY runtime/package /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
    && groupadd --gid 1000 node \
    && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
# The machine's CA bundle, for npm inside the build (see python.Dockerfile).
COPY runtime/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]

# Stand-in for python:3.11-slim-bookworm (no registry is reachable): the Debian base made by
# debootstrap plus Debian's own Python 3.11 and pip. Like the official image's Python (built from
# source into /usr/local), it is not "externally managed" (PEP 668), and `python`/`pip` exist.
ARG BASE
# hadolint ignore=DL3006
FROM ${BASE}
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-pip python3-venv ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && rm -f /usr/lib/python3.*/EXTERNALLY-MANAGED \
    && ln -s /usr/bin/python3 /usr/local/bin/python \
    && ln -s /usr/bin/pip3 /usr/local/bin/pip
# The machine's CA bundle: where a network re-signs TLS (as this one does), pip and uv inside the
# build trust what the host trusts. Elsewhere it is just Debian's bundle.
COPY runtime/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
CMD ["python3"]

"""Believe X-Forwarded-For / X-Forwarded-Proto only from the reverse proxies in FORWARDED_ALLOW_IPS.

Werkzeug's ProxyFix trusts a fixed NUMBER of proxies whatever the peer is, and gunicorn's
forwarded_allow_ips only sets the scheme; neither lets a client on an untrusted address be kept
from choosing its own address (and so its own login rate limit bucket). The rule here, the one
every stack of this template follows (uvicorn's ProxyHeadersMiddleware works the same way): when
the TCP peer is trusted, the client is the right-most address of X-Forwarded-For that is not a
trusted proxy; otherwise the headers are ignored.
"""

from collections.abc import Callable, Iterable
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
from typing import Any

Network = IPv4Network | IPv6Network
ALL = "*"


def parse_trusted(value: str) -> list[Network] | str:
    """`"*"` or the networks of a comma-separated list of IPs / CIDRs (ValueError naming the bad
    entry otherwise). An empty value trusts nobody."""
    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    if ALL in entries:
        return ALL
    networks = []
    for entry in entries:
        try:
            networks.append(ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"{entry!r} is not an IP address or CIDR") from None
    return networks


class TrustedProxies:
    """WSGI middleware: rewrites REMOTE_ADDR and wsgi.url_scheme from the forwarding headers when
    (and only when) the peer is a trusted proxy."""

    def __init__(self, app: Callable, trusted: list[Network] | str) -> None:
        self.app = app
        self.trusted = trusted

    def is_trusted(self, address: str) -> bool:
        if self.trusted == ALL:
            return True
        try:
            ip = ip_address(address.strip("[]"))
        except ValueError:
            return False  # not an address (garbage in X-Forwarded-For): never a trusted proxy
        return any(ip in network for network in self.trusted)

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        peer = environ.get("REMOTE_ADDR", "")
        if peer and self.is_trusted(peer):
            chain = [a.strip() for a in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")]
            client = peer
            # From the right: each trusted hop vouches for the address on its left.
            for address in reversed([a for a in chain if a]):
                client = address
                if not self.is_trusted(address):
                    break
            environ["REMOTE_ADDR"] = client
            proto = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
            if proto in ("http", "https"):
                environ["wsgi.url_scheme"] = proto
        return self.app(environ, start_response)

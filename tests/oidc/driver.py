"""Signs a person in to an app through the test provider over plain HTTP, as a browser would
(RULES OAuth item 6): the app's login route, its 302 to the provider, the provider's login and
consent forms (parsed from the HTML and submitted), back to the app's callback, where it stops.

    result = sign_in("http://127.0.0.1:8000", account)
    result.response        # the app's answer to the callback (303 to /api/auth/me when it works)
    result.client          # the httpx client with the app's (and the provider's op_*) cookies

Lower steps for the failure paths: `authorize()` returns the callback URL the provider sends the
browser to without visiting it (to replay it, tamper its state, or visit it from another browser);
`cancel()` presses the provider's "[ Cancel ]" (the provider answers the app error=access_denied).
Every function raises DriverError, with what it saw, when a step does not go as a browser's would.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import urljoin

import httpx

from tests.oidc.provider import Account

LOGIN_PATH = "/api/auth/oauth/oidc/login"
MAX_HOPS = 20  # redirects and forms between the app's login route and its callback
PASSWORD = "any password: the provider's development login accepts every one"


class DriverError(AssertionError):
    """A step of the sign-in did not go as it does in a browser."""


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str]


@dataclass
class Page:
    """What the driver needs of a provider page: its forms and its links."""

    forms: list[Form]
    links: dict[str, str]  # link text -> href


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: dict[str, str] = {}
        self._form: Form | None = None
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            method = attributes.get("method", "get").lower()
            self._form = Form(attributes.get("action", ""), method, {})
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and attributes.get("name"):
            self._form.fields[attributes["name"]] = attributes.get("value", "")
        elif tag == "a" and "href" in attributes:
            self._href, self._text = attributes["href"], []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "a" and self._href is not None:
            self.links["".join(self._text).strip()] = self._href
            self._href = None


def parse_page(html: str) -> Page:
    parser = _PageParser()
    parser.feed(html)
    return Page(parser.forms, parser.links)


@dataclass
class SignIn:
    response: httpx.Response  # the app's answer to the callback request
    client: httpx.Client  # the browser: the app's cookies (and the provider's op_* ones)


def new_browser() -> httpx.Client:
    """A browser: its own cookie jar, redirects followed by hand (the driver sees each hop)."""
    return httpx.Client(timeout=30, follow_redirects=False)


def _origin(url: str | httpx.URL) -> tuple[str, str, int | None]:
    parsed = httpx.URL(str(url))
    return parsed.scheme, parsed.host, parsed.port


def _describe(response: httpx.Response) -> str:
    request = response.request
    return f"{request.method} {request.url} -> {response.status_code}: {response.text[:500]}"


def forget_provider_cookies(browser: httpx.Client) -> None:
    """Drops the provider's op_* cookies (several share a name on different paths, which httpx's
    name lookups refuse): for a client that goes on talking to the app only."""
    for cookie in [c for c in browser.cookies.jar if c.name.startswith("op_")]:
        browser.cookies.jar.clear(cookie.domain, cookie.path, cookie.name)


def start_login(app_base_url: str, browser: httpx.Client) -> httpx.Response:
    """GET the app's oidc login route; returns its answer (302 to the provider when it works)."""
    return browser.get(app_base_url.rstrip("/") + LOGIN_PATH)


def authorize(
    app_base_url: str,
    account: Account,
    browser: httpx.Client | None = None,
    *,
    action: Literal["sign-in", "cancel-login", "cancel-consent"] = "sign-in",
) -> tuple[httpx.URL, httpx.Client]:
    """From the app's login route through the provider to the moment the provider sends the
    browser back to the app: returns that callback URL (not visited) and the browser.

    action "sign-in" logs `account` in and consents; "cancel-login"/"cancel-consent" press the
    provider's "[ Cancel ]" on that page instead (the URL then carries error=access_denied)."""
    browser = browser or new_browser()
    response = start_login(app_base_url, browser)
    if response.status_code != 302:
        raise DriverError(f"the app's login route should answer 302: {_describe(response)}")
    provider = _origin(response.headers["location"])
    url = httpx.URL(response.headers["location"])
    method, data = "GET", None
    for _ in range(MAX_HOPS):
        response = browser.request(method, url, data=data)
        method, data = "GET", None
        if response.is_redirect:
            url = httpx.URL(urljoin(str(url), response.headers["location"]))
            if _origin(url) != provider:
                return url, browser
            continue
        if response.status_code != 200:
            raise DriverError(f"the provider answered an error page: {_describe(response)}")
        page = parse_page(response.text)
        if not page.forms:
            raise DriverError(f"the provider's page has no form: {_describe(response)}")
        form = page.forms[0]
        prompt = form.fields.get("prompt")
        if (prompt, action) in {("login", "cancel-login"), ("consent", "cancel-consent")}:
            cancel = page.links.get("[ Cancel ]")
            if cancel is None:
                raise DriverError(f"no [ Cancel ] link on the {prompt} page: {_describe(response)}")
            url = httpx.URL(urljoin(str(url), cancel))
            continue
        if prompt == "login":
            form.fields.update(login=account.login, password=PASSWORD)
        elif prompt != "consent":
            raise DriverError(f"an unexpected form on the provider's page: {_describe(response)}")
        url = httpx.URL(urljoin(str(url), form.action))
        method, data = form.method.upper(), form.fields
    raise DriverError(f"no way back to the app after {MAX_HOPS} steps (last: {url})")


def sign_in(app_base_url: str, account: Account, browser: httpx.Client | None = None) -> SignIn:
    """The whole sign-in of `account`; stops at the app's callback answer (not followed)."""
    callback, browser = authorize(app_base_url, account, browser)
    return SignIn(browser.get(callback), browser)


def cancel(
    app_base_url: str,
    account: Account,
    browser: httpx.Client | None = None,
    *,
    at: Literal["login", "consent"] = "login",
) -> SignIn:
    """The person presses "[ Cancel ]" on the provider's login or consent page; the provider
    redirects to the app's callback with error=access_denied, whose answer is returned."""
    callback, browser = authorize(app_base_url, account, browser, action=f"cancel-{at}")  # type: ignore[arg-type]
    if dict(callback.params).get("error") != "access_denied":
        raise DriverError(f"the provider should answer error=access_denied: {callback}")
    return SignIn(browser.get(callback), browser)

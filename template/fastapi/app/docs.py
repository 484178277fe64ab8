"""/docs: Swagger UI with its script, style and icon served by the app itself (works offline).

FastAPI's default page loads them from a CDN. This is FastAPI's documented recipe "Self-Serving
JavaScript and CSS for docs" (docs_url=None, the files mounted as static files, the page built by
get_swagger_ui_html), with the files from the fastapi-swagger package, a copy of swagger-ui-dist
that is re-released with each Swagger UI release (Dependabot/Renovate proposes the updates).
"""

import html

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"


def install(app: FastAPI) -> None:
    """Serve the page at /docs and its files under /docs-assets/ (the app has docs_url=None)."""
    app.mount(
        ASSETS,
        StaticFiles(packages=[("fastapi_swagger", "resources")]),
        name="docs-assets",
    )

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            # get_swagger_ui_html writes the title into the page as is; the name is free text.
            title=html.escape(f"{app.title} - API docs"),
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )

"""Swagger UI's JavaScript and CSS for /docs, served by the app from a packaged copy.

flask-smorest renders the /docs page and loads the UI from OPENAPI_SWAGGER_UI_URL, by default a
CDN: the page is blank offline or behind a strict firewall. The files come instead from the
flask-swagger-ui package (a copy of npm's swagger-ui-dist; only its files are used here).
"""

from importlib.resources import files

from flask import Blueprint

SWAGGER_UI_ASSETS_URL = "/docs/assets/"
SWAGGER_UI_DIST = str(files("flask_swagger_ui") / "dist")

blp = Blueprint(
    "swagger_ui_assets",
    __name__,
    static_folder=SWAGGER_UI_DIST,
    static_url_path=SWAGGER_UI_ASSETS_URL.rstrip("/"),
)

"""The API docs (Swagger UI at ``/docs``) served whole by the app, so they work offline.

APIFlask's page loads Swagger UI from a CDN by default, unpinned; here its files come from
the ``flask-swagger-ui`` package (pinned in pyproject), served under ``/docs/assets/``. The
OpenAPI document declares the API key as a bearer scheme, so Swagger UI's "Authorize" works.
"""

from __future__ import annotations

from pathlib import Path

import flask_swagger_ui
from apiflask import APIBlueprint, APIFlask

from ..auth import OPEN_PATHS

SWAGGER_UI_FILES = Path(flask_swagger_ui.__file__).parent / "dist"
ASSETS = "/docs/assets"
API_KEY_SCHEME = "ApiKey"


def install_docs(app: APIFlask) -> None:
    app.register_blueprint(APIBlueprint("docs_assets", __name__, enable_openapi=False,
                                        static_folder=SWAGGER_UI_FILES, static_url_path=ASSETS))
    app.config.update(
        SWAGGER_UI_CSS=f"{ASSETS}/swagger-ui.css",
        SWAGGER_UI_BUNDLE_JS=f"{ASSETS}/swagger-ui-bundle.js",
        SWAGGER_UI_STANDALONE_PRESET_JS=f"{ASSETS}/swagger-ui-standalone-preset.js",
        DOCS_FAVICON="/web/static/favicon.svg",
        SECURITY_SCHEMES={API_KEY_SCHEME: {
            "type": "http", "scheme": "bearer",
            "description": "an API key from `DUMPLING_API_KEYS`, sent as `Authorization: Bearer <key>`; "
                           "needed when the server has keys set"}},
    )


def declare_api_key(spec: dict, required: bool) -> dict:
    """Every operation but the health checks takes the key; without keys set it is optional
    (the empty requirement), so the document tells the truth about this server."""
    spec["security"] = [{API_KEY_SCHEME: []}] if required else [{API_KEY_SCHEME: []}, {}]
    for path in OPEN_PATHS:
        for operation in spec["paths"].get(path, {}).values():
            operation["security"] = []
    return spec

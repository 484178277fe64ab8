"""Reading request bodies: webargs' parser with the limits every stack of this template shares.

flask-smorest reads `@blp.arguments` through the parser of the blueprint class, so every blueprint
here is made from this module's `Blueprint`.
"""

from typing import Any

import flask_smorest
from webargs import core
from webargs.flaskparser import FlaskParser, abort
from werkzeug.exceptions import BadRequest

BODY_NOT_AN_OBJECT = "must be a JSON object"


class BodyParser(FlaskParser):
    def load_json(self, req, schema) -> Any:
        """The parsed JSON body, or `missing` when there is none.

        Errors: 400 for JSON that is not valid (webargs) or nested so deeply that Python's decoder
        hits its recursion limit (about 1000 levels), 422 `{"field": "body"}` for JSON that parses
        but is not an object (`null`, `[]`, `1`, `"x"`).
        """
        try:
            data = super().load_json(req, schema)
        except RecursionError:
            raise BadRequest("JSON nested too deeply.") from None
        if data is not core.missing and not isinstance(data, dict):
            abort(422, messages={"json": {"body": [BODY_NOT_AN_OBJECT]}})
        return data


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = BodyParser()

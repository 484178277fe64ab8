"""The JSON request parser of every API view (REST_FRAMEWORK's DEFAULT_PARSER_CLASSES)."""

from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser


class JSONObjectParser(JSONParser):
    """DRF's JSONParser, with the answers the contract gives at the parser's limits.

    - a body that is not valid UTF-8, or not JSON: 400 (DRF's ParseError, unchanged);
    - JSON nested deeper than Python's parser can follow (about 1000 levels, the recursion limit):
      400 "JSON nested too deeply", instead of a RecursionError and a 500;
    - JSON that parses but is not an object (null, [], 1, "x"): 422 with
      errors [{"field": "body", "message": "must be a JSON object"}]: every body of this API is one.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON nested too deeply.") from None
        if not isinstance(data, dict):
            raise ValidationError({"body": ["must be a JSON object"]})
        return data

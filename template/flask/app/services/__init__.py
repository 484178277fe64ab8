"""The service layer: the rules and database work behind every endpoint, called alike by the REST
routes and the GraphQL resolvers, so no rule is written twice.

The request schemas (marshmallow) are the input rules; a service raises werkzeug's HTTP exceptions
(NotFound, Conflict, Unauthorized), which REST answers as problem details and GraphQL translates
into error codes (NOT_FOUND, CONFLICT, UNAUTHENTICATED).
"""

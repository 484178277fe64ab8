"""The GraphQL API at /graphql (Strawberry), resolved by the same services the REST variant calls.

view.py: the HTTP endpoint and GraphiQL; translate.py: the services' DRF exceptions as GraphQL
errors. types.py, scalars.py, rules.py, errors.py, schema.py: the pieces every Python stack of the
template shares. The resolvers live beside their services: todos/schema.py, accounts/schema.py;
config/schema.py joins them.
"""

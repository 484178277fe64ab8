"""The storage beneath app/services/ and the session and token helpers of app/auth/: one module
per table or collection, each written twice with the same functions (SQL through SQLAlchemy,
MongoDB through PyMongo) so that the rules above them are written once, whatever the database."""


class StoreUnavailable(Exception):
    """The database did not answer a read that the caller can do without (the session store)."""

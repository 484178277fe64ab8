"""Probes for orchestrators and load balancers."""

import logging

import sqlalchemy as sa
from marshmallow import fields

from app.extensions import db
from app.parsing import Blueprint
from app.schemas import BaseSchema

blp = Blueprint("health", __name__, url_prefix="/health", description="Liveness and readiness")
logger = logging.getLogger(__name__)


class LiveSchema(BaseSchema):
    status = fields.String(metadata={"example": "ok"})


class ChecksSchema(BaseSchema):
    database = fields.String(metadata={"example": "ok"})


class ReadySchema(LiveSchema):
    checks = fields.Nested(ChecksSchema)


@blp.route("/live")
@blp.doc(security=[])  # public, whatever the API's default security is
@blp.response(200, LiveSchema)
def live():
    """The process is up (restart it when this fails)."""
    return {"status": "ok"}


@blp.route("/ready")
@blp.doc(security=[])
@blp.response(200, ReadySchema)
@blp.alt_response(503, schema=ReadySchema, description="The database is unreachable")
def ready():
    """The app can serve traffic: the database answers (send no traffic when this fails)."""
    try:
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception as error:
        # Whatever the driver raises, not only SQLAlchemyError: a driver refusing its options (a
        # TypeError) or a failed TLS handshake means "not ready" (503), never a 500.
        logger.warning("readiness check: database unreachable: %s", error.__class__.__name__)
        return {"status": "unavailable", "checks": {"database": "unreachable"}}, 503
    return {"status": "ok", "checks": {"database": "ok"}}

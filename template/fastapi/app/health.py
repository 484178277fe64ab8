"""Probes for orchestrators and load balancers."""

import logging

import sqlalchemy as sa
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

router = APIRouter(prefix="/health", tags=["health"], redirect_slashes=False)
logger = logging.getLogger(__name__)


class Live(BaseModel):
    status: str = Field(examples=["ok"])


class Ready(Live):
    checks: dict[str, str] = Field(examples=[{"database": "ok"}])


@router.get("/live", summary="The process is up (restart it when this fails)")
async def live() -> Live:
    return Live(status="ok")


@router.get(
    "/ready",
    summary="The app can serve traffic: the database answers (send no traffic when this fails)",
    responses={503: {"model": Ready, "description": "The database is unreachable"}},
)
def ready(request: Request, response: Response) -> Ready:
    try:
        # A fresh connection check every time; the pool's pre-ping replaces dead connections, so
        # this turns 200 again by itself when the database is back.
        with request.app.state.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception as error:
        # Any failure to reach it means "not ready", the driver's own errors too (a bad TLS option,
        # a refused certificate...): 503, never 500.
        logger.warning("readiness check: database unreachable: %s", error.__class__.__name__)
        response.status_code = 503
        return Ready(status="unavailable", checks={"database": "unreachable"})
    return Ready(status="ok", checks={"database": "ok"})

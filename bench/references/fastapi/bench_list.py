"""Reference: the smallest auth'd, database-backed list, written as FastAPI's SQL tutorial writes
one: a SQLAlchemy session per request from a dependency, a sync endpoint, PyJWT (the generated
app's library) in a dependency, the generated app's `todos` table. Served as `python -m app`
serves the app: one uvicorn process, no access log, no server header."""

import os
from datetime import datetime
from typing import Annotated

import jwt
import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

engine = create_engine(
    f"sqlite:///{os.environ['BENCH_SQLITE_PATH']}", connect_args={"check_same_thread": False}
)


class Base(DeclarativeBase):
    pass


class Todo(Base):
    __tablename__ = "todos"
    id: Mapped[str] = mapped_column(primary_key=True)
    user_id: Mapped[str]
    title: Mapped[str]
    done: Mapped[bool]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


def get_session():
    with Session(engine) as session:
        yield session


def current_user_id(authorization: Annotated[str, Header()] = "") -> str:
    try:
        claims = jwt.decode(
            authorization.removeprefix("Bearer "), os.environ["SECRET_KEY"], algorithms=["HS256"]
        )
    except jwt.InvalidTokenError as error:
        raise HTTPException(status_code=401, detail="invalid token") from error
    return claims["sub"]


app = FastAPI()


@app.get("/api/todos")
def list_todos(
    session: Annotated[Session, Depends(get_session)],
    user_id: Annotated[str, Depends(current_user_id)],
    limit: int = 20,
    offset: int = 0,
):
    query = (
        select(Todo)
        .where(Todo.user_id == user_id)
        .order_by(Todo.created_at.desc(), Todo.id.desc())
        .limit(limit)
        .offset(offset)
    )
    items = [
        {
            "id": t.id,
            "title": t.title,
            "done": t.done,
            "created_at": t.created_at,
            "updated_at": t.updated_at,
        }
        for t in session.scalars(query)
    ]
    return {"items": items, "limit": limit, "offset": offset}


if __name__ == "__main__":
    port = int(os.environ["PORT"])
    uvicorn.run(app, host="0.0.0.0", port=port, access_log=False, server_header=False)  # noqa: S104

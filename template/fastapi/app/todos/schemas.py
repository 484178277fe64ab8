"""Request and response bodies of /api/todos. Unknown JSON fields are ignored (pydantic's default)."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator

from app.schemas import NoNul, Trimmed, UTCDateTime

# The paging rules of GET /api/todos and Query.todos: a signed 64-bit OFFSET is what the databases
# take, so a larger one is refused as invalid (422 / BAD_USER_INPUT), not a database error.
MAX_OFFSET = 2**63 - 1

# Trimmed first (Unicode white space), then counted in characters (not bytes); no NUL.
Title = Annotated[str, StringConstraints(min_length=1, max_length=200), Trimmed, NoNul]


class TodoCreate(BaseModel):
    title: Title
    # Strict: JSON true or false only, not "yes", 1 or "true".
    done: StrictBool = False


class TodoUpdate(BaseModel):
    """Only the fields sent change; a field may be left out but not set to null."""

    title: Title | None = None
    done: StrictBool | None = None

    @field_validator("title", "done")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Runs only for fields present in the body (defaults are not validated).
        if value is None:
            raise ValueError("may be left out, but not null")
        return value


class TodoListQuery(BaseModel):
    """Which page of todos: `limit` 1..100 (default 20), `offset` >= 0, `done` filters when given."""

    limit: Annotated[int, Field(ge=1, le=100)] = 20
    offset: Annotated[int, Field(ge=0, le=MAX_OFFSET)] = 0
    done: Annotated[bool | None, Field(description="Only done (true) or open (false) ones")] = None


class TodoOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str = Field(examples=["0b7e3f4e-8d3c-4f6a-9a61-3d1f5c2b9e10"])
    title: str
    done: bool
    created_at: UTCDateTime
    updated_at: UTCDateTime


class TodoPage(BaseModel):
    # Read from the service's TodoList (a dataclass of model objects) as the route returns it.
    model_config = ConfigDict(from_attributes=True)

    items: list[TodoOut]
    total: int
    limit: int
    offset: int

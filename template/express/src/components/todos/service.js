const { HttpProblem } = require("../../lib/problem");
const { validate } = require("../../lib/validate");
const { todosRepository } = require("./repository");
const { TodoCreate, TodoId, TodoListQuery, TodoUpdate } = require("./schemas");

const NOT_FOUND = "Todo not found.";

/** The id as stored (lower case); an id that is not a UUID cannot name a todo: 404. */
function todoId(id) {
  const parsed = TodoId.safeParse(id);
  if (!parsed.success) throw new HttpProblem(404, NOT_FOUND);
  return parsed.data.toLowerCase();
}

function withoutUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/**
 * The rules of the todos resource, whichever API calls them (REST routes or GraphQL resolvers):
 * input validation (zod schemas in schemas.js), paging, ownership and "not found".
 *
 * `scope` holds the columns every query must match: `{ user_id }` when auth is on (someone
 * else's todo is then "not found", never "forbidden", which would reveal that it exists), `{}`
 * without auth. Input is plain data as a client sent it; invalid input throws HttpProblem 422 with
 * `errors: [{ field, message }]`, an unknown or malformed id HttpProblem 404. Todos come back as
 * `{ id, title, done, created_at, updated_at }` (RFC 3339 UTC strings).
 */
function todosService(db) {
  const todos = todosRepository(db);
  return {
    /**
     * A page, newest first. `query`: `{ limit?, offset?, done? }`, numbers or their decimal
     * strings, `done` as "true" / "false"; limit 1..100 (20), offset >= 0 (0).
     * Returns `{ items, total, limit, offset }`.
     */
    async list(scope, query) {
      const { limit, offset, done } = validate(TodoListQuery, query);
      const page = await todos.list(scope, { limit, offset, done });
      return { ...page, limit, offset };
    },

    /** `input`: `{ title, done? }`; the title is trimmed, 1..200 characters, no U+0000. */
    create(scope, input) {
      return todos.create(scope, validate(TodoCreate, input));
    },

    async get(scope, id) {
      const todo = await todos.get(scope, todoId(id));
      if (!todo) throw new HttpProblem(404, NOT_FOUND);
      return todo;
    },

    /** `changes`: `{ title?, done? }`; the id is checked first, so a bad id is 404 before 422. */
    async update(scope, id, changes) {
      const key = todoId(id);
      const todo = await todos.update(scope, key, withoutUndefined(validate(TodoUpdate, changes)));
      if (!todo) throw new HttpProblem(404, NOT_FOUND);
      return todo;
    },

    async remove(scope, id) {
      if (!(await todos.remove(scope, todoId(id)))) throw new HttpProblem(404, NOT_FOUND);
    },
  };
}

module.exports = { todosService };

const { randomUUID } = require("node:crypto");
const { now, toIso } = require("../../db");

/** The JSON shape of a todo; SQLite and MySQL return booleans as 0/1. */
function toTodo(row) {
  return {
    id: row.id,
    title: row.title,
    done: Boolean(row.done),
    created_at: toIso(row.created_at),
    updated_at: toIso(row.updated_at),
  };
}

/**
 * Data access for todos. `scope` holds the columns every query must match (the owner when auth
 * is on), so no query can reach another user's rows.
 */
function todosRepository(db) {
  return {
    async list(scope, { limit, offset, done }) {
      const filter = done === undefined ? scope : { ...scope, done };
      const rows = await db("todos")
        .where(filter)
        .orderBy([
          { column: "created_at", order: "desc" },
          { column: "id", order: "desc" },
        ])
        .limit(limit)
        .offset(offset);
      const [{ count }] = await db("todos").where(filter).count({ count: "*" });
      return { items: rows.map(toTodo), total: Number(count) };
    },

    async create(scope, { title, done }) {
      const timestamp = now();
      const row = {
        ...scope,
        id: randomUUID(),
        title,
        done,
        created_at: timestamp,
        updated_at: timestamp,
      };
      await db("todos").insert(row);
      return toTodo(row);
    },

    async get(scope, id) {
      const row = await db("todos")
        .where({ ...scope, id })
        .first();
      return row ? toTodo(row) : null;
    },

    async update(scope, id, changes) {
      if (Object.keys(changes).length > 0) {
        await db("todos")
          .where({ ...scope, id })
          .update({ ...changes, updated_at: now() });
      }
      return this.get(scope, id);
    },

    async remove(scope, id) {
      const deleted = await db("todos")
        .where({ ...scope, id })
        .delete();
      return deleted > 0;
    },
  };
}

module.exports = { todosRepository };

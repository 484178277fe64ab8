const { z } = require("zod");
const { Id } = require("../../db");

const Todo = z
  .object({
    id: z.string(),
    title: z.string(),
    done: z.boolean(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Todo" });

// Databases cannot store U+0000 (PostgreSQL refuses it): the client's mistake, so a 422.
const noNul = (value) => !value.includes("\u0000");

// trim() removes Unicode white space (ECMAScript's set: NBSP and U+3000 included).
const title = z
  .string({ error: "Title must be a string." })
  .trim()
  .refine(noNul, "Title must not contain the character U+0000.")
  .min(1, "Title must not be empty.")
  .max(200, "Title must be at most 200 characters.");
const done = z.boolean({ error: "Done must be true or false." });

// z.object() drops keys it does not know: unknown JSON fields are ignored, never stored.
const TodoCreate = z.object({ title, done: done.default(false) }).meta({ id: "TodoCreate" });
const TodoUpdate = z
  .object({ title: title.optional(), done: done.optional() })
  .meta({ id: "TodoUpdate" });

const TodoListQuery = z.object({
  limit: z.coerce
    .number({ error: "Limit must be a number." })
    .int("Limit must be a whole number.")
    .min(1, "Limit must be at least 1.")
    .max(100, "Limit must be at most 100.")
    .default(20),
  offset: z.coerce
    .number({ error: "Offset must be a number." })
    .int("Offset must be a whole number.")
    .min(0, "Offset must not be negative.")
    .default(0),
  done: z
    .enum(["true", "false"], { error: "Done must be true or false." })
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true")),
});

const TodoPage = z
  .object({ items: z.array(Todo), total: z.int(), limit: z.int(), offset: z.int() })
  .meta({ id: "TodoPage" });

// The id form of the database family (src/db: a UUID for SQL, an ObjectId's 24 lowercase hex
// digits for MongoDB); anything else cannot name a todo, so it is a 404.
const TodoId = Id;

module.exports = { Todo, TodoCreate, TodoId, TodoListQuery, TodoPage, TodoUpdate };

const { randomUUID } = require("node:crypto");
const { isUniqueViolation, now, toIso } = require("../../db");
const { HttpProblem } = require("../../lib/problem");
const { hashPassword, verifyPassword } = require("./passwords");

/** The public JSON shape of a user: never the password hash. */
function toUser(row) {
  return { id: row.id, email: row.email, created_at: toIso(row.created_at) };
}

function usersRepository(db) {
  return {
    async register({ email, password }) {
      const row = {
        id: randomUUID(),
        email,
        password_hash: await hashPassword(password),
        created_at: now(),
      };
      try {
        await db("users").insert(row);
      } catch (error) {
        // The unique index decides, so two simultaneous sign-ups cannot both win.
        if (isUniqueViolation(error))
          throw new HttpProblem(409, "This email is already registered.");
        throw error;
      }
      return toUser(row);
    },

    /** The user when email and password match, else null (the caller cannot tell which failed). */
    async authenticate({ email, password }) {
      const row = await db("users").where({ email }).first();
      const matches = await verifyPassword(row?.password_hash, password);
      return row && matches ? toUser(row) : null;
    },

    async findById(id) {
      const row = await db("users").where({ id }).first();
      return row ? toUser(row) : null;
    },
  };
}

module.exports = { usersRepository };

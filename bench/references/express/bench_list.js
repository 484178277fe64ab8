// Reference: the smallest auth'd, database-backed list, written as Express's guides write one:
// the driver directly (Node's built-in SQLite, as the generated app uses), a statement prepared
// once, jsonwebtoken with the secret as a string, and the same table the generated app migrated.
const express = require("express");
const jwt = require("jsonwebtoken");
const { DatabaseSync } = require("node:sqlite");

const db = new DatabaseSync(process.env.BENCH_SQLITE_PATH);
const listTodos = db.prepare(
  "SELECT id, title, done, created_at, updated_at FROM todos WHERE user_id = ? " +
    "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
);

function requireUser(req, res, next) {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  try {
    req.userId = jwt.verify(token, process.env.SECRET_KEY, { algorithms: ["HS256"] }).sub;
    next();
  } catch {
    res.status(401).json({ detail: "invalid token" });
  }
}

const app = express();
app.get("/api/todos", requireUser, (req, res) => {
  const limit = Number(req.query.limit ?? 20);
  const offset = Number(req.query.offset ?? 0);
  const items = listTodos.all(req.userId, limit, offset).map((row) => ({ ...row, done: !!row.done }));
  res.json({ items, limit, offset });
});
app.listen(Number(process.env.PORT), "0.0.0.0");

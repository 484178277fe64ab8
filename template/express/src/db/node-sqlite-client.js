// A knex client for Node's built-in SQLite (`node:sqlite`), so SQLite needs no native addon:
// better-sqlite3 and sqlite3 download or compile a binary at install time, which fails on machines
// without a compiler or network access to GitHub. node:sqlite has nearly the same synchronous API
// as better-sqlite3, so this reuses knex's better-sqlite3 dialect and only swaps the driver calls.
const { DatabaseSync } = require("node:sqlite");
const BetterSqlite3Client = require("knex/lib/dialects/better-sqlite3");

class NodeSqliteClient extends BetterSqlite3Client {
  _driver() {
    return { DatabaseSync };
  }

  async acquireRawConnection() {
    const db = new DatabaseSync(this.connectionSettings.filename);
    // WAL lets readers work while a write is in progress; busy_timeout waits for a lock instead
    // of failing at once; SQLite leaves foreign keys off unless asked.
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA busy_timeout = 5000");
    db.exec("PRAGMA foreign_keys = ON");
    return db;
  }

  async _query(connection, obj) {
    if (!obj.sql) throw new Error("The query is empty");
    const statement = connection.prepare(obj.sql);
    const bindings = this._formatBindings(obj.bindings);
    // node:sqlite has no `statement.reader`: a statement that returns rows has result columns.
    if (statement.columns().length > 0) {
      obj.response = statement.all(...bindings);
      return obj;
    }
    const response = statement.run(...bindings);
    obj.response = response;
    obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
    return obj;
  }

  _formatBindings(bindings = []) {
    return bindings.map((value) => {
      // ISO 8601 strings sort in time order and read well in the sqlite3 shell.
      if (value instanceof Date) return value.toISOString();
      if (typeof value === "boolean") return Number(value);
      if (value === undefined) return null;
      return value;
    });
  }
}

Object.assign(NodeSqliteClient.prototype, { driverName: "node:sqlite" });

module.exports = { NodeSqliteClient };

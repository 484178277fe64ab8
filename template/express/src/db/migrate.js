// `make migrate`: applies the pending migrations in src/db/migrations to DATABASE_URL.
const { DEFAULT_DATABASE_URL } = require("../config");
const { createDb } = require(".");

async function main() {
  // Only the database URL matters here, so migrating works before SECRET_KEY is set.
  const db = createDb(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  try {
    const [batch, applied] = await db.migrate.latest();
    if (applied.length === 0) {
      console.log("Database schema is up to date.");
    } else {
      console.log(`Applied batch ${batch}: ${applied.join(", ")}`);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(`Migration failed: ${error.message}`);
  process.exitCode = 1;
});

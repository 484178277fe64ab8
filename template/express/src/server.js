// The process entry point: configuration, database, HTTP server and a graceful shutdown.
const { ConfigError, loadConfig } = require("./config");
const { createApp } = require("./app");
const { createDb } = require("./db");
const { createLogger } = require("./lib/logger");

function start() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A configuration mistake is the operator's to fix: say what is wrong, no stack trace.
    console.error(error.message);
    process.exit(1);
  }
  const logger = createLogger(config);
  if (config.trustProxy === true) {
    logger.warn(
      "FORWARDED_ALLOW_IPS=* believes X-Forwarded-For from any peer: safe only when every request " +
        "comes through your proxy, else clients choose their own address (and login rate limit)",
    );
  }
  const db = createDb(config.databaseUrl);
  const app = createApp({ config, db, logger });

  const server = app.listen(config.port, "0.0.0.0", (error) => {
    if (error) {
      logger.fatal({ err: error }, "could not listen");
      process.exit(1);
    }
    logger.info(`listening on http://0.0.0.0:${config.port} (${config.appEnv}); API docs at /docs`);
  });

  // Orchestrators (Docker, Kubernetes, systemd) send SIGTERM: finish the requests in flight,
  // close the database pool, then exit.
  const shutdown = (signal) => {
    logger.info(`${signal} received, shutting down`);
    server.close(() => {
      db.destroy().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

start();

const express = require("express");
const { z } = require("zod");
const { ping } = require("../../db");
const { methodNotAllowed } = require("../../lib/problem");

const CHECK_TIMEOUT_MS = 2_000;

const Liveness = z.object({ status: z.literal("ok") }).meta({ id: "Liveness" });
const Readiness = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    checks: z.object({ database: z.enum(["ok", "unreachable"]) }),
  })
  .meta({ id: "Readiness" });

/** Resolves true when the database answers within the timeout; never rejects. */
async function databaseAnswers(db) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(resolve, CHECK_TIMEOUT_MS, false);
  });
  const query = ping(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness says the process runs (restart it when this fails); readiness says it can serve
 * (send it traffic only when this passes). A load balancer or Kubernetes probes both.
 */
function healthRouter({ db }) {
  const router = express.Router({ strict: true }); // a trailing slash is another path: 404
  router
    .route("/health/live")
    .get((_req, res) => res.json({ status: "ok" }))
    .all(methodNotAllowed);
  router
    .route("/health/ready")
    .get(async (_req, res) => {
      const ok = await databaseAnswers(db);
      res.status(ok ? 200 : 503).json({
        status: ok ? "ok" : "unavailable",
        checks: { database: ok ? "ok" : "unreachable" },
      });
    })
    .all(methodNotAllowed);
  return router;
}

function registerHealthDocs(registry) {
  registry.registerPath({
    method: "get",
    path: "/health/live",
    tags: ["health"],
    summary: "Liveness: the process is running",
    responses: {
      200: { description: "Alive", content: { "application/json": { schema: Liveness } } },
    },
  });
  registry.registerPath({
    method: "get",
    path: "/health/ready",
    tags: ["health"],
    summary: "Readiness: the database answers",
    responses: {
      200: { description: "Ready", content: { "application/json": { schema: Readiness } } },
      503: {
        description: "Database unreachable",
        content: { "application/json": { schema: Readiness } },
      },
    },
  });
}

module.exports = { healthRouter, registerHealthDocs };

const { MemoryStore, ipKeyGenerator, rateLimit } = require("express-rate-limit");
const { HttpProblem } = require("../../lib/problem");

const WINDOW_MS = 60_000;
const TOO_MANY = "Too many login attempts: wait a minute and try again.";

/**
 * Slows password guessing: at most `limitPerMinute` login attempts per client address. Counters
 * live in this process's memory; with several instances, give express-rate-limit a shared store
 * (Redis, a database) so the limit holds across them.
 *
 * Returns `middleware` (for a route: one request, one attempt) and `hit(req)`, which counts one
 * attempt by hand, for an API where one request can hold several logins (GraphQL aliases). Both
 * count in the same store with the same key; `hit` throws HttpProblem 429 with a Retry-After header
 * (whole seconds until the window ends) once the limit is passed.
 */
function loginRateLimit(limitPerMinute) {
  const store = new MemoryStore();
  const middleware = rateLimit({
    windowMs: WINDOW_MS,
    limit: limitPerMinute,
    store,
    standardHeaders: "draft-8", // RateLimit headers, and Retry-After once the limit is hit
    legacyHeaders: false,
    // The key is req.ip, which FORWARDED_ALLOW_IPS governs (src/config.js). Its `*` (trust proxy =
    // true) is the operator's explicit choice, warned about once at start by src/server.js, not
    // with a stack trace on the first login.
    validate: { trustProxy: false },
    handler(_req, _res, next) {
      next(new HttpProblem(429, TOO_MANY));
    },
  });

  async function hit(req) {
    // The middleware's own key: the address, IPv6 ones by their /56 network.
    const { totalHits, resetTime } = await store.increment(ipKeyGenerator(req.ip));
    if (totalHits > limitPerMinute) {
      const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? 0) - Date.now()) / 1000));
      throw new HttpProblem(429, TOO_MANY, { headers: { "Retry-After": String(seconds) } });
    }
  }

  return { middleware, hit };
}

module.exports = { loginRateLimit };

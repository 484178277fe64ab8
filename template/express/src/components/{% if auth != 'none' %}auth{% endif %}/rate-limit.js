const { rateLimit } = require("express-rate-limit");
const { HttpProblem } = require("../../lib/problem");

/**
 * Slows password guessing: at most `limitPerMinute` login attempts per client address. Counters
 * live in this process's memory; with several instances, give express-rate-limit a shared store
 * (Redis, a database) so the limit holds across them.
 */
function loginRateLimit(limitPerMinute) {
  return rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: "draft-8", // RateLimit headers, and Retry-After once the limit is hit
    legacyHeaders: false,
    // The key is req.ip, which FORWARDED_ALLOW_IPS governs (src/config.js). Its `*` (trust proxy =
    // true) is the operator's explicit choice, warned about once at start by src/server.js, not
    // with a stack trace on the first login.
    validate: { trustProxy: false },
    handler(_req, _res, next) {
      next(new HttpProblem(429, "Too many login attempts: wait a minute and try again."));
    },
  });
}

module.exports = { loginRateLimit };

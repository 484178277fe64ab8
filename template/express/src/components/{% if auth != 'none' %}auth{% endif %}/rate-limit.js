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
    handler(_req, _res, next) {
      next(new HttpProblem(429, "Too many login attempts: wait a minute and try again."));
    },
  });
}

module.exports = { loginRateLimit };

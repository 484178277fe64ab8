const client = require("prom-client");

/**
 * Prometheus metrics: a request counter and a latency histogram per route. Labels use the route
 * pattern (`/api/todos/:id`), not the raw path, so the number of series stays bounded.
 */
function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const labelNames = ["method", "route", "status"];
  const requests = new client.Counter({
    name: "http_requests_total",
    help: "HTTP requests by method, route and status",
    labelNames,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request latency by method, route and status",
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  function middleware(req, res, next) {
    const stopTimer = duration.startTimer();
    res.on("finish", () => {
      const route = req.route ? `${req.baseUrl}${req.route.path}` : "unmatched";
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      stopTimer(labels);
    });
    next();
  }

  async function handler(_req, res) {
    res.type(registry.contentType).send(await registry.metrics());
  }

  return { middleware, handler };
}

module.exports = { createMetrics };

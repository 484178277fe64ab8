const { randomUUID } = require("node:crypto");
const pino = require("pino");
const pinoHttp = require("pino-http");

// Visible ASCII only and not too long: the value is echoed in a header and written to the logs.
const CLIENT_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** JSON lines (one object per line, ready for a log collector); readable lines in development. */
function createLogger(config) {
  let transport;
  if (config.isDevelopment) {
    try {
      require.resolve("pino-pretty"); // a dev dependency: absent from production installs
      transport = {
        target: "pino-pretty",
        // The message already reads "GET /api/todos 200 3ms": hide the fields it repeats.
        options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,req,res,responseTime" },
      };
    } catch {
      transport = undefined;
    }
  }
  return pino({ level: config.logLevel, transport });
}

function requestLine(req, res, responseTime) {
  const duration = Number.isNaN(responseTime) ? "" : ` ${Math.round(responseTime)}ms`;
  return `${req.method} ${req.originalUrl} ${res.statusCode}${duration} id=${req.id}`;
}

/** Gives every request an id (the client's X-Request-ID when it sent one) and logs one line. */
function requestLogger(logger) {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const sent = req.headers["x-request-id"];
      const id = typeof sent === "string" && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
      res.setHeader("X-Request-ID", id);
      return id;
    },
    customLogLevel(_req, res, err) {
      if (err || res.statusCode >= 500) return "error";
      return "info";
    },
    // The id is in the message too, so even the readable development lines can be traced.
    customSuccessMessage: requestLine,
    customErrorMessage: (req, res, err) => `${requestLine(req, res, Number.NaN)} ${err.message}`,
    serializers: {
      // `client` is Express's req.ip: the peer, or behind a trusted proxy (FORWARDED_ALLOW_IPS)
      // the address it forwarded.
      req: (req) => ({ id: req.id, method: req.method, path: req.url, client: req.raw.ip }),
      res: (res) => ({ status: res.statusCode }),
    },
  });
}

module.exports = { createLogger, requestLogger };

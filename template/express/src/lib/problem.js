// RFC 9457 problem details: every error leaves the API in this one shape.
const { STATUS_CODES } = require("node:http");

class HttpProblem extends Error {
  /**
   * @param {number} status HTTP status code
   * @param {string} [detail] human-readable explanation for this occurrence
   * @param {{errors?: {field: string, message: string}[], headers?: Record<string, string>}} [extra]
   */
  constructor(status, detail, { errors, headers } = {}) {
    super(detail ?? STATUS_CODES[status]);
    this.status = status;
    this.detail = detail ?? STATUS_CODES[status];
    this.errors = errors;
    this.headers = headers ?? {};
  }
}

function sendProblem(res, { status, detail, errors }) {
  const body = { type: "about:blank", title: STATUS_CODES[status], status, detail };
  if (errors) body.errors = errors;
  res.status(status).type("application/problem+json").json(body);
}

/** Client mistakes that body-parser reports, by its `type`. */
const BODY_PARSER_ERRORS = {
  "entity.parse.failed": [400, "The request body is not valid JSON."],
  "entity.too.large": [413, "The request body is larger than 1 MiB."],
  "encoding.unsupported": [415, "Unsupported content encoding."],
  "charset.unsupported": [415, "Unsupported charset: send UTF-8 JSON."],
  "request.aborted": [400, "The request was aborted."],
};

/** The last middleware: turns any error into a problem response. */
function errorHandler(logger) {
  // Express recognises error handlers by their four parameters, so `_next` must stay.
  return (err, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (err instanceof HttpProblem) {
      res.set(err.headers);
      sendProblem(res, err);
      return;
    }
    const known = BODY_PARSER_ERRORS[err.type];
    if (known) {
      sendProblem(res, { status: known[0], detail: known[1] });
      return;
    }
    if (Number.isInteger(err.status) && err.status >= 400 && err.status < 500) {
      sendProblem(res, { status: err.status, detail: STATUS_CODES[err.status] });
      return;
    }
    (req.log ?? logger).error({ err }, "unhandled error");
    sendProblem(res, { status: 500, detail: "An unexpected error occurred." });
  };
}

/** After every route: nothing matched the path. */
function notFound(req, _res, next) {
  next(new HttpProblem(404, `No resource at ${req.path}.`));
}

/**
 * Ends a route chain with `.all(methodNotAllowed)`: the path exists, the method does not.
 * The Allow header lists the methods the route does handle.
 */
function methodNotAllowed(req, _res, next) {
  const methods = Object.keys(req.route.methods)
    .filter((method) => method !== "_all")
    .map((method) => method.toUpperCase());
  if (methods.includes("GET")) methods.push("HEAD");
  next(
    new HttpProblem(405, `${req.method} is not allowed on ${req.path}.`, {
      headers: { Allow: methods.join(", ") },
    }),
  );
}

module.exports = { HttpProblem, errorHandler, methodNotAllowed, notFound, sendProblem };

const express = require("express");
const { HttpProblem } = require("./problem");

const BODY_LIMIT = "1mb"; // 1 MiB: larger bodies get 413
const JSON_TYPES = ["application/json", "application/*+json"];

function hasBody(req) {
  return (
    req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"]) > 0
  );
}

/**
 * Parses JSON request bodies and refuses any other kind with 415. An empty body is allowed
 * (some clients send `Content-Length: 0` on a bare POST) and validates as `{}`.
 */
function jsonBody() {
  const parse = express.json({ limit: BODY_LIMIT, type: JSON_TYPES });
  return (req, res, next) => {
    if (["POST", "PUT", "PATCH"].includes(req.method) && hasBody(req) && !req.is(JSON_TYPES)) {
      next(new HttpProblem(415, "Send the request body as application/json."));
      return;
    }
    parse(req, res, (err) => {
      if (!err && req.body === undefined) req.body = {};
      next(err);
    });
  };
}

module.exports = { jsonBody };

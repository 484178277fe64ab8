const express = require("express");
const { HttpProblem } = require("./problem");

const BODY_LIMIT = "1mb"; // 1 MiB: larger bodies get 413
const JSON_TYPES = ["application/json", "application/*+json"];
const MAX_DEPTH = 1000; // arrays and objects inside each other; the same bound in every stack
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

function hasBody(req) {
  return (
    req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"]) > 0
  );
}

/**
 * The deepest nesting of arrays and objects in JSON text, brackets inside strings not counted.
 * Stops counting past `limit`. A linear scan: the text is parsed only once it is known to be sane.
 */
function nestingDepth(text, limit) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length && deepest <= limit; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") {
        i++; // skips the escaped character, `\"` included
      } else if (char === '"') {
        inString = false;
      }
    } else if (char === '"') {
      inString = true;
    } else if (char === "[" || char === "{") {
      deepest = Math.max(deepest, ++depth);
    } else if (char === "]" || char === "}") {
      depth--;
    }
  }
  return deepest;
}

/**
 * body-parser's `verify` hook, on the raw bytes before they are decoded: refuses (400) a body that
 * is not valid UTF-8, which the decoder would otherwise turn into U+FFFD and store, and JSON nested
 * deeper than MAX_DEPTH, a parser limit in other stacks (RFC 8259 section 9 lets a parser set one).
 */
function checkJsonText(_req, _res, buffer, encoding) {
  if (encoding !== "utf-8") return; // body-parser decodes UTF-16 and UTF-32 itself
  let text;
  try {
    text = STRICT_UTF8.decode(buffer);
  } catch {
    throw new HttpProblem(400, "The request body is not valid UTF-8.");
  }
  if (nestingDepth(text, MAX_DEPTH) > MAX_DEPTH) {
    throw new HttpProblem(400, `JSON nested too deeply (more than ${MAX_DEPTH} levels).`);
  }
}

/**
 * Parses JSON request bodies and refuses any other kind with 415. An empty body is allowed
 * (some clients send `Content-Length: 0` on a bare POST) and validates as `{}`. A body must be a
 * JSON object: `null`, arrays, numbers and strings are 422 on the field `body`, or with
 * `nonObject: 400` a plain 400 (GraphQL over HTTP calls such a body a malformed request).
 */
function jsonBody({ nonObject = 422 } = {}) {
  // strict: false lets `null`, `1` or `"x"` parse, so they get the same 422 as an array
  // instead of a 400 "not JSON": they are JSON, just not an object.
  const parse = express.json({
    limit: BODY_LIMIT,
    type: JSON_TYPES,
    strict: false,
    verify: checkJsonText,
  });
  return (req, res, next) => {
    if (["POST", "PUT", "PATCH"].includes(req.method) && hasBody(req) && !req.is(JSON_TYPES)) {
      next(new HttpProblem(415, "Send the request body as application/json."));
      return;
    }
    parse(req, res, (err) => {
      if (err) {
        next(err);
        return;
      }
      if (req.body === undefined) {
        req.body = {};
      } else if (req.body === null || typeof req.body !== "object" || Array.isArray(req.body)) {
        const errors = [{ field: "body", message: "must be a JSON object" }];
        next(
          new HttpProblem(nonObject, "The request body must be a JSON object.", {
            errors: nonObject === 422 ? errors : undefined,
          }),
        );
        return;
      }
      next();
    });
  };
}

module.exports = { jsonBody, nestingDepth };

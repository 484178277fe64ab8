// How errors leave the GraphQL API: every entry of `errors` carries `extensions.code`
// (docs/CONTRACT.md "GraphQL"). The service layer throws the same HttpProblem the REST routes turn
// into problem details; here its status becomes a code, so both APIs say the same thing.
const { GraphQLError } = require("graphql");
const { HttpProblem } = require("../lib/problem");

const CODES = {
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  422: "BAD_USER_INPUT",
  429: "TOO_MANY_REQUESTS",
};
const INTERNAL = "Internal server error";

/** `refresh_token` (the REST field) -> `refreshToken` (the GraphQL argument). */
function camelCase(name) {
  return name.replace(/_([a-z])/g, (_match, letter) => letter.toUpperCase());
}

/** The same error with `extensions.code` = `code` (GraphQLError's fields are read-only). */
function withCode(error, code) {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

/**
 * True for an error of execution that is not a client mistake: a resolver threw something other
 * than HttpProblem (a bug, an outage), or graphql-js found a broken promise of the schema (null for
 * a non-null field). Request errors (no `path`) and HttpProblems are the client's.
 */
function isInternal(error) {
  if (error.extensions?.code) return false;
  const original = error.originalError;
  return original ? !(original instanceof HttpProblem) : Boolean(error.path);
}

/**
 * graphql-http's `formatError`: one entry of `errors` as sent, `{ message, locations?, path?,
 * extensions: { code, ... } }`. HttpProblem statuses map to CODES (422 adds `errors: [{ field,
 * message }]` with GraphQL's argument names, 429 `retryAfter` in whole seconds); errors that
 * already have a code (parse and validation errors, tagged in index.js) keep it; other request
 * errors are GRAPHQL_VALIDATION_FAILED; internal ones (isInternal) are INTERNAL_SERVER_ERROR with a
 * fixed message (index.js logs the original with its stack).
 */
function formatError(error) {
  // graphql-http passes a plain Error for a malformed request (no `query`, ...); index.js turns
  // those into problem details and reads only the message.
  if (!(error instanceof GraphQLError)) return { message: error.message };
  const { message, locations, path } = error.toJSON();
  const original = error.originalError;
  const shape = (text, extensions) => ({
    message: text,
    ...(locations && { locations }),
    ...(path && { path }),
    extensions,
  });
  if (original instanceof HttpProblem) {
    const extensions = { code: CODES[original.status] ?? "INTERNAL_SERVER_ERROR" };
    if (original.errors) {
      extensions.errors = original.errors.map((entry) => ({
        field: camelCase(entry.field),
        message: entry.message,
      }));
    }
    if (original.headers["Retry-After"]) {
      extensions.retryAfter = Number(original.headers["Retry-After"]);
    }
    return shape(original.detail, extensions);
  }
  if (isInternal(error)) return shape(INTERNAL, { code: "INTERNAL_SERVER_ERROR" });
  // What is left is a request error nothing ran for: tagged in index.js, or found by graphql-http
  // itself (an `operationName` the document does not have, a subscription).
  return shape(message, {
    ...error.extensions,
    code: error.extensions?.code ?? "GRAPHQL_VALIDATION_FAILED",
  });
}

module.exports = { formatError, isInternal, withCode };

// Zod schemas describe the input once: they validate requests here and document them in OpenAPI.
const { HttpProblem } = require("./problem");

/** Parses `data` with `schema` or throws a 422 problem listing every invalid field. */
function validate(schema, data) {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join(".") : "body",
    message: issue.message,
  }));
  throw new HttpProblem(422, "The request has invalid fields.", { errors });
}

module.exports = { validate };

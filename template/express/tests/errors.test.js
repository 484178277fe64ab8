// Every client mistake gets an RFC 9457 problem response with a 4xx status, never a 5xx.
const request = require("supertest");
const { newClient, useTestApp } = require("./helpers");

const ctx = useTestApp();
let client;

beforeEach(async () => {
  client = await newClient(ctx.app);
});

function expectProblem(response, status) {
  expect(response.status).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(
    expect.objectContaining({
      type: "about:blank",
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
}

it("answers an unknown path with 404", async () => {
  expectProblem(await request(ctx.app).get("/nowhere"), 404);
});

it("answers a wrong method on a known path with 405 and an Allow header", async () => {
  const response = await client.delete("/api/todos");
  expectProblem(response, 405);
  expect(response.headers.allow).toBe("GET, POST, HEAD");
});

it("answers a wrong method on a health check with 405", async () => {
  const response = await request(ctx.app).post("/health/live");
  expectProblem(response, 405);
  expect(response.headers.allow).toBe("GET, HEAD");
});

it("rejects malformed JSON with 400", async () => {
  const response = await client
    .post("/api/todos")
    .set("Content-Type", "application/json")
    .send('{"title": ');
  expectProblem(response, 400);
});

it("rejects a body that is not JSON with 415", async () => {
  const response = await client
    .post("/api/todos")
    .set("Content-Type", "text/plain")
    .send("title=hello");
  expectProblem(response, 415);
});

it("rejects a form-encoded body with 415", async () => {
  const response = await client
    .patch("/api/todos/3f2b8a58-7d1c-4a77-9f5e-2d6c1b0e9a41")
    .type("form")
    .send({ done: "true" });
  expectProblem(response, 415);
});

it("rejects a body over 1 MiB with 413", async () => {
  const response = await client.post("/api/todos").send({ title: "x".repeat(1024 * 1024 + 1) });
  expectProblem(response, 413);
});

it("reports every invalid field with 422", async () => {
  const response = await client.post("/api/todos").send({ title: "", done: "no" });
  expectProblem(response, 422);
  expect(response.body.errors.map((error) => error.field).sort()).toEqual(["done", "title"]);
});

it("treats a JSON body that is not an object as invalid (422)", async () => {
  const response = await client.post("/api/todos").send([1, 2]);
  expectProblem(response, 422);
});

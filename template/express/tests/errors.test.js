// Every client mistake gets an RFC 9457 problem response with a 4xx status, never a 5xx.
const net = require("node:net");
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

it.each(["null", "[]", "[1, 2]", "1", '"x"', "true"])(
  "answers JSON that is not an object (%s) with 422 on the field body",
  async (json) => {
    const response = await client
      .post("/api/todos")
      .set("Content-Type", "application/json")
      .send(json);
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([{ field: "body", message: "must be a JSON object" }]);
  },
);

describe("input a database or a parser cannot take", () => {
  it("answers a body that is not valid UTF-8 with 400, never storing U+FFFD", async () => {
    const body = Buffer.concat([
      Buffer.from('{"title": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}'),
    ]);
    const response = await client
      .post("/api/todos")
      .set("Content-Type", "application/json")
      .serialize((bytes) => bytes) // as they are: superagent would turn a Buffer into JSON
      .send(body);
    expectProblem(response, 400);
    expect(response.body.detail).toMatch(/UTF-8/);
  });

  it("answers a title holding U+0000 with 422 on the field title", async () => {
    const response = await client.post("/api/todos").send({ title: "a\u0000b" });
    expectProblem(response, 422);
    expect(response.body.errors.map((error) => error.field)).toEqual(["title"]);
  });

  it("trims Unicode white space: a title of only NBSP and ideographic spaces is empty (422)", async () => {
    const response = await client.post("/api/todos").send({ title: "\u00a0\u3000\u00a0" });
    expectProblem(response, 422);
    const kept = await client.post("/api/todos").send({ title: "\u00a0 tea \u3000" });
    expect(kept.body.title).toBe("tea");
  });

  it.each(["limit", "offset"])("answers a %s beyond 64 bits with 422", async (name) => {
    const response = await client.get(`/api/todos?${name}=99999999999999999999999`);
    expectProblem(response, 422);
    expect(new Set(response.body.errors.map((error) => error.field))).toEqual(new Set([name]));
  });

  it("answers JSON nested deeper than 1000 levels with 400", async () => {
    const depth = 100_000;
    const response = await client
      .post("/api/todos")
      .set("Content-Type", "application/json")
      .send(`{"title": ${"[".repeat(depth)}${"]".repeat(depth)}}`);
    expectProblem(response, 400);
    expect(response.body.detail).toMatch(/nested too deeply/);
  });

  it("takes JSON nested 1000 levels deep (and brackets inside strings) as JSON", async () => {
    const response = await client
      .post("/api/todos")
      .set("Content-Type", "application/json")
      .send(`{"title": "[[{{", "x": ${"[".repeat(999)}${"]".repeat(999)}}`);
    expect(response.status).toBe(201);
  });
});

describe("a trailing slash is another path", () => {
  it.each(["/api/todos/", "/health/live/", "/openapi.json/"])(
    "answers %s with 404, no redirect",
    async (url) => {
      expectProblem(await client.get(url), 404);
    },
  );
});

it("lets a client that sends a whole 2 MiB body before reading get the 413 problem", async () => {
  // Such clients (Python's urllib, requests) see a connection reset when a server answers and
  // closes while the body is still arriving: the body must be read to its end first.
  const server = ctx.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const body = JSON.stringify({ title: "x".repeat(2 * 1024 * 1024) });
    const answer = await new Promise((resolve, reject) => {
      const socket = net.connect(server.address().port, "127.0.0.1");
      const chunks = [];
      socket.on("data", (chunk) => chunks.push(chunk));
      socket.on("error", reject);
      socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      socket.write(
        "POST /api/todos HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n" +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
      );
      socket.end(body);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain("application/problem+json");
    expect(answer).toContain('"status":413');
  } finally {
    server.close();
  }
});

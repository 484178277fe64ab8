// Operations: health checks, metrics, request ids, API description and docs.
const express = require("express");
const pino = require("pino");
const request = require("supertest");
const { createApp } = require("../src/app");
const { loadConfig } = require("../src/config");
const { healthRouter } = require("../src/components/health/routes");
const { useTestApp } = require("./helpers");

const ctx = useTestApp();

describe("health", () => {
  it("reports the process alive on /health/live", async () => {
    const response = await request(ctx.app).get("/health/live");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
  });

  it("reports the database reachable on /health/ready", async () => {
    const response = await request(ctx.app).get("/health/ready");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok", checks: { database: "ok" } });
  });

  it("answers 503 while the database is down and 200 again once it is back", async () => {
    let down = true;
    const flakyDb = {
      raw: async () => (down ? Promise.reject(new Error("connection refused")) : [1]),
    };
    const app = express().use(healthRouter({ db: flakyDb }));
    const unavailable = await request(app).get("/health/ready");
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toEqual({
      status: "unavailable",
      checks: { database: "unreachable" },
    });
    down = false;
    expect((await request(app).get("/health/ready")).status).toBe(200);
  });
});

describe("request ids", () => {
  it("echoes the client's X-Request-ID", async () => {
    const response = await request(ctx.app).get("/health/live").set("X-Request-ID", "abc-123");
    expect(response.headers["x-request-id"]).toBe("abc-123");
  });

  it("generates an X-Request-ID when the client sent none, errors included", async () => {
    const response = await request(ctx.app).get("/nowhere");
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

it("serves Prometheus metrics with request counts and latency per route", async () => {
  await request(ctx.app).get("/api/todos/3f2b8a58-7d1c-4a77-9f5e-2d6c1b0e9a41");
  const response = await request(ctx.app).get("/metrics");
  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toMatch(/^text\/plain/);
  expect(response.text).toMatch(
    /http_requests_total\{method="GET",route="\/api\/todos\/:id",status="\d+"\} 1/,
  );
  expect(response.text).toContain("http_request_duration_seconds_bucket");
});

it("describes every endpoint in the OpenAPI document", async () => {
  const response = await request(ctx.app).get("/openapi.json");
  expect(response.status).toBe(200);
  expect(response.body.openapi).toMatch(/^3\./);
  expect(Object.keys(response.body.paths)).toEqual(
    expect.arrayContaining(["/health/live", "/health/ready", "/api/todos", "/api/todos/{id}"]),
  );
  expect(Object.keys(response.body.paths["/api/todos/{id}"]).sort()).toEqual([
    "delete",
    "get",
    "patch",
  ]);
});

it("serves the interactive API docs on /docs", async () => {
  const response = await request(ctx.app).get("/docs/");
  expect(response.status).toBe(200);
  expect(response.text).toContain("swagger-ui");
});

it("serves the docs' scripts and styles itself, so /docs works offline (no CDN)", async () => {
  const page = await request(ctx.app).get("/docs/");
  const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
  expect(assets).toEqual(expect.arrayContaining(["./swagger-ui.css", "./swagger-ui-bundle.js"]));
  for (const asset of assets) {
    expect(asset).not.toMatch(/^(https?:)?\/\//);
    const served = await request(ctx.app).get(new URL(asset, "http://app/docs/").pathname);
    expect(served.status).toBe(200);
  }
});

it("sends security headers", async () => {
  const response = await request(ctx.app).get("/health/live");
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  expect(response.headers["x-powered-by"]).toBeUndefined();
});

it("logs the client's address: the forwarded one only behind a trusted proxy", async () => {
  const logged = async (settings) => {
    const lines = [];
    const logger = pino({ level: "info" }, { write: (line) => lines.push(JSON.parse(line)) });
    const config = loadConfig({
      APP_ENV: "development",
      DATABASE_URL: "sqlite:///:memory:",
      ...settings,
    });
    const app = createApp({ config, db: ctx.db, logger });
    await request(app).get("/health/live").set("X-Forwarded-For", "203.0.113.9");
    return lines.find((line) => line.req).req.client;
  };
  expect(await logged({})).toBe("203.0.113.9"); // supertest connects from 127.0.0.1, trusted
  expect(await logged({ FORWARDED_ALLOW_IPS: "192.0.2.1" })).toMatch(/127\.0\.0\.1$/);
});

const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { ConfigError, loadConfig } = require("../src/config");
const { knexConfig } = require("../src/db");

describe("configuration", () => {
  it("has production defaults", () => {
    const config = loadConfig({ SECRET_KEY: "a-real-secret" });
    expect(config).toMatchObject({
      appEnv: "production",
      isDevelopment: false,
      port: 8000,
      logLevel: "info",
    });
    expect(config.databaseUrl).toBe("sqlite:///./data/app.db");
  });

  it("refuses to run in production without SECRET_KEY", () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
  });

  it("refuses the placeholder SECRET_KEY 'change-me'", () => {
    expect(() => loadConfig({ SECRET_KEY: "change-me", APP_ENV: "development" })).toThrow(
      /SECRET_KEY/,
    );
  });

  it("uses a development secret when APP_ENV=development", () => {
    expect(loadConfig({ APP_ENV: "development" }).secretKey).toEqual(expect.any(String));
  });

  it("reads the comma-separated CORS origins", () => {
    const config = loadConfig({ SECRET_KEY: "s", CORS_ORIGINS: "http://a.test, http://b.test" });
    expect(config.corsOrigins).toEqual(["http://a.test", "http://b.test"]);
  });

  it("rejects a port that is not a number", () => {
    expect(() => loadConfig({ SECRET_KEY: "s", PORT: "http" })).toThrow(/PORT/);
  });

  it("makes the server exit with status 1 and a clear message, no stack trace, without SECRET_KEY", () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, "..", "src", "server.js")], {
      env: { PATH: process.env.PATH, APP_ENV: "production" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SECRET_KEY");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("DATABASE_URL", () => {
  it("takes a relative SQLite path after sqlite:///", () => {
    expect(knexConfig("sqlite:///./data/app.db").connection).toEqual({ filename: "./data/app.db" });
  });

  it("takes an absolute SQLite path after sqlite:////", () => {
    expect(knexConfig("sqlite:////tmp/app.db").connection).toEqual({ filename: "/tmp/app.db" });
  });

  it("refuses an unknown scheme", () => {
    expect(() => knexConfig("oracle://db/x")).toThrow(/DATABASE_URL/);
  });
});

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

describe("LOG_LEVEL", () => {
  it.each([
    ["debug", "debug"],
    ["info", "info"],
    ["warning", "warn"],
    ["WARNING", "warn"],
    ["Warn", "warn"],
    ["error", "error"],
  ])("accepts %s (any case)", (value, level) => {
    expect(loadConfig({ SECRET_KEY: "s", LOG_LEVEL: value }).logLevel).toBe(level);
  });

  it("refuses any other value in one line naming LOG_LEVEL and the allowed values", () => {
    expect(() => loadConfig({ SECRET_KEY: "s", LOG_LEVEL: "verbose" })).toThrow(
      /^[^\n]*LOG_LEVEL[^\n]*debug, info, warning, warn, error[^\n]*$/,
    );
  });

  it("makes the server exit with one line on stderr for a bad LOG_LEVEL", () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, "..", "src", "server.js")], {
      env: { PATH: process.env.PATH, APP_ENV: "development", LOG_LEVEL: "loud" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining("LOG_LEVEL")]);
  });
});

describe("FORWARDED_ALLOW_IPS", () => {
  it("trusts 127.0.0.1 by default", () => {
    expect(loadConfig({ SECRET_KEY: "s" }).trustProxy).toEqual(["127.0.0.1"]);
  });

  it("takes addresses and CIDRs, or * for every peer", () => {
    const config = loadConfig({ SECRET_KEY: "s", FORWARDED_ALLOW_IPS: "10.0.0.0/8, ::1" });
    expect(config.trustProxy).toEqual(["10.0.0.0/8", "::1"]);
    expect(loadConfig({ SECRET_KEY: "s", FORWARDED_ALLOW_IPS: "*" }).trustProxy).toBe(true);
  });

  it("refuses an entry that is not an address in one line", () => {
    expect(() => loadConfig({ SECRET_KEY: "s", FORWARDED_ALLOW_IPS: "proxy.local" })).toThrow(
      /^FORWARDED_ALLOW_IPS[^\n]*$/,
    );
  });
});

describe("a bad DATABASE_URL", () => {
  it("stops the configuration in one line naming DATABASE_URL, without the password", () => {
    const refuse = () =>
      loadConfig({ SECRET_KEY: "s", DATABASE_URL: "oracle://scott:tiger@db.example.com/orcl" });
    expect(refuse).toThrow(ConfigError);
    expect(refuse).toThrow(/^DATABASE_URL[^\n]*$/);
    expect(refuse).not.toThrow(/tiger/);
  });
});

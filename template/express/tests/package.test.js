// What `npm install` runs: a generated project sends no telemetry.
const pkg = require("../package.json");

describe("install scripts", () => {
  it("never runs @scarf/scarf (swagger-ui-dist's install telemetry)", () => {
    // npm 11's allowScripts: a `false` entry blocks the package's postinstall outright.
    expect(pkg.allowScripts["@scarf/scarf"]).toBe(false);
    // Older npm, yarn and pnpm still run the script: this setting makes it send nothing.
    expect(pkg.scarfSettings.enabled).toBe(false);
  });

  it("runs no other dependency's install script (@parcel/watcher's only builds on request)", () => {
    expect(pkg.allowScripts["@parcel/watcher"]).toBe(false);
  });
});

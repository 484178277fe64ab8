// Opens an app's GraphiQL (GET /graphql, as a browser asks for it) in headless Chromium with no
// internet: every request that leaves 127.0.0.1 is aborted (and reported). Issue 11.3: the IDE's
// scripts and styles come from the app itself (template/_shared/graphiql), so it must render, run
// a query typed into its editor through the app's /graphql and show the result.
//
//   node browse_graphiql.cjs <playwright-core dir> <chromium> <graphql url> <screenshot.png>
//
// Prints one JSON line: {"ok": bool, "result": the result pane's text, "external": [urls
// aborted], "errors": [page errors], "reason": str}. Exit code 0 even when not ok: the caller
// (tests/generated/test_generated.py) asserts on the JSON.
"use strict";

const path = require("node:path");

const [playwrightDir, chromium, url, screenshot] = process.argv.slice(2);
const { chromium: browserType } = require(
  path.join(playwrightDir, "node_modules", "playwright-core"),
);

const TIMEOUT_MS = 30_000;
// Needs no user with any auth method, so the answer is known: {"data": {"__typename": "Query"}}.
const QUERY = "{ __typename }";

async function main() {
  const result = { ok: false, result: "", external: [], errors: [], reason: "" };
  const browser = await browserType.launch({
    executablePath: chromium,
    headless: true,
    // --no-sandbox: CI runs as root; the rest keeps Chromium from calling home or using a GPU.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route("**/*", (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === "127.0.0.1" || host === "localhost") return route.continue();
      result.external.push(route.request().url());
      return route.abort("internetdisconnected");
    });
    page.on("pageerror", (error) => result.errors.push(String(error)));
    const response = await page.goto(url, { waitUntil: "load", timeout: TIMEOUT_MS });
    if (!response || response.status() !== 200) {
      result.reason = `GET ${url} answered ${response ? response.status() : "nothing"}`;
    } else {
      try {
        // GraphiQL 3 edits with CodeMirror 5: its editor element carries the instance.
        await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: TIMEOUT_MS });
        await page.evaluate((query) => {
          document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(query);
        }, QUERY);
        await page.click(".graphiql-execute-button");
        await page.waitForFunction(
          () => {
            const pane = document.querySelector(".result-window .CodeMirror");
            return pane && pane.CodeMirror.getValue().includes("__typename");
          },
          null,
          { timeout: TIMEOUT_MS },
        );
        result.result = await page.evaluate(() =>
          document.querySelector(".result-window .CodeMirror").CodeMirror.getValue(),
        );
        result.ok = true;
      } catch (error) {
        result.reason = `no result of ${QUERY} within ${TIMEOUT_MS / 1000}s (${error.name}: ${error.message.split("\n")[0]})`;
      }
    }
    await page.screenshot({ path: screenshot, fullPage: false });
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ ok: false, reason: String(error) }) + "\n");
});

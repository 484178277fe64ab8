// Opens an app's GraphiQL (GET /graphql, as a browser asks for it) in headless Chromium with no
// internet: every request that leaves 127.0.0.1 is aborted (and reported). Issue 11.3: the IDE's
// scripts and styles come from the app itself (template/_shared/graphiql), so it must render, run
// a query typed into its editor through the app's /graphql and show the result.
//
//   node browse_graphiql.cjs <playwright-core dir> <chromium> <graphql url> <screenshot.png>
//
// Prints one JSON line: {"ok": bool, "result": the result pane's text, "schema": whether the
// IDE's own introspection query got the schema (its documentation explorer and completion need
// it), "external": [urls aborted], "errors": [page errors], "reason": str}. Exit code 0 even when not ok: the caller
// (tests/generated/test_generated.py) asserts on the JSON.
"use strict";

const { openOfflinePage } = require("./offline_page.cjs");

const [playwrightDir, chromium, url, screenshot] = process.argv.slice(2);

const TIMEOUT_MS = 30_000;
// Needs no user with any auth method, so the answer is known: {"data": {"__typename": "Query"}}.
const QUERY = "{ __typename }";

async function main() {
  const result = { ok: false, result: "", schema: false, external: [], errors: [], reason: "" };
  const { browser, page } = await openOfflinePage(
    playwrightDir,
    chromium,
    { width: 1280, height: 900 },
    result,
  );
  try {
    page.on("response", async (response) => {
      const request = response.request();
      if (request.method() !== "POST" || !(request.postData() || "").includes("__schema")) return;
      try {
        const body = await response.json();
        if (body && body.data && body.data.__schema) result.schema = true;
      } catch {
        // not JSON: the schema stays unknown (false)
      }
    });
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
        // GraphiQL reads the operation name from the editor's text after a debounce; the default
        // query is unnamed, so a click before it settles still sends no stale name.
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

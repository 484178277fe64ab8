// Opens an app's /docs in headless Chromium, as a learner does, with no internet: every request
// that leaves 127.0.0.1 is aborted (and reported). Issue 8.3: the operations list must show
// /api/todos, which proves Swagger UI's scripts and styles came from the app itself.
//
//   node browse_docs.cjs <playwright-core dir> <chromium> <docs url> <screenshot.png>
//
// Prints one JSON line: {"ok": bool, "paths": [operation paths shown], "external": [urls
// aborted], "errors": [page errors], "reason": str}. Exit code 0 even when not ok: the caller
// (tests/generated/test_generated.py) asserts on the JSON.
"use strict";

const { openOfflinePage } = require("./offline_page.cjs");

const [playwrightDir, chromium, url, screenshot] = process.argv.slice(2);

const TIMEOUT_MS = 30_000;

async function main() {
  const result = { ok: false, paths: [], external: [], errors: [], reason: "" };
  const { browser, page } = await openOfflinePage(
    playwrightDir,
    chromium,
    { width: 1280, height: 1600 },
    result,
  );
  try {
    const response = await page.goto(url, { waitUntil: "load", timeout: TIMEOUT_MS });
    if (!response || response.status() !== 200) {
      result.reason = `GET ${url} answered ${response ? response.status() : "nothing"}`;
    } else {
      try {
        // Swagger UI renders each operation's path as .opblock-summary-path (data-path=...).
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll(".opblock-summary-path")].some(
              (el) => (el.getAttribute("data-path") || el.textContent).trim() === "/api/todos",
            ),
          null,
          { timeout: TIMEOUT_MS },
        );
        result.ok = true;
      } catch (error) {
        result.reason = `no operation /api/todos within ${TIMEOUT_MS / 1000}s (${error.name})`;
      }
      result.paths = await page.$$eval(".opblock-summary-path", (els) =>
        els.map((el) => (el.getAttribute("data-path") || el.textContent).trim()),
      );
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

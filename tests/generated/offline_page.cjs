// The browser both page checks (browse_docs.cjs, browse_graphiql.cjs) open pages in: Debian's
// Chromium driven by playwright-core, headless, with no internet. Every request that leaves
// 127.0.0.1 is aborted and its URL pushed to result.external; page errors go to result.errors.
"use strict";

const path = require("node:path");

/**
 * Launches Chromium and opens one offline page.
 * @param {string} playwrightDir folder holding node_modules/playwright-core
 * @param {string} chromium path of the Chromium executable
 * @param {{width: number, height: number}} viewport in CSS pixels
 * @param {{external: string[], errors: string[]}} result filled as the page runs
 * @returns {Promise<{browser, page}>} the caller closes the browser
 */
async function openOfflinePage(playwrightDir, chromium, viewport, result) {
  const { chromium: browserType } = require(
    path.join(playwrightDir, "node_modules", "playwright-core"),
  );
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
    const page = await browser.newPage({ viewport });
    await page.route("**/*", (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === "127.0.0.1" || host === "localhost") return route.continue();
      result.external.push(route.request().url());
      return route.abort("internetdisconnected");
    });
    page.on("pageerror", (error) => result.errors.push(String(error)));
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

module.exports = { openOfflinePage };
